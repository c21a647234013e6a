"""Schema 0019 keeps who created and last changed each person, follow-up and interaction: an
older file upgrades with every row as it was and nobody named for what was written before
(nobody knows who did), and the first change after the upgrade is signed."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.outreach import followups
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TABLES = ("influencer", "follow_up", "interaction")


def _rows(path: Path, table: str, columns: str = "*") -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()


def _named_rows(path: Path, table: str) -> list[dict]:
    """Each row by column name: later revisions add columns of their own."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]


def test_an_older_file_upgrades_whole_with_nobody_named(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0018.sqlite").read_bytes())
    before = {table: _named_rows(path, table) for table in TABLES}

    open_database(path, backup_dir=tmp_path / "backups").close()

    for table in TABLES:
        assert before[table], f"the fixture holds some {table} rows"
        after = _named_rows(path, table)
        assert [{k: row[k] for k in before[table][0]} for row in after] == before[table]
        assert {(row["created_by"], row["changed_by"]) for row in after} == {(None, None)}


def test_the_first_change_after_the_upgrade_is_signed(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0018.sqlite").read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        db.sign_as("Ana")
        person = influencers.get(db, 1)
        influencers.update(db, 1, InfluencerInput(display_name=person.display_name, city="Oslo"))
        followups.add_follow_up(db, 1, date(2026, 12, 1), "Ask about the launch")
    finally:
        db.close()

    assert _rows(path, "influencer", "created_by, changed_by")[0] == (None, "Ana")
    assert _rows(path, "follow_up", "created_by, changed_by")[-1] == ("Ana", "Ana")
