"""Active campaigns' progress on the dashboard agrees with each campaign's report."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.services.campaigns import campaign_progress
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.campaigns import list_campaigns


def test_only_active_campaigns_with_posts_and_spend_against_budget(demo_db: Database) -> None:
    today = date.today()
    progress = campaign_progress.active_campaigns(demo_db, today)
    active = [c for c in list_campaigns(demo_db) if c.status == CampaignStatus.ACTIVE.value]
    assert [p.campaign_id for p in progress] == [c.id for c in active] and progress
    for entry, campaign in zip(progress, active, strict=True):
        total = campaign_report(demo_db, campaign.id, today).total
        assert (entry.posts_delivered, entry.posts_promised) == (
            total.deliverables_done,
            total.deliverables_total,
        )
        assert entry.posts_promised > 0
        if campaign.budget is not None:
            spent = total.cost.get(campaign.budget.currency)
            assert entry.spent_share == (spent.minor if spent else 0) / campaign.budget.minor
            assert entry.budget_text == str(campaign.budget)


def test_spend_in_another_currency_than_the_budget_is_named_not_added(
    db: Database, mixed_campaign: int
) -> None:
    from sqlalchemy import update

    from infcrm.db.campaign_models import Campaign
    from infcrm.ui.widgets.campaign_progress_list import spend_text

    with db.transaction() as session:
        session.execute(update(Campaign).values(budget_minor=500000))  # €5,000.00
    [entry] = campaign_progress.active_campaigns(db, date(2026, 5, 20))
    assert entry.spent_share == 260000 / 500000  # the euros only
    assert spend_text(entry) == (
        "€2,600.00 + $1,500.00 spent of €5,000.00 · $1,500.00 not counted against it"
    )
