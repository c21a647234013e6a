"""`infcrm import` of a list with one person on several rows, as a user types it."""

from __future__ import annotations

import csv
from pathlib import Path

from ana_and_bea import FILE, SAID, add_ana_and_bea
from safety_helpers import infcrm

from infcrm.db.engine import open_database


def test_a_later_row_that_matches_a_second_person_is_named(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    database = open_database(db)
    try:
        add_ana_and_bea(database)
    finally:
        database.close()
    source = tmp_path / "networks.csv"
    source.write_text(FILE, encoding="utf-8")

    result = infcrm("import", str(source), "--db", str(db))

    assert f"Row 2: {SAID}" in result.stdout + result.stderr
    with (tmp_path / "networks-not-imported.csv").open(encoding="utf-8-sig", newline="") as left:
        why = {row["Handle"]: row["Why"] for row in csv.DictReader(left)}
    assert why["ana.ruiz"] == SAID
