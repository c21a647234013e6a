"""An undo of a change of many people leaves out those a teammate has since changed.

A bulk edit's undo point names its people (a `Columns` part of `influencer`: the same values
for everyone, `SameColumns`, or each their own, as niches). Before it is put back, the people
someone else has since given other values of what the edit set are taken out of the point —
its ids, the rows it puts back, the rows it knows as the edit left them, the search entries
to redo — and `Kept` names them, so the undo says whom it left as the teammate made them.
The point the undo hands back is read from the narrowed point, so Redo re-applies only what
the undo undid. A bulk move's timeline record keeps listing the people left out
(`moves_kept`). When every person would be left out there is nothing to undo, and the guards
refuse as before (people/bulk_undo_guard.py, people/undo_rows_guard.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from infcrm.services.outreach import bulk_moves
from infcrm.services.people import bulk_undo_guard, undo_rows_guard
from infcrm.services.people.bulk_undo_guard import Kept
from infcrm.services.restore_parts import AS_MADE, Columns, Part, Rows, SameColumns

if TYPE_CHECKING:
    from infcrm.services.restore_points import RestorePoint

Saved = tuple[tuple[str, ...], tuple[tuple, ...]]


def alike_people(part: Part) -> bool:
    """Whether `part` gave many people the same values (a bulk edit's SameColumns)."""
    return isinstance(part, SameColumns) and part.table == "influencer"


def _people(part: Part) -> bool:
    return isinstance(part, Columns) and part.table == "influencer"


def checked_alike(
    session: Session, point: RestorePoint, me: str | None, doing: str
) -> tuple[RestorePoint, Kept]:
    """`point` once its people's rows were checked against later saves by others: without
    the people someone else has since given other values of the columns it set, who are
    `Kept` as they are (ChangedSinceStep when that is everyone)."""
    saved = list(point.saved)
    kept = Kept()
    for n, part in enumerate(point.parts):
        held = saved[n][0] != AS_MADE[0]  # the old values, to put back (an undo)
        if alike_people(part) and held:
            where = Rows(part.table, "id", part.ids).where(session)  # type: ignore[union-attr]
            saved[n], theirs = bulk_undo_guard.checked(session, part, where, saved[n], me, doing)
            kept.add(theirs)
    point = replace(point, saved=tuple(saved))
    return (_without(point, kept.ids), kept) if kept.ids else (point, kept)


def apart(
    session: Session, point: RestorePoint, now: RestorePoint, me: str | None
) -> tuple[RestorePoint, RestorePoint, Kept]:
    """An undo of people whose values differed person by person (niches: plain `Columns`,
    kept as the edit left them, `left_rows`): `point` and `now` (its rows as they are) without
    the people someone else changed since, and who they are. Unchanged when that is nobody,
    or everyone (`undo_rows_guard.changed_since` then refuses)."""
    if point.left_rows is None or not all(_people(p) for p in point.parts) or not point.parts:
        return point, now, Kept()
    kept = undo_rows_guard.others_changed(session, point.left_rows, now.saved, me)
    everyone = {row[0] for names, rows in now.saved if names[:1] == ("id",) for row in rows}
    if not kept.ids or kept.ids >= everyone:
        return point, now, Kept()
    return _without(point, kept.ids), _without(now, kept.ids), kept


def _without(point: RestorePoint, gone: set[int]) -> RestorePoint:
    """`point` without the people `gone` in its parts of people."""
    parts, saved = list(point.parts), list(point.saved)
    left = list(point.left_rows) if point.left_rows is not None else None
    for n, part in enumerate(parts):
        if not _people(part):
            continue
        parts[n] = replace(part, ids=tuple(i for i in part.ids if i not in gone))  # type: ignore[type-var,union-attr]
        saved[n] = _rows_without(saved[n], gone)
        if left is not None and left[n] is not None:
            left[n] = _rows_without(left[n], gone)  # type: ignore[arg-type]
    return replace(
        point,
        parts=tuple(parts),
        saved=tuple(saved),
        left_rows=tuple(left) if left is not None else None,
        reindex=tuple(i for i in point.reindex if i not in gone),
    )


def _rows_without(saved: Saved, gone: set[int]) -> Saved:
    names, rows = saved
    if names == AS_MADE[0] or "id" not in names:
        return saved
    at = names.index("id")
    return names, tuple(row for row in rows if row[at] not in gone)


def told(session: Session, point: RestorePoint, now: RestorePoint, kept: Kept) -> RestorePoint:
    """`now` (the point an undo of `point` hands back) saying whom the undo left out, once
    the timeline records it took away or put back list them again (`moves_kept`)."""
    if not kept.ids:
        return now
    for part, (names, rows) in zip(now.parts, now.saved, strict=True):
        if part.table == "bulk_move" and rows:
            bulk_moves.keep_listed(session, names, rows, kept.ids)
    undone = sum(len(part.ids) for part in point.parts if _people(part))  # type: ignore[union-attr]
    return replace(now, note=kept.note(undone))


__all__ = ["alike_people", "apart", "checked_alike", "told"]
