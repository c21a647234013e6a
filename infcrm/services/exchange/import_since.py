"""Which people of an import were changed since it, told by versions and ids, not by clocks.

An import's time comes from the importer's computer and a teammate's save is stamped by hers,
so comparing the two deleted her edit when her clock ran behind and refused to put a person
back when it ran ahead. Right after writing, an import keeps (migration 0034) the version each
person it updated had then (`version_after` of their item; an added person starts at version 1)
and the first id messages, follow-ups and deals got after it (`next_ids` of the batch): a
higher version is a save since, a higher id a row added since. Imports made before that
migration keep neither and are judged by the times, as they were.

A person's version also moves when their accounts are saved (the person form saves the person
with them), so the accounts need no check of their own when the version is known.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Table, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infcrm.db.authors import signer
from infcrm.db.campaign_models import Deal
from infcrm.db.import_models import ImportBatch, ImportBatchItem
from infcrm.db.models import Influencer, SocialAccount
from infcrm.db.outreach_models import FollowUp, Interaction
from infcrm.db.sequences import id_to_come
from infcrm.services.exchange import import_items

# The rows hanging from a person that a teammate may add: removing the person (ON DELETE
# CASCADE) would delete them with them.
_ADDED_TO: tuple[Table, ...] = (Interaction.__table__, FollowUp.__table__, Deal.__table__)
UPDATED = "updated"


def record_after(conn: Connection | Session, batch_id: int) -> None:
    """Keep, right after the import wrote, its updated people's versions and the ids to come
    (a person two rows of the file updated keeps the version after the second)."""
    _keep_versions(conn, ImportBatchItem.batch_id == batch_id)
    marks = {table.name: id_to_come(_connection(conn), table.c.id) for table in _ADDED_TO}
    conn.execute(
        update(ImportBatch).where(ImportBatch.id == batch_id).values(next_ids=json.dumps(marks))
    )


def versions_now(conn: Connection | Session, batch_ids: Iterable[int]) -> None:
    """After a redo put an import's record back: its people's versions as the redo left them
    (the redo wrote their rows again, which counts as a save). Items that kept none (made
    before migration 0033) stay so."""
    ids = list(batch_ids)
    if ids:
        _keep_versions(
            conn, ImportBatchItem.batch_id.in_(ids), ImportBatchItem.version_after.is_not(None)
        )


def _keep_versions(conn: Connection | Session, *which: ColumnElement[bool]) -> None:
    """Each of `which` "updated" items keeps its person's version as it is now: one
    statement, whatever the number of people."""
    now = select(Influencer.version).where(Influencer.id == ImportBatchItem.influencer_id)
    conn.execute(
        update(ImportBatchItem)
        .where(ImportBatchItem.action == UPDATED, *which)
        .values(version_after=now.scalar_subquery())
    )


def _connection(conn: Connection | Session) -> Connection:
    return conn.connection() if isinstance(conn, Session) else conn


def edited_ids(session: Session, batch: ImportBatch) -> set[int]:
    """People of the batch changed since it: saved (their row or accounts), or given a
    message, follow-up or deal by someone else."""
    return (
        _updated_saved_since(session, batch)
        | _added_saved_since(session, batch)
        | _stamped_since(session, batch)
        | _written_to_by_others(session, batch)
    )


def _updated_saved_since(session: Session, batch: ImportBatch) -> set[int]:
    """People the batch updated whose version moved past the one it left them at."""
    people = select(ImportBatchItem.influencer_id).join(
        Influencer, Influencer.id == ImportBatchItem.influencer_id
    )
    people = people.where(
        ImportBatchItem.batch_id == batch.id,
        ImportBatchItem.action == UPDATED,
        Influencer.version > ImportBatchItem.version_after,
    )
    return set(session.execute(people).scalars())


def _added_saved_since(session: Session, batch: ImportBatch) -> set[int]:
    """People the batch added whose version moved on: saved since by someone, whatever the
    clocks of the computers say. An added person starts at version 1 and only a save raises
    it."""
    added = (
        select(Influencer.id)
        .join(ImportBatchItem, import_items.covers(Influencer.id))
        .where(
            ImportBatchItem.batch_id == batch.id,
            ImportBatchItem.action == import_items.CREATED,
            Influencer.version > 1,
        )
    )
    return set(session.execute(added).scalars())


def _stamped_since(session: Session, batch: ImportBatch) -> set[int]:
    """For an import made before migration 0034 (it kept no versions): its people changed
    after it by the clocks, their own row or one of their accounts, as it was judged then."""
    if batch.next_ids is not None:
        return set()
    people = (
        select(Influencer.id)
        .join(ImportBatchItem, import_items.covers(Influencer.id))
        .where(ImportBatchItem.batch_id == batch.id, Influencer.updated_at > batch.imported_at)
    )
    accounts = (
        select(SocialAccount.influencer_id)
        .join(ImportBatchItem, import_items.covers(SocialAccount.influencer_id))
        .where(ImportBatchItem.batch_id == batch.id, SocialAccount.updated_at > batch.imported_at)
    )
    return set(session.execute(people).scalars()) | set(session.execute(accounts).scalars())


def _written_to_by_others(session: Session, batch: ImportBatch) -> set[int]:
    """People of the batch on whom someone else has logged a message, set a follow-up or
    opened a deal since: removing them would delete that work with them (ON DELETE CASCADE),
    though neither their row nor their accounts changed. The user's own such rows go with
    the person, as before (a redo brings them back). "Since" is by id where the batch kept
    where ids stood, by the clocks for an import made before it did."""
    me = signer(session.connection())
    marks = json.loads(batch.next_ids) if batch.next_ids else None
    found: set[int] = set()
    for table in _ADDED_TO:
        since = (
            table.c.id >= marks[table.name]
            if marks is not None
            else table.c.created_at > batch.imported_at
        )
        rows = (
            select(table.c.influencer_id)
            .join(ImportBatchItem, import_items.covers(table.c.influencer_id))
            .where(
                ImportBatchItem.batch_id == batch.id, since, table.c.created_by.is_distinct_from(me)
            )
        )
        found |= set(session.execute(rows).scalars())
    return found


__all__ = ["UPDATED", "edited_ids", "record_after", "versions_now"]
