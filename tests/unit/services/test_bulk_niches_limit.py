"""Adding niches to many people never stores more than a person's form holds (1,000
characters): those it would take over are named, and nobody is changed unless the user
chooses to change the others."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.domain.field_catalogue import max_length
from infcrm.services.people import bulk, influencers
from infcrm.services.people.bulk_types import BulkRefused
from infcrm.services.people.influencer_types import InfluencerInput

LIMIT = max_length("niches")


def _niches(db: Database, person: int) -> str | None:
    return influencers.get(db, person).niches


def _people(db: Database) -> tuple[int, int]:
    # Lena's niches are 996 characters: a niche of four letters more does not fit.
    full = ", ".join([*(f"niche{n:03}" for n in range(99)), "abcdef"])
    assert len(full) == LIMIT - 4
    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel", niches=full))
    ana = influencers.create(db, InfluencerInput(display_name="Ana Ruiz", niches="food"))
    return lena, ana


def test_adding_niches_that_would_not_fit_names_the_person_and_changes_nobody(
    db: Database,
) -> None:
    lena, ana = _people(db)
    before = _niches(db, lena)
    with pytest.raises(BulkRefused) as refused:
        bulk.change_niches(db, [lena, ana], "baking")
    (said,) = [p.sentence() for p in refused.value.problems]
    assert said == (
        f"Their niches would be longer than the {LIMIT:,} characters a person's niches hold: "
        "Lena Vogel."
    )
    assert refused.value.affected == 1 and refused.value.can_skip
    assert _niches(db, lena) == before
    assert _niches(db, ana) == "food"


def test_skipping_those_adds_the_niche_to_the_others_only(db: Database) -> None:
    lena, ana = _people(db)
    before = _niches(db, lena)
    result = bulk.change_niches(db, [lena, ana], "baking", skip_problems=True)
    assert _niches(db, ana) == "food, baking"
    assert _niches(db, lena) == before and len(before or "") <= LIMIT
    assert result.summary == (
        "Added “baking” to the niches of 1 person. Skipped 1 who could not be changed."
    )
    assert result.skipped == 1
