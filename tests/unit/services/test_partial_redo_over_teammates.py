"""Redo of a bulk edit after a teammate changed some of its people since the undo, and undo of
a message logged with many people after a teammate changed some of them: both go on for the
others and say whom they left as the teammate made them; only when that is everyone are they
refused, nothing written. Two copies of the app on one database (the test's own signs as Sam,
`ana` as Ana), on a file and on a server."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.outreach_models import FollowUp, Interaction
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.outreach import bulk_moves, bulk_outreach
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import bulk, influencers
from infcrm.services.restore_points import restore
from tests.teammate_edits import bulk_people, edit, stage_named, stages_of


def _niches(db: Database, people: list[int]) -> list[str | None]:
    return [influencers.get(db, person).niches for person in people]


def _moved_by_bulk(db: Database, people: list[int]) -> list[list[tuple[int | None, int | None]]]:
    """Each person's timeline entries of bulk moves: (from stage, to stage)."""
    with db.reader() as session:
        return [
            [(m.from_stage_id, m.to_stage_id) for m in bulk_moves.moves_of(session, person)]
            for person in people
        ]


def test_redo_of_a_bulk_move_leaves_the_person_a_teammate_moved_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 4)
    before = stages_of(db, people)
    agreed, declined = stage_named(db, "Agreed"), stage_named(db, "Declined")
    moved = bulk.set_stage(db, people, agreed)
    redo_point = restore(db, moved.undo)
    edit(ana, people[1], stage_id=declined)

    undo_point = restore(db, redo_point, "redoing")

    assert stages_of(db, people) == [agreed, declined, agreed, agreed]
    assert undo_point.note == (
        "Redone for 3 people; “Bulk 1” was changed by Ana after your undo and keeps Ana's values."
    )
    # Bulk 1's timeline does not say the redo moved her: Ana moved her, from where she was.
    assert _moved_by_bulk(db, people) == [
        [(before[0], agreed)],
        [],
        [(before[2], agreed)],
        [(before[3], agreed)],
    ]

    # The undo after it takes back only what the redo did: Bulk 1 is not even named.
    again = restore(db, undo_point)
    assert stages_of(db, people) == [before[0], declined, before[2], before[3]]
    assert again.note == ""
    assert _moved_by_bulk(db, people) == [[], [], [], []]


def test_redo_of_a_bulk_owner_change_keeps_a_teammates_owner_set_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 3)
    owned = bulk.set_owner(db, people, "Sam")
    redo_point = restore(db, owned.undo)
    edit(ana, people[2], owner="Ana")

    undo_point = restore(db, redo_point, "redoing")

    assert [influencers.get(db, p).owner for p in people] == ["Sam", "Sam", "Ana"]
    assert undo_point.note.startswith("Redone for 2 people; “Bulk 2” was changed by Ana")
    restore(db, undo_point)
    assert [influencers.get(db, p).owner for p in people] == [None, None, "Ana"]


def test_redo_of_added_niches_leaves_the_person_a_teammate_changed_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 3)
    added = bulk.change_niches(db, people, "baking")
    redo_point = restore(db, added.undo)
    edit(ana, people[0], niches="vegan food")

    undo_point = restore(db, redo_point, "redoing")

    assert _niches(db, people) == ["vegan food", "baking", "baking"]
    assert undo_point.note == (
        "Redone for 2 people; “Bulk 0” was changed by Ana after your undo and keeps Ana's values."
    )
    again = restore(db, undo_point)
    assert _niches(db, people) == ["vegan food", None, None]
    assert again.note == ""
    restore(db, again, "redoing")
    assert _niches(db, people) == ["vegan food", "baking", "baking"]


def test_redo_of_a_bulk_move_refuses_when_a_teammate_moved_everyone_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    declined = stage_named(db, "Declined")
    moved = bulk.set_stage(db, people, stage_named(db, "Agreed"))
    redo_point = restore(db, moved.undo)
    for person in people:
        edit(ana, person, stage_id=declined)

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, redo_point, "redoing")

    message = str(refused.value)
    assert "Ana changed “Bulk 0” and “Bulk 1”" in message
    assert "redoing it would write over" in message and "Nothing was changed" in message
    assert stages_of(db, people) == [declined, declined]
    assert _moved_by_bulk(db, people) == [[], []]


def test_redo_of_added_niches_refuses_when_a_teammate_changed_everyone_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    added = bulk.change_niches(db, people, "baking")
    redo_point = restore(db, added.undo)
    for person in people:
        edit(ana, person, niches="vegan food")

    with pytest.raises(ChangedSinceStep, match="redoing it would write over"):
        restore(db, redo_point, "redoing")

    assert _niches(db, people) == ["vegan food", "vegan food"]


