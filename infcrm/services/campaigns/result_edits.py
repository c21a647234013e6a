"""Changing or deleting a recorded payment or post, and recording one more payment, on a
database teammates share: never over something the user has not seen.

A payment and a post count their saves (`version`, migration 0023). A change names the
version its form was made from and writes only over that one: `UPDATE … WHERE version =
<seen>`, so of two saves racing on a server the later updates no row once the earlier
commits. No row updated, with the row still there, is an `EditConflict` carrying the row as
it stands now, for the form to compare field by field. A deletion names the version the user
saw in the same way: one changed since is not deleted, and the user is asked again with
what it holds now. Recording a payment names the payments the user's list showed: one
recorded on the deal since then is named first (a second payment may pay a fee twice),
and the user decides whether to record theirs too. Scripts that name no version write and
delete whatever is there, as before.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Content, Payment
from infcrm.db.engine import Database
from infcrm.domain.dates import day_text
from infcrm.services.campaigns.campaign_types import (
    ContentInput,
    ContentItem,
    PaymentInput,
    PaymentItem,
)
from infcrm.services.campaigns.deal_results import (
    content_item,
    content_values,
    payment_item,
    payment_values,
)
from infcrm.services.changes import Changes
from infcrm.services.errors import CampaignNotFound, EditConflict, PaymentsRecordedMeanwhile

Model = type[Payment] | type[Content]
_NOUN = {Payment: "payment", Content: "post"}


def change_payment(db: Database, payment_id: int, data: PaymentInput, seen: int | None) -> int:
    """Save a recorded payment as `data` gives it, over version `seen` only (None: whatever
    is there); returns its deal. EditConflict when someone changed it since."""
    with db.transaction() as session:
        return write_payment_change(session, payment_id, data, seen)


def write_payment_change(
    session: Session, payment_id: int, data: PaymentInput, seen: int | None
) -> int:
    """`change_payment` inside an open transaction (an undoable step captures first)."""
    return _write_over(session, Payment, payment_id, payment_values(data), seen)


def change_post(db: Database, content_id: int, data: ContentInput, seen: int | None) -> int:
    """Save a recorded post (link, date, results) as `data` gives it, over version `seen`
    only (None: whatever is there); returns its deal. EditConflict when someone changed it."""
    with db.transaction() as session:
        return write_post_change(session, content_id, data, seen)


def write_post_change(
    session: Session, content_id: int, data: ContentInput, seen: int | None
) -> int:
    """`change_post` inside an open transaction (an undoable step captures first)."""
    deal_id = _deal_of(session, Content, content_id)
    return _write_over(session, Content, content_id, content_values(session, deal_id, data), seen)


def _write_over(session: Session, model: Model, row_id: int, values: dict, seen: int | None) -> int:
    which = [model.id == row_id]
    if seen is not None:
        which.append(model.version == seen)
    deal_id = session.scalar(update(model).where(*which).values(**values).returning(model.deal_id))
    if deal_id is None:
        _refuse_stale(session, model, row_id, seen)
    return deal_id


def delete_payment(db: Database, payment_id: int, seen: int | None = None) -> Changes:
    """Remove a recorded payment (the version the user saw, when `seen` is given)."""
    with db.transaction() as session:
        return Changes(deals=(remove_payment(session, payment_id, seen),))


def remove_payment(session: Session, payment_id: int, seen: int | None = None) -> int:
    """`delete_payment` inside an open transaction; returns the payment's deal."""
    return _remove(session, Payment, payment_id, seen)


def delete_content(db: Database, content_id: int, seen: int | None = None) -> Changes:
    """Remove a recorded post (the version the user saw, when `seen` is given)."""
    with db.transaction() as session:
        return Changes(deals=(remove_content(session, content_id, seen),))


def remove_content(session: Session, content_id: int, seen: int | None = None) -> int:
    """`delete_content` inside an open transaction; returns the post's deal."""
    return _remove(session, Content, content_id, seen)


