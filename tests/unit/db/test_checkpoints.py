"""A large change returns before its write-ahead log is copied into the file; a thread copies
it right after, and nothing is lost whichever way the file is opened next."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db import checkpoints, raw_rows
from infcrm.db.engine import Database


def _fill(db: Database, rows: int) -> None:
    with db.transaction() as session:
        raw_rows.execute(session, "CREATE TABLE IF NOT EXISTS filler (n)")
        raw_rows.execute(
            session,
            "INSERT INTO filler SELECT value FROM json_each(?)",
            (str(list(range(rows))),),
        )


def _file_size(db: Database) -> int:
    return Path(db.path).stat().st_size


def _count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM filler").fetchone()[0]


def test_a_large_change_leaves_the_copy_to_the_thread_which_makes_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db, 10)
    before = _file_size(db)
    asked = []
    monkeypatch.setattr(checkpoints.Checkpointer, "soon", lambda self: asked.append(1))
    _fill(db, checkpoints.LARGE_CHANGE + 1)
    # Committed, yet not copied into the file: that copy is what the user no longer waits for.
    assert asked == [1]
    assert _file_size(db) == before
    assert _count(db.path) == checkpoints.LARGE_CHANGE + 11
    monkeypatch.undo()
    db.checkpointer.soon()
    assert db.checkpointer.wait_idle(30)
    assert _file_size(db) > before


def test_the_connection_checkpoints_as_usual_after_a_large_change(db: Database) -> None:
    _fill(db, checkpoints.LARGE_CHANGE)
    assert db.checkpointer.wait_idle(30)
    with db.transaction() as session:
        (pages,) = raw_rows.read_one(session, "PRAGMA wal_autocheckpoint")
    assert pages == checkpoints.AUTO_PAGES


def test_a_small_change_starts_no_thread(db: Database) -> None:
    _fill(db, 100)
    assert db._checkpoints is None


def test_closing_waits_for_the_copy_and_everything_is_in_the_file(db_path: Path) -> None:
    from infcrm.db.engine import open_database

    db = open_database(db_path)
    _fill(db, checkpoints.LARGE_CHANGE * 2)
    db.close()
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    assert _count(db_path) == checkpoints.LARGE_CHANGE * 2


def test_forgetting_many_people_still_empties_the_log(db: Database) -> None:
    """Forgetting erases every byte of the people from the file and its log; a forget that
    changes many rows leaves its checkpoint to the thread, which must not keep the log full."""
    from infcrm.services.people import trash

    with db.transaction() as session:
        raw_rows.execute(
            session,
            "INSERT INTO influencer (display_name, found_via, do_not_contact, created_at, "
            "updated_at) SELECT 'Person ' || value, 'manual', 0, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00' FROM json_each(?)",
            (str(list(range(checkpoints.LARGE_CHANGE + 1))),),
        )
        ids = [i for (i,) in raw_rows.read(session, "influencer", ("id",), "1")]
    forgotten = trash.forget_people(db, ids)
    assert forgotten.count == len(ids) and forgotten.log_emptied
    assert Path(f"{db.path}-wal").stat().st_size == 0
