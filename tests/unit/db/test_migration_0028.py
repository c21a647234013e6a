"""Schema 0028 lets the engagement band filter read the list's indexes alone: an older file
upgrades with every person as they were, the list shows the same people in the same order,
and a rate is worked out from an index instead of each person's whole row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import as_it_was, file_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
RATE = "CAST(main_avg_likes + coalesce(main_avg_comments, 0) AS FLOAT) / nullif(main_followers, 0)"
ALIVE = "FROM influencer WHERE deleted_at IS NULL AND main_platform = 'instagram'"


def _plan(path: Path, sql: str) -> str:
    with sqlite3.connect(path) as conn:
        return " / ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


def _people(path: Path) -> list[dict[str, object]]:
    return file_rows(path, "influencer")


def test_an_older_file_upgrades_whole_and_rates_come_from_an_index(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0027.sqlite").read_bytes())
    before = _people(path)
    count = f"SELECT count(*) {ALIVE} AND {RATE} >= 0.03"
    first = f"SELECT id {ALIVE} AND {RATE} >= 0.03 ORDER BY display_name COLLATE NOCASE, id"
    with sqlite3.connect(path) as conn:
        alive = "SELECT id FROM influencer WHERE deleted_at IS NULL"
        listed = conn.execute(f"{alive} ORDER BY display_name COLLATE NOCASE, id").fetchall()
        by_followers = conn.execute(
            f"{alive} ORDER BY main_followers DESC NULLS LAST, id DESC"
        ).fetchall()
    # Before: each person's whole row read for their rate.
    assert "COVERING INDEX" not in _plan(path, count)

    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert influencer_list.list_ids(db, ListQuery()) == [i for (i,) in listed]
        assert influencer_list.list_ids(db, ListQuery(sort="followers", descending=True)) == [
            i for (i,) in by_followers
        ]
    finally:
        db.close()

    assert len(before) > 1, "the fixture holds people"
    assert as_it_was(_people(path), before) == before
    assert "COVERING INDEX" in _plan(path, count)
    assert "COVERING INDEX ix_influencer_alive_name" in _plan(path, first)
    assert "TEMP B-TREE" not in _plan(path, first)
