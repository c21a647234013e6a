"""File › New database…, Open database…, Open recent, and “Try with sample data”.

The window only asks; the application (app.py) opens the file, swaps the window and releases
the old file's lock. A sample-data file says so in the title and in a banner while it is open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolBar,
    QWidget,
)

from infcrm import paths
from infcrm.db import location
from infcrm.services.maintenance import first_paint
from infcrm.ui import icons
from infcrm.ui.save_folder import remember_saved, suggested_path

if TYPE_CHECKING:
    from infcrm.ui.main_window import MainWindow

RECENT_KEY = "files/recent_databases"
RECENT_MAX = 8
SAMPLE_FILE_NAME = "sample-data.sqlite"
FILE_FILTER = "infcrm databases (*.sqlite *.db);;All files (*)"
SAMPLE_BANNER = (
    "You are looking at <b>sample data</b>: made-up people to try infcrm with. "
    "Your own data is kept in a separate file."
)

# How a file is to be opened: an existing one, a new empty one, or the sample made on demand.
OPEN, NEW, SAMPLE = "open", "new", "sample"
Opener = Callable[[Path, str], bool]


def recent_databases() -> list[Path | str]:
    """Databases opened before, newest first: files (those that no longer exist left out)
    and servers' databases (their address without a password)."""
    stored = QSettings().value(RECENT_KEY, [], list) or []
    return [
        str(p) if location.is_server(str(p)) else Path(p)
        for p in stored
        if p and (location.is_server(str(p)) or Path(p).is_file())
    ]


def last_database() -> Path | str | None:
    """The database open last, for a start with no database named (None: none yet)."""
    return next(iter(recent_databases()), None)


def remember_database(where: Path | str) -> None:
    """Put `where` (a file, or a server's address without its password) at the top of
    File › Open recent."""
    key = _key(where)
    rest = [str(p) for p in recent_databases() if _key(p) != key]
    QSettings().setValue(RECENT_KEY, [key, *rest][:RECENT_MAX])


def _key(where: Path | str) -> str:
    return str(where) if location.is_server(where) else str(Path(where).resolve())


def sample_path() -> Path:
    """Where “Try with sample data” keeps its file: the data folder, beside the user's own."""
    return paths.data_dir() / SAMPLE_FILE_NAME


def window_title(path: Path | None, sample: bool, name: str = "") -> str:
    """“infcrm — shop.sqlite”, marked when the file holds sample data; a server's database
    (no path) by its `name`."""
    return f"infcrm — {path.name if path else name}" + (" (sample data)" if sample else "")


class DatabaseMenu(QObject):
    """The File menu's database entries and the sample-data banner of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # Set by the application; without it (a window made for a test or a screenshot) the
        # entries explain instead of opening.
        self.opener: Opener | None = None
        self.sample = first_paint.is_sample_data(window.db)
        window.setWindowTitle(window_title(window.db.path, self.sample, window.db.name))
        menu = window.menus["file"]
        first = menu.actions()[0] if menu.actions() else None
        self.new_action = self._action(
            "New &database…",
            self.new_database,
            None,
            "Start an empty database in a new file",
            "database",
        )
        self.open_action = self._action(
            "&Open database…",
            self.open_database,
            QKeySequence.StandardKey.Open,
            "Open another infcrm database file",
            "open",
        )
        self.sample_action = self._action(
            "Try with &sample data",
            self.try_sample,
            None,
            "Open a separate file of made-up people to try infcrm with",
            "sample",
        )
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        for action in (self.new_action, self.open_action):
            menu.insertAction(first, action)
        menu.insertMenu(first, self.recent_menu)
        menu.insertAction(first, self.sample_action)
        menu.insertSeparator(first)
        self._fill_recent()  # so the submenu's entries exist before it is first shown
        if self.sample:
            window.addToolBar(self._banner())
        self._connect_first_steps()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None,
        tip: str,
        icon: str,
    ) -> QAction:
        action = QAction(icons.icon(icon), text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # the shortcut works whatever has focus
        return action

    def _banner(self) -> QToolBar:
        bar = QToolBar("Sample data", self.window)
        bar.setObjectName("sample_data_banner")
        bar.setMovable(False)
        bar.setFloatable(False)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(8, 4, 8, 4)
        label = QLabel(SAMPLE_BANNER)
        label.setObjectName("sample_data_text")
        row.addWidget(label, 1)
        back = QPushButton("Open your own data")
        back.setToolTip("Go back to your own database")
        back.clicked.connect(self.open_own_data)
        row.addWidget(back)
        holder.setStyleSheet("background: #fff4ce; color: #3d2e00;")
        bar.addWidget(holder)
        return bar

    def _connect_first_steps(self) -> None:
        """The empty screens' buttons: sample data, import, add by hand."""
        # Wired when each screen is first built, so start-up builds only the screen on show.
        self.window.when_built("influencers", self._wire_influencers)
        self.window.when_built(
            "dashboard", lambda view: view.sample_requested.connect(self.try_sample)
        )

    def _wire_influencers(self, view) -> None:
        view.sample_requested.connect(self.try_sample)
        view.import_requested.connect(self.window.open_import_wizard)

    # Entries ------------------------------------------------------------------------------

    def _open(self, path: Path | str, how: str) -> bool:
        if self.opener is None:
            shown = path if isinstance(path, str) else path.name
            QMessageBox.information(
                self.window,
                "Open database",
                f"To use {shown}, start infcrm with it: infcrm --db “{path}”.",
            )
            return False
        return self.opener(path, how)

    def new_database(self) -> bool:
        """Ask where to keep a new, empty database, then open it."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, "New database", suggested_path("infcrm.sqlite"), FILE_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".sqlite")
        if path.exists():
            QMessageBox.warning(
                self.window,
                "New database",
                f"{path.name} already exists, and a new database never replaces a file. "
                "Choose another name, or use File › Open database… to open it.",
            )
            return False
        remember_saved(path)
        return self._open(path, NEW)

    def open_database(self) -> bool:
        """Ask for a database file, then open it."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, "Open database", str(self._folder()), FILE_FILTER
        )
        return bool(chosen) and self._open(Path(chosen), OPEN)

    def _folder(self) -> Path:
        path = self.window.db.path
        return path.parent if path is not None else paths.data_dir()

    def try_sample(self) -> bool:
        """Open the sample-data file, making it first if there is none."""
        path = sample_path()
        return self._open(path, OPEN if path.exists() else SAMPLE)

    def open_own_data(self) -> bool:
        """From the sample data back to the newest file that is not the sample."""
        own = next((p for p in recent_databases() if p != sample_path()), None)
        return self._open(own or paths.database_path(), OPEN)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = _key(self.window.db.url)
        found = [p for p in recent_databases() if _key(p) != current]
        for where in found:
            shown = where if isinstance(where, str) else where.name
            action = self.recent_menu.addAction(shown)
            action.setToolTip(str(where))
            action.setStatusTip(str(where))
            action.triggered.connect(lambda _checked=False, p=where: self._open(p, OPEN))
        if not found:
            self.recent_menu.addAction("No other databases opened yet").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear the list", self._clear_recent)

    def _clear_recent(self) -> None:
        QSettings().setValue(RECENT_KEY, [_key(self.window.db.url)])
        self._fill_recent()


__all__ = [
    "NEW",
    "OPEN",
    "SAMPLE",
    "DatabaseMenu",
    "last_database",
    "recent_databases",
    "remember_database",
    "sample_path",
    "window_title",
]
