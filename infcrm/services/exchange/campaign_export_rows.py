"""Rows for the Campaigns, Deals and Content sheets of an "all sheets" export.

Figures come from the campaign report, so a spreadsheet and the report screen never disagree.
Money is a domain `Money` for a single amount and {currency: Money} for sums, which may be in
several currencies (infcrm never converts; the sheet gives each currency its own column, see
`currencies`); dates are dates, instants naive UTC, rates
fractions of one. Campaigns are listed whole, with totals over everyone in them; deals and posts
only for the exported influencers. People in the trash are left out everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select, true, union

from infcrm.db.campaign_models import (
    Agreement,
    Campaign,
    Content,
    Deal,
    Incentive,
    Payment,
)
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.order_models import ShopOrder
from infcrm.domain.campaign_enums import (
    AgreementStatus,
    CampaignStatus,
    ContentFormat,
    DeliverableStatus,
    Disclosure,
    IncentiveKind,
    ShippingStatus,
)
from infcrm.domain.deal_terms import IncentiveTerms
from infcrm.domain.enums import Platform, label_of
from infcrm.domain.money import Money
from infcrm.domain.tracking import tracking_link
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.deal_results import fees_and_paid, fees_owed
from infcrm.services.campaigns.deal_rows import delivery_by_deal, incentive_terms, money
from infcrm.services.campaigns.report_types import CampaignReport, ReportRow
from infcrm.services.common import not_trashed

CAMPAIGN_KEYS: tuple[str, ...] = (
    "id", "name", "brand", "status", "starts_on", "ends_on", "budget", "currency", "influencers",
    "posts", "cost", "engagements", "engagement_rate", "cost_per_engagement", "reach", "clicks",
    "conversions", "revenue", "roi", "goal", "brief", "hashtags", "mentions", "created",
)  # fmt: skip
DEAL_KEYS: tuple[str, ...] = (
    "id", "campaign", "campaign_id", "influencer", "influencer_id", "handle", "platform",
    "incentives", "promo_codes", "tracking_link", "cost", "fees", "paid", "owed", "shipping",
    "agreement", "agreement_sent", "deliverables", "promised", "delivered", "late", "next_due",
    "posts", "engagements", "revenue", "roi", "usage_rights", "disclosure", "notes", "deal_code",
    "landing_url",
)  # fmt: skip
CONTENT_KEYS: tuple[str, ...] = (
    "campaign", "influencer", "deal_id", "deliverable_id", "platform", "format", "posted_on",
    "url", "likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions",
    "engagements", "revenue", "currency", "created",
)  # fmt: skip


def amount(sums: dict[str, Money]) -> dict[str, Money] | None:
    """A sum per currency as it is, or None when there is nothing (an empty cell)."""
    return dict(sums) or None


def currencies(db: Database, ids: Sequence[int] = ()) -> list[str]:
    """Every currency an amount of a campaign, deal, payment, post or shop order is in, sorted:
    the per-currency columns of the Campaigns and Deals sheets."""
    tables = (
        select(Campaign.currency),
        select(Incentive.currency),
        select(Payment.currency),
        select(Content.currency),
        select(ShopOrder.currency),
    )
    with db.reader() as session:
        found = session.execute(union(*tables)).scalars()
        return sorted({code for code in found if code})


def _fraction(value: Any) -> float | None:
    return None if value is None else float(value)


def _campaign_rows(db: Database) -> list[Any]:
    """Every campaign, the latest first (those without dates last), then by name."""
    with db.reader() as session:
        return list(
            session.execute(
                select(Campaign).order_by(
                    Campaign.starts_on.desc().nulls_last(), func.lower(Campaign.name), Campaign.id
                )
            ).scalars()
        )


def _reports(db: Database, today: date) -> list[tuple[Any, CampaignReport]]:
    return [(c, campaign_report(db, c.id, today)) for c in _campaign_rows(db)]


def campaign_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Campaigns sheet has (every campaign)."""
    with db.reader() as session:
        return int(session.execute(select(func.count()).select_from(Campaign)).scalar_one())


