"""The list's first rows and count (what a change of sort or filter waits for) agree with the
whole list in its order: ties by id, empty values last both ways, filters counted right."""

from __future__ import annotations

from dataclasses import replace

import pytest

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

# Names that tie without case, people without any account (no followers), equal counts.
PEOPLE = (
    ("anna", 25_000),
    ("Anna", 25_000),
    ("ANNA", None),
    ("Bo", 5_000),
    ("carla", 250_000),
    ("Dev", None),
    ("emil", 25_000),
    ("Fay", 60_000),
    ("gus", 9_999),
    ("Hana", 1_500_000),
)


@pytest.fixture
def people(db: Database) -> list[int]:
    ids = []
    for name, followers in PEOPLE:
        accounts = ()
        if followers is not None:
            accounts = (AccountInput("instagram", name.lower() + str(len(ids)),
                                     followers=followers, is_primary=True),)  # fmt: skip
        ids.append(influencers.create(db, InfluencerInput(display_name=name, accounts=accounts)))
    return ids


QUERIES = [
    ListQuery(),
    ListQuery(descending=True),
    ListQuery(sort="followers"),
    ListQuery(sort="followers", descending=True),
    ListQuery(tier="micro"),
    ListQuery(tier="micro", sort="followers", descending=True),
    ListQuery(min_followers=9_999, sort="name", descending=True),
    ListQuery(search="anna", sort="followers"),
    ListQuery(search="a"),  # names that tie without case, from a search's own sort
    ListQuery(search="a", descending=True),
    ListQuery(search="a", sort="followers", descending=True),
    ListQuery(search="a", sort="tier", descending=True),
    ListQuery(search="a f", sort="followers", descending=True),  # a broad word and a narrow one
    ListQuery(search="a", sort="engagement"),
    ListQuery(sort="created", descending=True),
    ListQuery(sort="engagement"),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.sort}-{q.descending}")
@pytest.mark.parametrize("walk", [False, True], ids=["narrow", "many"])
def test_the_first_rows_begin_the_whole_list_and_the_count_is_its_length(
    db: Database, people: list[int], query: ListQuery, walk: bool, monkeypatch
) -> None:
    if walk:  # as with thousands of matches: ranges are checked along the sort's index
        monkeypatch.setattr(influencer_list, "_WALK_ABOVE", 0)
    everyone = influencer_list.list_ids(db, query)
    assert everyone == influencer_list.list_ids(db, query, expected=len(everyone))
    for limit in (1, 3, len(everyone), len(everyone) + 1):
        start = influencer_list.list_start(db, query, limit)
        assert start.ids == everyone[:limit]
        assert start.total == len(everyone) == influencer_list.count_matching(db, query)


def test_names_tie_by_id_and_empty_follower_counts_come_last_both_ways(
    db: Database, people: list[int]
) -> None:
    by_name = influencer_list.list_start(db, ListQuery(), 4).ids
    assert by_name == [*people[:3], people[3]]  # anna, Anna, ANNA in the order they came
    backwards = influencer_list.list_ids(db, ListQuery(descending=True))
    assert backwards[-3:] == people[2::-1]

    empty = {people[2], people[5]}
    for descending in (False, True):
        query = ListQuery(sort="followers", descending=descending)
        ids = influencer_list.list_ids(db, query)
        assert set(ids[-2:]) == empty, "no count sorts last, whichever way"
        first = influencer_list.list_start(db, query, 3).ids
        assert not empty & set(first)
    most = influencer_list.list_start(db, ListQuery(sort="followers", descending=True), 2)
    assert most.ids == [people[9], people[4]] and most.total == len(PEOPLE)
    # Equal counts tie by id: first made first going up, last going down.
    up = influencer_list.list_ids(db, ListQuery(sort="followers"))
    assert [i for i in up if i in (people[0], people[1], people[6])] == [
        people[0], people[1], people[6]
    ]  # fmt: skip


def test_a_filtered_count_leaves_out_the_trash(db: Database, people: list[int]) -> None:
    micro = ListQuery(tier="micro")
    before = influencer_list.list_start(db, micro, 2)
    influencers.trash(db, [before.ids[0]])
    after = influencer_list.list_start(db, micro, 2)
    assert after.total == before.total - 1
    assert before.ids[0] not in after.ids
    trash = influencer_list.list_start(db, replace(ListQuery(trash=True), sort="deleted"), 5)
    assert trash.ids == [before.ids[0]] and trash.total == 1


def test_a_search_with_many_matches_answers_with_its_first_rows_and_their_count(
    db: Database, people: list[int]
) -> None:
    # What a keystroke waits for: a one-letter search finds most people, and sorting every
    # one of them to show a screenful kept the list waiting (the rest follows in the background).
    query = ListQuery(search="a")
    everyone = influencer_list.list_ids(db, query)
    assert len(everyone) > 2
    start = influencer_list.list_start(db, query, 2)
    assert start.ids == everyone[:2]
    assert start.total == len(everyone)
    assert influencer_list.list_start(db, ListQuery(search="nobody-has-this"), 2).total == 0


def test_a_search_finding_most_people_by_followers_leaves_out_the_trash(
    db: Database, people: list[int]
) -> None:
    # On a server such a search walks everyone in order of followers and checks each one.
    query = ListQuery(search="a", sort="followers", descending=True)
    before = influencer_list.list_start(db, query, 2)
    assert before.ids == [people[1], people[0]] and before.total == 3  # Anna, anna (ANNA)
    influencers.trash(db, [people[1]])
    after = influencer_list.list_start(db, query, 2)
    assert after.ids == [people[0], people[2]] and after.total == 2
