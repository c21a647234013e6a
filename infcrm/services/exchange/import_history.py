"""The imports done so far, and undoing the last one (its people removed, its changes restored)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from infcrm.db import search_index
from infcrm.db.campaign_models import Campaign, Deal
from infcrm.db.engine import Database
from infcrm.db.import_models import ImportBatch, ImportBatchItem
from infcrm.db.models import Influencer
from infcrm.db.order_models import ShopOrder
from infcrm.services.changes import Changes
from infcrm.services.errors import EditedSinceImport, NothingToUndo
from infcrm.services.exchange import import_chain, import_items, import_since
from infcrm.services.exchange.order_figures import put_figures
from infcrm.services.exchange.restore_setup import put_back_setup
from infcrm.services.exchange.update_undo import put_back
from infcrm.services.maintenance import settings

RESTORED = "restored"  # the item of a restore that lists the campaigns it added
REMATCHED = "rematched"  # the item of an orders import listing older orders it matched
REFIGURED = "refigured"  # the item listing older orders it refunded or cancelled, figures before


@dataclass(frozen=True)
class ImportRecord:
    """One import as the Edit menu and the history describe it."""

    id: int
    file_name: str
    sheet: str | None
    imported_at: datetime
    created: int
    updated: int
    skipped: int
    orders: int = 0  # shop orders it added (an orders import)


@dataclass(frozen=True)
class UndoResult:
    """What undoing an import did."""

    file_name: str
    removed: int
    restored: int
    kept: int  # people edited since the import and kept as they are
    orders: int = 0  # shop orders removed

    @property
    def changes(self) -> Changes:
        """People removed or put back (with their deals and follow-ups), and shop orders
        removed from the campaigns' figures; ids not listed."""
        return Changes(people=(), pipeline=(), campaigns=(), follow_ups=True, deals=())


def _orders(session: Session, batch_id: int) -> int:
    stmt = select(func.count()).select_from(ShopOrder).where(ShopOrder.batch_id == batch_id)
    return session.execute(stmt).scalar_one()


def _record(batch: ImportBatch, orders: int = 0) -> ImportRecord:
    return ImportRecord(
        batch.id,
        batch.file_name,
        batch.sheet,
        batch.imported_at,
        batch.created_count,
        batch.updated_count,
        batch.skipped_count,
        orders,
    )


def imports(db: Database) -> list[ImportRecord]:
    """Every import still recorded, newest first."""
    with db.reader() as session:
        orders = dict(
            session.execute(
                select(ShopOrder.batch_id, func.count()).group_by(ShopOrder.batch_id)
            ).all()
        )
        batches = session.execute(select(ImportBatch).order_by(ImportBatch.id.desc())).scalars()
        return [_record(b, orders.get(b.id, 0)) for b in batches]


def last_import(db: Database) -> ImportRecord | None:
    """The newest import that can still be undone, or None."""
    with db.reader() as session:
        batch = session.execute(
            select(ImportBatch).order_by(ImportBatch.id.desc()).limit(1)
        ).scalar_one_or_none()
        return _record(batch, _orders(session, batch.id)) if batch else None


def undo_last_import(db: Database, *, keep_edited: bool = False) -> UndoResult:
    """Remove the people the last import added and restore those it changed, in one go.

    Raises EditedSinceImport when some of them were edited since, unless `keep_edited`, in
    which case those stay as they are and everything else is undone.
    """
    with db.transaction() as session:
        batch = session.execute(
            select(ImportBatch).order_by(ImportBatch.id.desc()).limit(1)
        ).scalar_one_or_none()
        if batch is None:
            raise NothingToUndo("There is no import to undo.")
        done = undo_batch(session, batch, keep_edited=keep_edited)
    settings.forget_cached(db)  # a restore's undo puts the settings before it back
    return done


def undo_batch(session: Session, batch: ImportBatch, *, keep_edited: bool) -> UndoResult:
    """Undo one import inside an open transaction (see `undo_last_import`)."""
    edited = import_since.edited_ids(session, batch)
    if edited and not keep_edited:
        names = session.execute(
            select(Influencer.display_name)
            .where(Influencer.id.in_(edited))
            .order_by(func.lower(Influencer.display_name))
            .limit(5)
        ).scalars()
        raise EditedSinceImport(list(names), len(edited))
    # Latest first: of a person two rows of the file updated, the second row's item holds
    # what the first one wrote, and the first one's what was there before the import.
    items = session.execute(
        select(ImportBatchItem)
        .where(ImportBatchItem.batch_id == batch.id, ImportBatchItem.action != import_items.CREATED)
        .order_by(ImportBatchItem.id.desc())
    ).scalars()
    updated: list[tuple[int, dict]] = []  # (person, what the update replaced)
    campaigns, kept_setup = [], None
    for item in items:
        if item.action == RESTORED:  # a restore from a full export: its campaigns too
            previous = json.loads(item.previous or "{}")
            campaigns += previous.get("campaigns", [])
            kept_setup = previous.get("setup")  # and the templates, views… it replaced
            continue
        if item.action == REMATCHED:  # older orders this import matched to a deal
            _unmatch(session, json.loads(item.previous or "{}").get("orders", []))
            continue
        if item.action == REFIGURED:  # older orders refunded or cancelled since: as they were
            before = json.loads(item.previous or "{}").get("before", {})
            put_figures(session.connection(), {int(i): v for i, v in before.items()})
            continue
        if item.influencer_id not in edited:
            updated.append((item.influencer_id, json.loads(item.previous or "{}")))
    restored = put_back(session, updated, batch.imported_at)
    import_chain.hand_back(session, batch.id, updated)  # as the imports before left them
    created = [i for i in import_items.created_by(session, batch.id) if i not in edited]
    removed = 0
    for start in range(0, len(created), 500):
        chunk = created[start : start + 500]
        search_index.forget(session, chunk)
        # Accounts, snapshots and tags go with the person (ON DELETE CASCADE). A run of ids
        # may hold someone merged into another since: only those still here count.
        removed += session.execute(delete(Influencer).where(Influencer.id.in_(chunk))).rowcount
    if created:
        search_index.refresh_tags(session)  # names only they carried go from the tag index
    for start in range(0, len(campaigns), 500):
        # A campaign edited since, or still holding a deal of someone kept, stays.
        chunk = campaigns[start : start + 500]
        session.execute(
            delete(Campaign).where(
                Campaign.id.in_(chunk),
                Campaign.updated_at <= batch.imported_at,
                ~select(Deal.id).where(Deal.campaign_id == Campaign.id).exists(),
            )
        )
    if kept_setup is not None:
        put_back_setup(session, kept_setup)
    orders = _orders(session, batch.id)  # they go with the batch (ON DELETE CASCADE)
    result = UndoResult(batch.file_name, removed, restored, len(edited), orders)
    session.delete(batch)
    return result


def _unmatch(session: Session, order_ids: list[int]) -> None:
    """Older orders found no deal before the import matched them: they find none again."""
    for start in range(0, len(order_ids), 500):
        session.execute(
            update(ShopOrder)
            .where(ShopOrder.id.in_(order_ids[start : start + 500]))
            .values(deal_id=None)
        )


__all__ = [
    "REFIGURED",
    "REMATCHED",
    "RESTORED",
    "EditedSinceImport",
    "ImportRecord",
    "NothingToUndo",
    "UndoResult",
    "imports",
    "last_import",
    "undo_batch",
    "undo_last_import",
]
