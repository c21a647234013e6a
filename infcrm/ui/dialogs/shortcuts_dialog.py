"""Help › Keyboard shortcuts: read from the window's own actions, so the list cannot drift."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from infcrm.ui.screen_fit import comfortable_size

# Keys a screen handles itself rather than through a menu action (keyPressEvent and filters).
SCREEN_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Follow-ups", "Mark the selected follow-ups done", "Space"),
    ("Follow-ups", "Open the influencer of the follow-up", "Enter"),
    ("Lists", "Leave the table for the next control", "Tab"),
    ("Lists", "Move to the next or previous cell", "Ctrl+Tab, Ctrl+Shift+Tab"),
    ("Search boxes", "Move into the results", "Down"),
    ("Pickers and dialogs", "Confirm the choice", "Enter"),
    ("Pickers and dialogs", "Close without changing anything", "Esc"),
    ("Date fields", "Type a date such as 15/03/2027 or 15 Mar", "digits"),
)


def _shortcut_text(action: QAction) -> str:
    keys = [k for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _menu_rows(menu: QMenu, path: str) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        title = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), f"{path} › {title}")
        elif keys := _shortcut_text(action):
            rows.append((path, title.rstrip("…"), keys))
    return rows


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every menu entry with a shortcut, then the screens' own keys."""
    rows: list[tuple[str, str, str]] = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            name = action.text().replace("&", "")
            rows += _menu_rows(action.menu(), name)
    return rows + list(SCREEN_KEYS)


class ShortcutsDialog(QDialog):
    """A table of every keyboard shortcut of the window."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        comfortable_size(self, 640, 560)


__all__ = ["SCREEN_KEYS", "ShortcutsDialog", "shortcut_rows"]
