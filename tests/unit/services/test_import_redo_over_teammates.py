"""Redoing an undone import never writes over a teammate's edit made between the undo and the
redo: two copies of the app on one database (the test's own signs as Sam, `ana` as Ana), on a
file and on a server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services import restore_points
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery


def _names(db: Database) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery())
    return sorted(row.display_name for row in influencer_list.rows(db, ids).values())


def _set_city(database: Database, person: int, city: str) -> None:
    seen = influencers.get(database, person)
    influencers.update(database, person, replace(seen.to_input(), city=city))


def test_redo_of_an_import_leaves_an_updated_person_a_teammate_edited_after_the_undo(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel", email="l@x.io"))
    path = tmp_path / "cities.csv"
    path.write_text("Name,Email,City\nLena Vogel,l@x.io,Oslo\n", encoding="utf-8")
    batch = import_file(db, path, on_duplicate="update").batch_id
    _result, redo = undo_import(db, batch)
    assert influencers.get(db, lena).city is None
    _set_city(ana, lena, "Bergen")  # Ana, after Sam's undo

    with pytest.raises(ChangedSinceStep, match=r"Ana changed .*Lena Vogel.*redoing"):
        restore_points.restore(db, redo, "redoing")

    assert influencers.get(db, lena).city == "Bergen"


def test_redo_of_an_import_leaves_an_added_person_a_teammate_edited_after_the_undo(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    path = tmp_path / "new.csv"
    path.write_text("Name,IG\nDana Dough,dana\nEli Bakes,eli\n", encoding="utf-8")
    batch = import_file(db, path).batch_id
    ids = influencer_list.list_ids(db, ListQuery())
    dana = next(i for i, row in influencer_list.rows(db, ids).items() if row.display_name[0] == "D")
    _set_city(ana, dana, "Lisbon")  # so the undo keeps her
    _result, redo = undo_import(db, batch)
    assert _names(db) == ["Dana Dough"]
    _set_city(ana, dana, "Porto")  # Ana again, after Sam's undo

    with pytest.raises(ChangedSinceStep, match=r"Ana changed .*Dana Dough"):
        restore_points.restore(db, redo, "redoing")

    assert influencers.get(db, dana).city == "Porto"
    assert _names(db) == ["Dana Dough"]  # nothing written: Eli stays undone


def test_redo_of_an_import_goes_ahead_over_the_importers_own_edit(
    db: Database, tmp_path: Path
) -> None:
    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel", email="l@x.io"))
    path = tmp_path / "cities.csv"
    path.write_text("Name,Email,City\nLena Vogel,l@x.io,Oslo\n", encoding="utf-8")
    batch = import_file(db, path, on_duplicate="update").batch_id
    _result, redo = undo_import(db, batch)
    _set_city(db, lena, "Bergen")  # Sam's own edit is no teammate's work

    restore_points.restore(db, redo, "redoing")

    assert influencers.get(db, lena).city == "Oslo"


def test_a_second_redo_of_an_import_leaves_a_person_it_added_that_a_teammate_edited(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel", email="l@x.io"))
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Name,Email,City\nLena Vogel,l@x.io,Oslo\nDana Dough,d@x.io,Rome\n", encoding="utf-8"
    )
    batch = import_file(db, path, on_duplicate="update").batch_id
    dana = next(i for i in influencer_list.list_ids(db, ListQuery(search="dana")))
    _set_city(ana, dana, "Lisbon")  # so the undo keeps her
    _result, redo = undo_import(db, batch)
    undo = restore_points.restore(db, redo, "redoing")
    redo = restore_points.restore(db, undo, "undoing")
    assert influencers.get(db, lena).city is None
    _set_city(ana, dana, "Porto")  # Ana, after Sam's second undo

    with pytest.raises(ChangedSinceStep, match=r"Ana changed .*Dana Dough.*redoing"):
        restore_points.restore(db, redo, "redoing")

    assert influencers.get(db, dana).city == "Porto"
    assert influencers.get(db, lena).city is None, "nothing written: Lena stays undone"
