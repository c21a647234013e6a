"""One bad row never blocks a file: bad cells are left empty, unidentifiable rows set aside."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook, load_workbook

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.exchange import import_history
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery


def _csv(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _people(db: Database) -> dict[str, object]:
    ids = influencer_list.list_ids(db, ListQuery())
    return {p.display_name: p for p in (influencers.get(db, i) for i in ids)}


def test_a_bad_cell_costs_the_cell_not_the_row(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Name,Instagram handle,Followers,Email\n"
        "Anna,anna.bakes,lots,anna@example.com\n"
        "Ben,ben.cooks,12k,not-an-email\n",
    )

    summary = import_file(db, path)

    assert summary.written and (summary.created, summary.rejected) == (2, 0)
    people = _people(db)
    assert people["Anna"].accounts[0].followers is None  # the unreadable count left empty
    assert people["Anna"].email == "anna@example.com"
    assert people["Ben"].email is None and people["Ben"].accounts[0].followers == 12_000
    assert any(
        p.startswith("Row 2, column C (Followers): “lots”") and p.endswith("Left empty.")
        for p in summary.problems
    ), summary.problems
    assert any(p.startswith("Row 3, column D (Email): “not-an-email”") for p in summary.problems)
    assert summary.not_imported_path is None
    assert not (tmp_path / "people-not-imported.csv").exists()


def test_rows_naming_nobody_go_to_a_file_beside_the_source_that_imports_again(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "Name,Instagram handle,Followers,Email\n"
        "Anna,anna.bakes,1k,anna@example.com\n"
        ",bad handle!,2k,no-email\n"
        "Cy,cy.runs,3k,\n",
    )

    summary = import_file(db, path)

    assert (summary.created, summary.rejected) == (2, 1)
    leftovers = tmp_path / "people-not-imported.csv"
    assert summary.not_imported_path == leftovers
    with leftovers.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Name", "Instagram handle", "Followers", "Email", "Why"]
    assert rows[1][:4] == ["", "bad handle!", "2k", "no-email"]
    assert "Nobody can be identified in this row" in rows[1][4]
    assert "B (Instagram handle)" in rows[1][4]

    # The user fixes the row and imports the file again; the “Why” column is not data.
    rows[1][0] = "Dee"
    rows[1][1] = "dee.draws"
    with leftovers.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    again = import_file(db, leftovers)

    assert (again.created, again.rejected) == (1, 0)
    dee = _people(db)["Dee"]
    assert dee.accounts[0].handle == "dee.draws" and dee.notes is None
    assert influencer_list.count(db) == 3


def test_a_long_list_keeps_every_row_not_imported_whichever_block_it_is_in(
    db: Database, tmp_path: Path
) -> None:
    # The import reads, decides and writes 1,000 rows at a time; a row left out in any of
    # them reaches the file of rows not imported, in file order, with its cells as typed.
    lines = ["Name,Instagram handle,Followers"]
    bad = {5: ",bad handle!,1k", 1_500: ",also bad!,2k", 2_999: ",last bad!,3k"}
    for n in range(1, 3_001):
        lines.append(bad.get(n, f"Person {n},person_{n},{n}"))
    path = _csv(tmp_path, "\n".join(lines) + "\n")

    summary = import_file(db, path)

    assert (summary.created, summary.rejected) == (2_997, 3)
    with (tmp_path / "people-not-imported.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [row[:3] for row in rows[1:]] == [
        ["", "bad handle!", "1k"],
        ["", "also bad!", "2k"],
        ["", "last bad!", "3k"],
    ]
    assert influencer_list.count(db) == 2_997


def test_a_workbook_gets_its_rows_not_imported_back_as_a_workbook(
    db: Database, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "Notes"])
    sheet.append(["Anna", "anna@example.com", "ok"])
    sheet.append([None, "broken@", "=1+1 typed as text"])
    sheet["C3"].data_type = "s"
    source = tmp_path / "list.xlsx"
    book.save(source)

    summary = import_file(db, source)

    assert summary.not_imported_path == tmp_path / "list-not-imported.xlsx"
    back = load_workbook(summary.not_imported_path).worksheets[0]
    values = [[c.value for c in row] for row in back.iter_rows()]
    assert values[0] == ["Name", "Email", "Notes", "Why"]
    assert values[1][:3] == [None, "broken@", "=1+1 typed as text"]
    assert back["C2"].data_type == "s"  # stays text, never a formula


def test_strict_keeps_all_or_nothing(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Name,Followers,Instagram handle\nAnna,lots,anna\nBen,1k,ben\n")

    summary = import_file(db, path, strict=True)

    assert not summary.written and "strict" in (summary.refused or "")
    assert influencer_list.count(db) == 0
    assert not (tmp_path / "people-not-imported.csv").exists()


def test_the_same_file_twice_with_skip_adds_nobody_also_by_name_alone(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "Name,YouTube followers,Email,Instagram handle\n"
        "Like Nastya,100M,,\n"
        "Vlad and Niki,90M,,\n"
        "Anna,,anna@example.com,\n"
        "Ben,,,ben.cooks\n",
    )
    first = import_file(db, path)
    assert first.created == 4

    again = import_file(db, path)

    assert (again.created, again.skipped) == (0, 4)
    assert influencer_list.count(db) == 4
    assert any("Like Nastya (same name)" in r for r in again.skipped_reasons)
    assert len(import_history.imports(db)) == 1


def test_stage_values_that_are_not_stages_map_to_the_nearest_one(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "Name,Status\nAnna,Not Started\nBen,Replied\nCy,Contacted ✅\nDee,Maybe later\n",
    )

    summary = import_file(db, path)

    people = _people(db)
    stages = {name: people[name].stage_name for name in ("Anna", "Ben", "Cy", "Dee")}
    assert stages == {
        "Anna": "Prospect",
        "Ben": "In talks",
        "Cy": "Contacted",
        "Dee": "Prospect",  # not understood: left empty, so the first stage, and reported
    }
    assert dict(summary.stages) == {
        "Not Started": "Prospect",
        "Replied": "In talks",
        "Contacted ✅": "Contacted",
        "Maybe later": None,
    }
    assert any("“Maybe later” is not one of your pipeline stages" in p for p in summary.problems)


def test_a_status_ending_in_a_known_word_means_that_word_unless_negated(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "Name,Status\nAnna,affiliate confirmed\nBen,Email sent\nCy,Not replied\nDee,Unknown\n",
    )

    summary = import_file(db, path)

    assert dict(summary.stages) == {
        "affiliate confirmed": "Agreed",
        "Email sent": "Contacted",
        "Not replied": None,  # “not” turns “replied” around: never guessed
    }
    assert _people(db)["Dee"].stage_name == "Prospect"  # “Unknown” is empty, not a stage


def test_a_stand_in_address_is_never_stored_nor_makes_people_one(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "TikTok,Email,Followers\namuse_official,example@example.com,233k\n"
        "songofskin,Example@Example.com,1.3M\nanna.cooks,anna@anna.com,12k\n",
    )

    summary = import_file(db, path)

    assert summary.created == 3  # not one person under one shared stand-in
    people = _people(db)
    assert people["songofskin"].email is None
    assert people["anna.cooks"].email == "anna@anna.com"  # her own domain is her own
    assert summary.problems[0] == (
        "Row 2, column B (Email): “example@example.com” is a stand-in, not someone's address. "
        "Left empty."
    )


def test_our_csv_export_imports_back_whole(demo_db: Database, tmp_path: Path) -> None:
    from infcrm.db.engine import open_database
    from infcrm.files.csv_export import export_csv

    with demo_db.transaction() as session:
        from sqlalchemy import update

        from infcrm.db.models import Influencer

        # Text a spreadsheet would run as a formula: the export protects it with a quote.
        session.execute(update(Influencer).where(Influencer.id == 1).values(notes="=SUM(A1)"))
        session.execute(update(Influencer).where(Influencer.id == 2).values(city="-Lyon"))
    first = tmp_path / "first.csv"
    export_csv(demo_db, first)
    empty = open_database(tmp_path / "empty.sqlite")
    try:
        summary = import_file(empty, first)
        assert summary.written and summary.rejected == 0, summary.problems[:5]
        second = tmp_path / "second.csv"
        export_csv(empty, second)
        notes = {p.notes for p in _people(empty).values()}
        assert "=SUM(A1)" in notes  # stored without the protective quote
    finally:
        empty.close()
    assert _without_import_columns(first) == _without_import_columns(second)


def _without_import_columns(path: Path) -> list[list[str]]:
    """The export's rows less the columns that record how and when a person came in."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    skip = {i for i, h in enumerate(rows[0]) if h in ("Found via", "Found how", "Updated")}
    return sorted([c for i, c in enumerate(row) if i not in skip] for row in rows)
