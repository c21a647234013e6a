"""A deal's terms and an agreement's draft, saved as steps of Edit › Undo.

Each edit captures, in its own transaction and before writing, every row it may change: the
deal's own columns (code, landing page…), its incentives, its deliverables and the link each
post keeps to one, and its agreements — the status of the versions there (a change of terms
supersedes a sent one) and any version the edit adds. Sent agreements are never deleted or
rewritten by an undo (the database refuses it): only their status goes back.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Agreement, Content, Deal
from infcrm.db.engine import Database
from infcrm.db.order_models import ShopOrder
from infcrm.db.sequences import next_id
from infcrm.services.campaigns import agreements, deals
from infcrm.services.campaigns.agreement_types import AgreementVersion
from infcrm.services.campaigns.campaign_types import DealTermsInput
from infcrm.services.campaigns.deal_rows import deal_row
from infcrm.services.campaigns.deal_tracking import TrackingInput
from infcrm.services.changes import Changes
from infcrm.services.restore_points import Columns, Part, Rows, Undoable, capture

_DEAL_COLUMNS = tuple(c.name for c in Deal.__table__.columns if c.name != "id")
_ORDER_COLUMNS = tuple(c.name for c in ShopOrder.__table__.columns if c.name != "id")
_NEWER = 2**62  # “every id from here on”: ids are never reused


def _agreement_parts(session: Session, deal_id: int, columns: tuple[str, ...]) -> list[Part]:
    """The deal's agreements as they are (`columns` of each) and any version added after."""
    ids = tuple(session.execute(select(Agreement.id).where(Agreement.deal_id == deal_id)).scalars())
    first_new = next_id(session.connection(), Agreement.__table__.c.id)
    return [
        Columns("agreement", columns, ids),
        Rows("agreement", "id", between=(first_new, _NEWER), also=(("deal_id", (deal_id,)),)),
    ]


def _terms_parts(session: Session, deal_id: int) -> list[Part]:
    posts = tuple(session.execute(select(Content.id).where(Content.deal_id == deal_id)).scalars())
    orders = tuple(session.execute(select(ShopOrder.id)).scalars())
    return [
        Columns("deal", _DEAL_COLUMNS, (deal_id,)),
        Rows("incentive", "deal_id", (deal_id,)),
        Rows("deliverable", "deal_id", (deal_id,)),
        # Removing a deliverable unlinks its posts (SET NULL): put the link back after it.
        Columns("content", ("deliverable_id",), posts),
        *_agreement_parts(session, deal_id, ("status",)),
        # A new code matches the shop's orders again (order_matching.rematch_orders): any
        # order may change deal, and one without a currency takes its new deal's.
        Columns("shop_order", _ORDER_COLUMNS, orders),
    ]


def edit_terms(
    db: Database, deal_id: int, terms: DealTermsInput, tracking: TrackingInput | None = None
) -> Undoable:
    """`deals.save_terms` as one undoable step; its value says whether a new agreement
    version was started."""
    with db.transaction() as session:
        deal_row(session, deal_id)  # a deal gone since is refused before capturing
        point = capture(session, _terms_parts(session, deal_id))
        started = deals.write_terms(session, deal_id, terms, tracking)
    return Undoable(started, Changes(deals=(deal_id,)), point)


def edit_draft(db: Database, agreement_id: int, subject: str, body: str) -> Undoable:
    """`agreements.update_draft` as one undoable step; its value is the saved version."""
    with db.transaction() as session:
        point = capture(session, [Columns("agreement", ("subject", "body"), (agreement_id,))])
        saved: AgreementVersion = agreements.write_draft(session, agreement_id, subject, body)
    return Undoable(saved, Changes(deals=(saved.deal_id,)), point)


__all__ = ["edit_draft", "edit_terms"]
