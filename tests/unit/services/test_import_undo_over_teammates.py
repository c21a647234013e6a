"""Undoing an import never deletes a teammate's work on the people it added: two copies of
the app on one database (the test's own signs as Sam, `ana` as Ana), on a file and on a
server."""

from __future__ import annotations

import datetime as dt
from datetime import date
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.errors import EditedSinceImport
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.outreach import followups, history, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery


def _imported(db: Database, tmp_path: Path) -> tuple[int, dict[str, int]]:
    path = tmp_path / "new.csv"
    path.write_text("Name,IG\nDana Dough,dana\nEli Bakes,eli\n", encoding="utf-8")
    summary = import_file(db, path)
    ids = influencer_list.list_ids(db, ListQuery())
    rows = influencer_list.rows(db, ids)
    return summary.batch_id, {rows[i].display_name: i for i in ids}


def _names(db: Database) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery())
    return sorted(row.display_name for row in influencer_list.rows(db, ids).values())


def _messages(db: Database, person: int) -> list[str]:
    return [entry.title for entry in history.timeline(db, person) if entry.interaction_id]


def test_undo_of_an_import_keeps_a_person_a_teammate_has_since_written_to(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    batch, people = _imported(db, tmp_path)
    dana = people["Dana Dough"]
    interactions.log_interaction(
        ana, InteractionInput(dana, "email", "inbound", subject="Ana's reply", summary="Box")
    )
    followups.add_follow_up(ana, dana, date(2026, 6, 1), "Ana: ship the box")

    result, _redo = undo_import(db, batch)

    assert (result.removed, result.kept) == (1, 1)
    assert _names(db) == ["Dana Dough"]
    assert _messages(ana, dana) == ["Email from them: Ana's reply"]


def test_undo_last_import_names_the_person_a_teammate_wrote_to_before_undoing(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    _batch, people = _imported(db, tmp_path)
    followups.add_follow_up(ana, people["Eli Bakes"], date(2026, 6, 1), "Ana: call Eli")

    with pytest.raises(EditedSinceImport, match="Eli Bakes"):
        import_history.undo_last_import(db)

    assert _names(db) == ["Dana Dough", "Eli Bakes"]


def test_an_import_that_updates_a_person_in_the_trash_says_where_they_are(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput

    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel", email="l@x.io"))
    influencers.trash(ana, [lena])  # Ana moves her to the Trash
    path = tmp_path / "figures.csv"
    path.write_text("Name,Email,City\nLena Vogel,l@x.io,Oslo\n", encoding="utf-8")

    summary = import_file(db, path, on_duplicate="update")

    assert summary.updated == 1 and _names(db) == []  # written where the list does not show
    said = " ".join(summary.notes)
    assert "Lena Vogel" in said and "in the Trash" in said and "restore" in said.lower()


def test_undo_of_an_import_keeps_a_person_edited_on_a_computer_whose_clock_is_behind(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    from dataclasses import replace

    from sqlalchemy import text

    from infcrm.services.people import influencers

    batch, people = _imported(db, tmp_path)
    dana = people["Dana Dough"]
    seen = influencers.get(ana, dana)
    influencers.update(ana, dana, replace(seen.to_input(), city="Lisbon"))
    with ana.transaction() as session:  # her clock runs ten minutes behind the importer's
        then = {"then": seen.created_at - dt.timedelta(minutes=10), "id": dana}
        session.execute(text("UPDATE influencer SET updated_at = :then WHERE id = :id"), then)
        session.execute(
            text("UPDATE social_account SET updated_at = :then WHERE influencer_id = :id"), then
        )

    result, _redo = undo_import(db, batch)

    assert result.kept == 1
    assert influencers.get(db, dana).city == "Lisbon"


def _lena_updated_by_import(db: Database, tmp_path: Path) -> tuple[int, int]:
    """Lena, saved before the import; then an import that updates her city (batch, id)."""
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput

    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel", email="l@x.io"))
    path = tmp_path / "cities.csv"
    path.write_text("Name,Email,City\nLena Vogel,l@x.io,Oslo\n", encoding="utf-8")
    summary = import_file(db, path, on_duplicate="update")
    assert summary.updated == 1
    return summary.batch_id, lena


def _stamp(database: Database, table: str, column: str, minutes: int, where: str, at: int) -> None:
    """Move a row's time by `minutes`, as a computer whose clock is that far off wrote it."""
    from sqlalchemy import select, update

    from infcrm.db.base import Base

    rows = Base.metadata.tables[table]
    with database.transaction() as session:
        now = session.execute(select(rows.c[column]).where(rows.c[where] == at)).scalar_one()
        then = now + dt.timedelta(minutes=minutes)
        session.execute(update(rows).where(rows.c[where] == at).values({column: then}))


def test_undo_of_an_import_keeps_an_updated_person_a_teammate_edited_with_her_clock_behind(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    from dataclasses import replace

    from infcrm.services.people import influencers

    batch, lena = _lena_updated_by_import(db, tmp_path)
    seen = influencers.get(ana, lena)
    influencers.update(ana, lena, replace(seen.to_input(), city="Bergen"))
    _stamp(ana, "influencer", "updated_at", -10, "id", lena)  # her clock is behind

    result, _redo = undo_import(db, batch)

    assert (result.restored, result.kept) == (0, 1)
    assert influencers.get(db, lena).city == "Bergen"


def test_undo_of_an_import_restores_an_updated_person_whose_earlier_save_a_fast_clock_stamped(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    from infcrm.services.people import influencers

    batch, lena = _lena_updated_by_import(db, tmp_path)
    # Lena's last save before the import came from a computer whose clock runs an hour
    # ahead: the import left her time as it found it plus the import's, so push the
    # import's own stamp back to what the importer's slower clock would have said.
    with db.transaction() as session:
        from sqlalchemy import text

        session.execute(
            text("UPDATE import_batch SET imported_at = :then WHERE id = :id"),
            {"then": influencers.get(db, lena).updated_at - dt.timedelta(hours=1), "id": batch},
        )

    result, _redo = undo_import(db, batch)

    assert (result.restored, result.kept) == (1, 0)
    assert influencers.get(db, lena).city is None


def test_undo_last_import_after_its_redo_still_restores_the_updated_person(
    db: Database, tmp_path: Path
) -> None:
    from infcrm.services import restore_points
    from infcrm.services.people import influencers

    batch, lena = _lena_updated_by_import(db, tmp_path)
    _result, redo = undo_import(db, batch)
    restore_points.restore(db, redo, "redoing")
    assert influencers.get(db, lena).city == "Oslo"

    result = import_history.undo_last_import(db)

    assert (result.restored, result.kept) == (1, 0)
    assert influencers.get(db, lena).city is None


def test_undo_of_an_import_keeps_a_person_a_teammate_wrote_to_with_her_clock_behind(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    batch, people = _imported(db, tmp_path)
    dana = people["Dana Dough"]
    message = interactions.log_interaction(
        ana, InteractionInput(dana, "email", "inbound", subject="Ana's reply", summary="Box")
    )
    _stamp(ana, "interaction", "created_at", -10, "influencer_id", dana)
    followups.add_follow_up(ana, people["Eli Bakes"], date(2026, 6, 1), "Ana: call Eli")
    _stamp(ana, "follow_up", "created_at", -10, "influencer_id", people["Eli Bakes"])

    result, _redo = undo_import(db, batch)

    assert message is not None
    assert (result.removed, result.kept) == (0, 2)
    assert _messages(ana, dana) == ["Email from them: Ana's reply"]
