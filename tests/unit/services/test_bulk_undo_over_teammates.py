"""Undoing a bulk edit never writes over what a teammate saved since in the fields it set:
two copies of the app on one database (the test's own signs as Sam, `ana` as Ana), on a
file and on a server."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from infcrm.db.engine import Database
from infcrm.db.models import Stage
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.people import bulk, influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.services.restore_points import restore


def _stage(db: Database, name: str) -> int:
    with db.reader() as session:
        return session.execute(select(Stage.id).where(Stage.name == name)).scalar_one()


def _people(db: Database, count: int) -> list[int]:
    return [
        influencers.create(db, InfluencerInput(display_name=f"Bulk {n}", city="Rome"))
        for n in range(count)
    ]


def _edit(db: Database, person: int, **fields: object) -> None:
    seen = influencers.get(db, person)
    influencers.update(db, person, replace(seen.to_input(), **fields))


def _stages(db: Database, people: list[int]) -> list[int | None]:
    return [influencers.get(db, person).stage_id for person in people]


def test_undo_of_a_bulk_move_refuses_to_move_back_a_person_a_teammate_moved_since(
    db: Database, ana: Database
) -> None:
    people = _people(db, 3)
    moved = bulk.set_stage(db, people, _stage(db, "Agreed"), seen=bulk.versions_of(db, people))
    _edit(ana, people[1], stage_id=_stage(db, "Declined"))

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, moved.undo)

    message = str(refused.value)
    assert "Ana changed “Bulk 1”" in message and "Nothing was changed" in message
    agreed, declined = _stage(db, "Agreed"), _stage(db, "Declined")
    assert _stages(db, people) == [agreed, declined, agreed]


def test_undo_of_a_bulk_owner_change_refuses_over_a_teammates_later_owner(
    db: Database, ana: Database
) -> None:
    people = _people(db, 2)
    owned = bulk.set_owner(db, people, "Sam")
    _edit(ana, people[0], owner="Ana")

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, owned.undo)

    assert [influencers.get(db, p).owner for p in people] == ["Ana", "Sam"]


def test_a_teammates_save_of_other_fields_does_not_hold_back_the_undo_nor_lose_her_name(
    db: Database, ana: Database
) -> None:
    people = _people(db, 2)
    before = _stages(db, people)
    moved = bulk.set_stage(db, people, _stage(db, "Agreed"))
    _edit(ana, people[0], city="Lisbon")

    restore(db, moved.undo)

    assert _stages(db, people) == before
    lisbon = influencers.get(db, people[0])
    # Ana's city stays, and the person still says Ana changed them last.
    assert (lisbon.city, lisbon.changed_by) == ("Lisbon", "Ana")


def test_ones_own_later_move_of_one_of_them_does_not_hold_back_the_undo(
    db: Database, ana: Database
) -> None:
    people = _people(db, 2)
    before = _stages(db, people)
    moved = bulk.set_stage(db, people, _stage(db, "Agreed"))
    _edit(db, people[0], stage_id=_stage(db, "Declined"))

    restore(db, moved.undo)

    assert _stages(db, people) == before


def test_redo_of_a_bulk_move_refuses_over_a_teammates_move_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = _people(db, 3)
    before = _stages(db, people)
    moved = bulk.set_stage(db, people, _stage(db, "Agreed"))
    redo_point = restore(db, moved.undo)
    _edit(ana, people[2], stage_id=_stage(db, "Declined"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 2”"):
        restore(db, redo_point, "redoing")

    assert _stages(db, people) == [*before[:2], _stage(db, "Declined")]


def test_a_bulk_move_undone_redone_and_undone_again_is_still_checked(
    db: Database, ana: Database
) -> None:
    people = _people(db, 2)
    moved = bulk.set_stage(db, people, _stage(db, "Agreed"))
    undo_again = restore(db, restore(db, moved.undo), "redoing")
    _edit(ana, people[0], stage_id=_stage(db, "Declined"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, undo_again)

    assert _stages(db, people) == [_stage(db, "Declined"), _stage(db, "Agreed")]


def test_undo_of_added_niches_refuses_over_a_teammates_later_niches(
    db: Database, ana: Database
) -> None:
    people = _people(db, 2)
    added = bulk.change_niches(db, people, "baking")
    _edit(ana, people[1], niches="baking, vegan food")

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 1”"):
        restore(db, added.undo)

    assert [influencers.get(db, p).niches for p in people] == ["baking", "baking, vegan food"]


def test_undo_of_a_message_to_many_refuses_to_move_back_one_a_teammate_moved_on(
    db: Database, ana: Database
) -> None:
    from infcrm.services.outreach import bulk_outreach
    from infcrm.services.outreach.outreach_types import InteractionInput

    people = _people(db, 2)  # in the first stage: an outbound message moves them on
    logged = bulk_outreach.log_interaction(
        db, people, InteractionInput(0, "email", "outbound", subject="Spring box")
    )
    assert set(_stages(db, people)) == {_stage(db, "Contacted")}
    _edit(ana, people[0], stage_id=_stage(db, "Agreed"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, logged.undo)

    assert _stages(db, people) == [_stage(db, "Agreed"), _stage(db, "Contacted")]


def test_redo_of_added_niches_refuses_over_a_teammates_niches_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = _people(db, 2)
    added = bulk.change_niches(db, people, "baking")
    redo_point = restore(db, added.undo)
    _edit(ana, people[0], niches="vegan food")

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”") as refused:
        restore(db, redo_point, "redoing")

    assert "redoing it would write over" in str(refused.value)
    assert [influencers.get(db, p).niches for p in people] == ["vegan food", None]


def test_added_niches_undone_redone_and_undone_again_are_still_checked(
    db: Database, ana: Database
) -> None:
    people = _people(db, 2)
    added = bulk.change_niches(db, people, "baking")
    undo_again = restore(db, restore(db, added.undo), "redoing")
    _edit(ana, people[1], niches="baking, vegan food")

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 1”"):
        restore(db, undo_again)

    assert [influencers.get(db, p).niches for p in people] == ["baking", "baking, vegan food"]


def test_redo_of_a_message_to_many_refuses_over_a_teammates_move_after_the_undo(
    db: Database, ana: Database
) -> None:
    from infcrm.services.outreach import bulk_outreach
    from infcrm.services.outreach.outreach_types import InteractionInput

    people = _people(db, 2)
    first = _stages(db, people)
    logged = bulk_outreach.log_interaction(
        db, people, InteractionInput(0, "email", "outbound", subject="Spring box")
    )
    redo_point = restore(db, logged.undo)
    _edit(ana, people[1], stage_id=_stage(db, "Agreed"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 1”"):
        restore(db, redo_point, "redoing")

    assert _stages(db, people) == [first[0], _stage(db, "Agreed")]


def _message_to(db: Database, person: int):
    from infcrm.services.outreach import interactions
    from infcrm.services.outreach.outreach_types import InteractionInput

    message = InteractionInput(person, "email", "outbound", subject="Spring box")
    return interactions.log_interaction_undoable(db, message)


def test_undo_of_a_message_to_one_person_refuses_to_move_back_what_a_teammate_moved_on(
    db: Database, ana: Database
) -> None:
    (lena,) = _people(db, 1)
    logged = _message_to(db, lena)  # in the first stage: moved on to Contacted
    _edit(ana, lena, stage_id=_stage(db, "Agreed"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, logged.undo)

    assert _stages(db, [lena]) == [_stage(db, "Agreed")]


def test_redo_of_a_message_to_one_person_refuses_over_a_teammates_move_after_the_undo(
    db: Database, ana: Database
) -> None:
    (lena,) = _people(db, 1)
    redo_point = restore(db, _message_to(db, lena).undo)
    _edit(ana, lena, stage_id=_stage(db, "Declined"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, redo_point, "redoing")

    assert _stages(db, [lena]) == [_stage(db, "Declined")]


def test_a_message_that_moved_nobody_undoes_over_a_teammates_later_move(
    db: Database, ana: Database
) -> None:
    (lena,) = _people(db, 1)
    _edit(db, lena, stage_id=_stage(db, "Contacted"))
    logged = _message_to(db, lena)  # past the first stage: no move
    _edit(ana, lena, stage_id=_stage(db, "Agreed"))

    restore(db, logged.undo)

    assert _stages(db, [lena]) == [_stage(db, "Agreed")]
