"""Erasing for good: deleted rows leave no bytes behind in the file, its WAL or later backups.

SQLite keeps deleted content in free pages and in the free space of pages still in use, and the
write-ahead log keeps earlier versions of pages until a checkpoint; a backup copies all of that.
After a forget the file is therefore rebuilt (VACUUM writes only live rows) and the log is
checkpointed and truncated.

A PostgreSQL server keeps deleted rows in its table files too (as dead row versions, until a
VACUUM reuses their space, and even then not overwritten at once). After a forget every infcrm
table is rewritten with its live rows only (`VACUUM FULL`: new files for the table, its
indexes and its TOAST; the old ones are emptied at once). What the server keeps beyond its
tables — its write-ahead log, replicas, backups — is the administrator's; the app says so.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from infcrm.db.engine import BUSY_TIMEOUT_MS

_CHECKPOINT_TRIES = 20
# How long the server's rewrite waits for a table another connection is using.
REWRITE_LOCK_WAIT = "20s"
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's error code for a lock_timeout


@contextmanager
def zeroing_deletes(session: Session) -> Iterator[None]:
    """Within this block the session's deletes overwrite the deleted content with zeros.

    (SQLite only: a server's storage is the server administrator's; see rebuild_file.)
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    session.execute(text("PRAGMA secure_delete = ON"))
    try:
        yield
    finally:
        session.execute(text("PRAGMA secure_delete = OFF"))


def rebuild_file(path: Path) -> bool:
    """Rewrite the database at `path` with live rows only and empty its WAL.

    Returns False when another program kept the file busy so that the log could not be
    emptied (its old pages are then overwritten by later writes, not at once).
    """
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("VACUUM")
        for _ in range(_CHECKPOINT_TRIES):
            busy, _log, _copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
            time.sleep(0.05)  # a reader is finishing; the log can only be emptied after it
        return False
    finally:
        conn.close()


def rewrite_server_tables(engine: Engine) -> bool:
    """Rewrite every infcrm table of the server database with its live rows only.

    Runs outside any transaction (VACUUM cannot run in one), after the forget committed. Each
    table is locked while it is rewritten: other users' saves wait for that moment. Returns
    False when another connection held a table past REWRITE_LOCK_WAIT (a teammate's unfinished
    transaction): the tables are then left as they were, instead of the forget hanging.
    """
    from sqlalchemy.exc import OperationalError

    from infcrm.db import models  # noqa: F401  (registers every table)
    from infcrm.db.base import Base
    from infcrm.db.search_index import INDEX_TABLE, PART_TABLE, TAG_TABLE

    names = [*Base.metadata.tables, INDEX_TABLE, PART_TABLE, TAG_TABLE]
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"SET lock_timeout = '{REWRITE_LOCK_WAIT}'")
        try:
            conn.exec_driver_sql("VACUUM (FULL) " + ", ".join(f'"{name}"' for name in names))
        except OperationalError as error:
            if getattr(error.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
                return False
            raise
        finally:
            conn.exec_driver_sql("RESET lock_timeout")
    return True


__all__ = ["rebuild_file", "rewrite_server_tables", "zeroing_deletes"]
