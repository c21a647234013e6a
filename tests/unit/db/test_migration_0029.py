"""Schema 0029 gives a server's search the handles and addresses without the start of each
piece; a file's search is left as it was. An older file upgrades with every person as they
were and the same searches find the same people, a piece of a handle or an address
included, wherever in it that piece starts."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import as_it_was, file_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Mia Bakes (mia.bakes), Kofi Mensah (kofi.runs), Mia B. (Mia.Bakes@example.com, a word
# only), Ben Osei (ben.osei) in the fixture.
SEARCHES = {"bakes": [4, 1], "akes": [1], "a.bak": [1], "ofi.r": [2], "sei": [6], "runs@ex": [2]}


def _people(path: Path) -> list[dict[str, object]]:
    return file_rows(path, "influencer")


def test_an_older_file_upgrades_whole_and_finds_the_same_people(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0028.sqlite").read_bytes())
    before = _people(path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        for text, ids in SEARCHES.items():
            assert influencer_list.list_ids(db, ListQuery(search=text)) == ids, text
    finally:
        db.close()
    assert len(before) > 1, "the fixture holds people"
    assert as_it_was(_people(path), before) == before
