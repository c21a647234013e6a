"""A cell holding a spreadsheet error is named in the problems, never silently left empty."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.files.spreadsheet_reader import read_table
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery

ROWS = [
    ["Name", "Instagram handle", "Followers", "Email", "Rank"],
    ["Anna", "anna.bakes", "#DIV/0!", "anna@example.com", "#REF!"],
    ["Ben", "ben.cooks", "12k", "#VALUE!", 2],
    ["Cy", "cy.runs", "#N/A", "#NAME?", 3],
    ["Dee", "dee.draws", "#NUM!", "dee@example.com", 4],
    ["Eve", "eve.sings", "#NULL!", "eve@example.com", 5],
]


def _people(db: Database) -> dict[str, object]:
    ids = influencer_list.list_ids(db, ListQuery())
    return {p.display_name: p for p in (influencers.get(db, i) for i in ids)}


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "formulas.csv"
    path.write_text("\n".join(",".join(map(str, row)) for row in ROWS) + "\n", encoding="utf-8")
    return path


def _xlsx(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    for row in ROWS:
        sheet.append(row)  # openpyxl stores “#DIV/0!” and the like as error cells
    assert sheet["C2"].data_type == "e"
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    return path


def _xls(tmp_path: Path) -> Path:
    """The same rows in an Excel 97-2003 file: formulas whose last result was an error, and two
    errors typed in (tests/fixtures/made/make_error_cells_xls.py)."""
    made = Path(__file__).parents[2] / "fixtures" / "made" / "error-cells-excel97.xls"
    return Path(shutil.copy(made, tmp_path / "formulas.xls"))


_ODS_NAMES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


def _ods_cell(text: object) -> str:
    # As LibreOffice saves a formula whose result is an error.
    if str(text).startswith(("#", "Err:")):
        return (
            '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
            f'office:string-value="" calcext:value-type="error"><text:p>{text}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(text, int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{text}">'
            f"<text:p>{text}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p>'
        "</table:table-cell>"
    )


def _ods(tmp_path: Path, table: list[list[object]] = ROWS) -> Path:
    """The same rows in an .ods laid out as LibreOffice writes one: a second sheet before,
    rows repeated, the rest of the row's columns as one repeated empty cell."""
    rows = "".join(
        f"<table:table-row>{''.join(_ods_cell(t) for t in row)}"
        '<table:table-cell table:number-columns-repeated="1019"/></table:table-row>'
        for row in table
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NAMES} '
        'office:version="1.3"><office:body><office:spreadsheet>'
        '<table:table table:name="People"><table:table-column/>'
        f"{rows}"
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row></table:table>'
        '<table:table table:name="Notes"><table:table-row>'
        f"{_ods_cell('#VALUE!')}</table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path = tmp_path / "formulas.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


@pytest.mark.parametrize("make", [_csv, _xlsx, _xls, _ods], ids=["csv", "xlsx", "xls", "ods"])
def test_each_error_cell_is_reported_by_row_column_and_value(
    make, db: Database, tmp_path: Path
) -> None:
    summary = import_file(db, make(tmp_path))

    # The cell costs the cell, not the row.
    assert (summary.created, summary.rejected) == (5, 0)
    problems = [p for p in summary.problems if "spreadsheet error" in p]
    assert sorted(problems) == sorted(
        [
            "Row 2, column C (Followers): “#DIV/0!” is a spreadsheet error (a formula that "
            "failed), not a value. Left empty.",
            "Row 3, column D (Email): “#VALUE!” is a spreadsheet error (a formula that "
            "failed), not a value. Left empty.",
            "Row 4, column D (Email): “#NAME?” is a spreadsheet error (a formula that "
            "failed), not a value. Left empty.",
            "Row 5, column C (Followers): “#NUM!” is a spreadsheet error (a formula that "
            "failed), not a value. Left empty.",
            "Row 6, column C (Followers): “#NULL!” is a spreadsheet error (a formula that "
            "failed), not a value. Left empty.",
        ]
    )
    # #N/A means “no value” and is not a problem; a column not imported (Rank) is not read.
    assert not any("#N/A" in p or "Rank" in p for p in summary.problems)
    people = _people(db)
    assert people["Anna"].accounts[0].followers is None
    assert people["Anna"].email == "anna@example.com"
    assert people["Ben"].email is None and people["Ben"].accounts[0].followers == 12_000
    assert people["Cy"].accounts[0].followers is None


def test_an_ods_error_is_said_as_the_other_formats_say_it(db: Database, tmp_path: Path) -> None:
    # LibreOffice writes the error as it shows it: a code of its own where Excel has no
    # name for it, and the names in the user's language.
    rows = [
        ["Name", "Instagram handle", "Followers", "Email"],
        ["Anna", "anna.bakes", "Err:502", "anna@example.com"],
        ["Ben", "ben.cooks", "#WERT!", "ben@example.com"],
        ["Cy", "cy.runs", "Err:522", "#NOM ?"],
        ["Dee", "dee.draws", "Err:512", "dee@example.com"],
        ["Eve", "eve.sings", "#DIV/0 !", "Err:32767"],
    ]

    summary = import_file(db, _ods(tmp_path, rows))

    assert summary.created == 5
    assert sorted(p.split(" is a spreadsheet error")[0] for p in summary.problems) == [
        "Row 2, column C (Followers): “#VALUE! (Err:502)”",
        "Row 3, column C (Followers): “#VALUE!”",
        "Row 4, column C (Followers): “#VALUE! (Err:522)”",
        "Row 4, column D (Email): “#NAME?”",
        "Row 5, column C (Followers): “Err:512”",  # no name in Excel: as LibreOffice shows it
        "Row 6, column C (Followers): “#DIV/0!”",
    ]  # Err:32767 is LibreOffice's #N/A: no value, as the user means


