"""An import or a restore waits for another writer to finish, then gives up with a sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database, DatabaseBusy
from infcrm.db.write_lock import begin_immediate

BUSY = "Another program is saving to this file right now. Try again when it has finished."


def _other_writer(path: Path) -> sqlite3.Connection:
    """A second program that has started writing to the file and holds its write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def _quick_tries(conn) -> None:
    # Each try waits SQLite's busy timeout (seconds in the app); a test needs no such patience.
    conn.connection.dbapi_connection.execute("PRAGMA busy_timeout = 20")


def test_gives_up_with_the_sentence_after_saying_it_waits(db: Database, db_path: Path) -> None:
    other = _other_writer(db_path)
    waits: list[bool] = []
    try:
        with (
            pytest.raises(DatabaseBusy, match="Try again when it has finished"),
            db.transaction() as session,
        ):
            conn = session.connection()
            _quick_tries(conn)
            begin_immediate(conn, 0.3, BUSY, lambda: waits.append(True))
    finally:
        other.rollback()
        other.close()
    assert waits, "the user was never told the import is waiting"


def test_goes_ahead_once_the_other_writer_has_finished(db: Database, db_path: Path) -> None:
    other = _other_writer(db_path)

    def the_other_finishes() -> None:
        if other.in_transaction:
            other.execute("INSERT INTO tag (name) VALUES ('from the other program')")
            other.execute("COMMIT")

    with db.transaction() as session:
        conn = session.connection()
        _quick_tries(conn)
        begin_immediate(conn, 30, BUSY, the_other_finishes)
        # Holding the lock, the write sees what the other program saved before it.
        names = conn.execute(text("SELECT name FROM tag")).scalars().all()
    other.close()
    assert names == ["from the other program"]
