"""Schema 0020 gives people, campaigns and deals a version: an older file upgrades with every
row as it was and each at version 1, and every later change raises it, so a form saved from
what it loaded before can tell that someone changed the record meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TABLES = ("influencer", "campaign", "deal")


def _named_rows(path: Path, table: str) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]


def test_an_older_file_upgrades_whole_at_version_one(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0019.sqlite").read_bytes())
    before = {table: _named_rows(path, table) for table in TABLES}

    open_database(path, backup_dir=tmp_path / "backups").close()

    for table in TABLES:
        assert before[table], f"the fixture holds some {table} rows"
        after = _named_rows(path, table)
        assert [{k: row[k] for k in before[table][0]} for row in after] == before[table]
        assert {row["version"] for row in after} == {1}


def test_an_edit_after_the_upgrade_raises_the_version(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0019.sqlite").read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        person = influencers.get(db, 1)
        influencers.update(db, 1, InfluencerInput(display_name=person.display_name, city="Oslo"))
    finally:
        db.close()

    versions = [row["version"] for row in _named_rows(path, "influencer")]
    assert versions[0] == 2 and set(versions[1:]) == {1}
