"""`infcrm import` of a list with one person on several rows, as a user types it."""

from __future__ import annotations

import csv
from pathlib import Path

from safety_helpers import infcrm

from infcrm.db.engine import open_database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput


def test_a_later_row_that_matches_a_second_person_is_named(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    database = open_database(db)
    try:
        influencers.create(
            database,
            InfluencerInput(
                display_name="Ana Ruiz",
                email="ana@ruiz.studio",
                accounts=(AccountInput("instagram", "ana.ruiz"),),
            ),
        )
        influencers.create(
            database,
            InfluencerInput(
                display_name="Bea Lopez", accounts=(AccountInput("tiktok", "bea.tok"),)
            ),
        )
    finally:
        database.close()
    source = tmp_path / "networks.csv"
    source.write_text(
        "Name,Email,Platform,Handle\n"
        "Ana Ruiz,ana@ruiz.studio,Instagram,ana.ruiz\n"
        "Cara Icing,cara@icing.test,Instagram,cara.icing\n"
        "Dan Park,dan@park.test,Instagram,dan.park\n"
        "Ana Ruiz,ana@ruiz.studio,TikTok,bea.tok\n",
        encoding="utf-8",
    )

    result = infcrm("import", str(source), "--db", str(db))

    said = (
        "This row matches 2 people already in infcrm (Ana Ruiz and Bea Lopez): row 5 (the same "
        "person in this file) matches Bea Lopez by the TikTok account @bea.tok; correct one of "
        "the rows so they name one person."
    )
    assert f"Row 2: {said}" in result.stdout + result.stderr
    with (tmp_path / "networks-not-imported.csv").open(encoding="utf-8-sig", newline="") as left:
        why = {row["Handle"]: row["Why"] for row in csv.DictReader(left)}
    assert why["ana.ruiz"] == said
