"""A merge joins the two people's other names and notes (and the notes of their deals in one
campaign): when the joined text is longer than its form holds, the merge is refused, naming
the field and how much to shorten, and nothing is changed or lost."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput, DealTermsInput
from infcrm.services.people import influencers, merge
from infcrm.services.people.influencer_types import InfluencerInput
from tests.unit.services.test_merge import dump


def _names(prefix: str, count: int) -> str:
    return "; ".join(f"{prefix} name {n:02d} {'x' * 20}" for n in range(count))


def test_other_names_too_long_together_refuse_the_merge(db: Database) -> None:
    keep = influencers.create(
        db, InfluencerInput(display_name="Lena Vogel", other_names=_names("Lena kept", 49))
    )
    other = influencers.create(
        db, InfluencerInput(display_name="Lena V.", other_names=_names("Lena other", 8))
    )
    before = dump(db, (keep, other))

    with pytest.raises(merge.MergeRefused) as refused:
        merge.merge(db, keep, other)

    assert str(refused.value) == (
        "Together the other names of “Lena Vogel” and “Lena V.” come to 2,295 characters, and "
        "Other names holds at most 2,000. Shorten the other names of one of them by at least "
        "295 characters, then merge again."
    )
    assert dump(db, (keep, other)) == before


def test_notes_too_long_together_refuse_the_merge(db: Database) -> None:
    keep = influencers.create(db, InfluencerInput(display_name="Mia Bakes", notes="a" * 12_000))
    other = influencers.create(db, InfluencerInput(display_name="Mia B.", notes="b" * 9_000))
    before = dump(db, (keep, other))

    with pytest.raises(merge.MergeRefused) as refused:
        merge.merge(db, keep, other)

    # The name not chosen is kept in the notes too.
    aside = "Not chosen when merging “Mia B.” into “Mia Bakes”:\nName: Mia B."
    total = 12_000 + 9_000 + len(aside) + 4
    assert str(refused.value) == (
        f"Together the notes of “Mia Bakes” and “Mia B.” come to {total:,} characters, and "
        "Notes holds at most 20,000. Shorten the notes of one of them by at least "
        f"{total - 20_000:,} characters, then merge again."
    )
    assert dump(db, (keep, other)) == before


def test_deal_notes_too_long_together_refuse_the_merge(db: Database) -> None:
    keep = influencers.create(db, InfluencerInput(display_name="Ana Ruiz"))
    other = influencers.create(db, InfluencerInput(display_name="Ana R."))
    spring = campaigns.create_campaign(db, CampaignInput(name="Spring", currency="EUR"))
    campaigns.add_influencers(db, spring, [keep, other])
    for person, note in ((keep, "k" * 15_000), (other, "o" * 6_000)):
        deal_id = next(
            c.deal_id for c in campaigns.campaigns_of(db, person) if c.campaign_id == spring
        )
        deals.save_terms(db, deal_id, DealTermsInput(notes=note))
    before = dump(db, (keep, other))

    with pytest.raises(merge.MergeRefused) as refused:
        merge.merge(db, keep, other)

    assert str(refused.value) == (
        "Together the notes of the deals of “Ana Ruiz” and “Ana R.” in the campaign “Spring” "
        "come to 21,002 characters, and a deal's Notes holds at most 20,000. Shorten the "
        "notes of one of those deals by at least 1,002 characters, then merge again."
    )
    assert dump(db, (keep, other)) == before


def _addresses(prefix: str, count: int) -> str:
    return ", ".join(f"{prefix}.{n:02d}@example-mail.test" for n in range(count))


def _niches(prefix: str, count: int) -> str:
    return ", ".join(f"{prefix} niche {n:02d}" for n in range(count))


@pytest.mark.parametrize(
    ("field", "label", "limit", "keeps", "others"),
    [
        ("other_emails", "Other emails", 2_000, _addresses("kept", 70), _addresses("other", 20)),
        ("niches", "Niches", 1_000, _niches("kept", 50), _niches("other", 20)),
    ],
    ids=["other emails", "niches"],
)
def test_other_emails_or_niches_too_long_together_refuse_the_merge(
    db: Database, field: str, label: str, limit: int, keeps: str, others: str
) -> None:
    keep = influencers.create(db, InfluencerInput(display_name="Lena Vogel", **{field: keeps}))
    other = influencers.create(db, InfluencerInput(display_name="Lena V.", **{field: others}))
    before = dump(db, (keep, other))

    with pytest.raises(merge.MergeRefused) as refused:
        merge.merge(db, keep, other)

    total = len(keeps) + 2 + len(others)
    assert str(refused.value) == (
        f"Together the {label.lower()} of “Lena Vogel” and “Lena V.” come to {total:,} "
        f"characters, and {label} holds at most {limit:,}. Shorten the {label.lower()} of one "
        f"of them by at least {total - limit:,} characters, then merge again."
    )
    assert dump(db, (keep, other)) == before
