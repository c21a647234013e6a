"""An import previewed, then applied after someone else changed a person it updates: the
summary names them, and what the other user changed outside the file's columns is kept.
Ana and Sam are two `Database` objects on the same file or server."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from infcrm.db.engine import Database, open_database
from infcrm.files.import_apply import apply_plan
from infcrm.files.import_mapping import suggest_mapping
from infcrm.files.import_plan import build_plan
from infcrm.files.spreadsheet_reader import read_table
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput

SHEET = "Name,Email,City\nLena Vogel,lena@example.com,Hamburg\nBen Okafor,ben@example.com,Lagos\n"


def _people(db: Database) -> tuple[int, int]:
    return (
        influencers.create(db, InfluencerInput("Lena Vogel", email="lena@example.com")),
        influencers.create(db, InfluencerInput("Ben Okafor", email="ben@example.com")),
    )


def _preview(db: Database, tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text(SHEET, encoding="utf-8")
    table = read_table(path)
    return build_plan(db, table, suggest_mapping(table.headers), on_duplicate="update")


def test_people_changed_between_the_preview_and_the_import_are_named(
    db: Database, tmp_path: Path
) -> None:
    lena, _ben = _people(db)
    plan = _preview(db, tmp_path)
    sam = open_database(db.url)
    try:
        form = influencers.get(sam, lena).to_input()
        influencers.update(sam, lena, dataclasses.replace(form, notes="Vegan only", city="Munich"))
    finally:
        sam.close()

    summary = apply_plan(db, plan)

    (note,) = [n for n in summary.notes if "since the preview" in n]
    assert note.startswith(
        "1 person this import updated had been changed elsewhere since the preview (Lena Vogel)"
    )
    now = influencers.get(db, lena)
    assert (now.city, now.notes) == ("Hamburg", "Vegan only"), "the file's city, Sam's notes"


def test_an_import_with_nobody_changed_meanwhile_says_nothing_of_it(
    db: Database, tmp_path: Path
) -> None:
    _people(db)
    summary = apply_plan(db, _preview(db, tmp_path))
    assert not [n for n in summary.notes if "since the preview" in n]
    assert summary.updated == 2
