"""A list query holding a search is built once per shape of search and kept: each search of
that shape still finds its own people, in the first rows and count as in every id, and a
kept query follows a change of the settings or the name it binds."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.domain.metrics import TierThresholds
from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

# (name, handle, followers, owner)
PEOPLE = (
    ("Lena Fischer", "lena.bakes", 5_000, "Ana"),
    ("Omar Runs", "omar.runs", 50_000, "Ben"),
    ("Lea Berg", "lea.paints", 50_000, "Ana"),
    ("Otto Lind", "otto.bakes", 5_000, "Ben"),
)


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    ids = {}
    for name, handle, followers, owner in PEOPLE:
        account = AccountInput("instagram", handle, followers=followers, is_primary=True)
        person = InfluencerInput(display_name=name, owner=owner, accounts=(account,))
        ids[name.split()[0]] = influencers.create(db, person)
    return ids


def _start(db: Database, query: ListQuery) -> tuple[list[int], int]:
    start = influencer_list.list_start(db, query, 300)
    return start.ids, start.total


def test_searches_of_one_shape_each_find_their_own_first_rows_and_count(
    db: Database, people: dict[str, int]
) -> None:
    lena, omar, lea, otto = (people[name] for name in ("Lena", "Omar", "Lea", "Otto"))
    for _ in range(2):
        assert _start(db, ListQuery(search="lena")) == ([lena], 1)
        assert _start(db, ListQuery(search="omar")) == ([omar], 1)
        assert _start(db, ListQuery(search="le")) == ([lea, lena], 2)
        assert _start(db, ListQuery(search="ot")) == ([otto], 1)
        assert _start(db, ListQuery(search="akes")) == ([lena, otto], 2)
        assert _start(db, ListQuery(search="aint")) == ([lea], 1)
        assert _start(db, ListQuery(search="l o")) == ([otto], 1)
        assert _start(db, ListQuery(search="o l")) == ([otto], 1)
        assert _start(db, ListQuery(search="lena", descending=True)) == ([lena], 1)
        assert influencer_list.list_ids(db, ListQuery(search="omar")) == [omar]
        assert influencer_list.list_ids(db, ListQuery(search="lena")) == [lena]


def test_a_kept_search_follows_new_tier_thresholds(db: Database, people: dict[str, int]) -> None:
    micro = ListQuery(search="bakes", tier="micro")
    assert _start(db, micro) == ([], 0)
    settings.set_tier_thresholds(db, TierThresholds(micro=1_000, macro=10_000, mega=1_000_000))
    assert _start(db, micro) == ([people["Lena"], people["Otto"]], 2)
    assert influencer_list.list_ids(db, micro) == [people["Lena"], people["Otto"]]


def test_a_kept_search_owned_by_me_follows_who_signs(db: Database, people: dict[str, int]) -> None:
    mine = ListQuery(search="bakes", owned_by_me=True)
    db.sign_as("Ana")
    assert _start(db, mine) == ([people["Lena"]], 1)
    db.sign_as("Ben")
    assert _start(db, mine) == ([people["Otto"]], 1)
    assert influencer_list.list_ids(db, mine) == [people["Otto"]]
