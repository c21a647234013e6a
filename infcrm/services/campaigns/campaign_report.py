"""The campaign report: what each influencer cost and brought, and the campaign's totals.

Posts are added up in SQL (one GROUP BY deal), never loaded one by one; costs, cost per
engagement and ROI are worked out by the domain (`deal_terms`). Money is never converted:
a campaign paid in two currencies shows its totals per currency, and cost per engagement and
ROI are left out, with a note that says why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Campaign, Content, Deal
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.domain.campaign_enums import IncentiveKind
from infcrm.domain.deal_terms import (
    ContentFigures,
    cost_per_engagement,
    deal_cost,
    delivery_totals,
    listing,
    return_on_investment,
)
from infcrm.domain.money import (
    MixedCurrencies,
    Money,
    describe_totals,
    divide,
    totals_by_currency,
)
from infcrm.services.campaigns.deal_rows import (
    CampaignNotFound,
    delivery_by_deal,
    incentive_terms_by_deal,
    money,
)
from infcrm.services.campaigns.post_orders import orders_around_posts
from infcrm.services.campaigns.report_codes import codes_missed
from infcrm.services.campaigns.report_types import CampaignReport, ReportRow
from infcrm.services.campaigns.shop_sales import ShopSales, shop_sales
from infcrm.services.common import not_trashed

TOTAL_NAME = "All influencers"
_COUNTS = ("likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions")


def _in_campaign(campaign_id: int) -> ColumnElement[bool]:
    """SQL: the deal belongs to the campaign and its influencer is not in the trash."""
    return (Deal.campaign_id == campaign_id) & not_trashed(Deal.influencer_id)


def _figures(session: Session, campaign_id: int) -> dict[int, ContentFigures]:
    """Each deal's posts and results added up, one row per deal."""
    sums = [func.coalesce(func.sum(getattr(Content, name)), 0) for name in _COUNTS]
    stmt = (
        select(Content.deal_id, func.count(), *sums)
        .join(Deal, Deal.id == Content.deal_id)
        .where(_in_campaign(campaign_id))
        .group_by(Content.deal_id)
    )
    return {
        deal_id: ContentFigures(int(posts), *(int(v) for v in values))
        for deal_id, posts, *values in session.execute(stmt)
    }


def _revenue(session: Session, campaign_id: int) -> dict[int, dict[str, Money]]:
    """Each deal's recorded revenue per currency (deals without any revenue figure are absent)."""
    stmt = (
        select(Content.deal_id, Content.currency, func.sum(Content.revenue_minor))
        .join(Deal, Deal.id == Content.deal_id)
        .where(
            _in_campaign(campaign_id),
            Content.revenue_minor.is_not(None),
            Content.currency.is_not(None),
        )
        .group_by(Content.deal_id, Content.currency)
    )
    result: dict[int, dict[str, Money]] = defaultdict(dict)
    for deal_id, currency, minor in session.execute(stmt):
        amount = money(int(minor), currency)
        if amount is not None:
            result[deal_id][amount.currency] = amount
    return result


def _costs(session: Session, campaign_id: int) -> tuple[dict[int, dict[str, Money]], bool]:
    """Each deal's cost per currency, and whether any deal pays a commission."""
    terms = incentive_terms_by_deal(session, _in_campaign(campaign_id))
    commission = any(i.kind is IncentiveKind.COMMISSION for items in terms.values() for i in items)
    return {deal_id: deal_cost(items) for deal_id, items in terms.items()}, commission


def _deliverables(
    session: Session, campaign_id: int, today: date
) -> dict[int, tuple[int, int, int]]:
    """Each deal's promised posts as (delivered, promised, late)."""
    delivery = delivery_by_deal(session, _in_campaign(campaign_id))
    return {deal_id: delivery_totals(items, today) for deal_id, items in delivery.items()}


def _codes(*amounts: Mapping[str, Money]) -> list[str]:
    return sorted({code for sums in amounts for code in sums})


def _cpe(cost: Mapping[str, Money], engagements: int) -> tuple[Money | None, str]:
    """Cost per engagement, or None and the reason in plain words."""
    if len(cost) > 1:
        return None, (
            f"Costs are in {listing(_codes(cost))}; infcrm does not convert currencies, so "
            "cost per engagement is not computed."
        )
    if not cost:
        return None, "No up-front cost is recorded (commissions are paid on sales later)."
    if engagements <= 0:
        return None, "No engagements recorded yet."
    return cost_per_engagement(next(iter(cost.values())), engagements), ""


