"""Campaigns changed as steps of Edit › Undo: created, edited, deleted, people added to one or
taken out of it.

Deleting a campaign or taking people out deletes their deals and everything hanging from them
(terms, agreements — sent ones too, which only go with their deal —, posts, payments). The
undo point holds those rows, found by walking the schema's foreign keys from the deals
(`exchange/reach.py`, deleted parents first as the database's cascade does), and the links
the delete only cut: shop orders that counted for a deal, interactions logged for the campaign.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Campaign, Deal
from infcrm.db.engine import Database
from infcrm.db.order_models import ShopOrder
from infcrm.db.outreach_models import Interaction
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.campaigns.deal_edits import orders_part
from infcrm.services.changes import Changes
from infcrm.services.exchange.reach import Root, reach
from infcrm.services.restore_points import Columns, Part, Undoable, added_rows, step

# The version only goes up (db/record_versions.py): an undo is one more change.
_CAMPAIGN_COLUMNS = tuple(
    c.name for c in Campaign.__table__.columns if c.name not in ("id", "version")
)


def create(db: Database, data: CampaignInput) -> Undoable:
    """A new campaign; its value is the campaign's id."""
    return step(
        db,
        lambda session: [added_rows(session, "campaign")],
        lambda session: campaigns.write_campaign(session, None, data),
        lambda new_id: Changes(campaigns=(new_id,)),
        guard=("campaign",),  # nor delete the deals a teammate has put in it since
    )


def edit(db: Database, campaign_id: int, data: CampaignInput) -> Undoable:
    """A campaign's fields saved (and the shop's orders matched again: its name is in the
    links' tags, its currency is the orders')."""
    return step(
        db,
        lambda session: [
            Columns("campaign", _CAMPAIGN_COLUMNS, (campaign_id,)),
            orders_part(session),
        ],
        lambda session: campaigns.write_campaign(session, campaign_id, data),
        Changes(campaigns=(campaign_id,)),
        guard=("campaign",),  # an undo must not write over a teammate's later save
    )


def delete(db: Database, campaign_id: int) -> Undoable:
    """A campaign deleted with its deals; undo brings it all back, ids included."""

    def where(session: Session) -> list[Part]:
        logged = session.execute(
            select(Interaction.id).where(Interaction.campaign_id == campaign_id)
        ).scalars()
        deals = _deals(session, Deal.campaign_id == campaign_id)
        return [
            *_below(session, Root("campaign", "id", (campaign_id,)), deals),
            Columns("interaction", ("campaign_id",), tuple(logged)),
        ]

    return step(db, where, lambda session: campaigns.remove_campaign(session, campaign_id), _told)


def add_people(db: Database, campaign_id: int, influencer_ids: Iterable[int]) -> Undoable:
    """People put in a campaign (one deal each); its value is the `AddResult`."""
    return step(
        db,
        lambda session: [added_rows(session, "deal", campaign_id=campaign_id)],
        lambda session: campaigns.add_people(session, campaign_id, influencer_ids),
        lambda result: result.changes,
        guard=("deal",),  # nor delete a teammate's terms, payments or posts on the deals
    )


def take_out(db: Database, deal_ids: Sequence[int]) -> Undoable:
    """People taken out of their campaigns with everything of their deals."""
    ids = tuple(deal_ids)

    def where(session: Session) -> list[Part]:
        return _below(session, Root("deal", "id", ids), _deals(session, Deal.id.in_(ids)))

    return step(db, where, lambda session: campaigns.take_out(session, ids), _told)


def _deals(session: Session, condition: ColumnElement[bool]) -> tuple[int, ...]:
    return tuple(session.execute(select(Deal.id).where(condition)).scalars())


def _below(session: Session, root: Root, deals: tuple[int, ...]) -> list[Part]:
    """The rows deleted with `root` (parents first), then the orders' links to its deals,
    which the delete sets to nothing instead (ON DELETE SET NULL)."""
    orders = session.execute(select(ShopOrder.id).where(ShopOrder.deal_id.in_(deals))).scalars()
    deleted = [part for part in reach([root]) if part.table != "shop_order"]
    return [*deleted, Columns("shop_order", ("deal_id",), tuple(orders))]


def _told(changed: Changes) -> Changes:
    """The writer's own account of what it changed."""
    return changed


__all__ = ["add_people", "create", "delete", "edit", "take_out"]
