"""Copying a large change from the write-ahead log into the file after the action returns.

SQLite copies the log into the database file (a checkpoint) at the end of whichever commit
finds the log over 1,000 pages. After a change of 100,000 people that is some 70 MB copied and
synced to disk before the action returns — a quarter of a bulk stage change's time, spent
while the user waits for nothing. For a transaction that changed many rows, the commit skips
that copy and a background thread of this database makes it at once, on its own connection,
as SQLite's documentation suggests for applications that want short commits
(https://www.sqlite.org/wal.html#application_initiated_checkpoints). Nothing is less safe:
the change is committed to the log either way, and any later commit checkpoints as usual if
the thread has not yet. Small transactions keep SQLite's own behaviour.

A PostgreSQL port drops this module.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing, suppress
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

LARGE_CHANGE = 10_000  # rows a transaction changes before its checkpoint moves to the thread
AUTO_PAGES = 1000  # SQLite's default wal_autocheckpoint, put back once the commit is done
_AT_BEGIN = "infcrm_changes_at_begin"
_HELD = "infcrm_checkpoint_held"


def note_begin(conn: Connection) -> None:
    """Engine `begin` event: remember how many rows the connection had changed so far, and
    give it back its automatic checkpoints if the last transaction held them."""
    record = conn.connection
    driver = record.driver_connection
    if record.info.pop(_HELD, False):
        driver.execute(f"PRAGMA wal_autocheckpoint={AUTO_PAGES}")
    record.info[_AT_BEGIN] = driver.total_changes


def hold_if_large(session: Session) -> bool:
    """Inside a transaction about to commit: whether it changed so many rows that its commit
    should leave the checkpoint to the thread (and then tell the connection so)."""
    if not session.in_transaction():  # rolled back on purpose (a dry run): nothing to commit
        return False
    record = session.connection().connection
    driver = record.driver_connection
    start = record.info.get(_AT_BEGIN)
    if start is None or driver.total_changes - start < LARGE_CHANGE:
        return False
    driver.execute("PRAGMA wal_autocheckpoint=0")
    record.info[_HELD] = True
    return True


class Checkpointer:
    """One background thread per open database that checkpoints when woken."""

    def __init__(self, path: Path, busy_timeout_ms: int) -> None:
        self._path = Path(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def soon(self) -> None:
        """Checkpoint as soon as the thread gets to it (started on first use)."""
        with self._lock:
            if self._stopping:
                return
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="infcrm-checkpoint", daemon=True
                )
                self._thread.start()
            self._wake.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no checkpoint is asked for or running (for tests and for closing)."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        """Finish a checkpoint under way, then end the thread."""
        with self._lock:
            self._stopping = True
            thread = self._thread
            self._wake.set()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopping:
                self._idle.set()
                return
            # PASSIVE never waits for readers or writers; what it cannot copy now, the next
            # large commit (or any commit past SQLite's limit) copies later.
            with suppress(sqlite3.Error), closing(_connect(self._path)) as conn:
                conn.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            with self._lock:
                if not self._wake.is_set():
                    self._idle.set()


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to the existing file only (mode=rw never creates one that went away)."""
    return sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True)


__all__ = ["AUTO_PAGES", "LARGE_CHANGE", "Checkpointer", "hold_if_large", "note_begin"]
