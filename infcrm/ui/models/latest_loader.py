"""Runs a screen's read queries off the UI thread; only the newest request's answer counts."""

from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from infcrm.ui import paint_gate
from infcrm.ui.events import events
from infcrm.ui.workers import Cancelled, Progress, gui_mailbox, post_to_gui


class LatestLoader(QObject):
    """Runs read jobs one at a time in a background thread and delivers only the newest answer.

    A request made while a job runs waits and is replaced by any newer one, so a burst of
    keystrokes or events costs at most one job in flight and one queued. Jobs only read the
    database through services; they never touch widgets.

    A long job given a `Progress` is told to stop (its next report raises Cancelled) when a
    newer request makes its answer stale, and when the screen closes (`stop`); a job that
    stops so gives no answer.
    """

    # request number, the job's result (None after an error) and the error sentence (or "").
    loaded = Signal(int, object, str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._lock = threading.Lock()
        self._next: tuple[int, Callable[[], object], Progress | None] | None = None
        self._current: Progress | None = None  # the running job's, when it was given one
        self._stopped = False
        self._running = False
        self._serial = 0
        # The request the screen shows the answer of; none yet, so a screen is loading from
        # the moment it is built until its first read (or a direct load) has answered.
        self._answered = -1
        gui_mailbox()  # made here, on the GUI thread, before any job can post to it

    @property
    def latest(self) -> int:
        """The number of the newest request; older answers are stale."""
        return self._serial

    @property
    def waiting(self) -> bool:
        """True until the newest request has answered (also before the first request)."""
        with self._lock:
            return self._answered != self._serial

    @property
    def busy(self) -> bool:
        """Whether a job is running or waiting (its thread may hold a database connection)."""
        with self._lock:
            return self._running

    def skip_pending(self) -> int:
        """Make every request so far stale (the screen was just loaded directly)."""
        with self._lock:
            self._serial += 1
            self._next = None
            self._answered = self._serial
            return self._serial

    def request(self, job: Callable[[], object], progress: Progress | None = None) -> int:
        """Run `job` in the background; returns the request number `loaded` will carry.

        `progress`: the one `job` reports to, told to stop once the answer is not wanted."""
        with self._lock:
            self._serial += 1
            self._next = (self._serial, job, progress)
            self._stopped = False
            if self._current is not None:
                self._current.cancel()  # its answer would be stale
            if self._running:
                return self._serial
            self._running = True
        threading.Thread(target=self._work, name=self._name, daemon=True).start()
        return self._serial

    def _work(self) -> None:
        paint_gate.wait()  # a starting window paints first (see paint_gate)
        while True:
            with self._lock:
                if self._next is None:
                    self._running = False
                    self._current = None
                    return
                serial, job, self._current = self._next
                self._next = None
            try:
                result, error = job(), ""
            except Cancelled:
                continue  # told to stop: nobody waits for its answer
            except Exception as exc:  # shown on the screen instead of killing the thread
                result, error = None, _said(exc)
            # Never emit from here: the screen may be deleted meanwhile. The GUI thread checks.
            post_to_gui(lambda s=serial, r=result, e=error: self._deliver(s, r, e))

    def _deliver(self, serial: int, result: object, error: str) -> None:
        """On the GUI thread: hand the answer to the screen if it still exists."""
        if not shiboken6.isValid(self):
            return
        with self._lock:
            if self._stopped:
                return  # the screen closed after the job had answered
            if serial == self._serial:
                self._answered = serial
        self.loaded.emit(serial, result, error)

    def stop(self) -> None:
        """The screen closed: tell the running job to stop, drop the one waiting, and hand
        on no answer that comes after (a job without a `Progress` still reads to its end)."""
        with self._lock:
            self._stopped = True
            self._next = None
            if self._current is not None:
                self._current.cancel()


def _said(error: Exception) -> str:
    """What the screen says: a server that does not answer in its one plain sentence (and
    the window goes offline), anything else as the error says it."""
    from infcrm.services.errors import ServerUnreachable

    if isinstance(error, ServerUnreachable):
        host = error.host
        post_to_gui(lambda: events.server_unreachable.emit(host))
        return error.on_screen
    return str(error)


__all__ = ["LatestLoader"]
