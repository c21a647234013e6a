"""A deal's changes as steps of Edit › Undo: its terms, an agreement written from a template or
edited as a draft, a payment or a post recorded, changed or deleted.

Each edit captures, in its own transaction and before writing, every row it may change: the
deal's own columns (code, landing page…), its incentives, its deliverables and the link each
post keeps to one, and its agreements — the status of the versions there (a change of terms
supersedes a sent one) and any version the edit adds. Sent agreements are never deleted or
rewritten by an undo (the database refuses it): only their status goes back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Agreement, Content, Deal, Deliverable, Incentive, Payment
from infcrm.db.engine import Database
from infcrm.db.order_models import ShopOrder
from infcrm.services.campaigns import agreements, deal_results, deals, result_edits
from infcrm.services.campaigns.agreement_types import AgreementVersion
from infcrm.services.campaigns.campaign_types import ContentInput, DealTermsInput, PaymentInput
from infcrm.services.campaigns.deal_rows import deal_row
from infcrm.services.campaigns.deal_tracking import TrackingInput
from infcrm.services.changes import Changes
from infcrm.services.restore_points import Columns, Part, Rows, Undoable, added_rows, step

# The version only goes up (db/record_versions.py): an undo is one more change.
_DEAL_COLUMNS = tuple(c.name for c in Deal.__table__.columns if c.name not in ("id", "version"))
_ORDER_COLUMNS = tuple(c.name for c in ShopOrder.__table__.columns if c.name != "id")
# What changing a payment or a post may write: every column but its id, its deal and its count.
_EDITED = {
    model.__tablename__: tuple(
        c.name for c in model.__table__.columns if c.name not in ("id", "deal_id", "version")
    )
    for model in (Payment, Content)
}


# What undoing a change of terms must not write over once a teammate saved it since
# (restore_points.guarded): the deal and its agreements' status. Not the posts: the step
# keeps only their link to a deliverable, and a teammate's results on them stay as they are.
TERMS_GUARD = ("deal", "agreement")


def agreement_parts(session: Session, deal_id: int, columns: tuple[str, ...]) -> list[Part]:
    """The deal's agreements as they are (`columns` of each) and any version added after."""
    ids = tuple(session.execute(select(Agreement.id).where(Agreement.deal_id == deal_id)).scalars())
    return [Columns("agreement", columns, ids), added_rows(session, "agreement", deal_id=deal_id)]


def _terms_parts(session: Session, deal_id: int, *, orders: bool = True) -> list[Part]:
    posts = tuple(session.execute(select(Content.id).where(Content.deal_id == deal_id)).scalars())
    parts = [
        Columns("deal", _DEAL_COLUMNS, (deal_id,)),
        Rows("incentive", "deal_id", (deal_id,)),
        Rows("deliverable", "deal_id", (deal_id,)),
        # Removing a deliverable unlinks its posts (SET NULL): put the link back after it.
        Columns("content", ("deliverable_id",), posts),
        *agreement_parts(session, deal_id, ("status",)),
    ]
    # A new code matches the shop's orders again (order_matching.rematch_orders).
    return [*parts, orders_part(session)] if orders else parts


def orders_part(session: Session) -> Columns:
    """Every shop order as it is, for a change that matches the orders again: any order may
    change deal, and one without a currency takes its new deal's."""
    orders = tuple(session.execute(select(ShopOrder.id)).scalars())
    return Columns("shop_order", _ORDER_COLUMNS, orders)


def edit_terms(
    db: Database, deal_id: int, terms: DealTermsInput, tracking: TrackingInput | None = None
) -> Undoable:
    """`deals.save_terms` as one undoable step; its value says whether a new agreement
    version was started."""

    def reach(session: Session) -> list[Part]:
        deal_row(session, deal_id)  # a deal gone since is refused before capturing
        return _terms_parts(session, deal_id)

    return step(
        db,
        reach,
        lambda session: deals.write_terms(session, deal_id, terms, tracking),
        Changes(deals=(deal_id,)),
        guard=TERMS_GUARD,
    )


def same_terms(db: Database, deal_ids: Sequence[int], terms: DealTermsInput) -> Undoable:
    """The same terms (what they get and deliver, disclosure, usage rights) for each deal of
    `deal_ids` that has none yet, as one undoable step; a deal with terms keeps them, and its
    own notes, code and landing page stay. Its value lists the deals written."""
    wanted = list(dict.fromkeys(deal_ids))

    def blank(session: Session) -> list[int]:
        has_terms = set(session.execute(
            select(Incentive.deal_id).where(Incentive.deal_id.in_(wanted))
            .union(select(Deliverable.deal_id).where(Deliverable.deal_id.in_(wanted)))
        ).scalars())  # fmt: skip
        return [d for d in wanted if d not in has_terms]

    def reach(session: Session) -> list[Part]:
        parts: list[Part] = []
        for deal_id in blank(session):
            deal_row(session, deal_id)
            parts += _terms_parts(session, deal_id, orders=False)
        return [*parts, orders_part(session)]  # once for all: a commission's code may match

    def write(session: Session) -> list[int]:
        written = blank(session)
        for deal_id in written:
            own = replace(terms, notes=deal_row(session, deal_id).notes, version=None)
            deals.write_terms(session, deal_id, own, None)
        return written

    return step(db, reach, write, lambda written: Changes(deals=tuple(written)), guard=TERMS_GUARD)


