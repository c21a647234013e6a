"""Undoing a bulk edit never writes over what a teammate saved since in the fields it set: it
undoes the others and says whom it left as the teammate made them. Two copies of the app on one
database (the test's own signs as Sam, `ana` as Ana), on a file and on a server."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database, open_database
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.people import bulk, influencers
from infcrm.services.restore_points import restore
from tests.teammate_edits import bulk_people, edit, stage_named, stages_of


def _moves_of(db: Database, person: int) -> list[tuple[int | None, int | None, str | None]]:
    """The person's timeline entries of bulk moves: (from stage, to stage, who moved)."""
    from infcrm.services.outreach import bulk_moves

    with db.reader() as session:
        return [
            (m.from_stage_id, m.to_stage_id, m.created_by)
            for m in bulk_moves.moves_of(session, person)
        ]


def test_undo_of_a_bulk_move_leaves_the_person_a_teammate_moved_since_and_undoes_the_rest(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 4)
    before = stages_of(db, people)
    agreed, declined = stage_named(db, "Agreed"), stage_named(db, "Declined")
    moved = bulk.set_stage(db, people, agreed, seen=bulk.versions_of(db, people))
    edit(ana, people[1], stage_id=declined)

    redo_point = restore(db, moved.undo)

    assert stages_of(db, people) == [before[0], declined, before[2], before[3]]
    assert redo_point.note == (
        "Undone for 3 people; “Bulk 1” was changed by Ana after your edit and keeps Ana's values."
    )
    # Bulk 1's timeline still shows how she got to Agreed before Ana moved her on.
    assert _moves_of(db, people[1]) == [(before[1], agreed, "Sam")]
    assert _moves_of(db, people[0]) == []

    # Redo moves again only those the undo moved back.
    again = restore(db, redo_point, "redoing")
    assert stages_of(db, people) == [agreed, declined, agreed, agreed]
    assert again.note == ""
    assert _moves_of(db, people[0]) == [(before[0], agreed, "Sam")]
    assert _moves_of(db, people[1]) == [(before[1], agreed, "Sam")]


def test_undo_of_a_bulk_move_names_each_teammate_and_whom_they_changed(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 5)
    before = stages_of(db, people)
    ben = open_database(db.url)  # a third copy of the app, signing as Ben
    ben.sign_as("Ben")
    try:
        moved = bulk.set_stage(db, people, stage_named(db, "Agreed"))
        edit(ana, people[0], stage_id=stage_named(db, "Declined"))
        edit(ana, people[3], stage_id=stage_named(db, "Declined"))
        edit(ben, people[2], stage_id=stage_named(db, "Contacted"))

        redo_point = restore(db, moved.undo)
    finally:
        ben.close()

    assert redo_point.note == (
        "Undone for 2 people; “Bulk 0” and “Bulk 3” were changed by Ana, and “Bulk 2” by "
        "Ben, after your edit and keep those values."
    )
    assert [stages_of(db, people)[n] for n in (1, 4)] == [before[1], before[4]]


def test_undo_of_a_bulk_move_refuses_when_a_teammate_moved_everyone_since(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    moved = bulk.set_stage(db, people, stage_named(db, "Agreed"))
    for person in people:
        edit(ana, person, stage_id=stage_named(db, "Declined"))

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, moved.undo)

    message = str(refused.value)
    assert "Ana changed “Bulk 0” and “Bulk 1”" in message and "Nothing was changed" in message
    assert stages_of(db, people) == [stage_named(db, "Declined")] * 2


def test_undo_of_a_bulk_owner_change_keeps_a_teammates_later_owner(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 3)
    owned = bulk.set_owner(db, people, "Sam")
    edit(ana, people[0], owner="Ana")

    redo_point = restore(db, owned.undo)

    assert [influencers.get(db, p).owner for p in people] == ["Ana", None, None]
    assert "Undone for 2 people; “Bulk 0” was changed by Ana" in redo_point.note
    restore(db, redo_point, "redoing")
    assert [influencers.get(db, p).owner for p in people] == ["Ana", "Sam", "Sam"]


