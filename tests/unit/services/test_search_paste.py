"""Search finds what people paste: profile links, @handles and any part of a handle or email."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers, trash
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery


@pytest.fixture
def lena(db: Database) -> int:
    """Lena, whose Instagram is lena.bakes, and someone else to prove the search narrows."""
    influencers.create(
        db,
        InfluencerInput(
            display_name="Omar Runs",
            email="omar@runclub.org",
            accounts=(AccountInput(platform="tiktok", handle="omar.runs"),),
        ),
    )
    return influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Fischer",
            email="hello@sourdoughstudio.de",
            accounts=(AccountInput(platform="instagram", handle="lena.bakes"),),
        ),
    )


def _ids(db: Database, text: str) -> list[int]:
    return influencer_list.list_ids(db, ListQuery(search=text))


@pytest.mark.parametrize(
    "pasted",
    [
        "https://www.instagram.com/lena.bakes/",
        "instagram.com/lena.bakes?igsh=abc123",
        "@lena.bakes",
        "lena.bakes",
        "  @Lena.Bakes ",
    ],
)
def test_a_profile_link_or_an_at_handle_finds_her(db: Database, lena: int, pasted: str) -> None:
    assert _ids(db, pasted) == [lena]


@pytest.mark.parametrize("part", ["akes", "a.bak", "ENA.B", "doughstud", "studio.de", "@akes"])
def test_any_part_of_a_handle_or_email_finds_her(db: Database, lena: int, part: str) -> None:
    assert _ids(db, part) == [lena]


def test_a_part_combines_with_a_word_of_another_field(db: Database, lena: int) -> None:
    assert _ids(db, "fisch akes") == [lena]
    assert _ids(db, "omar akes") == []


def test_short_pieces_still_match_word_starts_only(db: Database, lena: int) -> None:
    assert _ids(db, "le") == [lena]
    assert _ids(db, "ak") == []  # two letters inside a word are too few to mean anything


def test_a_link_to_someone_else_finds_nobody(db: Database, lena: int) -> None:
    assert _ids(db, "https://www.instagram.com/mia.paints/") == []


def test_an_edit_of_the_handle_moves_the_match(db: Database, lena: int) -> None:
    person = influencers.get(db, lena).to_input()
    account = AccountInput(**{**person.accounts[0].__dict__, "handle": "lena.cooks"})
    influencers.update(db, lena, InfluencerInput(**{**person.__dict__, "accounts": (account,)}))
    assert _ids(db, "akes") == []
    assert _ids(db, "cooks") == [lena]


def test_quotes_and_operators_typed_are_searched_as_text(db: Database, lena: int) -> None:
    assert _ids(db, 'akes" OR "omar') == []
    assert _ids(db, "NEAR(akes)") == []


def test_a_word_with_an_initial_needs_both_the_word_and_the_initial(
    db: Database, lena: int
) -> None:
    kofi = influencers.create(db, InfluencerInput(display_name="Kofi Adu", tags="Local"))
    assert _ids(db, "fischer.l") == [lena]  # no handle holds it: her name's two words do
    assert _ids(db, "l.fischer") == [lena]
    assert _ids(db, "fischer.o") == []
    assert _ids(db, "kofi.l") == [kofi]  # the initial starts a word of his tag
    assert _ids(db, "kofi.lo") == [kofi]
    assert _ids(db, "kofi.x") == []
    assert _ids(db, "fischer.l kofi.l") == []


def test_each_term_may_match_in_its_own_way(db: Database) -> None:
    """A word of the record, a tag, a part inside a handle or an address, and a piece where a
    handle starts: one search may need each of them for a different term."""
    ines = influencers.create(
        db,
        InfluencerInput(
            display_name="Ines Vogel",
            city="Berlin",
            tags="VIP, eco",
            email="ines@theveganchef.de",
            accounts=(AccountInput(platform="instagram", handle="ines.bakes"),),
        ),
    )
    omar = influencers.create(
        db,
        InfluencerInput(
            display_name="Omar Vogel",
            city="Berlin",
            tags="VIP",
            accounts=(AccountInput(platform="tiktok", handle="omar_vegan"),),
        ),
    )
    influencers.create(db, InfluencerInput(display_name="Lea Vogel", city="Berlin"))
    assert _ids(db, "berlin vip") == [ines, omar]  # a word and a tag
    assert _ids(db, "vip akes") == [ines]  # a tag and a part inside her handle
    assert _ids(db, "veganchef vip") == [ines]  # a part inside her address and a tag
    assert _ids(db, "vegan vip") == [ines, omar]  # inside her address; where his handle starts
    assert _ids(db, "vegan eco") == [ines]
    assert _ids(db, "ines.b vip") == [ines]  # a word and an initial, and a tag
    assert _ids(db, "vogel chef") == [ines]
    assert _ids(db, "omar akes") == []
    assert _ids(db, "lea vip") == []
    assert _ids(db, "lea vegan") == []


def test_an_initial_met_only_in_a_tag_finds_those_who_carry_it_and_no_one_else(
    db: Database,
) -> None:
    """A tag many people carry (“gifted-before”) gives the “b” of “mia.b” to Mia Rossi only:
    the others carrying it have no word starting with “mia”, Mia Neri carries another tag
    and Mia Gold is in the trash."""
    rossi = influencers.create(
        db, InfluencerInput(display_name="Mia Rossi", tags="gifted-before, VIP")
    )
    neri = influencers.create(db, InfluencerInput(display_name="Mia Neri", tags="VIP"))
    for n in range(5):
        influencers.create(db, InfluencerInput(display_name=f"Ola Berg {n}", tags="gifted-before"))
    bauer = influencers.create(db, InfluencerInput(display_name="Mia Bauer"))
    gold = influencers.create(db, InfluencerInput(display_name="Mia Gold", tags="gifted-before"))
    trash.trash(db, [gold])
    assert _ids(db, "@mia.b") == [bauer, rossi]  # her name's word, and her tag's
    assert _ids(db, "mia.gi") == [rossi]  # the tag's other word
    assert _ids(db, "mia.v") == [neri, rossi]
    assert _ids(db, "mia.x") == []
    assert _ids(db, "ola.b mia") == []


def test_searches_of_the_same_shape_one_after_another_each_find_their_own(
    db: Database, lena: int
) -> None:
    """The SQL of a search is made once per shape of search and kept; each search still
    finds by its own words (one letter, which finds most people, is asked differently)."""
    omar = _ids(db, "omar")[0]
    for _ in range(2):
        assert _ids(db, "lena") == [lena]
        assert _ids(db, "omar") == [omar]
        assert _ids(db, "o") == [omar]
        assert _ids(db, "l") == [lena]
        assert _ids(db, "le") == [lena]
        assert _ids(db, "akes") == [lena]
        assert _ids(db, "runs") == [omar]
        assert _ids(db, "lena.b") == [lena]
        assert _ids(db, "omar.r") == [omar]
        assert _ids(db, "fisch akes") == [lena]
        assert _ids(db, "omar akes") == []