def _roi(cost: Mapping[str, Money], revenue: Mapping[str, Money]) -> tuple[Decimal | None, str]:
    """Return on investment, or None and the reason in plain words."""
    if not revenue:
        return None, "No revenue recorded yet."
    if not cost:
        return None, "No up-front cost is recorded, so there is nothing to return on."
    codes = _codes(cost, revenue)
    if len(codes) > 1:
        if len(cost) == 1 and len(revenue) == 1:
            where = f"Costs are in {_codes(cost)[0]} but revenue is in {_codes(revenue)[0]}"
        elif len(cost) > 1:
            where = f"Costs are in {listing(_codes(cost))}"
        else:
            where = f"Revenue is in {listing(_codes(revenue))}"
        return None, f"{where}; infcrm does not convert currencies, so ROI is not computed."
    try:
        roi = return_on_investment(next(iter(cost.values())), next(iter(revenue.values())))
    except MixedCurrencies as exc:  # pragma: no cover - the codes were checked above
        return None, str(exc)
    if roi is None:
        return None, "Nothing was spent, so there is no return to compare it with."
    return roi, ""


def _rate(rows: Iterable[ReportRow]) -> Decimal | None:
    """All engagements ÷ the followers the posts went out to (see CAMPAIGN_RATE_DEFINITION)."""
    engagements = shown_to = 0
    for row in rows:
        if row.posts and row.followers:
            engagements += row.engagements
            shown_to += row.posts * row.followers
    return Decimal(engagements) / shown_to if shown_to else None


def _per_order(cost: Mapping[str, Money], orders: int) -> Money | None:
    """Cost per counted order, when the cost is in one currency and there are orders."""
    if len(cost) != 1 or orders <= 0:
        return None
    return divide(next(iter(cost.values())), orders)


def _row(
    deal_id: int,
    person: Row,
    figures: ContentFigures,
    cost: dict[str, Money],
    revenue: dict[str, Money],
    deliverables: tuple[int, int, int],
    sales: ShopSales | None = None,
) -> ReportRow:
    followers = person.main_followers
    if sales is not None:
        revenue = sales.revenue  # the shop's orders are the truth; typed figures are estimates
    cpe, cpe_note = _cpe(cost, figures.engagements)
    roi, roi_note = _roi(cost, revenue)
    done, promised, late = deliverables
    return ReportRow(
        deal_id=deal_id,
        influencer_id=person.id,
        name=person.display_name,
        handle=person.main_handle,
        platform=person.main_platform,
        followers=followers,
        posts=figures.posts,
        cost=cost,
        cost_text=describe_totals(cost),
        engagements=figures.engagements,
        engagement_rate=figures.engagement_rate_per_post(followers),
        cost_per_engagement=cpe,
        reach=figures.reach,
        clicks=figures.clicks,
        conversions=figures.conversions,
        revenue=revenue,
        revenue_text=describe_totals(revenue),
        roi=roi,
        deliverables_done=done,
        deliverables_total=promised,
        deliverables_late=late,
        cpe_note=cpe_note,
        roi_note=roi_note,
        orders=sales.count if sales else 0,
        average_order=sales.average_order if sales else {},
        average_order_text=describe_totals(sales.average_order) if sales else "—",
        cost_per_order=_per_order(cost, sales.count) if sales else None,
        from_shop=sales is not None,
    )


def _total(rows: list[ReportRow]) -> ReportRow:
    cost = totals_by_currency(m for r in rows for m in r.cost.values())
    revenue = totals_by_currency(m for r in rows for m in r.revenue.values())
    engagements = sum(r.engagements for r in rows)
    cpe, cpe_note = _cpe(cost, engagements)
    roi, roi_note = _roi(cost, revenue)
    shop_rows = [r for r in rows if r.from_shop]
    orders = sum(r.orders for r in shop_rows)
    shop_revenue = totals_by_currency(m for r in shop_rows for m in r.revenue.values())
    shop_cost = totals_by_currency(m for r in shop_rows for m in r.cost.values())
    # One currency: an average over every order; several: orders cannot be split by currency.
    average = (
        {c: m for c, m in ((c, divide(m, orders)) for c, m in shop_revenue.items()) if m}
        if len(shop_revenue) == 1
        else {}
    )
    return ReportRow(
        deal_id=None,
        influencer_id=None,
        name=TOTAL_NAME,
        handle=None,
        platform=None,
        followers=None,
        posts=sum(r.posts for r in rows),
        cost=cost,
        cost_text=describe_totals(cost),
        engagements=engagements,
        engagement_rate=_rate(rows),
        cost_per_engagement=cpe,
        reach=sum(r.reach for r in rows),
        clicks=sum(r.clicks for r in rows),
        conversions=sum(r.conversions for r in rows),
        revenue=revenue,
        revenue_text=describe_totals(revenue),
        roi=roi,
        deliverables_done=sum(r.deliverables_done for r in rows),
        deliverables_total=sum(r.deliverables_total for r in rows),
        deliverables_late=sum(r.deliverables_late for r in rows),
        cpe_note=cpe_note,
        roi_note=roi_note,
        is_total=True,
        orders=orders,
        average_order=average,
        average_order_text=describe_totals(average),
        cost_per_order=_per_order(shop_cost, orders),
        from_shop=bool(shop_rows),
    )


