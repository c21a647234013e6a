"""A search word of one letter beside a longer one (“@mia.b”, “mia b”) finds everyone whose
record or tags hold both, in every combination: both words in the record, one in the record
and the other in a tag, both in tags. On a file such a search is answered from the longer
word's few people first, so these cases are spelled out one by one."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

PEOPLE = (
    # name, tags, Instagram handle
    ("Mia Bakes", "", "mia.bakes"),  # both words in the record
    ("Mia Lopez", "gifted-before", "mia.lopez"),  # “b” only in a tag
    ("Ben Osei", "Miami", "ben.osei"),  # “mia” only in a tag
    ("Zed Kim", "miami, bio", "zed.kim"),  # both only in tags
    ("Noé Brun", "Miało", ""),  # a tag with an accent, a name with one
    ("Mia Chen", "vip", "mia.chen"),  # no word starting with b anywhere
    ("Max Bell", "brunch", "max.bell"),  # b twice, no mia
    ("Sam Ito", "", "samia.bo"),  # “mia.b” inside a handle, no word starting with mia
)


@pytest.fixture
def people(db: Database) -> Database:
    for name, tags, handle in PEOPLE:
        accounts = (AccountInput(platform="instagram", handle=handle),) if handle else ()
        influencers.create(db, InfluencerInput(display_name=name, tags=tags, accounts=accounts))
    trashed = influencers.create(db, InfluencerInput(display_name="Mia Berg"))
    influencers.trash(db, [trashed])
    return db


def _found(db: Database, text: str) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery(search=text))
    start = influencer_list.list_start(db, ListQuery(search=text), 300)
    assert start.ids == ids and start.total == len(ids), text
    assert influencer_list.count_matching(db, ListQuery(search=text)) == len(ids), text
    return sorted(influencers.get(db, i).display_name for i in ids)


BOTH = ["Ben Osei", "Mia Bakes", "Mia Lopez", "Noé Brun", "Zed Kim"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("mia-b", BOTH),
        ("B-MIA", BOTH),
        ("@mia.b", sorted([*BOTH, "Sam Ito"])),  # and a handle holding “mia.b”
        ("mia b", sorted([*BOTH, "Sam Ito"])),  # “mia” is also part of a handle: samia.bo
        ("b mia", sorted([*BOTH, "Sam Ito"])),
        ("mi b", BOTH),
        ("m b", ["Ben Osei", "Max Bell", "Mia Bakes", "Mia Lopez", "Noé Brun", "Zed Kim"]),
        ("mia b k", ["Zed Kim"]),
        ("mia.b.k", ["Zed Kim"]),
        ("bak m", ["Mia Bakes"]),
        ("mia.v", ["Mia Chen"]),
        ("mia z", ["Zed Kim"]),
        ("mia q", []),
    ],
)
def test_a_one_letter_word_beside_a_longer_one_finds_record_and_tag_words_alike(
    people: Database, text: str, names: list[str]
) -> None:
    assert _found(people, text) == names
