"""A deal's terms: what the influencer gets, what they deliver, usage rights and disclosure.

Saving terms that differ from the agreed ones makes a new agreement version (the agreement
service decides); the frozen text of a sent or confirmed version is never touched.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NoReturn

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from infcrm.db import dialect
from infcrm.db.base import utcnow
from infcrm.db.campaign_models import Campaign, Deal, Incentive
from infcrm.db.campaign_models import Deliverable as DeliverableRow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.domain.campaign_enums import (
    ContentFormat,
    Disclosure,
    IncentiveKind,
    ShippingStatus,
)
from infcrm.domain.deal_terms import delivery_totals, long_date
from infcrm.domain.enums import Platform
from infcrm.domain.money import MoneyError, check_currency, describe_totals, parse_amount
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns import agreements
from infcrm.services.campaigns.campaign_types import (
    DealSummary,
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
)
from infcrm.services.campaigns.campaigns import costs_text
from infcrm.services.campaigns.deal_results import deal_in, load_deal, money_owed
from infcrm.services.campaigns.deal_rows import (
    CampaignNotFound,
    deal_row,
    deliverable_terms,
    deliverables_of,
    delivery_by_deal,
    incentive_terms,
)
from infcrm.services.campaigns.deal_rows import incentives_of as stored_incentives
from infcrm.services.campaigns.deal_tracking import TrackingInput, clean_tracking
from infcrm.services.campaigns.order_matching import rematch_orders
from infcrm.services.common import not_trashed
from infcrm.services.errors import EditConflict

DESCRIPTION_MAX = 300
get_deal = load_deal  # the whole deal: terms, content, payments, what is owed


def _clean_incentive(check: FieldChecker, n: int, item: IncentiveInput) -> dict:
    """One incentive's columns; problems are reported as `incentive_<n>.<field>`."""
    f = f"incentive_{n}."
    where = f"Incentive {n + 1}"
    kind = check.choice(f + "kind", item.kind, IncentiveKind, label=f"{where}: kind", required=True)
    values: dict = {
        "position": n,
        "kind": kind.value if kind else None,
        "description": check.text(
            f + "description",
            item.description,
            label=f"{where}: description",
            max_length=DESCRIPTION_MAX,
        ),
        "quantity": check.int_range(
            f + "quantity", item.quantity, label=f"{where}: quantity", minimum=1
        )
        or 1,
        "value_minor": None,
        "currency": None,
        "promo_code": check.text(
            f + "promo_code", item.promo_code, label="Promo code", max_length=60
        ),
        "commission_bp": None,
        "shipping_status": None,
        "carrier": check.text(f + "carrier", item.carrier, label="Carrier", max_length=100),
        "tracking_number": check.text(
            f + "tracking_number", item.tracking_number, label="Tracking number", max_length=100
        ),
        "shipped_on": item.shipped_on,
        "delivered_on": item.delivered_on,
    }
    if item.value is not None and str(item.value).strip():
        try:
            values["currency"] = check_currency(item.currency)
            values["value_minor"] = parse_amount(item.value, values["currency"], what=where)
        except MoneyError as exc:
            check.add(f + "value", str(exc))
    if item.commission_percent is not None and str(item.commission_percent).strip():
        text = str(item.commission_percent).strip().removesuffix("%").replace(",", ".")
        try:
            percent = Decimal(text)
        except InvalidOperation:
            percent = Decimal(-1)
        if not (0 <= percent <= 100) or percent != percent.quantize(Decimal("0.01")):
            check.add(f + "commission_percent", f"{where}: commission must be between 0 and 100%.")
        else:
            values["commission_bp"] = int(percent * 100)
    if kind is IncentiveKind.PRODUCT:
        status = check.choice(
            f + "shipping_status", item.shipping_status or ShippingStatus.TO_SHIP,
            ShippingStatus, label="Shipping status",
        )  # fmt: skip
        values["shipping_status"] = status.value if status else None
    if kind is IncentiveKind.FEE and values["value_minor"] is None:
        check.add(f + "value", f"{where}: enter the fee's amount.")
    return values


def _clean_deliverable(
    check: FieldChecker, n: int, item: DeliverableInput, starts: date | None
) -> dict:
    """One deliverable's columns; problems are reported as `deliverable_<n>.<field>`."""
    f = f"deliverable_{n}."
    where = f"Content {n + 1}"
    platform = check.choice(
        f + "platform", item.platform, Platform, label=f"{where}: platform", required=True
    )
    fmt = check.choice(
        f + "format", item.format, ContentFormat, label=f"{where}: format", required=True
    )
    count = check.int_range(
        f + "count", item.count, label=f"{where}: count", minimum=1, maximum=1000
    )
    due = item.due_date
    if due is not None and not isinstance(due, date):
        check.add(f + "due_date", f"{where}: choose a due date from the calendar.")
        due = None
    if due is not None and starts is not None and due < starts:
        check.add(
            f + "due_date",
            f"{where} is due on {long_date(due)}, before the campaign starts on "
            f"{long_date(starts)}; choose a later date or change the campaign's dates.",
        )
    return {
        "position": n,
        "platform": platform.value if platform else None,
        "format": fmt.value if fmt else None,
        "count": count or 1,
        "due_date": due,
    }


