"""Taking SQLite's write lock before a long write reads what it decides on (import, restore)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from sqlalchemy.engine import Connection

from infcrm.db.engine import DatabaseBusy


def begin_immediate(
    conn: Connection,
    wait_seconds: float,
    busy_message: str,
    on_wait: Callable[[], None] | None = None,
) -> None:
    """Take the write lock now, so nobody changes what the write is about to read and decide.

    Another import of a big file can hold it for longer than SQLite's own wait, so this keeps
    trying (calling `on_wait` each time, to say so) up to `wait_seconds`, then raises
    DatabaseBusy with `busy_message`. Does nothing when a transaction is already open.
    """
    raw = conn.connection.dbapi_connection
    if not isinstance(raw, sqlite3.Connection) or raw.in_transaction:
        return
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(busy_message) from error
            if on_wait is not None:
                on_wait()


__all__ = ["begin_immediate"]
