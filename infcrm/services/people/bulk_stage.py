"""Bulk stage change: everyone to one stage, each move written to their timeline as a drag on
the board writes it, in two statements; undo puts back each person's stage and update time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import Session

from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.services.outreach.bulk_moves import record_bulk_move
from infcrm.services.people.bulk_common import (
    Reporter,
    columns_point,
    keep_or_refuse,
    live_by_id,
    live_rows,
    moved_on,
    next_row_id,
    problem,
    report,
    still_chosen,
    told,
    update_where,
    with_new_rows,
    written_alike,
)
from infcrm.services.people.bulk_remade import Moves, record_moves
from infcrm.services.people.bulk_types import BulkResult, people_count
from infcrm.services.restore_points import RestorePoint

_MOVED = ("stage_id", "updated_at")  # what a stage change writes on each person


def set_stage(
    db: Database,
    ids: Sequence[int],
    stage_id: int,
    *,
    skip_problems: bool = False,
    progress: Reporter | None = None,
    seen: Mapping[int, int] | None = None,
) -> BulkResult:
    """Move people to a stage; each move shows in their timeline, as a drag on the board does."""
    with db.transaction() as session:
        rows = live_by_id(session, ids, ("stage_id", "updated_at"))
        moved = moved_on(session, seen)
        stage = session.get(Stage, stage_id)
        if stage is None or stage.archived:
            people = list(live_rows(session, ids))  # named in the order given
            gone = problem(session, "That stage no longer exists; choose another", people)
            keep_or_refuse(people, [gone], False)
        assert stage is not None
        moving = tuple(r for r in rows if r[1] != stage_id)
        point, movers = columns_point(_MOVED, moving)
        # movers: in ascending order, as their timeline entries are written
        table = Influencer.__table__
        # The chosen ids are still in their table: pick the movers by condition, no refill.
        who = and_(
            table.c.id.in_(still_chosen()),
            table.c.deleted_at.is_(None),
            table.c.stage_id.is_distinct_from(stage_id),
        )
        report(progress, 1, 3, f"Moving to {stage.name}…")
        if len(movers) > 1:  # one record for them all (bulk_moves.py)
            first_new = next_row_id(session, "bulk_move")
            record_bulk_move(session, movers, [r[1] for r in moving], stage_id)
            report(progress, 2, 3, f"Moving to {stage.name}…")
            update_where(session, who, stage_id=stage_id, updated_at=utcnow())
            point = with_new_rows(written_alike(session, point), "bulk_move", first_new, first_new)
        else:
            point = _moved_alone(session, point, who, stage_id, movers)
        already = len(rows) - len(movers)
        named = _who(session, movers)
        summary = f"Moved {named if len(movers) == 1 else f'{len(movers):,}'} to {stage.name}."
        if already:
            summary = summary[:-1] + f"; {already:,} {_were(already)} already there."
        done = BulkResult(
            summary=summary,
            title=f"move of {named} to {stage.name}",
            changed=movers,
            unchanged=already,
            skipped=0,
            undo=point,
        )
        return told(session, done, moved)


def _who(session: Session, movers: Sequence[int]) -> str:
    """“Lena Vogel” when one person moved (a drag on the board), else “31 people”."""
    person = session.get(Influencer, movers[0]) if len(movers) == 1 else None
    return f"“{person.display_name}”" if person is not None else people_count(len(movers))


def _moved_alone(
    session: Session,
    point: RestorePoint,
    who: ColumnElement[bool],
    stage_id: int,
    movers: tuple[int, ...],
) -> RestorePoint:
    """Move one person (or nobody), the move written to their timeline as a drag writes it;
    the restore point of `point` and that entry."""
    first_new = next_row_id(session, "interaction")
    moment, created, author = record_moves(session, who, stage_id)
    update_where(session, who, stage_id=stage_id, updated_at=utcnow())
    point = written_alike(session, point)
    last_new = next_row_id(session, "interaction") - 1
    if movers and last_new - first_new + 1 == len(movers):
        moves = Moves(first_new, movers, stage_id, moment, created, author)
        return replace(point, parts=(moves, *point.parts), saved=(((), ()), *point.saved))
    # never expected: then the rows are read back like any others
    return with_new_rows(point, "interaction", first_new, last_new)


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


__all__ = ["set_stage"]