def test_a_teammates_save_of_other_fields_does_not_hold_back_the_undo_nor_lose_her_name(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    before = stages_of(db, people)
    moved = bulk.set_stage(db, people, stage_named(db, "Agreed"))
    edit(ana, people[0], city="Lisbon")

    restore(db, moved.undo)

    assert stages_of(db, people) == before
    lisbon = influencers.get(db, people[0])
    # Ana's city stays, and the person still says Ana changed them last.
    assert (lisbon.city, lisbon.changed_by) == ("Lisbon", "Ana")


def test_ones_own_later_move_of_one_of_them_does_not_hold_back_the_undo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    before = stages_of(db, people)
    moved = bulk.set_stage(db, people, stage_named(db, "Agreed"))
    edit(db, people[0], stage_id=stage_named(db, "Declined"))

    restore(db, moved.undo)

    assert stages_of(db, people) == before


def test_a_bulk_move_undone_redone_and_undone_again_is_still_checked(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 3)
    before = stages_of(db, people)
    agreed, declined = stage_named(db, "Agreed"), stage_named(db, "Declined")
    moved = bulk.set_stage(db, people, agreed)
    undo_again = restore(db, restore(db, moved.undo), "redoing")
    edit(ana, people[0], stage_id=declined)

    redo_point = restore(db, undo_again)

    assert stages_of(db, people) == [declined, before[1], before[2]]
    assert "“Bulk 0” was changed by Ana" in redo_point.note
    assert _moves_of(db, people[0]) == [(before[0], agreed, "Sam")]


def test_a_bulk_move_partly_undone_twice_keeps_both_teammates_people(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 4)
    before = stages_of(db, people)
    agreed, declined = stage_named(db, "Agreed"), stage_named(db, "Declined")
    moved = bulk.set_stage(db, people, agreed)
    edit(ana, people[0], stage_id=declined)
    redo_point = restore(db, moved.undo)  # Bulk 0 keeps Declined
    undo_again = restore(db, redo_point, "redoing")  # Bulk 1, 2 and 3 to Agreed again
    edit(ana, people[2], stage_id=declined)

    last = restore(db, undo_again)

    assert stages_of(db, people) == [declined, before[1], declined, before[3]]
    assert "Undone for 2 people; “Bulk 2” was changed by Ana" in last.note
    assert _moves_of(db, people[0]) == [(before[0], agreed, "Sam")]
    assert _moves_of(db, people[2]) == [(before[2], agreed, "Sam")]
    assert _moves_of(db, people[1]) == _moves_of(db, people[3]) == []
    restore(db, last, "redoing")
    assert stages_of(db, people) == [declined, agreed, declined, agreed]


def _niches(db: Database, people: list[int]) -> list[str | None]:
    return [influencers.get(db, p).niches for p in people]


def test_undo_of_added_niches_keeps_a_teammates_later_niches_and_undoes_the_rest(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 3)
    added = bulk.change_niches(db, people, "baking")
    edit(ana, people[1], niches="baking, vegan food")

    redo_point = restore(db, added.undo)

    assert _niches(db, people) == [None, "baking, vegan food", None]
    assert redo_point.note == (
        "Undone for 2 people; “Bulk 1” was changed by Ana after your edit and keeps Ana's values."
    )
    restore(db, redo_point, "redoing")
    assert _niches(db, people) == ["baking", "baking, vegan food", "baking"]


def test_undo_of_added_niches_refuses_when_a_teammate_changed_everyone_since(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    added = bulk.change_niches(db, people, "baking")
    for person in people:
        edit(ana, person, niches="vegan food")

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, added.undo)

    assert _niches(db, people) == ["vegan food", "vegan food"]


def test_added_niches_undone_redone_and_undone_again_are_still_checked(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    added = bulk.change_niches(db, people, "baking")
    undo_again = restore(db, restore(db, added.undo), "redoing")
    edit(ana, people[1], niches="baking, vegan food")

    redo_point = restore(db, undo_again)

    assert _niches(db, people) == [None, "baking, vegan food"]
    assert "Undone for 1 person; “Bulk 1” was changed by Ana" in redo_point.note


def test_redo_of_a_message_to_many_refuses_when_a_teammate_moved_everyone_after_the_undo(
    db: Database, ana: Database
) -> None:
    from infcrm.services.outreach import bulk_outreach
    from infcrm.services.outreach.outreach_types import InteractionInput

    people = bulk_people(db, 2)
    logged = bulk_outreach.log_interaction(
        db, people, InteractionInput(0, "email", "outbound", subject="Spring box")
    )
    redo_point = restore(db, logged.undo)
    for person in people:
        edit(ana, person, stage_id=stage_named(db, "Agreed"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0” and “Bulk 1”"):
        restore(db, redo_point, "redoing")

    assert stages_of(db, people) == [stage_named(db, "Agreed")] * 2


def _message_to(db: Database, person: int):
    from infcrm.services.outreach import interactions
    from infcrm.services.outreach.outreach_types import InteractionInput

    message = InteractionInput(person, "email", "outbound", subject="Spring box")
    return interactions.log_interaction_undoable(db, message)


def test_undo_of_a_message_to_one_person_refuses_to_move_back_what_a_teammate_moved_on(
    db: Database, ana: Database
) -> None:
    (lena,) = bulk_people(db, 1)
    logged = _message_to(db, lena)  # in the first stage: moved on to Contacted
    edit(ana, lena, stage_id=stage_named(db, "Agreed"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, logged.undo)

    assert stages_of(db, [lena]) == [stage_named(db, "Agreed")]


def test_redo_of_a_message_to_one_person_refuses_over_a_teammates_move_after_the_undo(
    db: Database, ana: Database
) -> None:
    (lena,) = bulk_people(db, 1)
    redo_point = restore(db, _message_to(db, lena).undo)
    edit(ana, lena, stage_id=stage_named(db, "Declined"))

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0”"):
        restore(db, redo_point, "redoing")

    assert stages_of(db, [lena]) == [stage_named(db, "Declined")]


def test_a_message_that_moved_nobody_undoes_over_a_teammates_later_move(
    db: Database, ana: Database
) -> None:
    (lena,) = bulk_people(db, 1)
    edit(db, lena, stage_id=stage_named(db, "Contacted"))
    logged = _message_to(db, lena)  # past the first stage: no move
    edit(ana, lena, stage_id=stage_named(db, "Agreed"))

    restore(db, logged.undo)

    assert stages_of(db, [lena]) == [stage_named(db, "Agreed")]
