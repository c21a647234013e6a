"""Sending, confirming, a new version, a recorded post and a payment show in the History."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.services.campaigns import (
    agreement_confirming,
    agreements,
    campaigns,
    deal_results,
    deals,
)
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    ContentInput,
    DealTermsInput,
    PaymentInput,
)
from infcrm.services.outreach import history
from infcrm.services.outreach.outreach_types import ENTRY_DEAL
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput


def test_every_deal_event_is_a_line_of_the_persons_history(db: Database) -> None:
    person = influencers.create(db, InfluencerInput(display_name="Lena Bakes"))
    campaign = campaigns.create_campaign(db, CampaignInput(name="Sunny Oats", currency="EUR"))
    campaigns.add_influencers(db, campaign, [person])
    deal_id = deals.deal_summaries(db, campaign, date.today())[0].id
    draft = agreements.compose(db, deal_id)
    agreements.mark_sent(db, draft.id)
    agreement_confirming.confirm_with_text(
        db, draft.id, "From: lena@example.com\n\nYes, sounds good!"
    )
    changed = DealTermsInput(usage_rights="Repost on our account for 3 months")
    assert deals.save_terms(db, deal_id, changed)  # the confirmed terms changed
    deal_results.record_content(
        db,
        deal_id,
        ContentInput(
            platform="instagram", posted_on=date(2026, 4, 23), url="https://instagram.com/p/x1/"
        ),
    )
    deal_results.record_payment(
        db, deal_id, PaymentInput(paid_on=date(2026, 4, 30), amount="150", currency="EUR")
    )
    lines = [e for e in history.timeline(db, person) if e.kind == ENTRY_DEAL]
    titles = [e.title for e in lines]
    assert "Agreement sent for Sunny Oats (version 1)" in titles
    assert "Agreement confirmed for Sunny Oats (version 1)" in titles
    assert "New agreement version 2 for Sunny Oats" in titles
    assert "Post recorded for Sunny Oats: Instagram, posted 23 Apr 2026" in titles
    assert any(t.startswith("Payment of") and "150" in t for t in titles)
    assert all(e.campaign_id == campaign for e in lines)
    sent = next(e for e in lines if e.title.startswith("Agreement sent"))
    assert draft.subject in sent.text and "SHA-256" in sent.full_text
