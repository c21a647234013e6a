"""Renaming, moving, adding, archiving and restoring a pipeline stage are each one step of
Undo: every stage comes back as it was — and, for an archive, the people it moved with the
moves it wrote on their timelines — and Redo does the change again exactly."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.services.outreach import pipeline, stage_edits
from infcrm.services.people import influencers, trash
from infcrm.services.people.influencer_types import InfluencerInput
from tests.table_dump import everything, undone_and_redone


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db, include_archived=True) if s.name == name)


def _names(db: Database) -> list[str]:
    return [s.name for s in influencers.stages(db)]


def test_rename_move_add_and_restore_are_undone_and_redone(db: Database) -> None:
    names = _names(db)
    talks = _stage(db, "In talks")

    undone_and_redone(db, lambda: stage_edits.rename(db, talks, "Negotiating"))
    order = [s.id for s in influencers.stages(db)]
    undone_and_redone(db, lambda: stage_edits.reorder(db, [order[1], order[0], *order[2:]]))
    added = undone_and_redone(db, lambda: stage_edits.add(db, "Samples sent"))
    assert _names(db) == names
    assert isinstance(added.value, int)

    pipeline.archive_stage(db, talks)
    undone_and_redone(db, lambda: stage_edits.restore(db, talks))


def test_archiving_a_stage_with_people_is_undone_with_their_moves(db: Database) -> None:
    talks, contacted = _stage(db, "In talks"), _stage(db, "Contacted")
    people = [
        influencers.create(db, InfluencerInput(display_name=name, stage_id=talks))
        for name in ("Ana Ruiz", "Mia Cooks")
    ]
    before = everything(db)

    done = undone_and_redone(db, lambda: stage_edits.archive(db, talks, contacted))

    assert done.value == 2
    assert everything(db) == before
    assert {influencers.get(db, p).stage_id for p in people} == {talks}


def test_stages_added_for_an_import_go_unless_someone_is_in_them(db: Database) -> None:
    before = everything(db)
    first = stage_edits.add_alone(db, "Maybe later")
    second = stage_edits.add_alone(db, "Samples sent")
    added = [(first.value, first.undo), (second.value, second.undo)]
    in_first = influencers.create(db, InfluencerInput(display_name="Ana", stage_id=first.value))

    removed = stage_edits.take_back_unused(db, added)

    assert [stage_id for stage_id, _point in removed] == [second.value]
    assert "Samples sent" not in _names(db) and "Maybe later" in _names(db)
    trash.forget(db, [in_first])
    removed = stage_edits.take_back_unused(db, [added[0]])
    assert [stage_id for stage_id, _point in removed] == [first.value]
    assert everything(db)["stage"] == before["stage"]  # the others in their places again


def test_a_stage_in_use_keeps_the_ones_added_before_it(db: Database) -> None:
    first = stage_edits.add_alone(db, "Maybe later")
    second = stage_edits.add_alone(db, "Samples sent")
    influencers.create(db, InfluencerInput(display_name="Ana", stage_id=second.value))
    added = [(first.value, first.undo), (second.value, second.undo)]
    assert stage_edits.take_back_unused(db, added) == []
    assert {"Maybe later", "Samples sent"} <= set(_names(db))
