"""An undo of a change to rows that count no versions (the pipeline's stages, a follow-up)
never writes over what someone else changed in them since.

Such a step's restore point keeps, beside the rows as they were before (what the undo puts
back), the same rows as the step left them (`left_rows`, read right after it wrote, and after
each undo or redo). Before the point is put back, the rows as they are now are compared with
those: a row that differs was changed after the step. When the row names who changed it last
(`changed_by`, a follow-up) and that is this user, it is their own later change and the undo
goes on as it always has; otherwise `ChangedSinceStep` says who and what, and nothing is
written. The stages name nobody, so any change to them since stops the undo: they are few,
and a teammate's new name or order is work that must not vanish.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.base import Base
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.people.bulk_undo_guard import SIGNATURE, Kept
from infcrm.services.people.undo_guard_names import menu_of

Saved = tuple[tuple[str, ...], tuple[tuple, ...]]


def _by_id(saved: Saved) -> dict[object, tuple]:
    names, rows = saved
    if "id" not in names:
        return {}
    at = names.index("id")
    return {row[at]: row for row in rows}


def changed_since(
    session: Session,
    parts: Sequence[object],
    left: Sequence[Saved | None],
    now: Sequence[Saved],
    me: str | None,
    doing: str,
) -> None:
    """Raise ChangedSinceStep when a row of `parts` is not as the step `left` it and someone
    other than `me` (or nobody known) changed it."""
    for part, was, is_now in zip(parts, left, now, strict=True):
        if was is None or was[0] != is_now[0]:
            continue  # not watched, or read another way (a note to remake)
        names = is_now[0]
        before, after = _by_id(was), _by_id(is_now)
        for row_id in before.keys() | after.keys():
            row = after.get(row_id)
            if before.get(row_id) == row:
                continue
            if row is None and part.table == "influencer":  # type: ignore[attr-defined]
                continue  # forgotten since: an undo or redo leaves them out anyway
            writer = row[names.index("changed_by")] if row and "changed_by" in names else None
            if writer is not None and writer == me:
                continue
            raise ChangedSinceStep(_refusal(session, part.table, row, names, writer, doing))  # type: ignore[attr-defined]


def others_changed(
    session: Session, left: Sequence[Saved | None], now: Sequence[Saved], me: str | None
) -> Kept:
    """The people (in the parts of people of a point) whose rows are not as the step `left`
    them and whom someone other than `me` (or nobody known) changed last: those an undo or
    redo leaves as they are (people/undo_kept.py). Those whose rows differ in their update
    time and signer only (the teammate changed other fields) are `Kept.signed` instead:
    the swap goes on over them, keeping that signature."""
    kept = Kept()
    for was, is_now in zip(left, now, strict=True):
        if was is None or was[0] != is_now[0] or "changed_by" not in is_now[0]:
            continue
        names = is_now[0]
        signed = [n for n, name in enumerate(names) if name in SIGNATURE]
        before, after = _by_id(was), _by_id(is_now)
        for row_id, row in after.items():
            writer = row[names.index("changed_by")]
            old = before.get(row_id)
            if old == row or (writer is not None and writer == me):
                continue
            if old is not None and all(
                a == b for n, (a, b) in enumerate(zip(old, row, strict=True)) if n not in signed
            ):
                kept.signed[row_id] = {names[n]: row[n] for n in signed}
                continue
            kept.ids.add(row_id)
            who = str(writer) if writer is not None else "someone else"
            kept.by.setdefault(who, []).append(f"“{_person(session, row_id)}”")
    return kept


def _refusal(
    session: Session, table: str, row: tuple | None, names: tuple[str, ...], who: str | None,
    doing: str,
) -> str:  # fmt: skip
    if table == "influencer":
        person = _person(session, row[names.index("id")]) if row else None
        said = f"{who or 'Someone'} changed “{person}”" if person else "Someone changed a person"
        return (
            f"{said} again after this step, so {doing} it would write over their work. "
            f"Nothing was changed, and the step stays in {menu_of(doing)}: open the person to see "
            "what was done, and change it there if it should be different."
        )
    if table == "saved_view":
        view = row[names.index("name")] if row and "name" in names else None
        what = f"the saved view “{view}”" if view else "the saved views"
        said = f"{who} changed {what}" if who else f"Someone changed {what}"
        return (
            f"{said} after this step, so {doing} it would write over their work. Nothing was "
            f"changed, and the step stays in {menu_of(doing)}: open the view to see it as it "
            "is now."
        )
    if table == "follow_up":
        person = _person(session, row[names.index("influencer_id")]) if row else None
        what = f"the follow-up with “{person}”" if person else "this follow-up"
        where = "the Follow-ups screen"
    else:
        what, where = "the pipeline's stages", "Edit › Pipeline stages…"
    said = f"{who} changed {what}" if who else f"Someone changed {what}"
    return (
        f"{said} after this step, so {doing} it would write over their work. Nothing was "
        f"changed, and the step stays in {menu_of(doing)}: see {where} for what is there now, "
        "and change it there if it should be different."
    )


def _person(session: Session, person_id: object) -> str | None:
    people = Base.metadata.tables["influencer"]
    found = select(people.c.display_name).where(people.c.id == person_id)
    return session.execute(found).scalar_one_or_none()


__all__ = ["changed_since", "others_changed"]
