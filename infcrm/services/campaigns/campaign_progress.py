"""How far each active campaign has come: posts delivered and spend against the budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.domain.money import describe_totals
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.campaigns import list_campaigns
from infcrm.services.campaigns.report_types import budget_use


@dataclass(frozen=True)
class CampaignProgress:
    """One active campaign's progress, as the dashboard shows it."""

    campaign_id: int
    name: str
    posts_delivered: int
    posts_promised: int
    posts_late: int
    spent_text: str  # "€1,200.00", "—" when nothing is spent, several currencies joined
    budget_text: str | None  # None without a budget
    spent_share: float | None  # spend in the budget's currency ÷ budget; None without a budget
    not_counted: str = ""  # “$1,500.00”: spend in other currencies than the budget's


def active_campaigns(db: Database, today: date, limit: int = 5) -> list[CampaignProgress]:
    """The first `limit` active campaigns (as the Campaigns list orders them) and their progress.

    Each figure is the campaign report's own total, so the dashboard never disagrees with it.
    """
    active = [c for c in list_campaigns(db) if c.status == CampaignStatus.ACTIVE.value][:limit]
    progress = []
    for campaign in active:
        total = campaign_report(db, campaign.id, today).total
        budget = campaign.budget
        use = budget_use(budget, total.cost) if budget is not None else None
        progress.append(
            CampaignProgress(
                campaign_id=campaign.id,
                name=campaign.name,
                posts_delivered=total.deliverables_done,
                posts_promised=total.deliverables_total,
                posts_late=total.deliverables_late,
                spent_text=describe_totals(total.cost),
                budget_text=str(budget) if budget is not None else None,
                spent_share=use.share if use else None,
                not_counted=use.not_counted if use else "",
            )
        )
    return progress


__all__ = ["CampaignProgress", "active_campaigns"]
