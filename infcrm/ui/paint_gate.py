"""Work that waits until the app's window has painted for the first time.

A starting window asks its first screen to read in the background and its sidebar to count
follow-ups. Run at once, that work (and the SQLAlchemy it loads, half a second) competes with
the window's own building for the one Python thread that runs at a time, and the user looks
at nothing meanwhile. So background reads wait at the gate, and window-thread work queued
with `after_first_paint` runs, once the window has painted. A zero timer is no substitute:
Qt runs those before the first paint.

The app holds the gate while it builds a window (`app.new_window`); a window built on its own,
as in most tests, waits for nothing. A held window that is not shown by the time events are
processed opens the gate then, and one shown but not painted within a second opens it too,
so nothing can wait for ever.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

LONGEST_WAIT_MS = 1000  # shown but not painted by then: let the work run anyway

_open = threading.Event()
_open.set()  # nothing to wait for until a window holds the gate
_waiting: list[tuple[QObject, Callable[[], object]]] = []


def wait() -> None:
    """Block a background thread until the window has painted (it holds no Python lock)."""
    _open.wait(LONGEST_WAIT_MS / 1000)


def after_first_paint(owner: QObject, call: Callable[[], object]) -> None:
    """Run `call` on the window's thread once the window has painted (at once if it has),
    unless `owner` is gone by then."""
    if _open.is_set():
        call()
    else:
        _waiting.append((owner, call))


def is_open() -> bool:
    """Whether work runs at once (no window is waiting for its first paint)."""
    return _open.is_set()


def release() -> None:
    """Open the gate and run what waited for it."""
    _open.set()
    calls = list(_waiting)
    _waiting.clear()
    for owner, call in calls:
        if shiboken6.isValid(owner):
            call()


class _FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)
        window.destroyed.connect(release)  # closed before it painted: nothing waits on it
        QTimer.singleShot(0, self, self._on_events_running)
        QTimer.singleShot(LONGEST_WAIT_MS, self, self._open)

    def _on_events_running(self) -> None:
        if not self._window.isVisible():  # never shown before events ran: nothing to wait for
            self._open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self._window and event.type() == QEvent.Type.Paint:
            # Background reads may start (the window's own paint comes first and the rest is
            # mostly Qt's); window-thread work waits until this paint has reached the screen.
            _open.set()
            QTimer.singleShot(0, self, self._open)
        return False

    def _open(self) -> None:
        if shiboken6.isValid(self._window):
            self._window.removeEventFilter(self)
        if _waiting or not _open.is_set():
            release()


def hold() -> None:
    """Close the gate: the app is about to build its window (`open_after_first_paint`)."""
    _open.clear()


def open_after_first_paint(window: QWidget) -> None:
    """Open the gate once `window` has painted for the first time."""
    _FirstPaint(window)


__all__ = ["after_first_paint", "hold", "is_open", "open_after_first_paint", "release", "wait"]
