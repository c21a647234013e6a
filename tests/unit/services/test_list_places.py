"""Where a person lands in the list after a new sort or filter, found without reading every
id: the row the whole list in order would give them, or None when the query leaves them out."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers, list_places
from infcrm.services.people.influencer_types import ListQuery
from tests.unit.services.test_list_start import QUERIES, people  # noqa: F401 (a fixture)

# Every kind of key: case-blind text, empty values, a join (stage), a subquery (views),
# computed rates, dates; both ways; with filters and searches that leave people out.
MORE = [
    ListQuery(sort="stage"),
    ListQuery(sort="stage", descending=True),
    ListQuery(sort="country", descending=True),
    ListQuery(sort="avg_views"),
    ListQuery(sort="avg_views", descending=True),
    ListQuery(sort="engagement", descending=True),
    ListQuery(sort="updated"),
    ListQuery(sort="rating", descending=True),
    ListQuery(tier="micro", sort="email"),
    ListQuery(search="a", sort="country"),
    ListQuery(search="zzz-nobody"),
]


def _assert_places_agree(db: Database, query: ListQuery, ids: list[int]) -> None:
    everyone = influencer_list.list_ids(db, query)
    places = list_places.places(db, query, ids)
    expected = {i: (everyone.index(i) if i in everyone else None) for i in ids}
    assert places == expected, query


@pytest.mark.parametrize("query", QUERIES + MORE, ids=lambda q: f"{q.sort}-{q.descending}")
def test_each_persons_place_is_their_row_in_the_whole_list(
    db: Database,
    people: list[int],  # noqa: F811 (the fixture)
    query: ListQuery,
) -> None:
    # Ties without case, people without followers (empty keys), equal counts: the edge cases.
    _assert_places_agree(db, query, people)


@pytest.mark.parametrize("query", MORE[:9], ids=lambda q: f"{q.sort}-{q.descending}")
def test_places_agree_on_the_demo_with_stages_views_and_ratings(
    demo_db: Database, query: ListQuery
) -> None:
    everyone = influencer_list.list_ids(demo_db, ListQuery())
    _assert_places_agree(demo_db, query, everyone)


def test_someone_in_the_trash_has_no_place_in_the_list(
    db: Database,
    people: list[int],  # noqa: F811 (the fixture)
) -> None:
    influencers.trash(db, [people[4]])
    query = ListQuery(sort="followers")
    places = list_places.places(db, query, [people[4], people[9]])
    listed = influencer_list.list_ids(db, query)
    assert places == {people[4]: None, people[9]: listed.index(people[9])}


def test_a_new_sort_tells_where_the_selection_lands_beyond_the_first_rows(
    db: Database,
    people: list[int],  # noqa: F811 (the fixture)
) -> None:
    query = ListQuery(sort="followers", descending=True)
    everyone = influencer_list.list_ids(db, query)
    deep, shown, gone = everyone[-1], everyone[0], 10**9
    start = list_places.list_start(db, query, 3, keep=[deep, shown, gone], near=2)
    assert start.ids == everyone[:3] and start.total == len(everyone)
    # Those among the first rows need no place; the others get theirs, or None…
    assert start.places == {deep: len(everyone) - 1, gone: None}
    # …and the rows around them come with them (not those among the first rows).
    last = len(everyone) - 1
    assert start.near == {r: everyone[r] for r in (last - 2, last - 1, last)}
    middle = everyone[5]
    start = list_places.list_start(db, query, 3, keep=[middle], near=4)
    assert start.near == {r: everyone[r] for r in range(3, 10)}
