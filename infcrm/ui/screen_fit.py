"""Dialogs open within the screen they open on, so their buttons can always be clicked.

Forms are given a comfortable size (the New influencer form 1000 × 700, Settings 720 × 760);
on a small laptop screen (1366 × 768 less a taskbar) that put their Save button below or beyond
the screen's edge. When a dialog is shown, it is made no larger than the screen's free area
(never smaller than its layout needs); Qt then centres it over its parent, within the screen.
A dialog that fits is left exactly as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def fit_on_screen(window: QWidget) -> None:
    """Shrink `window` to its screen's free area if it is larger.

    Called as the window is shown: a dialog then centres itself over its parent and keeps
    within the screen (QDialog.showEvent); one placed by hand is moved onto the screen here.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry()
    # The window manager's title bar and borders (a guess of Qt's before the first show).
    extra_width = max(frame.width() - window.width(), 0)
    extra_height = max(frame.height() - window.height(), 0)
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    width = min(window.width(), max(room.width() - extra_width, least.width()))
    height = min(window.height(), max(room.height() - extra_height, least.height()))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    if not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        return  # QDialog places it next, centred over its parent and on the screen
    frame = window.frameGeometry()
    left = max(room.left(), min(frame.left(), room.right() - frame.width() + 1))
    top = max(room.top(), min(frame.top(), room.bottom() - frame.height() + 1))
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)


class _FitsDialogsOnShow(QObject):
    """Fits every dialog window as it is shown (an application-wide event filter)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        """Only a dialog window's show is touched; every event goes on as usual."""
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            fit_on_screen(watched)
        return False


def install(app: QApplication) -> QObject:
    """Fit every dialog of `app` onto its screen when shown (once per app)."""
    found = app.findChild(_FitsDialogsOnShow)
    if isinstance(found, _FitsDialogsOnShow):
        return found
    fitter = _FitsDialogsOnShow(app)
    app.installEventFilter(fitter)
    return fitter


__all__ = ["fit_on_screen", "install"]