def _clean_terms(
    session: Session, deal_id: int, terms: DealTermsInput, tracking: TrackingInput | None
) -> dict:
    deal = deal_row(session, deal_id)
    starts = session.get(Campaign, deal.campaign_id).starts_on
    check = FieldChecker()
    incentives = [_clean_incentive(check, n, i) for n, i in enumerate(terms.incentives)]
    deliverables = [
        _clean_deliverable(check, n, d, starts) for n, d in enumerate(terms.deliverables)
    ]
    disclosure = check.choice("disclosure", terms.disclosure, Disclosure, label="Disclosure")
    values = {
        "usage_rights": check.text(
            "usage_rights", terms.usage_rights, label="Usage rights", max_length=2000,
            multiline=True,
        ),
        "disclosure": disclosure.value if disclosure else None,
        "notes": check.text("notes", terms.notes, label="Notes", max_length=20_000, multiline=True),
    }  # fmt: skip
    if tracking is not None:
        values.update(clean_tracking(session, deal_id, tracking, check))
    check.raise_if_errors()
    return {"deal": values, "incentives": incentives, "deliverables": deliverables}


def _agreed_terms(session: Session, deal: Deal) -> tuple:
    """What an agreement says, to tell whether new terms differ from the saved ones."""
    return (
        tuple(incentive_terms(r) for r in stored_incentives(session, deal.id)),
        tuple(deliverable_terms(r) for r in deliverables_of(session, deal.id)),
        deal.usage_rights,
        deal.disclosure,
        deal.promo_code,  # the agreement can quote the code and the link
        deal.landing_url,
    )


def save_terms(
    db: Database, deal_id: int, terms: DealTermsInput, tracking: TrackingInput | None = None
) -> bool:
    """Replace a deal's terms (and its code and landing page when `tracking` is given);
    returns whether a new agreement version was started.

    Content already recorded against a deliverable keeps pointing at the deliverable in the
    same place of the list, so "2 of 3 delivered" survives an edit of the other lines.
    """
    with db.transaction() as session:
        return write_terms(session, deal_id, terms, tracking)


def write_terms(
    session: Session, deal_id: int, terms: DealTermsInput, tracking: TrackingInput | None
) -> bool:
    """`save_terms` inside an open transaction (an undoable edit captures the rows first)."""
    cleaned = _clean_terms(session, deal_id, terms, tracking)
    deal = deal_row(session, deal_id)
    before = _agreed_terms(session, deal)
    old_deliverables = [r.id for r in deliverables_of(session, deal_id)]
    which = [Deal.id == deal_id]
    if terms.version is not None:  # only over the version the form was made from
        which.append(Deal.version == terms.version)
    if not session.execute(update(Deal).where(*which).values(**cleaned["deal"])).rowcount:
        _refuse_stale(session, deal_id, terms.version)
    session.execute(delete(Incentive).where(Incentive.deal_id == deal_id))
    if cleaned["incentives"]:
        session.execute(
            insert(Incentive), [{"deal_id": deal_id, **i} for i in cleaned["incentives"]]
        )
    _replace_deliverables(session, deal_id, old_deliverables, cleaned["deliverables"])
    session.flush()
    rematch_orders(session)  # the deal's codes may now name orders, or no longer
    session.expire(deal)
    if _agreed_terms(session, deal) == before:
        return False
    return agreements.on_terms_changed(session, deal_id) is not None


def _refuse_stale(session: Session, deal_id: int, seen: int | None) -> NoReturn:
    """The deal was saved by someone else since the form read it (on a server the UPDATE's
    WHERE is checked again once their transaction commits, so the later save always fails):
    nothing is written, and the conflict carries the terms as they stand now."""
    session.expire_all()
    theirs = deal_in(session, deal_id)
    raise EditConflict(
        f"the deal of “{theirs.influencer_name}” in “{theirs.campaign_name}”",
        seen if seen is not None else theirs.version,
        theirs.version,
        theirs.changed_by,
        theirs,
    )


def _replace_deliverables(
    session: Session, deal_id: int, old_ids: list[int], rows: list[dict]
) -> None:
    """Update deliverables in place by position, add new ones, delete the rest."""
    for position, row in enumerate(rows):
        if position < len(old_ids):
            session.execute(
                update(DeliverableRow).where(DeliverableRow.id == old_ids[position]).values(**row)
            )
        else:
            session.execute(insert(DeliverableRow).values(deal_id=deal_id, **row))
    for stale in old_ids[len(rows) :]:
        session.execute(delete(DeliverableRow).where(DeliverableRow.id == stale))


