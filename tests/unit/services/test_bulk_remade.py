"""A bulk stage change and a bulk tag keep what they wrote as statements on the undo stack
(services/people/bulk_remade.py): undo and redo put back every row exactly on either backend,
both while the rows are as written and once someone changed one of them in between.

More people than one chunk of ids (restore_points.CHUNK), so the id list goes through its
temporary table as it does for a real selection of thousands."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, text

from infcrm.db import search_index
from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.services import restore_points
from infcrm.services.people import bulk, influencer_list, influencers
from infcrm.services.people.bulk_remade import Moves, Tagged
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.restore_points import AS_MADE, SameColumns
from tests.table_dump import everything, undone_and_redone

PEOPLE = restore_points.CHUNK + 50


@pytest.fixture
def people(db: Database) -> list[int]:
    now = utcnow()
    with db.transaction() as session:
        session.execute(
            insert(Influencer),
            [
                {"display_name": f"Person {n:04d}", "found_via": "other", "created_at": now,
                 "updated_at": now}
                for n in range(PEOPLE)
            ],
        )  # fmt: skip
        search_index.reindex(session)
    return influencer_list.list_ids(db, ListQuery())


def _kept(point: restore_points.RestorePoint, kind: type) -> tuple:
    """What `point` holds of its part of that kind (Moves, Tagged)."""
    pairs = zip(point.parts, point.saved, strict=True)
    return next(saved for part, saved in pairs if isinstance(part, kind))


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


def test_a_bulk_stage_change_is_undone_and_redone_exactly(db: Database, people) -> None:
    contacted = _stage(db, "Contacted")
    done = undone_and_redone(db, lambda: bulk.set_stage(db, people, contacted))
    assert done.summary == f"Moved {PEOPLE:,} to Contacted."
    # Undone last (undone_and_redone ends on an undo): nobody is in Contacted any more.
    assert contacted not in {influencers.get(db, p).stage_id for p in people[:3]}
    redo = restore_points.restore(db, bulk.set_stage(db, people, contacted).undo)
    # The move is one record (services/outreach/bulk_moves.py), read back whole; everyone's
    # stage and update time are kept as their statement, not each row.
    assert _kept(redo, SameColumns) == AS_MADE
    assert redo.row_count == 1, "the move's one record"


def test_one_person_moved_keeps_the_timeline_entry_as_its_statement(db, people) -> None:
    contacted = _stage(db, "Contacted")
    done = undone_and_redone(db, lambda: bulk.set_stage(db, people[:1], contacted))
    name = influencers.get(db, people[0]).display_name
    assert done.summary == f"Moved “{name}” to Contacted."
    redo = restore_points.restore(db, bulk.set_stage(db, people[:1], contacted).undo)
    assert _kept(redo, Moves) == AS_MADE, "the move is kept as its statement"


def test_a_stage_change_whose_record_changed_since_is_undone_exactly(db, people) -> None:
    before = everything(db)
    done = bulk.set_stage(db, people, _stage(db, "Contacted"))
    with db.transaction() as session:  # as another program might
        session.execute(text("UPDATE bulk_move SET created_by = 'Kim'"))
    edited = everything(db)

    redo = restore_points.restore(db, done.undo)
    assert everything(db) == before
    restore_points.restore(db, redo)
    assert everything(db) == edited, "redo brings back the record as it was edited"


def test_a_bulk_tag_is_undone_and_redone_exactly(db: Database, people) -> None:
    done = undone_and_redone(db, lambda: bulk.change_tags(db, people, "Summer"))
    assert done.summary.startswith(f"Tagged {PEOPLE:,} people")
    assert influencer_list.list_ids(db, ListQuery(search="summer")) == [], "undone last"
    redo = restore_points.restore(db, bulk.change_tags(db, people, "Summer").undo)
    assert _kept(redo, Tagged) == AS_MADE, "the tags are kept as their statement, not each row"


def test_a_tag_spelled_otherwise_since_is_undone_exactly(db: Database, people) -> None:
    before = everything(db)
    done = bulk.change_tags(db, people, "Summer")
    with db.transaction() as session:  # one person's tag now spelled in capitals
        session.execute(text("UPDATE influencer_tag SET name = 'SUMMER' WHERE influencer_id = ("
                             "SELECT min(influencer_id) FROM influencer_tag)"))  # fmt: skip
    edited = everything(db)

    redo = restore_points.restore(db, done.undo)
    assert everything(db) == before
    assert len(_kept(redo, Tagged)[1]) == PEOPLE, "read back and put back like other rows"
    restore_points.restore(db, redo)
    assert everything(db) == edited, "redo brings back the spelling as it was changed"