def test_strict_refuses_a_file_with_an_error_cell(db: Database, tmp_path: Path) -> None:
    summary = import_file(db, _csv(tmp_path), strict=True)

    assert not summary.written
    assert influencer_list.count(db) == 0
    assert any(p.startswith("Row 2, column C (Followers): “#DIV/0!”") for p in summary.problems)


def test_an_error_beside_a_pasted_zero_width_space_in_one_column_is_still_reported(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "pasted.csv"
    path.write_text(
        "Name,Instagram handle,Followers\nAnna\u200b,anna.bakes,#REF!\nBen,ben.cooks,2k\n"
        "Cy,cy.runs,3k\u200b\n",
        encoding="utf-8",
    )

    summary = import_file(db, path)

    assert summary.created == 3
    assert any(p.startswith("Row 2, column C (Followers): “#REF!”") for p in summary.problems)


def test_an_error_that_excel_saved_in_an_old_xls_is_found_where_excel_shows_it() -> None:
    real = Path(__file__).parents[2] / "fixtures" / "real" / "formula_test_sjmachin.xls"

    table = read_table(real)

    # Row 7 of the sheet: “formula error” beside a formula that divides by zero.
    assert table.error_cells == {7: {1: "#DIV/0!"}}


@pytest.mark.parametrize("make", [_xls, _ods], ids=["xls", "ods"])
def test_a_damaged_workbook_never_stops_the_search_for_error_cells(make, tmp_path: Path) -> None:
    import random

    from infcrm.files.workbook_errors import workbook_error_cells

    good = make(tmp_path).read_bytes()
    sheet = "Formulas" if good.startswith(b"\xd0\xcf") else "People"
    damaged = tmp_path / "damaged.bin"
    chance = random.Random(11)
    for round_number in range(150):
        data = bytearray(good)
        for _ in range(chance.randint(1, 40)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        if round_number % 3 == 0:
            data = data[: chance.randrange(len(data))]  # cut short
        damaged.write_bytes(bytes(data))

        found = workbook_error_cells(damaged, sheet)  # never raises: calamine says what is wrong

        assert isinstance(found, dict)


NEVER_WORKED_OUT = (
    "is a formula that was never worked out: the program that saved the file did not "
    "calculate it. Open the file in Excel or LibreOffice, save it, and import it again. "
    "Left empty."
)


def test_a_formula_never_worked_out_is_named_not_left_empty_silently(
    db: Database, tmp_path: Path
) -> None:
    # A list made by a script (openpyxl, which stores formulas but never their results): Excel
    # shows the figures, worked out on opening, yet the file holds none of them.
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Instagram", "Followers", "Likes", "Comments", "Engagement"])
    sheet.append(["Ana", "ana.lopez", 12_000, 500, 20, "=(D2+E2)/C2"])
    sheet.append(["Ben", "ben_ode", "=1000*15", 100, 5, "=(D3+E3)/C3"])
    sheet.append(["Cy", "cy.runs", "=SUM(C2:C3)", '=D2&"x"', 7, None])
    path = tmp_path / "made-by-a-script.xlsx"
    book.save(path)

    summary = import_file(db, path)

    assert (summary.created, summary.rejected) == (3, 0)
    assert [p for p in summary.problems if "formula" in p] == [
        f"Row 3, column C (Followers): “=1000*15” {NEVER_WORKED_OUT}",
        f"Row 4, column C (Followers): “=SUM(C2:C3)” {NEVER_WORKED_OUT}",
        f'Row 4, column D (Likes): “=D2&"x"” {NEVER_WORKED_OUT}',
    ]  # Engagement is not imported: its formulas cost nothing
    people = _people(db)
    assert people["Ana"].accounts[0].followers == 12_000
    assert people["Ben"].accounts[0].followers is None


def test_a_formula_saved_as_zero_by_a_script_is_named_not_imported_as_zero(
    db: Database,
) -> None:
    # XlsxWriter (as pandas uses it) saves each formula with 0 in place of its result and
    # asks whoever opens the file to work them out: Ben's 15,000 followers came in as 0.
    path = Path(__file__).parents[2] / "fixtures" / "made" / "formulas-xlsxwriter.xlsx"

    summary = import_file(db, path)

    assert (summary.created, summary.rejected) == (3, 0)
    assert [p for p in summary.problems if "formula" in p] == [
        f"Row 3, column C (Followers): “=1000*15” {NEVER_WORKED_OUT}",
        f"Row 4, column D (Likes): “=SUM(D2:D3)” {NEVER_WORKED_OUT}",
    ]
    people = _people(db)
    assert people["Ana"].accounts[0].followers == 12_000
    assert people["Ben"].accounts[0].followers is None
    assert people["Cy"].accounts[0].avg_likes is None
