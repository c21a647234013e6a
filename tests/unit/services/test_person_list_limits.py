"""The person's form refuses other emails and niches longer than their fields hold, saying
so beside the field, as it does for notes: what it saves, an import or a merge may join to."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        (
            "other_emails",
            ", ".join(f"anna.{n:03d}@example-mail.test" for n in range(80)),
            "Other emails is 2,238 characters long; keep it under 2,000.",
        ),
        (
            "niches",
            ", ".join(f"niche {n:03d}" for n in range(120)),
            "Niches is 1,318 characters long; keep it under 1,000.",
        ),
    ],
    ids=["other emails", "niches"],
)
def test_other_emails_or_niches_too_long_are_refused_with_the_limit(
    db: Database, field: str, text: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        influencers.create(db, InfluencerInput(display_name="Anna", **{field: text}))
    assert caught.value.errors[field] == message
    assert influencer_list.count(db) == 0
