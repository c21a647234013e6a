"""Plain values of the campaign report: a row per influencer, a totals row and plain-word notes.

Money comes out per currency (`dict[str, Money]`, keyed by ISO code) because infcrm never
converts currencies; the matching `*_text` is what a person reads ("€120.00 + $40.00").
Rates are Decimals of one (0.045 is 4.5%), ROI too (1.5 is +150%).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.domain.deal_terms import long_date
from infcrm.domain.money import Money, describe_totals
from infcrm.services.campaigns.post_orders import PostOrders

# How the campaign-wide engagement rate per post is worked out (also the table's tooltip).
CAMPAIGN_RATE_DEFINITION = (
    "For the whole campaign: all engagements divided by the followers the posts went out to "
    "(each post counts its author's followers), i.e. the followers-weighted average of each "
    "post's engagement rate. People without a follower count are left out of it."
)
ROW_RATE_DEFINITION = (
    "Engagements per post divided by the followers of the influencer's main account."
)


@dataclass(frozen=True)
class ReportRow:
    """One influencer's results in a campaign, or the campaign's totals (`is_total`)."""

    deal_id: int | None  # None on the totals row
    influencer_id: int | None
    name: str
    handle: str | None
    platform: str | None  # Platform value of the main account
    followers: int | None  # main account's followers (None on the totals row)
    posts: int
    cost: dict[str, Money] = field(default_factory=dict)  # fees + retail value, per currency
    cost_text: str = "—"
    engagements: int = 0  # likes + comments + shares + saves
    engagement_rate: Decimal | None = None  # per post ÷ followers
    cost_per_engagement: Money | None = None
    reach: int = 0
    clicks: int = 0
    conversions: int = 0
    revenue: dict[str, Money] = field(default_factory=dict)
    revenue_text: str = "—"
    roi: Decimal | None = None  # (revenue − cost) ÷ cost
    deliverables_done: int = 0  # promised posts delivered
    deliverables_total: int = 0  # promised posts in all
    deliverables_late: int = 0  # promised posts past their due date and not delivered
    cpe_note: str = ""  # why there is no cost per engagement, in plain words
    roi_note: str = ""  # why there is no ROI, in plain words
    is_total: bool = False
    # From the shop's imported orders (`from_shop`): then revenue is the orders' net revenue.
    orders: int = 0
    average_order: dict[str, Money] = field(default_factory=dict)  # net revenue per order
    average_order_text: str = "—"
    cost_per_order: Money | None = None
    from_shop: bool = False

    def figure(self, metric: str) -> int:
        """A whole-number result by name: engagements, reach, clicks, conversions or posts."""
        if metric not in ("engagements", "reach", "clicks", "conversions", "posts"):
            raise KeyError(metric)
        return int(getattr(self, metric))


@dataclass(frozen=True)
class CampaignReport:
    """What a campaign cost and brought, per influencer and in total."""

    campaign_id: int
    name: str
    brand: str | None
    status: str  # CampaignStatus value
    starts_on: date | None
    ends_on: date | None
    currency: str  # the campaign's own currency
    budget: Money | None
    rows: tuple[ReportRow, ...]
    total: ReportRow
    notes: tuple[str, ...] = ()  # mixed currencies and other things worth knowing, as sentences
    posts: tuple[PostOrders, ...] = ()  # each post with its deal's shop orders per day around it

    @property
    def is_empty(self) -> bool:
        """True when nobody (outside the trash) is in the campaign yet."""
        return not self.rows

    @property
    def has_posts(self) -> bool:
        """True once at least one post has been recorded."""
        return self.total.posts > 0


@dataclass(frozen=True)
class BudgetUse:
    """How much of a budget the costs use: only costs in the budget's currency count against
    it (infcrm never converts); the others are named in `not_counted`, never added."""

    share: float | None  # spent in the budget's currency ÷ budget; None for a budget of 0
    spent_words: str  # “94% spent”, “€639.00 over”, "" when nothing is in its currency
    not_counted: str  # “$1,500.00”: costs in other currencies, "" when there are none

    def words(self) -> str:
        """“94% spent in EUR; $1,500.00 not counted against it”, or just “94% spent”."""
        if not self.not_counted:
            return self.spent_words
        left_out = f"{self.not_counted} not counted against it"
        return f"{self.spent_words}; {left_out}" if self.spent_words else left_out


def budget_use(budget: Money, cost: dict[str, Money]) -> BudgetUse:
    """The part of `cost` in the budget's currency against `budget`, and what is left out."""
    spent = cost.get(budget.currency)
    share = (spent.minor if spent else 0) / budget.minor if budget.minor > 0 else None
    others = {c: m for c, m in cost.items() if c != budget.currency}
    words = ""
    if spent is not None and share is not None:
        over = spent.minor > budget.minor
        words = f"{spent - budget} over" if over else f"{round(share * 100)}% spent"
        if others:
            words += f" in {budget.currency}"
    return BudgetUse(share, words, describe_totals(others) if others else "")


def _spent(budget: Money, cost: dict[str, Money]) -> str:
    """“ (94% spent)” or “ (€639.00 over)” beside the budget, saying which costs in other
    currencies it leaves out; nothing when there is nothing to say."""
    words = budget_use(budget, cost).words()
    return f" ({words})" if words else ""


def report_subtitle(report: CampaignReport) -> str:
    """Brand, status, dates, budget and how many influencers, in one line."""
    parts = [report.brand] if report.brand else []
    try:
        parts.append(CampaignStatus(report.status).label)
    except ValueError:
        parts.append(report.status)
    if report.starts_on and report.ends_on:
        parts.append(f"{long_date(report.starts_on)} – {long_date(report.ends_on)}")
    elif report.starts_on:
        parts.append(f"from {long_date(report.starts_on)}")
    if report.budget is not None:
        parts.append(f"budget {report.budget}{_spent(report.budget, report.total.cost)}")
    people = len(report.rows)
    parts.append(f"{people} influencer{'s' if people != 1 else ''}")
    return " · ".join(parts)


__all__ = [
    "CAMPAIGN_RATE_DEFINITION",
    "ROW_RATE_DEFINITION",
    "BudgetUse",
    "CampaignReport",
    "ReportRow",
    "budget_use",
    "report_subtitle",
]
