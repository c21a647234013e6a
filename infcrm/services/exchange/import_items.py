"""Which people an import created, kept as runs of consecutive ids (migration 0016).

A "created" item of `import_batch_item` stands for the ids `influencer_id` to
`last_influencer_id`; NULL there means the one person `influencer_id` (every item written
before 0016, and every "updated" item). A bulk import gives its new people consecutive ids, so
100,000 of them are one row. Everything that writes or reads which people an import touched
goes through here: the importer and the restore (writing), undo, its restore point and the
duplicates count (reading), and Forget, which cuts the people it erases out of their runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infcrm.db.import_models import ImportBatchItem

CREATED = "created"
_CHUNK = 500


def runs(ids: Iterable[int]) -> list[tuple[int, int]]:
    """The ids as (first, last) runs of consecutive ids, in ascending order."""
    if isinstance(ids, range) and ids.step == 1:  # an import's new people
        return [(ids.start, ids.stop - 1)] if ids else []
    out: list[list[int]] = []
    for i in sorted(set(ids)):
        if out and out[-1][1] == i - 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return [(first, last) for first, last in out]


def created_rows(batch_id: int, ids: Iterable[int]) -> list[dict[str, object]]:
    """The items recording that the batch created these people: one per run of ids."""
    return [
        {
            "batch_id": batch_id,
            "influencer_id": first,
            "action": CREATED,
            "previous": None,
            "last_influencer_id": last if last != first else None,
        }
        for first, last in runs(ids)
    ]


def record_created(conn: Connection | Session, batch_id: int, ids: Iterable[int]) -> None:
    """Record that the batch created these people."""
    rows = created_rows(batch_id, ids)
    if rows:
        conn.execute(insert(ImportBatchItem), rows)


def last_id() -> ColumnElement[int]:
    """An item's last id: its run's end, or its one person."""
    return func.coalesce(ImportBatchItem.last_influencer_id, ImportBatchItem.influencer_id)


def covers(column: ColumnElement[int]) -> ColumnElement[bool]:
    """True where `column` (a person's id) is one of the item's people."""
    return column.between(ImportBatchItem.influencer_id, last_id())


def created_by(session: Session | Connection, batch_id: int) -> list[int]:
    """Every id the batch created, in ascending order (also those deleted since)."""
    rows = session.execute(
        select(ImportBatchItem.influencer_id, last_id())
        .where(ImportBatchItem.batch_id == batch_id, ImportBatchItem.action == CREATED)
        .order_by(ImportBatchItem.influencer_id)
    )
    return [i for first, last in rows for i in range(first, last + 1)]


def forget(session: Session, influencer_ids: Iterable[int]) -> None:
    """Take these people out of every import's record (Forget leaves no trace of them).

    What an import changed on them goes with their "updated" items; their ids are cut out of
    the runs of the imports that created them (a run split in two where they sat inside it).
    """
    gone = sorted(set(influencer_ids))
    for start in range(0, len(gone), _CHUNK):
        chunk = gone[start : start + _CHUNK]
        session.execute(
            delete(ImportBatchItem).where(
                ImportBatchItem.influencer_id.in_(chunk),
                ImportBatchItem.last_influencer_id.is_(None),  # one person each
            )
        )
    if not gone:
        return
    # Runs reaching over the first and the last of them; those missing none are left alone.
    items = session.execute(
        select(
            ImportBatchItem.id, ImportBatchItem.batch_id, ImportBatchItem.influencer_id, last_id()
        ).where(
            ImportBatchItem.action == CREATED,
            ImportBatchItem.influencer_id <= gone[-1],
            ImportBatchItem.last_influencer_id >= gone[0],
        )
    ).all()
    erased = set(gone)
    for item_id, batch_id, first, last in items:
        kept = [i for i in range(first, last + 1) if i not in erased]
        if len(kept) == last - first + 1:
            continue
        session.execute(delete(ImportBatchItem).where(ImportBatchItem.id == item_id))
        record_created(session, batch_id, kept)


__all__ = [
    "CREATED",
    "covers",
    "created_by",
    "created_rows",
    "forget",
    "last_id",
    "record_created",
    "runs",
]
