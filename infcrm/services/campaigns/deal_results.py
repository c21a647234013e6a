"""What a deal brought and cost: delivered posts with their results, fee payments, money owed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Campaign, Content, Incentive, Payment
from infcrm.db.campaign_models import Deliverable as DeliverableRow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.domain.campaign_enums import ContentFormat, IncentiveKind
from infcrm.domain.enums import Platform
from infcrm.domain.money import Money, MoneyError, check_currency, parse_amount, totals_by_currency
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns import deal_rows
from infcrm.services.campaigns.campaign_types import (
    ContentInput,
    ContentItem,
    Deliverable,
    PaymentInput,
    PaymentItem,
)
from infcrm.services.campaigns.campaign_types import Deal as DealInfo
from infcrm.services.campaigns.campaign_types import (
    Incentive as IncentiveInfo,
)
from infcrm.services.common import from_storage

COUNT_FIELDS = ("likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions")
URL_MAX = 2000


def _amount(check: FieldChecker, field: str, text: object, currency: str, what: str):
    """(minor units, currency) of an optional amount, or (None, None); errors go to `check`."""
    if text is None or not str(text).strip():
        return None, None
    try:
        code = check_currency(currency)
        return parse_amount(text, code, what=what), code
    except MoneyError as exc:
        check.add(field, str(exc))
        return None, None


def record_content(db: Database, deal_id: int, data: ContentInput) -> int:
    """Save a delivered post and its results; returns its id."""
    with db.transaction() as session:
        return write_content(session, deal_id, data)


def write_content(session: Session, deal_id: int, data: ContentInput) -> int:
    """`record_content` inside an open transaction (an undoable step captures first)."""
    item = Content(deal_id=deal_id, **content_values(session, deal_id, data))
    session.add(item)
    session.flush()
    return item.id


def content_values(session: Session, deal_id: int, data: ContentInput) -> dict:
    """The post's columns as `data` gives them, checked (InvalidInput names the field at
    fault): what recording a post writes and what changing one writes over it."""
    check = FieldChecker()
    platform = check.choice("platform", data.platform, Platform, label="Platform", required=True)
    fmt = check.choice("format", data.format, ContentFormat, label="Format")
    if not isinstance(data.posted_on, date):
        check.add("posted_on", "Choose the day it was posted.")
    elif data.posted_on > date.today():
        check.add("posted_on", "That day is in the future; record a post once it is live.")
    url = check.text("url", data.url, label="Link", max_length=URL_MAX)
    if url and not url.lower().startswith(("http://", "https://")):
        check.add("url", "The link must start with https:// — copy it from the browser.")
    counts = {f: check.count(f, getattr(data, f), label=f.capitalize()) for f in COUNT_FIELDS}
    revenue, currency = _amount(check, "revenue", data.revenue, data.currency, "Revenue")
    check.raise_if_errors()
    deal_rows.deal_row(session, deal_id)
    if data.deliverable_id is not None:
        owner = session.execute(
            select(DeliverableRow.deal_id).where(DeliverableRow.id == data.deliverable_id)
        ).scalar()
        if owner != deal_id:
            check.add("deliverable_id", "That promised content belongs to another deal.")
            check.raise_if_errors()
    return {
        "deliverable_id": data.deliverable_id,
        "url": url,
        "platform": platform.value,
        "format": fmt.value if fmt else None,
        "posted_on": data.posted_on,
        "revenue_minor": revenue,
        "currency": currency,
        **counts,
    }


def record_payment(db: Database, deal_id: int, data: PaymentInput) -> int:
    """Save a fee payment; returns its id."""
    with db.transaction() as session:
        return write_payment(session, deal_id, data)


def write_payment(session: Session, deal_id: int, data: PaymentInput) -> int:
    """`record_payment` inside an open transaction (an undoable step captures first)."""
    values = payment_values(data)
    deal_rows.deal_row(session, deal_id)
    payment = Payment(deal_id=deal_id, **values)
    session.add(payment)
    session.flush()
    return payment.id


def payment_values(data: PaymentInput) -> dict:
    """The payment's columns as `data` gives them, checked (InvalidInput names the field at
    fault): what recording a payment writes and what changing one writes over it."""
    check = FieldChecker()
    if not isinstance(data.paid_on, date):
        check.add("paid_on", "Choose the day it was paid.")
    minor, currency = _amount(check, "amount", data.amount, data.currency, "The amount")
    if minor is None and "amount" not in check.errors:
        check.add("amount", "Enter the amount paid.")
    elif minor == 0:
        check.add("amount", "The amount must be more than zero.")
    method = check.text("method", data.method, label="Method", max_length=60)
    reference = check.text("reference", data.reference, label="Reference", max_length=200)
    check.raise_if_errors()
    return {
        "paid_on": data.paid_on,
        "amount_minor": minor,
        "currency": currency,
        "method": method,
        "reference": reference,
    }


def fees_and_paid(session: Session, ids: list[int]) -> tuple[dict, dict]:
    """Per deal, the agreed fees and the payments made, each as totals per currency."""
    fees: dict[int, list[Money]] = {}
    paid: dict[int, list[Money]] = {}
    for deal_id, minor, currency in session.execute(
        select(Incentive.deal_id, Incentive.value_minor, Incentive.currency).where(
            Incentive.deal_id.in_(ids),
            Incentive.kind == IncentiveKind.FEE.value,
            Incentive.value_minor.is_not(None),
        )
    ):
        fees.setdefault(deal_id, []).append(Money(minor, currency))
    for deal_id, currency, minor in session.execute(
        select(Payment.deal_id, Payment.currency, func.sum(Payment.amount_minor))
        .where(Payment.deal_id.in_(ids))
        .group_by(Payment.deal_id, Payment.currency)
    ):
        paid.setdefault(deal_id, []).append(Money(minor, currency))
    return (
        {i: totals_by_currency(v) for i, v in fees.items()},
        {i: totals_by_currency(v) for i, v in paid.items()},
    )


def fees_owed(fees: dict[str, Money], paid: dict[str, Money]) -> dict[str, Money]:
    """Fees not yet paid, per currency (nothing negative: an overpayment owes nothing)."""
    owed = {}
    for code, fee in fees.items():
        rest = fee - paid.get(code, Money(0, code))
        if rest.minor > 0:
            owed[code] = rest
    return owed


def money_owed(session: Session, deal_ids: Iterable[int]) -> dict[int, dict[str, Money]]:
    """Per deal, the fees still to pay, per currency (deals owing nothing are left out)."""
    ids = list(deal_ids)
    fees, paid = fees_and_paid(session, ids)
    result = {i: fees_owed(fees[i], paid.get(i, {})) for i in fees}
    return {i: owed for i, owed in result.items() if owed}


def load_deal(db: Database, deal_id: int, today: date | None = None) -> DealInfo:
    """Everything about one deal: terms, delivered content, payments and what is owed."""
    with db.reader() as session:
        return deal_in(session, deal_id, today)


def deal_in(session: Session, deal_id: int, today: date | None = None) -> DealInfo:
    """`load_deal` inside an open session (a refused save reads the deal as it stands)."""
    today = today or date.today()
    deal = deal_rows.deal_row(session, deal_id)
    campaign = session.get(Campaign, deal.campaign_id)
    person = session.get(Influencer, deal.influencer_id)
    incentives = tuple(_incentive(r) for r in deal_rows.incentives_of(session, deal_id))
    posts = list(
        session.execute(
            select(Content).where(Content.deal_id == deal_id).order_by(Content.posted_on)
        ).scalars()
    )
    delivered: dict[int, int] = {}
    for post in posts:
        if post.deliverable_id is not None:
            delivered[post.deliverable_id] = delivered.get(post.deliverable_id, 0) + 1
    deliverables = tuple(
        Deliverable(
            id=r.id,
            platform=r.platform,
            format=r.format,
            count=r.count,
            due_date=r.due_date,
            delivered=delivered.get(r.id, 0),
            status=deal_rows.deliverable_terms(r).status(delivered.get(r.id, 0), today).value,
        )
        for r in deal_rows.deliverables_of(session, deal_id)
    )
    payments = tuple(
        payment_item(p)
        for p in session.execute(
            select(Payment).where(Payment.deal_id == deal_id).order_by(Payment.paid_on, Payment.id)
        ).scalars()
    )
    fees, paid = fees_and_paid(session, [deal_id])
    return DealInfo(
        id=deal.id,
        campaign_id=campaign.id,
        campaign_name=campaign.name,
        campaign_currency=campaign.currency,
        influencer_id=person.id,
        influencer_name=person.display_name,
        usage_rights=deal.usage_rights,
        disclosure=deal.disclosure,
        notes=deal.notes,
        incentives=incentives,
        deliverables=deliverables,
        content=tuple(content_item(p) for p in posts),
        payments=payments,
        fees=fees.get(deal_id, {}),
        paid=paid.get(deal_id, {}),
        owed=fees_owed(fees.get(deal_id, {}), paid.get(deal_id, {})),
        version=deal.version,
        changed_by=deal.changed_by,
    )


def _incentive(row: Incentive) -> IncentiveInfo:
    terms = deal_rows.incentive_terms(row)
    percent = terms.commission_percent
    return IncentiveInfo(
        id=row.id,
        kind=row.kind,
        description=row.description,
        quantity=row.quantity,
        value=terms.value,
        promo_code=row.promo_code,
        commission_percent=None if percent is None else f"{percent.normalize():f}",
        shipping_status=row.shipping_status,
        carrier=row.carrier,
        tracking_number=row.tracking_number,
        shipped_on=row.shipped_on,
        delivered_on=row.delivered_on,
        cost=terms.cost,
    )


def payment_item(row: Payment) -> PaymentItem:
    """A stored payment as the services hand it out."""
    return PaymentItem(
        id=row.id,
        paid_on=row.paid_on,
        amount=Money(row.amount_minor, row.currency),
        method=row.method,
        reference=row.reference,
        version=row.version,
        recorded_by=row.created_by,
        recorded_at=from_storage(row.created_at),
        changed_by=row.changed_by,
    )


def content_item(row: Content) -> ContentItem:
    """A stored post as the services hand it out."""
    return ContentItem(
        id=row.id,
        deliverable_id=row.deliverable_id,
        url=row.url,
        platform=row.platform,
        format=row.format,
        posted_on=row.posted_on,
        likes=row.likes,
        comments=row.comments,
        shares=row.shares,
        saves=row.saves,
        views=row.views,
        reach=row.reach,
        clicks=row.clicks,
        conversions=row.conversions,
        revenue=deal_rows.money(row.revenue_minor, row.currency),
        version=row.version,
        changed_by=row.changed_by,
    )
