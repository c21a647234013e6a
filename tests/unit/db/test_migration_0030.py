"""Schema 0030 gives a server an index of the living people's ids holding their names, which
a search's matches are sorted from; a file is left as it was. An older file upgrades with
every person as they were, and searches find the same people in the same order by name."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import as_it_was, file_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Mia Bakes (1), Kofi Mensah (2), Lucía Romero (3), Mia B. (4), Ana Lima (5), Ben Osei (6).
SEARCHES = {"mia": [4, 1], "bakes": [4, 1], "an": [5], "e": [2, 3, 4, 1]}


def _people(path: Path) -> list[dict[str, object]]:
    return file_rows(path, "influencer")


def test_an_older_file_upgrades_whole_and_sorts_what_a_search_finds_by_name(
    tmp_path: Path,
) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0029.sqlite").read_bytes())
    before = _people(path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        for text, ids in SEARCHES.items():
            assert influencer_list.list_ids(db, ListQuery(search=text)) == ids, text
            descending = ListQuery(search=text, descending=True)
            assert influencer_list.list_ids(db, descending) == ids[::-1], text
    finally:
        db.close()
    assert len(before) > 1, "the fixture holds people"
    assert as_it_was(_people(path), before) == before