def edit_draft(
    db: Database, agreement_id: int, subject: str, body: str, seen: int | None = None
) -> Undoable:
    """`agreements.update_draft` as one undoable step; its value is the saved version."""
    return step(
        db,
        lambda _session: [Columns("agreement", ("subject", "body"), (agreement_id,))],
        lambda session: agreements.write_draft(session, agreement_id, subject, body, seen),
        _of_version,
        guard=("agreement",),
    )


def write_agreement(db: Database, deal_id: int, template_id: int | None = None) -> Undoable:
    """`agreements.compose` as one undoable step: the draft it rewrites comes back, or the
    version it adds goes (as does the shipped template it seeds into an empty list)."""

    def reach(session: Session) -> list[Part]:
        deal_row(session, deal_id)
        return [
            added_rows(session, "agreement_template"),
            *agreement_parts(session, deal_id, ("subject", "body", "status")),
        ]

    return step(
        db,
        reach,
        lambda session: agreements.write_from_template(session, deal_id, template_id),
        _of_version,
    )


def _of_version(saved: AgreementVersion) -> Changes:
    return Changes(deals=(saved.deal_id,))


def add_payment(
    db: Database, deal_id: int, data: PaymentInput, known: Collection[int] | None = None
) -> Undoable:
    """`deal_results.record_payment` as one undoable step; its value is the payment's id.
    With `known` (the payments the user's list showed), a payment recorded on the deal since
    is refused first (PaymentsRecordedMeanwhile): the user decides whether to pay twice."""

    def write(session: Session) -> int:
        if known is not None:
            result_edits.refuse_unseen_payments(session, deal_id, known)
        return deal_results.write_payment(session, deal_id, data)

    return _added(db, "payment", deal_id, write)


def edit_payment(db: Database, payment_id: int, data: PaymentInput, seen: int | None) -> Undoable:
    """`result_edits.change_payment` as one undoable step; its value is the deal."""
    return _changed(
        db, "payment", payment_id,
        lambda session: result_edits.write_payment_change(session, payment_id, data, seen),
    )  # fmt: skip


def delete_payment(db: Database, payment_id: int, seen: int | None = None) -> Undoable:
    """`result_edits.delete_payment` as one undoable step (the payment comes back whole, with
    its id); its value is the deal."""
    return _deleted(db, "payment", payment_id, result_edits.remove_payment, seen)


def add_post(db: Database, deal_id: int, data: ContentInput) -> Undoable:
    """`deal_results.record_content` as one undoable step; its value is the post's id."""
    return _added(db, "content", deal_id, lambda s: deal_results.write_content(s, deal_id, data))


def edit_post(db: Database, content_id: int, data: ContentInput, seen: int | None) -> Undoable:
    """`result_edits.change_post` as one undoable step; its value is the deal."""
    return _changed(
        db, "content", content_id,
        lambda session: result_edits.write_post_change(session, content_id, data, seen),
    )  # fmt: skip


def delete_post(db: Database, content_id: int, seen: int | None = None) -> Undoable:
    """`result_edits.delete_content` as one undoable step (the post and its results come
    back whole); its value is the deal."""
    return _deleted(db, "content", content_id, result_edits.remove_content, seen)


def _added(db: Database, table: str, deal_id: int, write: Callable[[Session], int]) -> Undoable:
    """A row `write` adds to one of the deal's tables; undo removes it (unless a teammate
    changed it since), redo puts it back."""
    return step(
        db,
        lambda session: [added_rows(session, table, deal_id=deal_id)],
        write,
        Changes(deals=(deal_id,)),
        guard=(table,),
    )


def _changed(db: Database, table: str, row_id: int, write: Callable[[Session], int]) -> Undoable:
    """A row of the deal's `table` that `write` saves over (returning its deal); undo puts
    its columns back — one more change, so its version goes up again (record_versions) —
    unless a teammate changed the row since (guarded)."""
    return step(
        db,
        lambda _session: [Columns(table, _EDITED[table], (row_id,))],
        write,
        lambda deal_id: Changes(deals=(deal_id,)),
        guard=(table,),
    )


def _deleted(
    db: Database,
    table: str,
    row_id: int,
    remove: Callable[[Session, int, int | None], int],
    seen: int | None,
) -> Undoable:
    """A row of the deal's `table` that `remove` deletes (returning its deal); undo puts it
    back whole."""
    return step(
        db,
        lambda _session: [Rows(table, "id", (row_id,))],
        lambda session: remove(session, row_id, seen),
        lambda deal_id: Changes(deals=(deal_id,)),
    )


__all__ = [
    "add_payment",
    "add_post",
    "agreement_parts",
    "delete_payment",
    "delete_post",
    "edit_draft",
    "edit_payment",
    "edit_post",
    "edit_terms",
    "orders_part",
    "write_agreement",
]
