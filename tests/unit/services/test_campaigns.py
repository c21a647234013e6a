"""Campaigns and deals on a real file: creating, adding people, terms, content and payments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.domain.money import Money
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    ContentInput,
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
    PaymentInput,
)
from infcrm.services.campaigns.deal_results import record_content, record_payment
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

SPRING = date(2026, 3, 1)


def _person(db: Database, name: str, followers: int = 25_000) -> int:
    account = AccountInput("instagram", f"@{name.lower()}", followers=followers, is_primary=True)
    return influencers.create(db, InfluencerInput(display_name=name, accounts=(account,)))


def _campaign(db: Database, **changes) -> int:
    fields = {
        "name": "Spring launch",
        "brand": "Oat & Honey",
        "starts_on": SPRING,
        "ends_on": SPRING + timedelta(days=60),
        "budget": "1,500",
        "currency": "EUR",
        "hashtags": "oathoney, springbake",
        "status": "active",
    }
    fields.update(changes)
    return campaigns.create_campaign(db, CampaignInput(**fields))


TERMS = DealTermsInput(
    incentives=(
        IncentiveInput("product", "Linen apron", quantity=2, value="45.00"),
        IncentiveInput("fee", "Reel fee", value="150"),
        IncentiveInput("commission", promo_code="ANNA10", commission_percent="10"),
    ),
    deliverables=(
        DeliverableInput("instagram", "reel", count=1, due_date=SPRING + timedelta(days=10)),
        DeliverableInput("instagram", "story", count=3, due_date=SPRING + timedelta(days=12)),
    ),
    usage_rights="Repost on our account for 6 months",
    disclosure="ad_hashtag",
)


def test_a_campaign_is_saved_with_its_budget_in_minor_units(db: Database) -> None:
    campaign_id = _campaign(db)
    saved = campaigns.get_campaign(db, campaign_id)
    assert saved.budget == Money(150_000, "EUR") and str(saved.budget) == "€1,500.00"
    with db.reader() as session:
        stored = session.execute(text("SELECT budget_minor FROM campaign")).scalar()
    assert stored == 150_000 and isinstance(stored, int)
    [summary] = campaigns.list_campaigns(db)
    assert (summary.name, summary.status, summary.influencers) == ("Spring launch", "active", 0)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "  "}, "name", "required"),
        ({"budget": "-20"}, "budget", "negative"),
        ({"currency": "EUD"}, "currency", "not a currency"),
        ({"budget": "12.345"}, "budget", "decimals"),
        ({"ends_on": SPRING - timedelta(days=1)}, "ends_on", "ends before it starts"),
        ({"status": "paused"}, "status", "Planned"),
    ],
)
def test_bad_campaign_fields_are_refused_and_nothing_is_saved(
    db: Database, changes: dict, field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _campaign(db, **changes)
    assert words in refused.value.errors[field]
    assert campaigns.list_campaigns(db) == []


def test_adding_people_in_bulk_skips_those_already_in(db: Database) -> None:
    campaign_id = _campaign(db)
    anna, ben, cleo = (_person(db, n) for n in ("Anna", "Ben", "Cleo"))
    first = campaigns.add_influencers(db, campaign_id, [anna, ben])
    second = campaigns.add_influencers(db, campaign_id, [ben, cleo, ben, 99_999])
    assert (first.added, first.already_in) == (2, 0)
    assert (second.added, second.already_in) == (1, 1), "a missing id is ignored, not an error"
    names = [d.influencer_name for d in deals.deal_summaries(db, campaign_id, SPRING)]
    assert names == ["Anna", "Ben", "Cleo"]
    influencers.trash(db, [ben])
    assert campaigns.list_campaigns(db)[0].influencers == 2, "people in the trash are not counted"


def _deal(db: Database) -> tuple[int, int]:
    campaign_id = _campaign(db)
    anna = _person(db, "Anna")
    campaigns.add_influencers(db, campaign_id, [anna])
    [summary] = deals.deal_summaries(db, campaign_id, SPRING)
    return campaign_id, summary.id


def test_terms_cost_and_fees_owed(db: Database) -> None:
    campaign_id, deal_id = _deal(db)
    deals.save_terms(db, deal_id, TERMS)
    deal = deals.get_deal(db, deal_id, SPRING)
    assert [i.kind for i in deal.incentives] == ["product", "fee", "commission"]
    assert deal.incentives[0].cost == Money(9_000, "EUR"), "2 aprons at €45"
    assert deal.incentives[2].commission_percent == "10"
    assert deal.owed == {"EUR": Money(15_000, "EUR")}
    record_payment(db, deal_id, PaymentInput(SPRING, "100", method="Bank transfer"))
    [summary] = deals.deal_summaries(db, campaign_id, SPRING)
    assert summary.cost == "€240.00", "fee plus the retail value of the products"
    assert summary.owed == "€50.00"
    assert summary.incentive == "Free product, Fee, Commission / promo code"
    assert summary.shipping == "To ship"
    # Counted in pieces, as the report counts them: one reel and three stories.
    assert (summary.deliverables_done, summary.deliverables_total) == (0, 4)


def test_deliverables_show_as_due_late_or_delivered(db: Database) -> None:
    campaign_id, deal_id = _deal(db)
    deals.save_terms(db, deal_id, TERMS)
    reel, stories = deals.get_deal(db, deal_id, SPRING).deliverables
    record_content(
        db,
        deal_id,
        ContentInput("instagram", SPRING + timedelta(days=9), deliverable_id=reel.id,
                     likes="1.2k", comments=80, revenue="99.90"),
    )  # fmt: skip
    later = SPRING + timedelta(days=20)
    reel, stories = deals.get_deal(db, deal_id, later).deliverables
    assert (reel.status, stories.status) == ("delivered", "late")
    [summary] = deals.deal_summaries(db, campaign_id, later)
    assert (summary.deliverables_done, summary.late) == (1, 3), "the reel, and 3 stories late"
    post = deals.get_deal(db, deal_id, later).content[0]
    assert post.likes == 1200 and post.engagements == 1280 and str(post.revenue) == "€99.90"


def test_editing_other_lines_keeps_content_on_its_deliverable(db: Database) -> None:
    _campaign_id, deal_id = _deal(db)
    deals.save_terms(db, deal_id, TERMS)
    reel = deals.get_deal(db, deal_id, SPRING).deliverables[0]
    record_content(db, deal_id, ContentInput("instagram", SPRING, deliverable_id=reel.id))
    fewer = DealTermsInput(incentives=TERMS.incentives, deliverables=TERMS.deliverables[:1])
    deals.save_terms(db, deal_id, fewer)
    [reel_after] = deals.get_deal(db, deal_id, SPRING).deliverables
    assert reel_after.delivered == 1


@pytest.mark.parametrize(
    ("terms", "field", "words"),
    [
        (DealTermsInput(incentives=(IncentiveInput("fee", value="-5"),)), "incentive_0.value",
         "negative"),
        (DealTermsInput(incentives=(IncentiveInput("fee", value="5", currency="XYZ"),)),
         "incentive_0.value", "not a currency"),
        (DealTermsInput(incentives=(IncentiveInput("fee"),)), "incentive_0.value", "amount"),
        (DealTermsInput(incentives=(IncentiveInput("gift card"),)), "incentive_0.kind",
         "not a kind"),
        (DealTermsInput(incentives=(IncentiveInput("commission", commission_percent="120"),)),
         "incentive_0.commission_percent", "between 0 and 100"),
        (DealTermsInput(deliverables=(DeliverableInput("instagram", "reel",
                                                       due_date=SPRING - timedelta(days=1)),)),
         "deliverable_0.due_date", "before the campaign starts"),
        (DealTermsInput(deliverables=(DeliverableInput("instagram", "reel", count=0),)),
         "deliverable_0.count", "between 1"),
    ],
)  # fmt: skip
def test_bad_terms_are_refused_and_the_saved_terms_stay(
    db: Database, terms: DealTermsInput, field: str, words: str
) -> None:
    _campaign_id, deal_id = _deal(db)
    deals.save_terms(db, deal_id, TERMS)
    with pytest.raises(InvalidInput) as refused:
        deals.save_terms(db, deal_id, terms)
    assert words in refused.value.errors[field]
    assert len(deals.get_deal(db, deal_id, SPRING).incentives) == 3


def test_bad_content_and_payments_are_refused(db: Database) -> None:
    _campaign_id, deal_id = _deal(db)
    with pytest.raises(InvalidInput) as refused:
        record_content(db, deal_id, ContentInput("instagram", SPRING, likes="-3", url="www.x"))
    assert set(refused.value.errors) == {"likes", "url"}
    with pytest.raises(InvalidInput) as refused:
        record_payment(db, deal_id, PaymentInput(SPRING, "0"))
    assert "more than zero" in refused.value.errors["amount"]
    deal = deals.get_deal(db, deal_id, SPRING)
    assert deal.content == () and deal.payments == ()


def test_shipping_moves_from_to_ship_to_delivered(db: Database) -> None:
    campaign_id, deal_id = _deal(db)
    deals.save_terms(db, deal_id, TERMS)
    apron = deals.get_deal(db, deal_id, SPRING).incentives[0]
    deals.update_shipping(db, apron.id, "shipped", carrier="DHL", tracking_number="JD0123")
    shipped = deals.get_deal(db, deal_id, SPRING).incentives[0]
    assert (shipped.shipping_status, shipped.tracking_number) == ("shipped", "JD0123")
    assert shipped.shipped_on is not None
    deals.update_shipping(db, apron.id, "delivered", on=SPRING)
    assert deals.deal_summaries(db, campaign_id, SPRING)[0].shipping == "Delivered"


def test_an_influencer_page_lists_their_campaigns_and_forget_erases_the_deal(db: Database) -> None:
    campaign_id, deal_id = _deal(db)
    deals.save_terms(db, deal_id, TERMS)
    anna = deals.get_deal(db, deal_id).influencer_id
    [entry] = campaigns.campaigns_of(db, anna)
    assert (entry.name, entry.cost) == ("Spring launch", "€240.00")
    influencers.forget(db, [anna])
    assert deals.deal_summaries(db, campaign_id, SPRING) == []
    with db.reader() as session:
        left = session.execute(text("SELECT count(*) FROM incentive")).scalar()
    assert left == 0, "forgetting a person erases their deals' terms too"


def test_deleting_a_campaign_keeps_the_timeline(db: Database) -> None:
    campaign_id, _deal_id = _deal(db)
    campaigns.delete_campaign(db, campaign_id)
    assert campaigns.list_campaigns(db) == []
    with pytest.raises(LookupError):
        campaigns.get_campaign(db, campaign_id)
