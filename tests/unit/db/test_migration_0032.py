"""Schema 0032 drops three indexes no query reads (of everyone's followers, of countries as
written, of accounts' followers). An older file upgrades with every person and account as they
were, and the list still shows the same people in the same order for every filter and sort
those indexes were once made for: followers, tiers, countries, the trash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import as_it_was, file_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DROPPED = {"ix_influencer_main_followers", "ix_influencer_country", "ix_social_account_followers"}
# The fixture's people and main followers: Mia Bakes (1) 12,300, Kofi Mensah (2)
# 2,900,000,000, Lucía Romero (3) 8,100, Mia B. (4) unknown, Ana Lima (5) 5,000, Ben Osei (6)
# 5,000. The test gives them countries (two spellings of France) and puts 4 and 6 in the trash.
COUNTRIES = {1: "France", 3: "france", 5: "Germany", 6: "Spain"}
TRASHED = (4, 6)
SHOWN = {
    ListQuery(sort="followers"): [5, 3, 1, 2],
    ListQuery(sort="followers", descending=True): [2, 1, 3, 5],
    ListQuery(tier="nano"): [5, 3],  # by name: Ana Lima, Lucía Romero
    ListQuery(tier="mega", sort="followers"): [2],
    ListQuery(min_followers=8_000): [2, 3, 1],
    ListQuery(country="FRANCE"): [3, 1],
    ListQuery(country="france", sort="followers"): [3, 1],
    ListQuery(trash=True, sort="followers"): [6, 4],
    ListQuery(trash=True, sort="followers", descending=True): [6, 4],
}


def _rows(path: Path) -> dict[str, list[dict[str, object]]]:
    return {
        table: file_rows(path, table)
        for table in ("influencer", "social_account", "metric_snapshot")
    }


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {row[0] for row in rows}


def test_an_older_file_upgrades_whole_and_lists_the_same_people_in_the_same_order(
    tmp_path: Path,
) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0030.sqlite").read_bytes())
    with sqlite3.connect(path) as conn:  # written as that schema's infcrm would have
        conn.executemany(
            "UPDATE influencer SET country = ? WHERE id = ?",
            [(country, person) for person, country in COUNTRIES.items()],
        )
        conn.executemany(
            "UPDATE influencer SET deleted_at = '2026-03-01 10:00:00.000000' WHERE id = ?",
            [(person,) for person in TRASHED],
        )
    before = _rows(path)
    assert DROPPED <= _indexes(path), "the fixture has the indexes 0032 drops"

    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        for query, ids in SHOWN.items():
            assert influencer_list.list_ids(db, query) == ids, query
            start = influencer_list.list_start(db, query, limit=2)
            assert (start.ids, start.total) == (ids[:2], len(ids)), query
        assert influencer_list.count(db) == 4
        assert influencer_list.count(db, trash=True) == 2
        # One spelling per country, the trashed people's left out.
        assert influencer_list.filter_choices(db).countries == ("France", "Germany")
    finally:
        db.close()
    assert {table: as_it_was(rows, before[table]) for table, rows in _rows(path).items()} == before
    assert not DROPPED & _indexes(path)
