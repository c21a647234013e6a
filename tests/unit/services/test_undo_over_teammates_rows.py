"""Undo never writes over a teammate's later change of the pipeline's stages or of a
follow-up (rows that count no versions: they are compared as the step left them). Two
copies of the app on one database (the test's own signs as Sam, `ana` as Ana), on a file
and on a server."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.outreach import followups, stage_edits
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.services.restore_points import restore


def _stage_names(db: Database) -> list[str]:
    return [stage.name for stage in influencers.stages(db)]


def _stage(db: Database, name: str) -> int:
    return next(stage.id for stage in influencers.stages(db) if stage.name == name)


def _follow_up(db: Database, follow_up: int) -> tuple:
    with db.reader() as session:
        sql = text("SELECT status, due_date FROM follow_up WHERE id = :id")
        status, due = session.execute(sql, {"id": follow_up}).one()
    return status, str(due)


def test_undo_of_a_stage_rename_refuses_over_a_teammates_later_rename(
    db: Database, ana: Database
) -> None:
    agreed = _stage(db, "Agreed")
    renamed = stage_edits.rename(db, agreed, "Signed")
    stage_edits.rename(ana, agreed, "Deal made")

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, renamed.undo)

    assert "Nothing was changed" in str(refused.value)
    assert "stages" in str(refused.value)
    assert "Deal made" in _stage_names(db)


def test_own_stage_edits_undo_and_redo_in_turn_as_before(db: Database) -> None:
    agreed = _stage(db, "Agreed")
    first = stage_edits.rename(db, agreed, "Signed")
    second = stage_edits.add(db, "Gifted")

    redo_second = restore(db, second.undo)
    redo_first = restore(db, first.undo)
    assert "Agreed" in _stage_names(db) and "Gifted" not in _stage_names(db)
    restore(db, redo_first)
    restore(db, redo_second)
    assert "Signed" in _stage_names(db) and "Gifted" in _stage_names(db)


def test_undo_of_a_snooze_refuses_after_a_teammate_marked_the_follow_up_done(
    db: Database, ana: Database
) -> None:
    person = influencers.create(db, InfluencerInput(display_name="Lena Vogel"))
    follow_up = followups.add_follow_up(db, person, dt.date(2026, 6, 1), "Call Lena")
    snoozed = followups.snooze(db, follow_up, dt.date(2026, 6, 5))
    followups.mark_done(ana, follow_up)

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, snoozed)

    assert "Ana changed" in str(refused.value) and "Lena Vogel" in str(refused.value)
    assert _follow_up(db, follow_up) == ("done", "2026-06-05")


def test_undo_of_ones_own_snooze_and_done_in_turn_as_before(db: Database) -> None:
    person = influencers.create(db, InfluencerInput(display_name="Lena Vogel"))
    follow_up = followups.add_follow_up(db, person, dt.date(2026, 6, 1), "Call Lena")
    snoozed = followups.snooze(db, follow_up, dt.date(2026, 6, 5))
    done = followups.mark_done(db, follow_up)

    restore(db, done)
    restore(db, snoozed)

    assert _follow_up(db, follow_up) == ("open", "2026-06-01")


def test_undo_of_a_view_rename_refuses_after_a_teammate_changed_its_filters(
    db: Database, ana: Database
) -> None:
    from infcrm.services.people import saved_views
    from infcrm.services.people.influencer_types import ListQuery

    view = int(saved_views.create(db, "Bakers", ListQuery(search="bake")).value)
    renamed = saved_views.rename(db, view, "Berlin bakers")
    saved_views.update_view(ana, view, ListQuery(search="bake berlin"))

    with pytest.raises(ChangedSinceStep, match="saved view “Berlin bakers”"):
        restore(db, renamed.undo)

    now = saved_views.get(db, view)
    assert (now.name, now.query.search) == ("Berlin bakers", "bake berlin")


def test_own_view_edits_undo_in_turn_as_before(db: Database) -> None:
    from infcrm.services.people import saved_views
    from infcrm.services.people.influencer_types import ListQuery

    view = int(saved_views.create(db, "Bakers", ListQuery(search="bake")).value)
    renamed = saved_views.rename(db, view, "Berlin bakers")
    narrowed = saved_views.update_view(db, view, ListQuery(search="bake berlin"))

    restore(db, narrowed.undo)
    restore(db, renamed.undo)

    now = saved_views.get(db, view)
    assert (now.name, now.query.search) == ("Bakers", "bake")
