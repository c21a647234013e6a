"""Rows of the Incentives, Deliverables, Payments, Agreements and Shop orders sheets of an
all-sheets export.

The Deals sheet sums a deal up in sentences ("2 × Serum (€40.00 each)"); these sheets keep each
term as it is stored, one row each, so an export restores the deal exactly. Every row names its
deal by ID (and its campaign and influencer by name, for the reader). Money is a domain `Money`
with its currency beside it, commission a fraction of one, instants naive UTC.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import func, select

from infcrm.db.campaign_models import Agreement, Campaign, Deal, Deliverable, Incentive, Payment
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.order_models import ShopOrder
from infcrm.domain.campaign_enums import (
    AgreementStatus,
    ContentFormat,
    IncentiveKind,
    ShippingStatus,
)
from infcrm.domain.enums import Platform, label_of
from infcrm.services.campaigns.deal_rows import money
from infcrm.services.common import not_trashed

INCENTIVE_KEYS: tuple[str, ...] = (
    "deal_id", "campaign", "influencer", "kind", "description", "quantity", "value", "currency",
    "promo_code", "commission", "shipping", "carrier", "tracking_number", "shipped_on",
    "delivered_on",
)  # fmt: skip
DELIVERABLE_KEYS: tuple[str, ...] = (
    "id", "deal_id", "campaign", "influencer", "platform", "format", "count", "due",
)  # fmt: skip
PAYMENT_KEYS: tuple[str, ...] = (
    "deal_id", "campaign", "influencer", "paid_on", "amount", "currency", "method", "reference",
    "created",
)  # fmt: skip
AGREEMENT_KEYS: tuple[str, ...] = (
    "deal_id", "campaign", "influencer", "version", "status", "subject", "body", "created",
    "sent", "sha256", "confirmed", "reply_sender", "reply_date", "reply_subject", "reply_body",
)  # fmt: skip

ORDER_KEYS: tuple[str, ...] = (
    "shop", "order_number", "placed_at", "currency", "revenue", "discount", "refunded", "counted",
    "code", "utm_campaign", "utm_content", "deal_id", "campaign", "influencer", "store_places",
    "store_mark", "store_revenue", "store_discount", "store_refunded",
)  # fmt: skip


def _rows(
    db: Database, ids: Sequence[int], model: Any, order: Sequence[Any]
) -> Iterator[tuple[Any, str, str]]:
    """Each `model` row of the exported people's deals with its campaign's and person's names."""
    wanted = set(ids)
    stmt = (
        select(model, Campaign.name, Influencer.display_name, Deal.influencer_id)
        .join(Deal, Deal.id == model.deal_id)
        .join(Campaign, Campaign.id == Deal.campaign_id)
        .join(Influencer, Influencer.id == Deal.influencer_id)
        .where(not_trashed(Deal.influencer_id))
        .order_by(model.deal_id, *order)
    )
    with db.reader() as session:
        rows = session.execute(stmt).all()
    for row, campaign, name, person in rows:
        if person in wanted:
            yield row, campaign, name


def _counter(model: Any) -> Callable[[Database, Sequence[int]], int]:
    def count(db: Database, ids: Sequence[int]) -> int:
        wanted = set(ids)
        with db.reader() as session:
            rows = session.execute(
                select(Deal.influencer_id, func.count())
                .join(model, model.deal_id == Deal.id)
                .where(not_trashed(Deal.influencer_id))
                .group_by(Deal.influencer_id)
            ).all()
        return sum(int(n) for person, n in rows if person in wanted)

    return count


incentive_count = _counter(Incentive)
deliverable_count = _counter(Deliverable)
payment_count = _counter(Payment)
agreement_count = _counter(Agreement)


def incentive_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (INCENTIVE_KEYS order) per incentive, deal by deal, in the deal's order."""
    for item, campaign, name in _rows(db, ids, Incentive, (Incentive.position, Incentive.id)):
        values = {
            "deal_id": item.deal_id,
            "campaign": campaign,
            "influencer": name,
            "kind": label_of(IncentiveKind, item.kind),
            "description": item.description,
            "quantity": item.quantity,
            "value": money(item.value_minor, item.currency),
            "currency": item.currency,
            "promo_code": item.promo_code,
            "commission": None if item.commission_bp is None else item.commission_bp / 10_000,
            "shipping": label_of(ShippingStatus, item.shipping_status),
            "carrier": item.carrier,
            "tracking_number": item.tracking_number,
            "shipped_on": item.shipped_on,
            "delivered_on": item.delivered_on,
        }
        yield [values[key] for key in INCENTIVE_KEYS]


