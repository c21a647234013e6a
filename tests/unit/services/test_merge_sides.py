"""What the merge comparison shows of each side, read from a real file."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.services.errors import MergeRefused
from infcrm.services.people import influencers, merge_sides
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput


def test_a_side_lists_every_account_main_first_and_every_email(db: Database) -> None:
    db.sign_as("Sam")
    person = influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Vogel",
            email="lena@vogel.de",
            other_emails="hello@lenabakes.de",
            accounts=(
                AccountInput("tiktok", "lenabakes"),
                AccountInput("youtube", None, label="Lena Bakes Kitchen"),
                AccountInput("instagram", "lena.vogel", is_primary=True),
            ),
        ),
    )
    db.sign_as("Ben")  # a teammate reads it: names tell who did what
    side = merge_sides.side(db, person)
    assert side.accounts == (
        "Instagram @lena.vogel",
        "TikTok @lenabakes",
        "YouTube Lena Bakes Kitchen",
    )
    assert side.emails == ("lena@vogel.de", "hello@lenabakes.de")
    assert (side.source, side.added_by) == ("Added by hand", "Sam")
    assert side.holdings["accounts"] == 3


def test_an_imported_person_without_the_file_name_still_says_imported(db: Database) -> None:
    person = influencers.create(
        db, InfluencerInput(display_name="Lena Vogel", found_via="imported")
    )
    assert merge_sides.side(db, person).source == "Imported from a file"


def test_a_person_forgotten_meanwhile_is_refused_in_words(db: Database) -> None:
    with pytest.raises(MergeRefused, match="no longer exists"):
        merge_sides.side(db, 999)
