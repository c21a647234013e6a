"""A person's rows in a file that match two people already in infcrm between them: the row
that brought in the second person is named, not only the first row (whose own cells match
one person)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from ana_and_bea import FILE, SAID, add_ana_and_bea

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file


@pytest.fixture
def ana_and_bea(db: Database) -> Database:
    add_ana_and_bea(db)
    return db


@pytest.mark.parametrize("choice", ["skip", "update"])
def test_the_row_that_brings_in_a_second_person_is_named(
    ana_and_bea: Database, tmp_path: Path, choice: str
) -> None:
    path = tmp_path / "networks.csv"
    path.write_text(FILE, encoding="utf-8")

    preview = import_file(ana_and_bea, path, on_duplicate=choice, dry_run=True)
    summary = import_file(ana_and_bea, path, on_duplicate=choice)

    assert f"Row 2: {SAID}" in preview.problems
    assert f"Row 2: {SAID}" in summary.problems
    assert (summary.created, summary.rejected) == (2, 2)
    with summary.not_imported_path.open(encoding="utf-8-sig", newline="") as left:
        why = {row["Handle"]: row["Why"] for row in csv.DictReader(left)}
    assert why["ana.ruiz"] == SAID
    # Row 5 says the same: it is the row to correct as much as row 2.
    assert why["bea.tok"] == (
        "Same email as row 2 of this file, which is not imported because this row matches Bea "
        "Lopez by the TikTok account @bea.tok: correct one of the rows so they name one person."
    )
    assert f"Row 5: {why['bea.tok']}" in summary.problems


def test_a_row_whose_own_cells_match_two_people_is_told_as_before(
    ana_and_bea: Database, tmp_path: Path
) -> None:
    path = tmp_path / "one.csv"
    path.write_text("Name,Email,Platform,Handle\nAna Ruiz,ana@ruiz.studio,TikTok,bea.tok\n")

    summary = import_file(ana_and_bea, path)

    assert summary.problems == (
        "Row 2: This row matches 2 people already in infcrm (Ana Ruiz and Bea Lopez); correct "
        "the row so it names one of them.",
    )
