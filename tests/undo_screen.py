"""Undo and redo as the user does them: the main window on a screen, and Ctrl+Z, Ctrl+Shift+Z
or Ctrl+Y pressed in it (the stack's actions answer to every key the system binds)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from infcrm.db.engine import Database
from infcrm.ui.main_window import MainWindow


def campaigns_screen(qtbot, db: Database, campaign_id: int):
    """The main window, shown, on the Campaigns screen with `campaign_id` chosen:
    (window, view)."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.show_view("campaigns")
    view = window.views["campaigns"]
    view.select_campaign(campaign_id)
    return window, view


def press(qtbot, window: QWidget, key: Qt.Key, shift: bool = False) -> None:
    """Press Ctrl+KEY (Ctrl+Shift+KEY) in the window, made active first."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, key, modifiers)


def undo(qtbot, window: QWidget) -> None:
    """Ctrl+Z."""
    press(qtbot, window, Qt.Key.Key_Z)


def redo(qtbot, window: QWidget) -> None:
    """Ctrl+Shift+Z."""
    press(qtbot, window, Qt.Key.Key_Z, shift=True)
