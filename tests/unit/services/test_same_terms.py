"""The same terms for several people of a campaign at once (twenty free tea boxes): written to
those without terms yet, never over terms already set, as one step of Edit › Undo."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deal_edits, deals
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
)
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.services.restore_points import restore

TEA = DealTermsInput(
    incentives=(IncentiveInput("product", description="Tea sampler box", value="29.90"),),
    deliverables=(DeliverableInput("instagram", "story", 2, None),),
    disclosure="ad_hashtag",
)


def _campaign(db: Database) -> list[int]:
    """“Tea” with Ana, Ben and Cy; Cy's deal already holds a fee and a note: deal ids."""
    people = [influencers.create(db, InfluencerInput(display_name=n)) for n in ("Ana", "Ben", "Cy")]
    campaign = campaigns.create_campaign(db, CampaignInput(name="Tea", currency="EUR"))
    campaigns.add_influencers(db, campaign, people)
    by_person = {d.influencer_id: d.id for d in deals.deal_summaries(db, campaign, date.today())}
    ids = [by_person[p] for p in people]
    deals.save_terms(db, ids[2], DealTermsInput(
        incentives=(IncentiveInput("fee", value="200", currency="EUR"),), notes="Paid by invoice"
    ))  # fmt: skip
    return ids


def _terms(db: Database, deal_id: int) -> tuple:
    deal = deals.get_deal(db, deal_id)
    return (
        [(i.kind, i.description, i.value.minor if i.value else None) for i in deal.incentives],
        [(d.platform, d.format, d.count) for d in deal.deliverables],
        deal.notes,
    )


def test_the_same_terms_go_to_everyone_without_terms_and_nobody_else(db: Database) -> None:
    ana, ben, cy = _campaign(db)
    cy_before = _terms(db, cy)

    done = deal_edits.same_terms(db, [ana, ben, cy], TEA)

    assert done.value == [ana, ben]
    for deal_id in (ana, ben):
        assert _terms(db, deal_id) == (
            [("product", "Tea sampler box", 2990)],
            [("instagram", "story", 2)],
            None,
        )
    assert _terms(db, cy) == cy_before  # its fee and note stay


def test_undo_takes_the_terms_back_from_everyone_at_once(db: Database) -> None:
    ana, ben, cy = _campaign(db)
    done = deal_edits.same_terms(db, [ana, ben, cy], TEA)

    restore(db, done.undo)

    assert _terms(db, ana) == _terms(db, ben) == ([], [], None)
    assert _terms(db, cy)[0] == [("fee", None, 20000)]
