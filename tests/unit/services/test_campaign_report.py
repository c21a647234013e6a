"""The campaign report: cost, results, CPE and ROI per influencer and in total."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert

from infcrm.db.campaign_models import Campaign, Content, Deal, Deliverable, Incentive
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.money import Money
from infcrm.services.campaigns.campaign_report import TOTAL_NAME, campaign_report
from infcrm.services.campaigns.deal_rows import CampaignNotFound

TODAY = date(2026, 5, 20)


def eur(minor: int) -> Money:
    return Money(minor, "EUR")


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def _person(session, name: str, handle: str, followers: int, *, trashed: bool = False) -> int:
    person_id = session.execute(
        insert(Influencer).values(
            display_name=name, deleted_at=datetime(2026, 5, 1) if trashed else None
        )
    ).inserted_primary_key[0]
    session.execute(
        insert(SocialAccount).values(
            influencer_id=person_id,
            platform="instagram",
            handle=handle,
            is_primary=True,
            followers=followers,
        )
    )
    return person_id


def _campaign(session, name: str, currency: str = "EUR") -> int:
    return session.execute(
        insert(Campaign).values(name=name, currency=currency, status="active")
    ).inserted_primary_key[0]


def _deal(session, campaign_id: int, person_id: int, *incentives: dict) -> int:
    deal_id = session.execute(
        insert(Deal).values(campaign_id=campaign_id, influencer_id=person_id)
    ).inserted_primary_key[0]
    for position, values in enumerate(incentives):
        session.execute(insert(Incentive).values(deal_id=deal_id, position=position, **values))
    return deal_id


def _fee(minor: int, currency: str, kind: str = "fee") -> dict:
    return {"kind": kind, "value_minor": minor, "currency": currency}


def _deliverable(session, deal_id: int, fmt: str, count: int, due: date) -> int:
    return session.execute(
        insert(Deliverable).values(
            deal_id=deal_id, platform="instagram", format=fmt, count=count, due_date=due
        )
    ).inserted_primary_key[0]


def _post(session, deal_id: int, deliverable_id: int | None = None, **figures) -> None:
    session.execute(
        insert(Content).values(
            deal_id=deal_id,
            deliverable_id=deliverable_id,
            platform="instagram",
            posted_on=TODAY - timedelta(days=3),
            **figures,
        )
    )


@dataclass
class Spring:
    campaign: int
    mia: int
    leo: int
    zoe: int


@pytest.fixture
def spring(db: Database) -> Spring:
    """A EUR campaign: Mia (product + fee), Leo (experience + commission), Zoë in the trash."""
    with db.transaction() as session:
        campaign = _campaign(session, "Spring Bake-Off")
        mia = _person(session, "Mia Rossi", "mia.bakes", 20_000)
        leo = _person(session, "Leo Berg", "leo.eats", 10_000)
        zoe = _person(session, "Zoë Trash", "zoe.gone", 50_000, trashed=True)
        mia_deal = _deal(
            session,
            campaign,
            mia,
            {"kind": "product", "quantity": 2, "value_minor": 4500, "currency": "EUR"},
            {"kind": "fee", "value_minor": 15000, "currency": "EUR"},
        )
        reel = _deliverable(session, mia_deal, "reel", 1, TODAY - timedelta(days=5))
        stories = _deliverable(session, mia_deal, "story", 2, TODAY - timedelta(days=1))
        _post(
            session,
            mia_deal,
            reel,
            likes=800,
            comments=50,
            shares=30,
            saves=120,
            reach=9000,
            clicks=300,
            conversions=12,
            revenue_minor=36000,
            currency="EUR",
        )
        _post(
            session,
            mia_deal,
            stories,
            likes=400,
            comments=20,
            shares=10,
            saves=70,
            reach=5000,
            clicks=100,
            conversions=6,
            revenue_minor=18000,
            currency="EUR",
        )
        leo_deal = _deal(
            session,
            campaign,
            leo,
            {"kind": "experience", "value_minor": 25000, "currency": "EUR"},
            {"kind": "commission", "commission_bp": 1000, "promo_code": "LEO10"},
        )
        _deliverable(session, leo_deal, "post", 1, TODAY + timedelta(days=10))
        _post(
            session,
            leo_deal,
            likes=300,
            comments=25,
            shares=5,
            saves=20,
            reach=4000,
            clicks=80,
            conversions=3,
            revenue_minor=9000,
            currency="EUR",
        )
        zoe_deal = _deal(
            session, campaign, zoe, {"kind": "fee", "value_minor": 100000, "currency": "EUR"}
        )
        _post(session, zoe_deal, likes=99_000, reach=99_000, revenue_minor=500000, currency="EUR")
    return Spring(campaign, mia, leo, zoe)


def test_each_influencer_costs_fees_plus_retail_value_and_brings_results(
    db: Database, spring: Spring
) -> None:
    report = campaign_report(db, spring.campaign, TODAY)
    assert [r.name for r in report.rows] == ["Leo Berg", "Mia Rossi"]  # by name
    leo, mia = report.rows
    assert mia.cost == {"EUR": eur(24000)} and mia.cost_text == "€240.00"
    assert mia.posts == 2 and mia.engagements == 1500
    assert mia.engagement_rate == Decimal("0.0375")  # 1,500 ÷ 2 posts ÷ 20,000 followers
    assert mia.cost_per_engagement == eur(16)
    assert (mia.reach, mia.clicks, mia.conversions) == (14000, 400, 18)
    assert mia.revenue == {"EUR": eur(54000)}
    assert mia.roi == Decimal("1.25")
    assert mia.handle == "mia.bakes" and mia.followers == 20_000
    # The commission adds nothing up front; 250.00 / 350 = 0.714… rounds to 71 cents.
    assert leo.cost == {"EUR": eur(25000)}
    assert leo.cost_per_engagement == eur(71)
    assert leo.roi == Decimal("-0.64")


def test_the_totals_row_adds_everyone_up(db: Database, spring: Spring) -> None:
    total = campaign_report(db, spring.campaign, TODAY).total
    assert total.is_total and total.name == TOTAL_NAME and total.deal_id is None
    assert total.posts == 3
    assert total.cost_text == "€490.00"
    assert total.engagements == 1850
    assert total.cost_per_engagement == eur(26)  # 490.00 / 1,850 = 0.2649
    assert total.revenue_text == "€630.00"
    assert total.roi == Decimal("0.2857")
    # 1,850 engagements over posts shown to 2 × 20,000 + 1 × 10,000 followers.
    assert total.engagement_rate == Decimal(1850) / 50_000
    assert (total.reach, total.clicks, total.conversions) == (18000, 480, 21)


def test_deliverables_done_promised_and_late(db: Database, spring: Spring) -> None:
    report = campaign_report(db, spring.campaign, TODAY)
    leo, mia = report.rows
    # Mia: the reel is in; one of two stories is in and they were due yesterday.
    assert (mia.deliverables_done, mia.deliverables_total, mia.deliverables_late) == (2, 3, 1)
    # Leo's post is due in ten days (his recorded post was not linked to it).
    assert (leo.deliverables_done, leo.deliverables_total, leo.deliverables_late) == (0, 1, 0)
    assert report.total.deliverables_late == 1
    # A week later Leo's promised post is late too.
    later = campaign_report(db, spring.campaign, TODAY + timedelta(days=11))
    assert later.total.deliverables_late == 2


def test_a_trashed_influencer_is_left_out_of_rows_and_totals(db: Database, spring: Spring) -> None:
    report = campaign_report(db, spring.campaign, TODAY)
    assert spring.zoe not in {r.influencer_id for r in report.rows}
    assert report.total.reach == 18000
    assert "€1,000.00" not in report.total.cost_text


def test_commissions_are_explained_in_a_note(db: Database, spring: Spring) -> None:
    notes = campaign_report(db, spring.campaign, TODAY).notes
    assert any("Commissions" in note and "not part of the cost" in note for note in notes)
    assert not any("convert" in note for note in notes)


def test_a_mixed_currency_campaign_gives_totals_per_currency_a_note_and_no_roi(
    db: Database,
) -> None:
    with db.transaction() as session:
        campaign = _campaign(session, "Transatlantic")
        ana = _person(session, "Ana Costa", "ana.style", 30_000)
        ruby = _person(session, "Ruby Walsh", "ruby.runs", 15_000)
        ana_deal = _deal(session, campaign, ana, _fee(10000, "EUR"))
        ruby_deal = _deal(session, campaign, ruby, _fee(4000, "USD"))
        _post(session, ana_deal, likes=500, revenue_minor=20000, currency="EUR")
        _post(session, ruby_deal, likes=200, revenue_minor=6000, currency="USD")
    report = campaign_report(db, campaign, TODAY)
    total = report.total
    assert total.cost == {"EUR": eur(10000), "USD": usd(4000)}
    assert total.cost_text == "€100.00 + $40.00"
    assert total.revenue_text == "€200.00 + $60.00"
    assert total.roi is None and total.cost_per_engagement is None
    assert total.roi_note == (
        "Costs are in EUR and USD; infcrm does not convert currencies, so ROI is not computed."
    )
    assert any(
        note.startswith("Costs are in EUR and USD; infcrm does not convert currencies")
        and "ROI" in note
        for note in report.notes
    )
    # Each person is in one currency, so their own figures still stand.
    ana_row, ruby_row = report.rows
    assert ana_row.roi == Decimal("1") and ruby_row.roi == Decimal("0.5")
    assert ruby_row.cost_per_engagement == usd(20)


def test_costs_in_one_currency_and_revenue_in_another_give_no_roi(db: Database) -> None:
    with db.transaction() as session:
        campaign = _campaign(session, "Cross-border")
        kai = _person(session, "Kai Tanaka", "kai.games", 12_000)
        deal = _deal(session, campaign, kai, _fee(20000, "EUR"))
        _post(session, deal, likes=100, revenue_minor=50000, currency="USD")
    report = campaign_report(db, campaign, TODAY)
    (row,) = report.rows
    assert row.roi is None
    assert row.roi_note.startswith("Costs are in EUR but revenue is in USD")
    assert row.cost_per_engagement == eur(200)  # CPE needs only the cost's currency
    assert any(
        "Kai Tanaka has costs or revenue in more than one currency" in n for n in report.notes
    )


def test_no_revenue_means_no_roi_rather_than_minus_100_percent(db: Database) -> None:
    with db.transaction() as session:
        campaign = _campaign(session, "Awareness")
        mei = _person(session, "Mei Chen", "mei.reads", 8_000)
        deal = _deal(session, campaign, mei, _fee(3000, "EUR", "product"))
        _post(session, deal, likes=100)
    (row,) = campaign_report(db, campaign, TODAY).rows
    assert row.roi is None and row.roi_note == "No revenue recorded yet."
    assert row.revenue_text == "—"


def test_an_empty_campaign_has_no_rows_and_zero_totals(db: Database) -> None:
    with db.transaction() as session:
        campaign = _campaign(session, "Nothing yet")
    report = campaign_report(db, campaign, TODAY)
    assert report.is_empty and not report.has_posts
    assert report.total.posts == 0 and report.total.cost_text == "—"
    assert report.notes == ()


def test_a_campaign_that_does_not_exist_is_refused(db: Database) -> None:
    with pytest.raises(CampaignNotFound):
        campaign_report(db, 999, TODAY)


def test_the_subtitle_says_how_much_of_the_budget_is_spent(demo_db: Database) -> None:
    """“budget €6,000.00” alone left the owner to do the sum; now it says 94% spent, or by how
    much the campaign went over."""
    import dataclasses

    from infcrm.services.campaigns import campaigns
    from infcrm.services.campaigns.report_types import report_subtitle

    oat = next(c.id for c in campaigns.list_campaigns(demo_db) if c.name == "Oat Cookie Launch")
    report = dataclasses.replace(
        campaign_report(demo_db, oat, date.today()), budget=Money(600000, "EUR")
    )
    spent = report.total.cost["EUR"].minor
    assert 0 < spent < 600000
    assert f"budget €6,000.00 ({round(spent / 6000)}% spent)" in report_subtitle(report)
    tight = dataclasses.replace(report, budget=Money(spent - 63900, "EUR"))
    assert f"budget {Money(spent - 63900, 'EUR')} (€639.00 over)" in report_subtitle(tight)
    dollars = dataclasses.replace(report, budget=Money(500000, "USD"))
    # No sum across currencies, and the euros are named rather than left out unsaid.
    euros = report.total.cost_text
    assert f"budget $5,000.00 ({euros} not counted against it) ·" in report_subtitle(dollars)


def test_a_budget_beside_costs_in_several_currencies_says_what_it_leaves_out(
    db: Database, mixed_campaign: int
) -> None:
    """“budget €5,000.00 (52% spent)” counted the euros only and kept quiet about the
    $1,500.00: the share is of the budget's currency, and the rest is named, never added."""
    import dataclasses

    from infcrm.services.campaigns.report_types import report_subtitle

    report = campaign_report(db, mixed_campaign, TODAY)  # €2,600.00 + $1,500.00
    euros = dataclasses.replace(report, budget=eur(500000))
    assert "budget €5,000.00 (52% spent in EUR; $1,500.00 not counted against it)" in (
        report_subtitle(euros)
    )
    pounds = dataclasses.replace(report, budget=Money(400000, "GBP"))
    assert "budget £4,000.00 (€2,600.00 + $1,500.00 not counted against it)" in (
        report_subtitle(pounds)
    )
