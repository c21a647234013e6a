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

A redo is narrowed the same way (`apart`, which also serves the undo of niches and of a
message logged with many people): the people someone else changed since the undo are left
out of it, of the bulk move it puts back (`bulk_moves.unlisted`), and of the point it hands
back, so the undo after it takes back only what it redid. A message's added rows (the
messages, the follow-ups) of the people left out stay where they are.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from infcrm.db import raw_rows
from infcrm.db.base import Base
from infcrm.services.errors import ChangedSinceStep
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
    session: Session, point: RestorePoint, now: RestorePoint, me: str | None, doing: str
) -> tuple[RestorePoint, RestorePoint, Kept]:
    """An undo or redo of a point whose people are kept as the swap before left them
    (`left_rows`: niches, a message's stage moves, a bulk edit's redo): `point` and `now` (its
    rows as they are) without the people someone else changed since — their rows, and the
    messages and follow-ups a message added them — and who they are. Unchanged when that is
    nobody; ChangedSinceStep naming them when it is everyone."""
    if point.left_rows is None or not all(map(_narrowable, point.parts)):
        return point, now, Kept()
    left = [
        was if _people(part) else None
        for part, was in zip(point.parts, point.left_rows, strict=True)
    ]
    if not any(left):
        return point, now, Kept()  # no people kept as left (a follow-up's own rows)
    kept = undo_rows_guard.others_changed(session, left, now.saved, me)
    if kept.signed:  # their rows as they are now are no reason to refuse
        point = _accepting(point, now, set(kept.signed))
    if not kept.ids:
        return point, now, kept
    everyone = {
        row[0]
        for part, (names, rows) in zip(now.parts, now.saved, strict=True)
        if _people(part) and names[:1] == ("id",)
        for row in rows
    }
    if kept.ids >= everyone:
        raise ChangedSinceStep(bulk_undo_guard.refusal(kept.by, doing))
    return _without(point, kept.ids, now), _without(now, kept.ids, point), kept


def _accepting(point: RestorePoint, now: RestorePoint, ids: set[int]) -> RestorePoint:
    """`point` knowing the rows of people `ids` as `now` holds them, as if the step had
    left them so (the guard then lets the swap go on over them)."""
    left = list(point.left_rows or ())
    for n, (part, was) in enumerate(zip(point.parts, left, strict=True)):
        names, rows = now.saved[n]
        if not _people(part) or was is None or was[0] != names:
            continue
        theirs = {row[0]: row for row in rows if row[0] in ids}
        left[n] = names, tuple(theirs.get(row[0], row) for row in was[1])
    return replace(point, left_rows=tuple(left))


def sign_again(session: Session, kept: Kept) -> None:
    """After the swap: the people someone else changed in other fields since keep her update
    time and name, since what their row says now is partly hers."""
    if not kept.signed:
        return
    names = tuple(next(iter(kept.signed.values())))
    rows = [(person, *(found[name] for name in names)) for person, found in kept.signed.items()]
    raw_rows.update_by_key(session, "influencer", "id", names, rows)


def _narrowable(part: Part) -> bool:
    """Whether `part` can leave some people out: their rows (`Columns` of people), or rows
    of theirs found by id (a message, a follow-up), or the list of a bulk move."""
    if _people(part):
        return True
    if type(part) is not Rows or part.via is not None:
        return False
    return part.table == "bulk_move" or "influencer_id" in Base.metadata.tables[part.table].c


def _without(
    point: RestorePoint, gone: set[int], other: RestorePoint | None = None
) -> RestorePoint:
    """`point` without the people `gone`: in its parts of people, in the rows of theirs it
    adds or removes (found in `point` or in `other`, the same parts read at another time),
    and in the bulk moves it puts back."""
    parts, saved = list(point.parts), list(point.saved)
    left = list(point.left_rows) if point.left_rows is not None else None
    for n, part in enumerate(parts):
        if isinstance(part, Rows) and part.table == "bulk_move":
            names, rows = saved[n]
            saved[n] = (names, bulk_moves.unlisted(names, rows, gone)) if rows else saved[n]
        elif isinstance(part, Rows) and other is not None:
            parts[n], saved[n] = _theirs_without(part, saved[n], other.saved[n], gone)
        elif _people(part):
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


def _theirs_without(part: Rows, saved: Saved, other: Saved, gone: set[int]) -> tuple[Rows, Saved]:
    """A part of people's rows (messages, follow-ups) without those of the people `gone`,
    named by the ids of the rows left, whichever of `saved` and `other` holds them."""
    ids: set[object] = set()
    for names, rows in (saved, other):
        if "influencer_id" in names:
            at, person = names.index("id"), names.index("influencer_id")
            ids.update(row[at] for row in rows if row[person] not in gone)
    names, rows = saved
    if "influencer_id" in names:
        person = names.index("influencer_id")
        saved = names, tuple(row for row in rows if row[person] not in gone)
    return Rows(part.table, "id", tuple(sorted(ids))), saved  # type: ignore[type-var]


def _rows_without(saved: Saved, gone: set[int]) -> Saved:
    names, rows = saved
    if names == AS_MADE[0] or "id" not in names:
        return saved
    at = names.index("id")
    return names, tuple(row for row in rows if row[at] not in gone)


def told(
    session: Session, point: RestorePoint, now: RestorePoint, kept: Kept, doing: str
) -> RestorePoint:
    """`now` (the point an undo or redo of `point` hands back) saying whom the swap left
    out, once the timeline records it took away or put back list them again
    (`moves_kept`)."""
    if not kept.ids:
        return now
    for part, (names, rows) in zip(now.parts, now.saved, strict=True):
        if part.table == "bulk_move" and rows:
            bulk_moves.keep_listed(session, names, rows, kept.ids)
    done: set[object] = set()
    both = (*zip(point.parts, point.saved, strict=True), *zip(now.parts, now.saved, strict=True))
    for part, (names, rows) in both:
        if _people(part):
            done.update(part.ids)  # type: ignore[union-attr]
        elif "influencer_id" in names:
            done.update(row[names.index("influencer_id")] for row in rows)
    message = any(part.table == "interaction" for part in point.parts)
    also = " and the message" if message else ""
    return replace(now, note=kept.note(len(done), doing, also))


__all__ = ["alike_people", "apart", "checked_alike", "sign_again", "told"]