def campaign_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list of values (CAMPAIGN_KEYS order) per campaign, with totals over all its people."""
    for campaign, report in _reports(db, date.today()):
        total = report.total
        values = {
            "id": campaign.id,
            "name": campaign.name,
            "brand": campaign.brand,
            "status": label_of(CampaignStatus, campaign.status),
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            "budget": money(campaign.budget_minor, campaign.currency),
            "currency": campaign.currency,
            "influencers": len(report.rows),
            "posts": total.posts,
            "cost": amount(total.cost),
            "engagements": total.engagements,
            "engagement_rate": _fraction(total.engagement_rate),
            "cost_per_engagement": total.cost_per_engagement,
            "reach": total.reach,
            "clicks": total.clicks,
            "conversions": total.conversions,
            "revenue": amount(total.revenue),
            "roi": _fraction(total.roi),
            "goal": campaign.goal,
            "brief": campaign.brief,
            "hashtags": campaign.hashtags,
            "mentions": campaign.mentions,
            "created": campaign.created_at,
        }
        yield [values[key] for key in CAMPAIGN_KEYS]


def _deal_ids(db: Database, ids: Sequence[int]) -> list[int]:
    wanted = set(ids)
    with db.reader() as session:
        rows = session.execute(
            select(Deal.id, Deal.influencer_id).where(not_trashed(Deal.influencer_id))
        ).all()
    return [deal_id for deal_id, person in rows if person in wanted]


def deal_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Deals sheet has: the exported influencers' deals."""
    return len(_deal_ids(db, ids))


def _shipping(items: list[Incentive]) -> str | None:
    """Where a deal's products are: the least advanced status, e.g. "Shipped" while one travels."""
    status = ShippingStatus.least_advanced(
        i.shipping_status for i in items if i.kind == IncentiveKind.PRODUCT.value
    )
    return status.label if status else None


def _deal_details(db: Database) -> dict[str, dict[int, Any]]:
    """What the Deals sheet adds to the report, read for every deal at once."""
    incentives: dict[int, list[Incentive]] = defaultdict(list)
    agreements: dict[int, Any] = {}
    with db.reader() as session:
        deals = {d.id: d for d in session.execute(select(Deal)).scalars()}
        for row in session.execute(
            select(Incentive).order_by(Incentive.deal_id, Incentive.position)
        ).scalars():
            incentives[row.deal_id].append(row)
        fees, paid = fees_and_paid(session, list(deals))
        for row in session.execute(
            select(Agreement.deal_id, Agreement.status, Agreement.sent_at).order_by(
                Agreement.deal_id, Agreement.version
            )
        ):
            agreements[row.deal_id] = row  # the newest version wins
        promised = delivery_by_deal(session, true())
    return {
        "deals": deals,
        "incentives": incentives,
        "fees": fees,
        "paid": paid,
        "agreements": agreements,
        "promised": promised,
    }


