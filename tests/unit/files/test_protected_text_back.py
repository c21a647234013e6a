"""Text an export protects from running as a formula comes back exactly as it was typed.

The CSV export puts a single quote before text that begins with = + - @ (OWASP); the .xlsx
export writes such text as a string cell. Importing either file into an empty database must
store the originals: no quote added, none of the user's own quotes lost.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from infcrm.db.engine import Database, open_database
from infcrm.files.csv_export import export_csv
from infcrm.files.import_apply import import_file
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

# Names made from a handle (“@anna.bakes”, as an import names someone known only by their
# handle), notes and other text that a spreadsheet would take for a formula.
PEOPLE = (
    InfluencerInput(
        display_name="@anna.bakes",
        notes="=SUM(A1:A9) is how she counts her followers",
        city="-Lyon",
        tags="+vip",
        accounts=(AccountInput("instagram", "@anna.bakes", followers=12_400),),
    ),
    InfluencerInput(
        display_name="@tom_rides",
        notes="+44 7700 900123 is his agent",
        niches="=cycling",
        accounts=(AccountInput("tiktok", "@tom_rides", followers=880_000),),
    ),
    InfluencerInput(
        display_name="@lea-cooks",
        notes="- sends recipes on Fridays\n- prefers email",
        real_name="@Léa Martin",
        accounts=(AccountInput("youtube", "@lea-cooks", followers=5_100),),
    ),
    InfluencerInput(
        display_name="Quoted Quinn",
        # The user's own quote before a formula character is text too, and must survive.
        notes="'=not a formula, quoted by hand",
        owner="@sam",
        accounts=(AccountInput("instagram", "quoted.quinn", followers=300),),
    ),
)
FIELDS = ("display_name", "real_name", "city", "niches", "tags", "notes", "owner")


def _stored(db: Database) -> dict[str, dict[str, object]]:
    """Each person's text fields and main account, by name, as the database holds them."""
    people = {}
    for influencer_id in influencer_list.list_ids(db, ListQuery()):
        detail = influencers.get(db, influencer_id)
        values: dict[str, object] = {field: getattr(detail, field) for field in FIELDS}
        account = detail.accounts[0]
        values["account"] = (account.platform, account.handle, account.followers)
        people[detail.display_name] = values
    return people


@pytest.fixture
def original(db: Database) -> dict[str, dict[str, object]]:
    for person in PEOPLE:
        influencers.create(db, person)
    stored = _stored(db)
    # The service keeps the text as typed (a handle loses its @, a name keeps it).
    assert stored["@anna.bakes"]["notes"].startswith("=")
    assert stored["@anna.bakes"]["account"] == ("instagram", "anna.bakes", 12_400)
    assert stored["Quoted Quinn"]["notes"] == "'=not a formula, quoted by hand"
    return stored


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "empty.sqlite")
    yield database
    database.close()


def test_the_csv_export_protects_the_text_and_the_import_removes_the_quote(
    db: Database, original: dict, empty: Database, tmp_path: Path
) -> None:
    exported = tmp_path / "people.csv"
    export_csv(db, exported)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    # The file is protected: nothing begins with a formula character.
    assert rows["'@anna.bakes"]["Notes"].startswith("'=SUM")
    assert rows["'@tom_rides"]["Notes"] == "'+44 7700 900123 is his agent"
    assert rows["'@lea-cooks"]["City"] == "" and rows["'@anna.bakes"]["City"] == "'-Lyon"
    assert rows["Quoted Quinn"]["Owner"] == "'@sam"

    summary = import_file(empty, exported)

    assert (summary.created, summary.rejected) == (len(PEOPLE), 0), summary.problems
    assert _stored(empty) == original


def test_the_xlsx_export_imports_back_with_the_same_text(
    db: Database, original: dict, empty: Database, tmp_path: Path
) -> None:
    exported = tmp_path / "people.xlsx"
    export_xlsx(db, exported)

    summary = import_file(empty, exported)

    assert (summary.created, summary.rejected) == (len(PEOPLE), 0), summary.problems
    assert _stored(empty) == original
