"""Dialogs open within the screen they open on, so their buttons can always be clicked.

Forms are given a comfortable size (the New influencer form 1000 × 700, Settings 720 × 760);
on a small laptop screen (1366 × 768 less a taskbar) that put their Save button below or beyond
the screen's edge. Each form asks for its size through `comfortable_size`, which gives it the
screen's free area instead when that is smaller; Qt keeps a window with a layout at least as
large as the layout needs, and centres a dialog over its parent within the screen when shown.

Not an application-wide event filter: a Python filter sees every event of every object, some
of them half made or half destroyed, which PySide cannot always hand to Python safely.

The screen is found by where the window is (`screen_of`), never with `QWidget.screen()`: PySide
6.11 files the QScreen it returns under that widget, and deleting the widget then destroys the
application's screen with it — the next window made, or icon drawn, crashed in Qt.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window (borders, title bar): a usual allowance, since
# the real frame is only known once the window is shown.
FRAME_WIDTH = 16
FRAME_HEIGHT = 48


def screen_of(window: QWidget) -> QScreen | None:
    """The screen `window` is on (or will open on: its parent's), else the main one."""
    anchor = window.parentWidget() or window
    centre = anchor.mapToGlobal(anchor.rect().center())
    return QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()


def comfortable_size(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width` × `height`, or to its screen's free area when smaller."""
    screen = screen_of(window)
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - FRAME_WIDTH)
        height = min(height, room.height() - FRAME_HEIGHT)
    window.resize(width, height)


__all__ = ["FRAME_HEIGHT", "FRAME_WIDTH", "comfortable_size", "screen_of"]
