"""The main window: a sidebar of screens, the screen itself, menus and the undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from infcrm import __version__
from infcrm.db.engine import Database
from infcrm.ui.views.placeholder_view import PlaceholderView

# (key, sidebar label, what the screen is for) in sidebar order.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "Dashboard", "Who to follow up with today, and where every relationship stands."),
    ("influencers", "Influencers", "Everyone you work with, searchable and filterable."),
    ("pipeline", "Pipeline", "Every relationship as a card on a board, one column per stage."),
    ("followups", "Follow-ups", "Who to chase: overdue, today, this week and later."),
    ("campaigns", "Campaigns", "What was offered, agreed, delivered and what it returned."),
    ("trash", "Trash", "Influencers you deleted, ready to restore."),
)


class MainWindow(QMainWindow):
    """infcrm's one window."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(f"infcrm — {db.path.name}")
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(180)
        self.sidebar.setAccessibleName("Screens")
        self.stack = QStackedWidget()
        self.views: dict[str, QWidget] = {}
        self._sidebar_items: dict[str, QListWidgetItem] = {}
        for key, label, purpose in SCREENS:
            view = self._build_view(key, label, purpose)
            self.views[key] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(label)
            item.setToolTip(purpose)
            item.setSizeHint(QSize(160, 34))
            self.sidebar.addItem(item)
            self._sidebar_items[key] = item
        self.sidebar.currentRowChanged.connect(self._on_screen_chosen)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._build_menus()
        self.statusBar()
        self._restore_geometry()
        self.show_view("influencers")

    # Screens ------------------------------------------------------------------------------

    def _build_view(self, key: str, label: str, purpose: str) -> QWidget:
        """The widget for one screen; screens not built yet say what they will hold."""
        builders: dict[str, Callable[[], QWidget]] = self._view_builders()
        if key in builders:
            return builders[key]()
        return PlaceholderView(label, f"{purpose}\n\nThis screen arrives in a coming release.")

    def _view_builders(self) -> dict[str, Callable[[], QWidget]]:
        return {}

    def show_view(self, key: str) -> None:
        """Bring screen `key` to the front and select it in the sidebar."""
        keys = [k for k, _label, _purpose in SCREENS]
        self.sidebar.setCurrentRow(keys.index(key))

    def current_view_key(self) -> str:
        """The key of the screen on show."""
        return SCREENS[self.stack.currentIndex()][0]

    def _on_screen_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        view = self.stack.currentWidget()
        refresh = getattr(view, "refresh", None)
        if callable(refresh):
            refresh()

    # Menus --------------------------------------------------------------------------------

    def add_action(
        self,
        menu_name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        """Add a menu entry with its shortcut and tooltip (every action has both)."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(slot)
        self.menus[menu_name].addAction(action)
        self.addAction(action)  # shortcuts work whatever has focus
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {
            name: bar.addMenu(title)
            for name, title in (
                ("file", "&File"),
                ("edit", "&Edit"),
                ("view", "&View"),
                ("help", "&Help"),
            )
        }
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.menus["edit"].addActions([undo, redo])
        self.menus["edit"].addSeparator()
        for number, (key, label, purpose) in enumerate(SCREENS, start=1):
            self.add_action(
                "view", label, lambda k=key: self.show_view(k), f"Ctrl+{number}", purpose
            )
        self.menus["file"].addSeparator()
        self.add_action("file", "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit infcrm")
        self.add_action("help", "&About infcrm", self._on_about, None, "Version and data file")

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            "About infcrm",
            f"<b>infcrm {__version__}</b><br>A CRM for influencer relationships that keeps "
            f"everything on this computer.<br><br>Your data: {self.db.path}",
        )

    # Window state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the window's size and place for next time."""
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)


__all__ = ["SCREENS", "MainWindow", "Qt"]
