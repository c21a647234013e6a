"""User text that looks like a formula stays text in .xlsx and .csv, checked cell by cell."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from infcrm.db.engine import Database
from infcrm.files.csv_export import export_csv, write_rows
from infcrm.files.export_columns import ExportColumn
from infcrm.files.safe_cells import restore_text, safe_text
from infcrm.files.xlsx_book import Formats, new_workbook
from infcrm.files.xlsx_export import export_xlsx, write_sheet
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery

PAYLOADS = (
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=x",
    "\r=x",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "#N/A",
)
TEXT_COLUMNS = (
    ExportColumn("name", "Name", "text", 20),
    ExportColumn("notes", "Notes", "text", 20),
    ExportColumn("tags", "Tags", "text", 20),
)


def _no_progress(done: int, total: int, text: str) -> None:
    return None


@pytest.fixture
def people(db: Database) -> list[tuple[str, str, str]]:
    """One influencer per payload in name, notes and tags; (name, notes, tags) as stored,
    in the export's order."""
    for payload in PAYLOADS:
        influencers.create(db, InfluencerInput(display_name=payload, notes=payload, tags=payload))
    ids = influencer_list.list_ids(db, ListQuery())
    rows = influencer_list.rows(db, ids)
    return [
        (rows[i].display_name, influencers.get(db, i).notes or "", rows[i].tags or "") for i in ids
    ]


def test_xlsx_export_writes_every_payload_as_a_string_cell(
    db: Database, people: list[tuple[str, str, str]], tmp_path: Path
) -> None:
    target = tmp_path / "people.xlsx"
    export_xlsx(db, target, None, ["name", "notes", "tags"])

    sheet = load_workbook(target)["Influencers"]
    rows = list(sheet.iter_rows(min_row=2, max_col=3))
    assert len(rows) == len(PAYLOADS)
    for row, expected in zip(rows, people, strict=True):
        for cell, value in zip(row, expected, strict=True):
            assert cell.data_type == "s", f"{cell.coordinate} {cell.value!r} is not text"
            assert cell.value == value
    assert any(cell.value.startswith("=") for row in rows for cell in row)


def test_xlsx_writer_keeps_tabs_and_returns_as_text(tmp_path: Path) -> None:
    # The services trim names, so feed the writer directly with what an import could hold.
    with new_workbook(tmp_path / "raw.xlsx") as book:
        sheet = book.add_worksheet("Influencers")
        rows = [[p, p, p] for p in PAYLOADS]
        write_sheet(sheet, Formats(book), TEXT_COLUMNS, rows, len(PAYLOADS), _no_progress)

    rows = list(load_workbook(tmp_path / "raw.xlsx")["Influencers"].iter_rows(min_row=2))
    assert len(rows) == len(PAYLOADS)
    assert all(cell.data_type == "s" for row in rows for cell in row)
    # A carriage return is stored escaped (_x000D_), as the format says: Excel and calamine
    # (infcrm's reader) give it back exactly, where openpyxl shows the escape.
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "raw.xlsx"))
    values = book.get_sheet_by_name("Influencers").to_python()[1:]
    assert values == [[p, p, p] for p in PAYLOADS]


def test_xlsx_drops_control_characters_excel_cannot_hold(tmp_path: Path) -> None:
    with new_workbook(tmp_path / "ctl.xlsx") as book:
        sheet = book.add_worksheet("Influencers")
        rows = [["Ann\x00a\x07", "=x\x1b", "ok"]]
        write_sheet(sheet, Formats(book), TEXT_COLUMNS, rows, 1, _no_progress)
    row = next(load_workbook(tmp_path / "ctl.xlsx")["Influencers"].iter_rows(min_row=2))
    assert [c.value for c in row] == ["Anna", "=x", "ok"]
    assert row[1].data_type == "s"


def test_csv_export_puts_a_quote_before_every_formula_start(
    db: Database, people: list[tuple[str, str, str]], tmp_path: Path
) -> None:
    target = tmp_path / "people.csv"
    export_csv(db, target, None, ["name", "notes", "tags"])

    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    # "Do not contact" always travels with a list, after the chosen columns.
    assert header == ["Name", "Notes", "Tags", "Do not contact"]
    assert len(rows) == len(PAYLOADS)
    for row, expected in zip(rows, people, strict=True):
        for field, value in zip(row[:3], expected, strict=True):
            risky = value.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert field == ("'" + value if risky else value)
            assert not field.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert restore_text(field) == value


def test_csv_writer_neutralises_tabs_and_returns_too(tmp_path: Path) -> None:
    target = tmp_path / "raw.csv"
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        write_rows(handle, TEXT_COLUMNS, [[p, p, p] for p in PAYLOADS], len(PAYLOADS), _no_progress)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    for payload, row in zip(PAYLOADS, rows, strict=True):
        for field in row:
            assert field == safe_text(payload)
            assert field[0] not in "=+-@\t\r"
            assert restore_text(field) == payload


def test_safe_text_leaves_ordinary_text_alone() -> None:
    assert safe_text("Anna Bakes") == "Anna Bakes"
    assert safe_text("") == ""
    assert safe_text("a=b") == "a=b"
    assert restore_text("'quoted on purpose") == "'quoted on purpose"
