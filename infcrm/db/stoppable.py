"""Reads that stop midway when told to: a window closed while a long read runs frees the
database at once instead of when the read would have ended.

A watcher beside the read asks `stop_asked` every few hundredths of a second; once it says
yes, the watcher interrupts the connection (SQLite's `interrupt()`, a server's cancel
request), the statement running fails, and the read raises `Interrupted`. Nothing else
changes: the same queries give the same answers when nobody stops them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import exc
from sqlalchemy.orm import Session

# How often the watcher asks: a stop is heard within this, and the statement ends soon after.
EVERY = 0.03


class Interrupted(Exception):
    """The read was told to stop and stopped midway; its session is rolled back."""


def _interrupter(session: Session) -> Callable[[], None]:
    """What interrupts the statement running on `session`'s connection, from another thread:
    SQLite's `interrupt()` or psycopg's cancel request (neither touches an idle connection)."""
    raw = session.connection().connection.dbapi_connection
    interrupt = getattr(raw, "interrupt", None)  # sqlite3
    if interrupt is None:
        interrupt = getattr(raw, "cancel_safe", None) or raw.cancel  # type: ignore[union-attr]
    return interrupt


@contextmanager
def stoppable(session: Session, stop_asked: Callable[[], bool]) -> Iterator[None]:
    """Run the reads inside on `session`, interrupted once `stop_asked()` says so; raises
    `Interrupted` when a statement was cut short (any error after the stop is one)."""
    interrupt = _interrupter(session)
    finished = threading.Event()
    fired = threading.Event()

    def watch() -> None:
        while not finished.wait(EVERY):
            if stop_asked():
                fired.set()
                interrupt()
                return

    watcher = threading.Thread(target=watch, name="stoppable read", daemon=True)
    watcher.start()
    try:
        yield
    except exc.DBAPIError as error:
        if fired.is_set():
            raise Interrupted() from error
        raise
    finally:
        finished.set()
        watcher.join()  # no interrupt reaches the connection once it is handed back


__all__ = ["EVERY", "Interrupted", "stoppable"]
