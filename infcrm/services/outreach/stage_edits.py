"""The pipeline's stages changed as steps of Edit › Undo: renamed, moved, added, archived (with
the people it still held moved on) and restored.

Stages are few, so each step holds every stage's columns as they were, and any stage the step
adds; archiving also holds the people it moves (their stage and update time) and the moves it
records on their timelines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.services.changes import Changes
from infcrm.services.outreach import pipeline
from infcrm.services.restore_points import Columns, Part, Undoable, added_rows, step

T = TypeVar("T")
_STAGE_COLUMNS = tuple(c.name for c in Stage.__table__.columns if c.name != "id")
STAGES = Changes(stages=True)


def _stages(session: Session) -> list[Part]:
    ids = tuple(session.execute(select(Stage.id)).scalars())
    return [Columns("stage", _STAGE_COLUMNS, ids), added_rows(session, "stage")]


def _step(db: Database, write: Callable[[Session], T], changes: Changes = STAGES) -> Undoable:
    return step(db, _stages, write, changes)


def rename(db: Database, stage_id: int, name: str) -> Undoable:
    """`pipeline.rename_stage` as one undoable step."""
    return _step(db, lambda session: pipeline.rename_stage_in(session, stage_id, name))


def reorder(db: Database, stage_ids: Sequence[int]) -> Undoable:
    """`pipeline.reorder_stages` as one undoable step."""
    return _step(db, lambda session: pipeline.reorder_stages_in(session, stage_ids))


def add(db: Database, name: str, closed: bool = False) -> Undoable:
    """`pipeline.add_stage` as one undoable step; its value is the new stage's id."""
    return _step(db, lambda session: pipeline.add_stage_in(session, name, closed))


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
    )


__all__ = ["add", "archive", "rename", "reorder", "restore"]
