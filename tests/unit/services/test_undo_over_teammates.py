"""An undo or redo never writes over what a teammate saved since the step: two copies of the
app on one database (the test's own signs as Sam, `ana` as Ana), on a file and on a server."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.services.errors import ChangedSinceStep, NotFound
from infcrm.services.outreach import followups, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import bulk, influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.services.restore_points import restore


def _rows(db: Database, table: str, person: int) -> int:
    """How many rows of `table` the person has."""
    with db.engine.connect() as connection:
        sql = text(f"SELECT count(*) FROM {table} WHERE influencer_id = :person")
        return int(connection.execute(sql, {"person": person}).scalar_one())


def _edit(db: Database, person: int, **fields: object):
    """Save `fields` over the person as a form opened now would."""
    seen = influencers.get(db, person)
    return influencers.update(db, person, replace(seen.to_input(), **fields))


def test_undo_of_an_edit_refuses_to_write_over_a_teammates_later_save(
    db: Database, ana: Database
) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Undo 0", city="Rome"))
    mine = _edit(db, person, city="Milan")
    _edit(ana, person, city="Lisbon", notes="Ana's note")

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, mine.undo)

    assert "Ana changed “Undo 0”" in str(refused.value)
    now = influencers.get(db, person)
    assert (now.city, now.notes, now.changed_by) == ("Lisbon", "Ana's note", "Ana")


def test_undo_of_an_edit_names_a_teammate_who_moved_the_person_to_the_trash(
    db: Database, ana: Database
) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Edge", city="Rome"))
    mine = _edit(db, person, city="Milan")
    influencers.trash(ana, [person])

    with pytest.raises(ChangedSinceStep, match="Ana moved “Edge” to the Trash"):
        restore(db, mine.undo)

    now = influencers.get(db, person)
    assert now.city == "Milan" and now.deleted_at is not None


def test_redo_refuses_to_write_over_what_a_teammate_saved_after_the_undo(
    db: Database, ana: Database
) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Undo 1", city="Rome"))
    redo_point = restore(db, _edit(db, person, city="Milan").undo)
    assert influencers.get(db, person).city == "Rome"
    _edit(ana, person, notes="Ana's note")

    with pytest.raises(ChangedSinceStep):
        restore(db, redo_point)

    now = influencers.get(db, person)
    assert (now.city, now.notes) == ("Rome", "Ana's note")


def test_own_edits_undo_one_after_another_as_before(db: Database, ana: Database) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Mine", city="Rome"))
    first = _edit(db, person, city="Milan")
    second = _edit(db, person, city="Turin")

    redo_second = restore(db, second.undo)
    redo_first = restore(db, first.undo)
    assert influencers.get(db, person).city == "Rome"
    restore(db, redo_first)
    restore(db, redo_second)
    assert influencers.get(db, person).city == "Turin"


def test_undo_of_an_addition_keeps_the_person_a_teammate_has_since_worked_on(
    db: Database, ana: Database
) -> None:
    added = influencers.create_undoable(db, InfluencerInput(display_name="Undo Create Test"))
    person = int(added.value)
    interactions.log_interaction(
        ana, InteractionInput(person, "email", "inbound", subject="Ana's email", summary="Yes")
    )
    followups.add_follow_up(ana, person, dt.date.today(), "Ana: ship the box")

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, added.undo)

    message = str(refused.value)
    assert "Ana logged 1 interaction and added 1 follow-up" in message
    assert "Trash" in message
    assert influencers.get(db, person).display_name == "Undo Create Test"
    assert _rows(db, "interaction", person) == _rows(db, "follow_up", person) == 1


def test_undo_and_redo_of_an_addition_nobody_else_touched_are_exact(
    db: Database, ana: Database
) -> None:
    added = influencers.create_undoable(db, InfluencerInput(display_name="Only Mine"))
    person = int(added.value)
    interactions.log_interaction(db, InteractionInput(person, "email", "outbound", subject="Hi"))

    redo_point = restore(db, added.undo)  # Sam's own email goes with his person, as before
    with pytest.raises(NotFound):
        influencers.get(db, person)
    restore(db, redo_point)
    assert influencers.get(db, person).display_name == "Only Mine"


def test_an_undo_of_ones_own_bulk_tag_does_not_hide_a_teammates_save_between(
    db: Database, ana: Database
) -> None:
    # The bulk undo keeps Ana's city but signs the row as before the tag (Sam's): the edit's
    # undo must still see that Ana saved after it.
    person = influencers.create(ana, InfluencerInput(display_name="Undo 0", city="Rome"))
    mine = _edit(db, person, city="Milan")
    tagged = bulk.change_tags(db, [person], "undo-test")
    _edit(ana, person, city="Lisbon", notes="Ana's note")
    restore(db, tagged.undo)

    with pytest.raises(ChangedSinceStep, match="Ana changed “Undo 0”"):
        restore(db, mine.undo)

    assert influencers.get(db, person).city == "Lisbon"


def test_own_edit_bulk_tag_and_their_undos_in_turn_as_before(db: Database, ana: Database) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Mine", city="Rome"))
    mine = _edit(db, person, city="Milan")
    tagged = bulk.change_tags(db, [person], "undo-test")

    restore(db, tagged.undo)
    restore(db, mine.undo)

    now = influencers.get(db, person)
    assert (now.city, now.tags) == ("Rome", ())
