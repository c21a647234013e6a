"""A full disk: the change is refused with a sentence, and everything saved before is intact."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from infcrm.db.engine import DiskFull
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput


def person(n: int) -> InfluencerInput:
    """An influencer with enough notes that each one needs new pages."""
    return InfluencerInput(
        display_name=f"Person {n}",
        notes="A long note about this person. " * 200,
        accounts=(AccountInput("instagram", f"person_{n}", followers="12k"),),
    )


def test_a_full_disk_refuses_the_change_and_keeps_what_was_saved(db) -> None:
    saved = [influencers.create(db, person(n)) for n in range(3)]
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    db.close()

    # SQLite reports SQLITE_FULL when a file may not grow past max_page_count, exactly as when
    # the disk itself is full.
    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 8}")

    event.listen(db.engine, "connect", limit)
    with pytest.raises(DiskFull, match=r"disk is full.*Everything saved before is safe") as full:
        for n in range(3, 200):
            saved.append(influencers.create(db, person(n)))
    assert "database or disk is full" not in str(full.value)
    event.remove(db.engine, "connect", limit)
    db.close()

    for influencer_id in saved:
        assert influencers.get(db, influencer_id).display_name.startswith("Person ")
    conn = sqlite3.connect(db.path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    count = conn.execute("SELECT count(*) FROM influencer").fetchone()[0]
    conn.close()
    assert count == len(saved), "the refused change left nothing half-written"