def _deal_row(
    campaign: Any, row: ReportRow, details: dict[str, dict[int, Any]], today: date
) -> list[object]:
    deal = details["deals"][row.deal_id]
    items = details["incentives"].get(row.deal_id, [])
    terms: list[IncentiveTerms] = [incentive_terms(i) for i in items]
    fees = details["fees"].get(row.deal_id, {})
    paid = details["paid"].get(row.deal_id, {})
    agreement = details["agreements"].get(row.deal_id)
    promised = details["promised"].get(row.deal_id, [])
    open_dues = [
        t.due
        for t, posts in promised
        if t.due is not None and t.status(posts, today) is not DeliverableStatus.DELIVERED
    ]
    values = {
        "id": row.deal_id,
        "campaign": campaign.name,
        "campaign_id": campaign.id,
        "influencer": row.name,
        "influencer_id": row.influencer_id,
        "handle": row.handle,
        "platform": label_of(Platform, row.platform),
        "incentives": "; ".join(t.sentence() for t in terms) or None,
        "promo_codes": ", ".join(
            dict.fromkeys(c for c in (deal.promo_code, *(t.promo_code for t in terms)) if c)
        )
        or None,
        "tracking_link": tracking_link(
            deal.landing_url, row.platform or "other", campaign.name, row.handle or row.name
        )
        if deal.landing_url
        else None,
        "cost": amount(row.cost),
        "fees": amount(fees),
        "paid": amount(paid),
        "owed": amount(fees_owed(fees, paid)),
        "shipping": _shipping(items),
        "agreement": label_of(AgreementStatus, agreement.status) if agreement else None,
        "agreement_sent": agreement.sent_at if agreement else None,
        "deliverables": "; ".join(t.sentence() for t, _posts in promised) or None,
        "promised": row.deliverables_total,
        "delivered": row.deliverables_done,
        "late": row.deliverables_late,
        "next_due": min(open_dues, default=None),
        "posts": row.posts,
        "engagements": row.engagements,
        "revenue": amount(row.revenue),
        "roi": _fraction(row.roi),
        "usage_rights": deal.usage_rights,
        "disclosure": label_of(Disclosure, deal.disclosure),
        "notes": deal.notes,
        # As typed, so a restore gives the deal back its own code and link (the columns above
        # are for reading: they merge the incentives' codes and build the link).
        "deal_code": deal.promo_code,
        "landing_url": deal.landing_url,
    }
    return [values[key] for key in DEAL_KEYS]


def deal_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list of values (DEAL_KEYS order) per deal of these influencers, campaign by campaign."""
    wanted = set(ids)
    today = date.today()
    reports = _reports(db, today)
    details = _deal_details(db)
    for campaign, report in reports:
        for row in report.rows:
            if row.influencer_id in wanted:
                yield _deal_row(campaign, row, details, today)


def _content_query() -> Any:
    return (
        select(
            Content,
            Campaign.name.label("campaign"),
            Influencer.id.label("person"),
            Influencer.display_name,
        )
        .join(Deal, Deal.id == Content.deal_id)
        .join(Campaign, Campaign.id == Deal.campaign_id)
        .join(Influencer, Influencer.id == Deal.influencer_id)
        .where(not_trashed(Deal.influencer_id))
        .order_by(
            Campaign.starts_on.desc().nulls_last(),
            func.lower(Campaign.name),
            Campaign.id,
            func.lower(Influencer.display_name),
            Content.posted_on,
            Content.id,
        )
    )


def content_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Content sheet has: the exported influencers' posts."""
    wanted = set(ids)
    with db.reader() as session:
        rows = session.execute(
            select(Deal.influencer_id, func.count())
            .join(Content, Content.deal_id == Deal.id)
            .where(not_trashed(Deal.influencer_id))
            .group_by(Deal.influencer_id)
        ).all()
    return sum(int(n) for person, n in rows if person in wanted)


def content_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list of values (CONTENT_KEYS order) per post of these influencers."""
    wanted = set(ids)
    with db.reader() as session:
        rows = [r for r in session.execute(_content_query()) if r.person in wanted]
    for post, campaign, _person, name in rows:
        counts = (post.likes, post.comments, post.shares, post.saves)
        values: dict[str, object] = {
            "campaign": campaign,
            "influencer": name,
            "deal_id": post.deal_id,
            "deliverable_id": post.deliverable_id,
            "platform": label_of(Platform, post.platform),
            "format": label_of(ContentFormat, post.format),
            "posted_on": post.posted_on,
            "url": post.url,
            "likes": post.likes,
            "comments": post.comments,
            "shares": post.shares,
            "saves": post.saves,
            "views": post.views,
            "reach": post.reach,
            "clicks": post.clicks,
            "conversions": post.conversions,
            "engagements": sum(c or 0 for c in counts) if any(c is not None for c in counts)
            else None,
            "revenue": money(post.revenue_minor, post.currency),
            "currency": post.currency,
            "created": post.created_at,
        }  # fmt: skip
        yield [values[key] for key in CONTENT_KEYS]


__all__ = [
    "CAMPAIGN_KEYS",
    "CONTENT_KEYS",
    "DEAL_KEYS",
    "amount",
    "campaign_count",
    "campaign_values",
    "content_count",
    "content_values",
    "deal_count",
    "deal_values",
]
