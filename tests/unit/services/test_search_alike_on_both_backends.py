"""A search finds the same people in the same order on a server as in a file.

The server answers a search with its own SQL (db/pg_search.py), shaped for speed; the file's
FTS5 search is the reference. The same demo people are put in both, and every kind of term
is searched: short words, words that start names, parts inside handles and addresses, terms
with an initial that only a tag may give, several terms at once, both sort directions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database, open_database
from infcrm.demo import generate as demo
from infcrm.services.people import influencer_list, trash
from infcrm.services.people.influencer_types import ListQuery
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(
    BACKEND != "postgresql", reason="compares a server with a file: needs the server backend"
)

SEARCHES = (
    "m", "mi", "mia", "bakes", "akes", "@mia.b", "mia.b", "b", "berlin vegan", "vip",
    "gifted", "eco b", "a.bak", "mia vip", "lena.b eco", "x.b", "ab", "studio", "leo.g",
    "kim.p", "ana.s", "nia.v", "zoe.u", "rossi.d l", "chloe", "bakes.a", "@vegan",
)  # fmt: skip


def _found(db: Database, text: str, *, descending: bool = False) -> list[int]:
    query = ListQuery(search=text, descending=descending)
    return influencer_list.list_ids(db, query)


def test_every_kind_of_search_finds_the_same_people_in_the_same_order(
    db: Database, tmp_path: Path
) -> None:
    file_db = open_database(tmp_path / "file.sqlite")
    try:
        for database in (db, file_db):
            demo.populate(database, influencers=400, seed=11, shop_orders=False)
            trash.trash(database, list(range(1, 400, 9)))  # the trash is never found
        found_somebody = 0
        for text in SEARCHES:
            for descending in (False, True):
                on_file = _found(file_db, text, descending=descending)
                assert _found(db, text, descending=descending) == on_file, (text, descending)
                found_somebody += bool(on_file)
        assert found_somebody >= len(SEARCHES)  # most searches find someone
    finally:
        file_db.close()
