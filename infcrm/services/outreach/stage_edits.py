"""The pipeline's stages changed as steps of Edit › Undo: renamed, moved, added, archived (with
the people it still held moved on) and restored.

Stages are few, so each step holds every stage's columns as they were, and any stage the step
adds; archiving also holds the people it moves (their stage and update time) and the moves it
records on their timelines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import Interaction
from infcrm.db.sequences import next_id
from infcrm.services.changes import Changes
from infcrm.services.outreach import bulk_moves, pipeline
from infcrm.services.restore_points import (
    Columns,
    Part,
    RestorePoint,
    Rows,
    Undoable,
    added_rows,
    step,
    swap,
)

T = TypeVar("T")
_STAGE_COLUMNS = tuple(c.name for c in Stage.__table__.columns if c.name != "id")
STAGES = Changes(stages=True)


def _stages(session: Session) -> list[Part]:
    ids = tuple(session.execute(select(Stage.id)).scalars())
    return [Columns("stage", _STAGE_COLUMNS, ids), added_rows(session, "stage")]


# Stages count no versions: an undo compares them with what its step left (a teammate's
# later rename or order must not vanish; services/people/undo_rows_guard.py).
GUARD = ("stage",)


def _step(db: Database, write: Callable[[Session], T], changes: Changes = STAGES) -> Undoable:
    return step(db, _stages, write, changes, guard=GUARD)


def rename(db: Database, stage_id: int, name: str) -> Undoable:
    """`pipeline.rename_stage` as one undoable step."""
    return _step(db, lambda session: pipeline.rename_stage_in(session, stage_id, name))


def reorder(db: Database, stage_ids: Sequence[int]) -> Undoable:
    """`pipeline.reorder_stages` as one undoable step."""
    return _step(db, lambda session: pipeline.reorder_stages_in(session, stage_ids))


def add(db: Database, name: str, closed: bool = False) -> Undoable:
    """`pipeline.add_stage` as one undoable step; its value is the new stage's id."""
    return _step(db, lambda session: pipeline.add_stage_in(session, name, closed))


def add_alone(db: Database, name: str) -> Undoable:
    """`add` (an open stage) whose undo removes this one stage only, so that of several
    stages added for an import each can go or stay on its own (`take_back_unused`)."""

    def reach(session: Session) -> list[Part]:
        ids = tuple(session.execute(select(Stage.id)).scalars())
        # Only looks (0): on a server taking an id would make the insert get the next one.
        new = next_id(session.connection(), Stage.__table__.c.id, 0)
        return [Columns("stage", _STAGE_COLUMNS, ids), Rows("stage", "id", (new,))]

    return step(db, reach, lambda session: pipeline.add_stage_in(session, name), STAGES, GUARD)


def _in_use(session: Session, stage_id: int) -> bool:
    """Whether someone (in the trash too) is in the stage, or a recorded move (a bulk one
    too) names it."""
    person = select(Influencer.id).where(Influencer.stage_id == stage_id).limit(1)
    named = or_(Interaction.from_stage_id == stage_id, Interaction.to_stage_id == stage_id)
    move = select(Interaction.id).where(named).limit(1)
    if any(session.execute(query).first() is not None for query in (person, move)):
        return True
    return bulk_moves.names_stage(session, stage_id)


def take_back_unused(
    db: Database, added: Sequence[tuple[int, RestorePoint]]
) -> list[tuple[int, RestorePoint]]:
    """Remove the stages `added` by `add_alone` (in the order added: id and its undo), newest
    first, in one transaction — all but those still in use: the first one in use stays, and
    so do the ones added before it (taking them out would put the stages after them back in
    the wrong places). The (id, point that brings it back) of each removed, oldest first."""
    done: list[tuple[int, RestorePoint]] = []
    with db.transaction() as session:
        for stage_id, point in reversed(added):
            if _in_use(session, stage_id):
                break
            done.append((stage_id, swap(session, point)))
    return done[::-1]


def restore(db: Database, stage_id: int) -> Undoable:
    """`pipeline.restore_stage` as one undoable step."""
    return _step(db, lambda session: pipeline.restore_stage_in(session, stage_id))


def archive(db: Database, stage_id: int, move_to: int | None = None) -> Undoable:
    """`pipeline.archive_stage` as one undoable step; its value is how many people moved."""

    def reach(session: Session) -> list[Part]:
        people = session.execute(select(Influencer.id).where(Influencer.stage_id == stage_id))
        return [
            *_stages(session),
            Columns("influencer", ("stage_id", "updated_at"), tuple(people.scalars())),
            # The moves it records: each from this stage to the one chosen.
            added_rows(session, "interaction", from_stage_id=stage_id, to_stage_id=move_to),
        ]

    return step(
        db,
        reach,
        lambda session: pipeline.archive_stage_in(session, stage_id, move_to),
        lambda moved: STAGES | Changes(pipeline=(), outreach=()) if moved else STAGES,
        GUARD,
    )


__all__ = ["add", "add_alone", "archive", "rename", "reorder", "restore", "take_back_unused"]