def update_shipping(
    db: Database,
    incentive_id: int,
    status: object,
    *,
    carrier: str | None = None,
    tracking_number: str | None = None,
    on: date | None = None,
    seen: int | None = None,
) -> None:
    """Mark a free product as to ship, shipped (with carrier and tracking) or delivered.

    A gift's shipping is part of its deal's terms: it raises the deal's version, so a terms
    form opened before hears of it instead of saving the old status over it. With `seen` (the
    deal's version the caller read), a deal saved since is refused as an EditConflict and
    nothing is written."""
    check = FieldChecker()
    chosen = check.choice("shipping_status", status, ShippingStatus, label="Shipping status",
                          required=True)  # fmt: skip
    carrier = check.text("carrier", carrier, label="Carrier", max_length=100)
    tracking = check.text("tracking_number", tracking_number, label="Tracking number",
                          max_length=100)  # fmt: skip
    check.raise_if_errors()
    with db.transaction() as session:
        row = session.get(Incentive, incentive_id)
        if row is None or row.kind != IncentiveKind.PRODUCT.value:
            raise CampaignNotFound("This product is no longer part of the deal.")
        which = [Deal.id == row.deal_id]
        if seen is not None:
            which.append(Deal.version == seen)
        # Stamping the deal raises its version (its `onupdate`), under the same WHERE.
        if not session.execute(update(Deal).where(*which).values(updated_at=utcnow())).rowcount:
            _refuse_stale(session, row.deal_id, seen)
        row.shipping_status = chosen.value
        if carrier is not None:
            row.carrier = carrier
        if tracking is not None:
            row.tracking_number = tracking
        if chosen is ShippingStatus.SHIPPED:
            row.shipped_on = on or row.shipped_on or date.today()
        elif chosen is ShippingStatus.DELIVERED:
            row.delivered_on = on or row.delivered_on or date.today()
            row.shipped_on = row.shipped_on or row.delivered_on
        else:
            row.shipped_on = row.delivered_on = None


def deal_summaries(db: Database, campaign_id: int, today: date) -> list[DealSummary]:
    """The campaign's influencers (not in the trash) with where each deal stands."""
    with db.reader() as session:
        rows = session.execute(
            select(Deal.id, Deal.influencer_id, Influencer.display_name,
                   Influencer.main_handle, Influencer.main_platform, Deal.promo_code)
            .join(Influencer, Influencer.id == Deal.influencer_id)
            .where(Deal.campaign_id == campaign_id, not_trashed(Deal.influencer_id))
            .order_by(dialect.nocase(Influencer.display_name))
        ).all()  # fmt: skip
        ids = [r.id for r in rows]
        agreements_by_deal = agreements.latest_status(session, ids)
        costs = costs_text(session, ids)
        kinds, shipping = _incentive_overview(session, ids)
        progress = _deliverable_progress(session, ids, today)
        owed = money_owed(session, ids)
    return [
        DealSummary(
            id=r.id,
            influencer_id=r.influencer_id,
            influencer_name=r.display_name,
            handle=r.main_handle,
            platform=Platform(r.main_platform).label if r.main_platform else None,
            incentive=", ".join(kinds.get(r.id, [])),
            cost=costs[r.id],
            agreement=agreements_by_deal.get(r.id, ""),
            shipping=shipping.get(r.id, ""),
            deliverables_done=progress.get(r.id, (0, 0, 0))[0],
            deliverables_total=progress.get(r.id, (0, 0, 0))[1],
            late=progress.get(r.id, (0, 0, 0))[2],
            owed=describe_totals(owed[r.id]) if owed.get(r.id) else "",
            promo_code=r.promo_code or "",
        )
        for r in rows
    ]


def _incentive_overview(session: Session, ids: list[int]) -> tuple[dict, dict]:
    """Per deal: the incentive kinds in words, and the least advanced shipping status."""
    kinds: dict[int, list[str]] = {}
    statuses: dict[int, list[str]] = {}
    stmt = (
        select(Incentive.deal_id, Incentive.kind, Incentive.shipping_status)
        .where(Incentive.deal_id.in_(ids))
        .order_by(Incentive.deal_id, Incentive.position)
    )
    for deal_id, kind, status in session.execute(stmt):
        label = IncentiveKind(kind).label
        if label not in kinds.setdefault(deal_id, []):
            kinds[deal_id].append(label)
        statuses.setdefault(deal_id, []).append(status)
    shipping = {}
    for deal_id, values in statuses.items():
        least = ShippingStatus.least_advanced(values)
        if least is not None:
            shipping[deal_id] = least.label
    return kinds, shipping


def _deliverable_progress(session: Session, ids: list[int], today: date) -> dict:
    """Per deal: (pieces delivered, pieces promised, pieces late), as the report counts them."""
    delivery = delivery_by_deal(session, Deal.id.in_(ids))
    return {deal_id: delivery_totals(items, today) for deal_id, items in delivery.items()}
