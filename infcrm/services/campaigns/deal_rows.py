"""Reading a deal's stored terms as domain values: one mapping for agreements, lists and reports."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Content, Deal, Deliverable, Incentive
from infcrm.domain.campaign_enums import ContentFormat, IncentiveKind
from infcrm.domain.deal_terms import DeliverableTerms, IncentiveTerms
from infcrm.domain.enums import Platform
from infcrm.domain.money import Money
from infcrm.services.errors import CampaignNotFound, DealGone  # noqa: F401  (read from here)


def deal_row(session: Session, deal_id: int) -> Deal:
    """The stored deal, or DealGone (a CampaignNotFound) with a sentence to show."""
    deal = session.get(Deal, deal_id)
    if deal is None:
        raise DealGone(deal_id)
    return deal


def money(minor: int | None, currency: str | None) -> Money | None:
    """A stored amount (minor units + code) as Money, or None when either is missing."""
    if minor is None or not currency:
        return None
    return Money(minor, currency)


def incentive_terms(row: Incentive) -> IncentiveTerms:
    """One stored incentive as the domain's IncentiveTerms."""
    percent = None if row.commission_bp is None else Decimal(row.commission_bp) / 100
    return IncentiveTerms(
        kind=IncentiveKind(row.kind),
        description=row.description or "",
        quantity=row.quantity,
        value=money(row.value_minor, row.currency),
        promo_code=row.promo_code,
        commission_percent=percent,
    )


def deliverable_terms(row: Deliverable) -> DeliverableTerms:
    """One stored deliverable as the domain's DeliverableTerms (platform as its label)."""
    return DeliverableTerms(
        platform=Platform(row.platform).label,
        format=ContentFormat(row.format),
        count=row.count,
        due=row.due_date,
    )


def incentives_of(session: Session, deal_id: int) -> list[Incentive]:
    """A deal's stored incentives in the order they were entered."""
    stmt = select(Incentive).where(Incentive.deal_id == deal_id).order_by(Incentive.position)
    return list(session.execute(stmt).scalars())


def deliverables_of(session: Session, deal_id: int) -> list[Deliverable]:
    """A deal's stored deliverables in the order they were entered."""
    stmt = select(Deliverable).where(Deliverable.deal_id == deal_id).order_by(Deliverable.position)
    return list(session.execute(stmt).scalars())


def incentive_terms_by_deal(
    session: Session, deals: ColumnElement[bool]
) -> dict[int, list[IncentiveTerms]]:
    """The incentives of the deals matching `deals` (a condition on Deal), in entered order."""
    stmt = (
        select(Incentive)
        .join(Deal, Deal.id == Incentive.deal_id)
        .where(deals)
        .order_by(Incentive.deal_id, Incentive.position)
    )
    terms: dict[int, list[IncentiveTerms]] = defaultdict(list)
    for row in session.execute(stmt).scalars():
        terms[row.deal_id].append(incentive_terms(row))
    return terms


def delivery_by_deal(
    session: Session, deals: ColumnElement[bool]
) -> dict[int, list[tuple[DeliverableTerms, int]]]:
    """Each matching deal's promised content with the posts recorded against it, in order.

    The one reading of "what was promised and what arrived" for the deal list, the report and
    the export, so they never count it differently.
    """
    posts = (
        select(Content.deliverable_id, func.count().label("posts"))
        .where(Content.deliverable_id.is_not(None))
        .group_by(Content.deliverable_id)
        .subquery()
    )
    stmt = (
        select(Deliverable, func.coalesce(posts.c.posts, 0))
        .join(Deal, Deal.id == Deliverable.deal_id)
        .outerjoin(posts, posts.c.deliverable_id == Deliverable.id)
        .where(deals)
        .order_by(Deliverable.deal_id, Deliverable.position)
    )
    result: dict[int, list[tuple[DeliverableTerms, int]]] = defaultdict(list)
    for row, delivered in session.execute(stmt):
        result[row.deal_id].append((deliverable_terms(row), int(delivered)))
    return result
