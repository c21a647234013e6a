"""Schema 0025 gives the list its indexes: an older file upgrades with every row as it was,
the list and the trash show the same people as before, and the first screenful of the list
is read in its order from an index instead of sorting everyone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, trash
from infcrm.services.people.influencer_types import ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TABLES = ("influencer", "social_account", "influencer_tag")


def _rows(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def _plan(path: Path, sql: str) -> str:
    with sqlite3.connect(path) as conn:
        return " / ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


def test_an_older_file_upgrades_whole_and_lists_the_same_people(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0024.sqlite").read_bytes())
    before = {table: _rows(path, table) for table in TABLES}
    with sqlite3.connect(path) as conn:
        by_name = [
            i
            for (i,) in conn.execute(
                "SELECT id FROM influencer WHERE deleted_at IS NULL "
                "ORDER BY display_name COLLATE NOCASE, id"
            )
        ]

    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert influencer_list.list_ids(db, ListQuery()) == by_name
        trash.trash(db, [by_name[0]])
        assert influencer_list.list_ids(db, ListQuery(trash=True)) == [by_name[0]]
        assert influencer_list.list_ids(db, ListQuery()) == by_name[1:]
        trash.restore(db, [by_name[0]])
    finally:
        db.close()

    assert len(before["influencer"]) > 1, "the fixture holds people"
    assert {table: _rows(path, table) for table in TABLES}.keys() == before.keys()
    assert _rows(path, "social_account") == before["social_account"]
    assert [r[0] for r in _rows(path, "influencer")] == [r[0] for r in before["influencer"]]


def test_the_first_screenful_comes_from_an_index_in_the_lists_order(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0024.sqlite").read_bytes())
    alive = "SELECT id FROM influencer WHERE deleted_at IS NULL"
    by_name = f"{alive} ORDER BY display_name COLLATE NOCASE, id LIMIT 300"
    # Before: everyone's deleted_at looked up as if it were narrow, then all of them sorted.
    assert "TEMP B-TREE" in _plan(path, by_name)

    open_database(path, backup_dir=tmp_path / "backups").close()

    assert "TEMP B-TREE" not in _plan(path, by_name)
    assert "TEMP B-TREE" not in _plan(
        path, f"{alive} ORDER BY main_followers DESC NULLS LAST, id DESC LIMIT 300"
    )
    assert "COVERING INDEX" in _plan(path, f"SELECT count(*) FROM ({alive})")
    assert "ix_influencer_deleted_at" in _plan(
        path, "SELECT id FROM influencer WHERE deleted_at IS NOT NULL ORDER BY deleted_at"
    )