def deliverable_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (DELIVERABLE_KEYS order) per promised piece of content."""
    order = (Deliverable.position, Deliverable.id)
    for item, campaign, name in _rows(db, ids, Deliverable, order):
        values = {
            "id": item.id,
            "deal_id": item.deal_id,
            "campaign": campaign,
            "influencer": name,
            "platform": label_of(Platform, item.platform),
            "format": label_of(ContentFormat, item.format),
            "count": item.count,
            "due": item.due_date,
        }
        yield [values[key] for key in DELIVERABLE_KEYS]


def payment_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (PAYMENT_KEYS order) per payment, oldest first within a deal."""
    for item, campaign, name in _rows(db, ids, Payment, (Payment.paid_on, Payment.id)):
        values = {
            "deal_id": item.deal_id,
            "campaign": campaign,
            "influencer": name,
            "paid_on": item.paid_on,
            "amount": money(item.amount_minor, item.currency),
            "currency": item.currency,
            "method": item.method,
            "reference": item.reference,
            "created": item.created_at,
        }
        yield [values[key] for key in PAYMENT_KEYS]


def agreement_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (AGREEMENT_KEYS order) per agreement version, the first version first."""
    for item, campaign, name in _rows(db, ids, Agreement, (Agreement.version,)):
        values = {
            "deal_id": item.deal_id,
            "campaign": campaign,
            "influencer": name,
            "version": item.version,
            "status": label_of(AgreementStatus, item.status),
            "subject": item.subject,
            "body": item.body,
            "created": item.created_at,
            "sent": item.sent_at,
            "sha256": item.text_sha256,
            "confirmed": item.confirmed_at,
            "reply_sender": item.reply_sender,
            "reply_date": item.reply_date,
            "reply_subject": item.reply_subject,
            "reply_body": item.reply_body,
        }
        yield [values[key] for key in AGREEMENT_KEYS]


__all__ = [
    "AGREEMENT_KEYS",
    "DELIVERABLE_KEYS",
    "INCENTIVE_KEYS",
    "PAYMENT_KEYS",
    "agreement_count",
    "agreement_values",
    "deliverable_count",
    "deliverable_values",
    "incentive_count",
    "incentive_values",
    "payment_count",
    "payment_values",
]


def _orders(db: Database, ids: Sequence[int]) -> list[Any]:
    """The shop's orders that belong to no deal, or to a deal of an exported person."""
    wanted = set(ids)
    stmt = (
        select(ShopOrder, Campaign.name, Influencer.display_name, Deal.influencer_id)
        .outerjoin(Deal, Deal.id == ShopOrder.deal_id)
        .outerjoin(Campaign, Campaign.id == Deal.campaign_id)
        .outerjoin(Influencer, Influencer.id == Deal.influencer_id)
        .order_by(ShopOrder.shop, ShopOrder.placed_at, ShopOrder.id)
    )
    with db.reader() as session:
        rows = session.execute(stmt).all()
    return [r for r in rows if r[3] is None or r[3] in wanted]


def order_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Shop orders sheet has."""
    return len(_orders(db, ids))


def order_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (ORDER_KEYS order) per imported shop order, shop by shop, oldest first: a full
    export keeps them, so a restore needs no shop file to give the report its figures back."""
    for order, campaign, name, _person in _orders(db, ids):
        values = {
            "shop": order.shop,
            "order_number": order.order_number,
            "placed_at": order.placed_at,
            "currency": order.currency,
            "revenue": money(order.revenue_minor, order.currency),
            "discount": money(order.discount_minor, order.currency),
            "refunded": money(order.refunded_minor, order.currency),
            "counted": order.counted,
            "code": order.code,
            "utm_campaign": order.utm_campaign,
            "utm_content": order.utm_content,
            "deal_id": order.deal_id,
            "campaign": campaign,
            "influencer": name,
            "store_places": order.store_places,
            "store_mark": order.store_mark,
            "store_revenue": order.store_revenue,
            "store_discount": order.store_discount,
            "store_refunded": order.store_refunded,
        }
        yield [values[key] for key in ORDER_KEYS]
