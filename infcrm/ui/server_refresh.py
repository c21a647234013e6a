"""Other users' changes on the server reach this window's screens within a second or two.

On a server's database the window listens for the notices other users' apps send as their
changes commit (db/change_notices.py) and announces them as the app-wide events its own
actions raise (`operations.announce`), so every screen that keeps itself fresh today does so
for a teammate's change too. Ids are not sent: each kind changed reloads whole ("some").

Notices are gathered and announced together: the first after a quiet spell waits
`SETTLE_MS`, then at most one announcement a `MIN_GAP_SECONDS` — a teammate's import of
10,000 people, committed in chunks, repaints the list a few times, not 10,000. A window on a
file listens to nothing.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer

from infcrm.services.changes import EVERYTHING, NOTHING, Changes, from_tables
from infcrm.ui import operations
from infcrm.ui.events import events
from infcrm.ui.server_offline import OfflineNote
from infcrm.ui.workers import gui_mailbox, post_to_gui

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from infcrm.db.change_notices import Listener, Notice
    from infcrm.db.engine import Database

SETTLE_MS = 200
MIN_GAP_SECONDS = 1.0


class _Inbox:
    """What the listener's thread has heard and the window has not announced yet (no Qt)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.changes: Changes = NOTHING
        self.by: set[str] = set()

    def take(self) -> tuple[Changes, set[str]]:
        with self.lock:
            taken = self.changes, self.by
            self.changes, self.by = NOTHING, set()
        return taken


class ServerRefresh(QObject):
    """Announces other users' committed changes on this window's server database."""

    def __init__(self, window: QMainWindow, db: Database) -> None:
        super().__init__(window)
        self._window = window
        self._inbox = _Inbox()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.announce_now)
        self._last = 0.0
        self.announced = 0  # how many times other users' changes were announced
        self.listener: Listener | None = None
        self.offline: OfflineNote | None = None
        if not db.is_file:
            from infcrm.db.change_notices import Listener

            gui_mailbox()  # made on this (the GUI) thread before the listener posts to it
            inbox, wake = self._inbox, self._wake
            self.offline = OfflineNote(window, db.engine.url.host or "")
            events.server_unreachable.connect(self.offline.went_offline)
            state = self._listening_changed
            self.listener = Listener(
                db.engine,
                db.instance,
                lambda n: _heard(inbox, wake, n),
                on_state=lambda up: post_to_gui(lambda: state(up)),
            )
            self.listener.start()
            listener = self.listener
            self.destroyed.connect(lambda *_: listener.stop(wait=0))

    def stop(self) -> None:
        """Stop listening (the window closes, or the test is over)."""
        if self.listener is not None:
            self.listener.stop()

    def _listening_changed(self, listening: bool) -> None:
        """On the GUI thread: the listener lost or regained the server."""
        if not shiboken6.isValid(self) or self.offline is None:
            return
        if listening:
            self.offline.back_online()
        else:
            self.offline.went_offline()

    def _wake(self) -> None:
        """On the GUI thread: something was heard; announce it soon, not too often."""
        if not shiboken6.isValid(self) or self._timer.isActive():
            return
        wait = max(SETTLE_MS / 1000, self._last + MIN_GAP_SECONDS - time.monotonic())
        self._timer.start(int(wait * 1000))

    def announce_now(self) -> None:
        """Announce everything heard so far as the app's own events."""
        changes, by = self._inbox.take()
        self._last = time.monotonic()
        if not changes:
            return
        self.announced += 1
        operations.announce(changes)
        if by:
            names = ", ".join(sorted(by))
            self._window.statusBar().showMessage(f"Updated with changes by {names}.", 5000)


def _heard(inbox: _Inbox, wake, notice: Notice) -> None:
    """On the listener's thread: keep the notice; wake the window for the first of a batch."""
    changes = EVERYTHING if notice.missed else from_tables(notice.tables)
    if not changes:
        return
    with inbox.lock:
        first = not inbox.changes
        inbox.changes |= changes
        if notice.by:
            inbox.by.add(notice.by)
    if first:
        post_to_gui(wake)


__all__ = ["MIN_GAP_SECONDS", "SETTLE_MS", "ServerRefresh"]
