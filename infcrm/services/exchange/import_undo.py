"""Undoing one import as a step of Edit › Undo, with Redo putting it back exactly.

The first undo runs the import history's own undo (`import_history.undo_batch`: the people it
added removed, those it changed put back, its orders gone, the older orders it matched
unmatched and those it refunded or cancelled given their figures back) after capturing, in the
same transaction, every row that undo is about to touch: the batch and its items, the people it
added with everything hanging from them (reached through the foreign keys, so rows added since
come back too), the accounts, figures and tags of the people it changed, the campaigns a
restore added (and the setup tables it replaced: stages, settings, templates, saved views,
tags) and the orders it matched or refigured. That capture is the restore point that redoes the
import; from then on undo and redo are swaps. That point knows the versions the undo left
its people at (`import_redo_guard`), so the redo refuses to write over a teammate's later edit.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.import_models import ImportBatch, ImportBatchItem
from infcrm.services.errors import NothingToUndo
from infcrm.services.exchange.import_history import (
    REFIGURED,
    REMATCHED,
    RESTORED,
    UndoResult,
    undo_batch,
)
from infcrm.services.exchange.import_items import CREATED, created_by
from infcrm.services.exchange.import_redo_guard import guarded_redo
from infcrm.services.exchange.reach import Root, reach
from infcrm.services.exchange.restore_setup import setup_parts
from infcrm.services.maintenance import settings
from infcrm.services.people.person_points import OWN_COLUMNS
from infcrm.services.restore_points import Columns, Part, RestorePoint, capture


def _parts(session: Session, batch_id: int) -> tuple[list[Part], list[int]]:
    """Where undoing the batch writes, parents first; and the people to index again."""
    changed: list[int] = []
    campaigns: list[int] = []
    orders: list[int] = []
    setup: list[Part] = []
    items = session.execute(
        select(ImportBatchItem.influencer_id, ImportBatchItem.action, ImportBatchItem.previous)
        .where(ImportBatchItem.batch_id == batch_id, ImportBatchItem.action != CREATED)
        .order_by(ImportBatchItem.id)
    )
    for person, action, previous in items:
        if action == RESTORED:
            kept = json.loads(previous or "{}")
            campaigns += kept.get("campaigns", [])
            if "setup" in kept:  # its templates, views, stages and settings, put first back
                setup = list(setup_parts())
        elif action in (REMATCHED, REFIGURED):
            orders += json.loads(previous or "{}").get("orders", [])
        else:
            changed.append(person)
    created = created_by(session, batch_id)
    roots = [
        Root("import_batch", "id", (batch_id,)),
        Root("influencer", "id", tuple(created)),
        Root("campaign", "id", tuple(campaigns)),
        # A changed person's own row is put back in place (removing it would take their
        # history with it); the rows the import may have added or changed hang below it.
        Root("social_account", "influencer_id", tuple(changed)),
        Root("influencer_tag", "influencer_id", tuple(changed)),
        Root("shop_order", "id", tuple(orders)),
    ]
    own: list[Part] = [Columns("influencer", OWN_COLUMNS, tuple(changed))] if changed else []
    return setup + own + list(reach(roots)), created + changed


def undo_import(
    db: Database, batch_id: int, *, keep_edited: bool = True
) -> tuple[UndoResult, RestorePoint]:
    """Undo the import recorded as `batch_id`; returns what it did and the point that redoes
    it. People edited since the import stay as they are (the undo stack has already taken
    back every later change it holds); with `keep_edited` False, EditedSinceImport names
    them instead and nothing changes (Undo last import… asks first)."""
    with db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise NothingToUndo("This import was already undone.")
        parts, people = _parts(session, batch_id)
        redo = capture(session, parts, people, words_only=False)
        done = undo_batch(session, batch, keep_edited=keep_edited)
        redo = guarded_redo(session, redo, people)  # a teammate's later edit stops the redo
    settings.forget_cached(db)  # a restore's undo puts the settings before it back
    return done, redo


__all__ = ["undo_import"]