def _log_to(db: Database, people: list[int]) -> bulk_outreach.BulkResult:
    """An outbound email to all of them, with a follow-up: those in the first stage move on."""
    message = InteractionInput(
        0,
        "email",
        "outbound",
        subject="Spring box",
        follow_up_due=dt.date.today() + dt.timedelta(days=3),
        follow_up_note="Ask about the box",
    )
    return bulk_outreach.log_interaction(db, people, message)


def _messages(db: Database, people: list[int]) -> list[tuple[int, int]]:
    """Each person's (emails “Spring box”, follow-ups)."""
    spring_box = Interaction.subject == "Spring box"
    emails = select(func.count()).select_from(Interaction).where(spring_box)
    follow_ups = select(func.count()).select_from(FollowUp)
    with db.reader() as session:
        return [
            (
                session.execute(emails.where(Interaction.influencer_id == person)).scalar_one(),
                session.execute(follow_ups.where(FollowUp.influencer_id == person)).scalar_one(),
            )
            for person in people
        ]


def test_undo_of_a_message_to_many_keeps_the_message_of_one_a_teammate_moved_on(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 3)  # in the first stage: the email moves them on
    first = stages_of(db, people)
    agreed, contacted = stage_named(db, "Agreed"), stage_named(db, "Contacted")
    logged = _log_to(db, people)
    edit(ana, people[0], stage_id=agreed)

    redo_point = restore(db, logged.undo)

    assert stages_of(db, people) == [agreed, first[1], first[2]]
    assert _messages(db, people) == [(1, 1), (0, 0), (0, 0)]
    assert redo_point.note == (
        "Undone for 2 people; “Bulk 0” was changed by Ana after your edit and keeps Ana's "
        "values and the message."
    )

    # Redo logs again only what the undo took back: Bulk 0 has her one email still.
    undo_point = restore(db, redo_point, "redoing")
    assert stages_of(db, people) == [agreed, contacted, contacted]
    assert _messages(db, people) == [(1, 1), (1, 1), (1, 1)]
    assert undo_point.note == ""
    restore(db, undo_point)
    assert _messages(db, people) == [(1, 1), (0, 0), (0, 0)]


def test_undo_of_a_message_to_many_refuses_when_a_teammate_moved_everyone_it_moved_on(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    agreed = stage_named(db, "Agreed")
    logged = _log_to(db, people)
    for person in people:
        edit(ana, person, stage_id=agreed)

    with pytest.raises(ChangedSinceStep, match="Ana changed “Bulk 0” and “Bulk 1”"):
        restore(db, logged.undo)

    assert stages_of(db, people) == [agreed, agreed]
    assert _messages(db, people) == [(1, 1), (1, 1)]


def test_redo_of_a_message_to_many_leaves_one_a_teammate_moved_after_the_undo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 3)
    contacted, agreed = stage_named(db, "Contacted"), stage_named(db, "Agreed")
    logged = _log_to(db, people)
    redo_point = restore(db, logged.undo)
    edit(ana, people[1], stage_id=agreed)

    undo_point = restore(db, redo_point, "redoing")

    assert stages_of(db, people) == [contacted, agreed, contacted]
    assert _messages(db, people) == [(1, 1), (0, 0), (1, 1)]
    assert undo_point.note.startswith("Redone for 2 people; “Bulk 1” was changed by Ana")


def test_a_teammates_save_of_other_fields_after_the_undo_does_not_hold_back_the_redo(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    agreed = stage_named(db, "Agreed")
    moved = bulk.set_stage(db, people, agreed)
    redo_point = restore(db, moved.undo)
    edit(ana, people[0], city="Lisbon")

    undo_point = restore(db, redo_point, "redoing")

    assert stages_of(db, people) == [agreed, agreed]
    assert undo_point.note == ""
    lisbon = influencers.get(db, people[0])
    # Ana's city stays, and the person still says Ana changed them last.
    assert (lisbon.city, lisbon.changed_by) == ("Lisbon", "Ana")


def test_a_teammates_save_of_other_fields_after_the_undo_does_not_hold_back_redone_niches(
    db: Database, ana: Database
) -> None:
    people = bulk_people(db, 2)
    added = bulk.change_niches(db, people, "baking")
    redo_point = restore(db, added.undo)
    edit(ana, people[1], city="Lisbon")

    undo_point = restore(db, redo_point, "redoing")

    assert _niches(db, people) == ["baking", "baking"]
    assert undo_point.note == ""
    lisbon = influencers.get(db, people[1])
    assert (lisbon.city, lisbon.changed_by) == ("Lisbon", "Ana")
    restore(db, undo_point)  # the undo after it goes on too
    assert _niches(db, people) == [None, None]
    assert influencers.get(db, people[1]).city == "Lisbon"
