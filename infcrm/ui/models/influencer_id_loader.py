"""Runs the influencer list query off the UI thread, so typing never waits for SQL."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from infcrm.db.engine import Database
from infcrm.services import influencer_list
from infcrm.services.influencer_types import ListQuery


class InfluencerIdLoader(QObject):
    """Fetches list ids in one background thread; only the newest request's answer is delivered.

    A request made while a query runs waits, and is replaced by any newer one, so a burst of
    keystrokes costs at most one query in flight and one queued.
    """

    # request number, query, ids (or None) and the error message (or "").
    loaded = Signal(int, object, object, str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._lock = threading.Lock()
        self._next: tuple[int, ListQuery] | None = None
        self._running = False
        self._serial = 0

    @property
    def latest(self) -> int:
        """The number of the newest request; older answers are stale."""
        return self._serial

    def request(self, query: ListQuery) -> int:
        """Ask for the ids of `query`; returns the request number `loaded` will carry."""
        with self._lock:
            self._serial += 1
            self._next = (self._serial, query)
            if self._running:
                return self._serial
            self._running = True
        threading.Thread(target=self._work, name="influencer-list", daemon=True).start()
        return self._serial

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._next is None:
                    self._running = False
                    return
                serial, query = self._next
                self._next = None
            try:
                ids: list[int] | None = influencer_list.list_ids(self._db, query)
                error = ""
            except Exception as exc:  # shown in the UI instead of killing the thread
                ids, error = None, str(exc)
            try:
                # Emitted from this thread: Qt queues it to the loader's (the UI) thread.
                self.loaded.emit(serial, query, ids, error)
            except RuntimeError:  # the screen closed while the query ran
                return


__all__ = ["InfluencerIdLoader"]