def _notes(
    rows: list[ReportRow], total: ReportRow, commission: bool, unmatched: list[str]
) -> tuple[str, ...]:
    """Sentences on what the figures leave out and why (mixed currencies above all)."""
    notes: list[str] = []
    cost_codes, revenue_codes = _codes(total.cost), _codes(total.revenue)
    if len(cost_codes) > 1:
        notes.append(
            f"Costs are in {listing(cost_codes)}; infcrm does not convert currencies, so the "
            "total cost is shown per currency and cost per engagement and ROI are not computed "
            "for the whole campaign."
        )
    elif len(revenue_codes) > 1:
        notes.append(
            f"Revenue is in {listing(revenue_codes)}; infcrm does not convert currencies, so "
            "the total revenue is shown per currency and ROI is not computed for the whole "
            "campaign."
        )
    elif cost_codes and revenue_codes and cost_codes != revenue_codes:
        notes.append(
            f"Costs are in {cost_codes[0]} but revenue is in {revenue_codes[0]}; infcrm does "
            "not convert currencies, so ROI is not computed for the whole campaign."
        )
    mixed = [r.name for r in rows if len(_codes(r.cost, r.revenue)) > 1]
    if mixed:
        whose = listing(mixed)
        notes.append(
            f"{whose} {'has' if len(mixed) == 1 else 'have'} costs or revenue in more than one "
            "currency, so their cost per engagement or ROI is left out rather than converted."
        )
    shop = [r.name for r in rows if r.from_shop]
    if shop:
        typed = [r.name for r in rows if not r.from_shop and r.revenue]
        notes.append(
            f"Orders and revenue of {listing(shop)} come from the shop's own orders (File › "
            "Import orders…): net of discounts and refunds, cancelled orders left out."
            + (f" The revenue of {listing(typed)} is as entered with their posts." if typed else "")
        )
    if commission:
        notes.append(
            "Commissions and promo codes are paid on sales later, so they are not part of the cost."
        )
    return tuple(notes + unmatched)


def campaign_report(db: Database, campaign_id: int, today: date) -> CampaignReport:
    """Cost, results, CPE and ROI per influencer in the campaign and in total.

    People in the trash are left out. `today` (the user's date) decides which promised posts
    are late. Raises CampaignNotFound when the campaign does not exist.
    """
    with db.reader() as session:
        campaign = session.execute(
            select(
                Campaign.id,
                Campaign.name,
                Campaign.brand,
                Campaign.status,
                Campaign.starts_on,
                Campaign.ends_on,
                Campaign.currency,
                Campaign.budget_minor,
            ).where(Campaign.id == campaign_id)
        ).one_or_none()
        if campaign is None:
            raise CampaignNotFound("This campaign no longer exists.")
        people = session.execute(
            select(
                Deal.id.label("deal_id"),
                Influencer.id,
                Influencer.display_name,
                Influencer.main_handle,
                Influencer.main_platform,
                Influencer.main_followers,
            )
            .join(Influencer, Influencer.id == Deal.influencer_id)
            .where(_in_campaign(campaign_id))
            .order_by(func.lower(Influencer.display_name), Deal.id)
        ).all()
        figures = _figures(session, campaign_id)
        revenue = _revenue(session, campaign_id)
        costs, commission = _costs(session, campaign_id)
        deliverables = _deliverables(session, campaign_id, today)
        sales = shop_sales(session, _in_campaign(campaign_id))
        posts = orders_around_posts(session, _in_campaign(campaign_id))
        unmatched = codes_missed(session, campaign.id, campaign.starts_on, campaign.ends_on)
    rows = [
        _row(
            person.deal_id,
            person,
            figures.get(person.deal_id, ContentFigures()),
            costs.get(person.deal_id, {}),
            revenue.get(person.deal_id, {}),
            deliverables.get(person.deal_id, (0, 0, 0)),
            sales.get(person.deal_id),
        )
        for person in people
    ]
    total = _total(rows)
    return CampaignReport(
        campaign_id=campaign.id,
        name=campaign.name,
        brand=campaign.brand,
        status=campaign.status,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        currency=campaign.currency,
        budget=money(campaign.budget_minor, campaign.currency),
        rows=tuple(rows),
        total=total,
        notes=_notes(rows, total, commission, unmatched),
        posts=posts,
    )


__all__ = ["TOTAL_NAME", "campaign_report"]
