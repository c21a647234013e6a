"""The trash and forgetting: moving people out of the list, back, and erasing them for good."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy import update as sql_update

from infcrm.db import erase, search_index
from infcrm.db.base import utcnow
from infcrm.db.engine import BUSY_TIMEOUT_MS, Database
from infcrm.db.models import Influencer
from infcrm.services.changes import Changes
from infcrm.services.exchange import import_items
from infcrm.services.outreach import bulk_moves


def trash(db: Database, influencer_ids: list[int]) -> int:
    """Move influencers to the trash (restorable); returns how many moved."""
    with db.transaction() as session:
        result = session.execute(
            sql_update(Influencer)
            .where(Influencer.id.in_(influencer_ids), Influencer.deleted_at.is_(None))
            .values(deleted_at=utcnow())
        )
        return result.rowcount


def restore(db: Database, influencer_ids: list[int]) -> int:
    """Bring influencers back from the trash; returns how many came back."""
    with db.transaction() as session:
        result = session.execute(
            sql_update(Influencer)
            .where(Influencer.id.in_(influencer_ids), Influencer.deleted_at.is_not(None))
            .values(deleted_at=None)
        )
        return result.rowcount


@dataclass(frozen=True)
class Forgotten:
    """What forgetting people did."""

    count: int
    # False when another program kept the file busy so its write-ahead log could not be
    # emptied: old pages there are overwritten by later writes, not at once. On a server:
    # when a teammate kept a table busy so the tables could not be rewritten.
    log_emptied: bool
    changes: Changes
    # On a server: its tables were rewritten without them, but its write-ahead log, replicas
    # and earlier backups are beyond the app's reach (the user is told).
    server_copies: bool = False


def forget(db: Database, influencer_ids: list[int]) -> int:
    """Forget these people for good (see forget_people); returns how many."""
    return forget_people(db, influencer_ids).count


def forget_people(db: Database, influencer_ids: list[int]) -> Forgotten:
    """Erase influencers and everything about them for good (a privacy request).

    Besides their rows this removes them from import history and the search index, and
    rewrites the file so that neither it, its write-ahead log nor a later backup holds any
    byte of them.
    """
    ids = [int(i) for i in influencer_ids]
    with db.transaction() as session, erase.zeroing_deletes(session):
        search_index.forget(session, ids, for_good=True)
        # Undo history has no foreign key (it outlives undone people); what an import
        # changed on them, old values included, goes with them.
        import_items.forget(session, ids)
        bulk_moves.forget_people(session, ids)  # their place in bulk moves' lists of people
        # Accounts, snapshots, tags, interactions with their .eml files, follow-ups and deals
        # with their agreements, content and payments hang on ON DELETE CASCADE.
        count = session.execute(delete(Influencer).where(Influencer.id.in_(ids))).rowcount
        search_index.forget_tags(session)  # a tag name only they carried goes too
    # A large forget leaves its checkpoint to a thread (db/checkpoints.py): let it finish, so
    # the log can be emptied at once.
    db.checkpoint_done(BUSY_TIMEOUT_MS / 1000)
    emptied = erase.rebuild_file(db.path) if count and db.path is not None else True
    if count and not db.is_file:
        emptied = erase.rewrite_server_tables(db.engine)
    # Their outreach, follow-ups, deals and duplicate pairs went with them.
    changes = Changes(
        people=tuple(ids), pipeline=(), outreach=(), follow_ups=True, campaigns=(), deals=()
    )
    return Forgotten(
        count, emptied, changes | Changes(duplicates=True), server_copies=not db.is_file
    )