def _remove(session: Session, model: Model, row_id: int, seen: int | None) -> int:
    """Delete one post or payment of a deal; returns the deal. NotFound when it is gone,
    EditConflict when it changed since version `seen` (then nothing is deleted)."""
    which = [model.id == row_id]
    if seen is not None:
        which.append(model.version == seen)
    deal_id = session.scalar(delete(model).where(*which).returning(model.deal_id))
    if deal_id is None:
        _refuse_stale(session, model, row_id, seen)
    return deal_id


def _deal_of(session: Session, model: Model, row_id: int) -> int:
    deal_id = session.scalar(select(model.deal_id).where(model.id == row_id))
    if deal_id is None:
        _gone(model)
    return deal_id


def _gone(model: Model) -> NoReturn:
    raise CampaignNotFound(
        f"This {_NOUN[model]} no longer exists: it was deleted meanwhile, perhaps in another "
        "window or by a teammate."
    )


def saved_payment(db: Database, payment_id: int) -> tuple[int, PaymentItem]:
    """The payment as saved now, and its deal (an open form follows it); CampaignNotFound
    ("no longer exists") when it was deleted."""
    with db.reader() as session:
        row = _saved(session, Payment, payment_id)
        return row.deal_id, payment_item(row)


def saved_post(db: Database, content_id: int) -> ContentItem:
    """The post as saved now (an open form follows it); CampaignNotFound when deleted."""
    with db.reader() as session:
        return content_item(_saved(session, Content, content_id))


def _saved(session: Session, model: Model, row_id: int) -> Payment | Content:
    row = session.scalar(
        select(model).where(model.id == row_id).execution_options(populate_existing=True)
    )
    if row is None:
        _gone(model)
    return row


def _refuse_stale(session: Session, model: Model, row_id: int, seen: int | None) -> NoReturn:
    """Nothing was written: the row is gone (NotFound) or was saved by someone else since
    version `seen` (EditConflict, carrying it as it stands now)."""
    row = _saved(session, model, row_id)
    theirs = payment_item(row) if isinstance(row, Payment) else content_item(row)
    raise EditConflict(
        described(theirs), seen if seen is not None else row.version, row.version,
        row.changed_by, theirs,
    )  # fmt: skip


def described(item: PaymentItem | ContentItem) -> str:
    """“the payment of €200.00 made on 3 May 2026”, “the post of 19 Apr 2026”."""
    if isinstance(item, PaymentItem):
        return f"the payment of {item.amount} made on {day_text(item.paid_on)}"
    return f"the post of {day_text(item.posted_on)}"


def refuse_unseen_payments(session: Session, deal_id: int, known: Collection[int]) -> None:
    """PaymentsRecordedMeanwhile when the deal holds payments besides the `known` ones (those
    the user's list showed): recording another might pay the same fee twice."""
    rows = session.execute(
        select(Payment)
        .where(Payment.deal_id == deal_id, Payment.id.not_in(list(known)))
        .order_by(Payment.id)
    ).scalars()
    unseen = tuple(payment_item(row) for row in rows)
    if unseen:
        raise PaymentsRecordedMeanwhile(recorded_meanwhile(unseen), unseen)


def recorded_meanwhile(items: tuple[PaymentItem, ...], now: datetime | None = None) -> str:
    """“Ana recorded €200.00 on this deal at 14:02 — record yours too?” (local time)."""
    now = (now or datetime.now().astimezone()).astimezone()
    parts = []
    for item in items:
        who = item.recorded_by or "Someone"
        when = ""
        if item.recorded_at is not None:
            local = item.recorded_at.astimezone(now.tzinfo)
            when = f" at {local:%H:%M}"
            if local.date() != now.date():
                day = "yesterday" if local.date() == now.date() - timedelta(days=1) else None
                when = f" {day or 'on ' + day_text(local.date())}{when}"
        parts.append(f"{who} recorded {item.amount}{when}")
    return f"{'; '.join(parts)} on this deal since you opened it — record yours too?"


__all__ = [
    "change_payment",
    "change_post",
    "delete_content",
    "delete_payment",
    "described",
    "recorded_meanwhile",
    "refuse_unseen_payments",
    "remove_content",
    "remove_payment",
    "saved_payment",
    "saved_post",
    "write_payment_change",
    "write_post_change",
]
