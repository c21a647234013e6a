"""Spreadsheets written by Excel, LibreOffice, WPS and Google Docs read as those programs show them.

The files are in tests/fixtures/real/ (which package each comes from, its licence and the program
that wrote it are in the README there); every value checked here was read off the file by hand.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from infcrm.__main__ import main
from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.files.spreadsheet_reader import SpreadsheetError, read_table
from tests.real_files import REAL


def _people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM influencer").fetchone()[0]
    finally:
        conn.close()


def test_libreoffice_sheet_formatted_down_to_its_last_row_is_read(real) -> None:
    # LibreOffice 6.4 declared A1:AMJ1048576 and wrote ~1,000 empty formatted rows at the
    # bottom of the sheet; the table itself is three rows.
    table = read_table(real("bad_dimensions.xlsx"))

    assert table.headers == ["PN", "Qty", "Price"]
    assert [row.cells for row in table.rows] == [
        ("EP00001", 10000, 0.0367),
        ("EP00002", None, 1),
        ("EP00004", 10000, 0.001),
    ]
    assert [row.number for row in table.rows] == [2, 3, 4]


def test_a_sheet_without_people_is_refused_naming_the_file_and_what_is_missing(
    empty: Database, real
) -> None:
    with pytest.raises(Exception) as refused:
        import_file(empty, real("bad_dimensions.xlsx"))

    message = str(refused.value)
    assert "“bad_dimensions.xlsx”" in message
    assert "PN, Qty, Price" in message  # the columns it has, none of which says who
    assert "Name, Email or a handle" in message


def test_excel_2007_workbook_gives_formula_results_and_names_the_sheet_it_read(real) -> None:
    # Excel 2007 wrote firstPageNumber="4294967295" in the page set-up: not a row.
    table = read_table(real("reveng1.xlsx"))

    assert (table.sheet, table.sheet_names) == (
        "ZZZfirstsheet",
        ["ZZZfirstsheet", "AAA2ndsheet", "ControlChars"],
    )
    # Column D holds the lengths of the texts, under no name: a column named by its letter, not
    # rows said to have “a separator or quote missing” (there are none in a workbook).
    assert table.headers == ["description", "entered", "calculated", "Column D"]
    assert not any(row.problem for row in table.rows)
    by_name = {row.cells[0]: row.cells for row in table.rows}
    # “calculated” holds formulas; the value Excel last showed is what is read.
    assert by_name["empty string"][1:3] == (None, None)
    assert len(by_name["len near 128"][2]) == len(by_name["len near 128"][1])


def test_merged_cells_hold_their_value_in_the_top_left_cell_only(real) -> None:
    table = read_table(real("reveng1.xlsx"), sheet="AAA2ndsheet")

    assert table.header_row == 2 and table.headers[0] == "not mrgd"  # row 1 is a title
    merged = {row.number: row.cells for row in table.rows}
    # B3:D4 is merged: Excel shows the text once, in B3.
    assert merged[3][:5] == ("nm", "merged cells can be quite a barrel of fun", None, None, "nm")
    assert merged[4][:5] == ("nm", None, None, None, "nm")


def test_excel_97_formulas_read_as_their_cached_values(real) -> None:
    table = read_table(real("formula_test_sjmachin.xls"))

    values = {row.cells[0]: row.cells[1] for row in table.rows}
    assert values["formula number"] == pytest.approx(1 / 7)
    assert values["formula text"] == "ABCDEF"
    assert values["formula non-latin1 text"] == "МОСКВА Москва"
    assert values["formula zero-length text"] is None
    assert values["formula error"] is None  # #DIV/0!-like results are empty, never stored


def test_libreoffice_ods_dates_times_and_numbers(real) -> None:
    table = read_table(real("ods_formats.ods"))

    assert table.headers[:4] == ["Date", "Time", "Boolean", "Float"]
    first, second = table.rows[0].cells, table.rows[1].cells
    assert first[:4] == (dt.date(2014, 11, 11), dt.time(11, 12, 12), True, 11.11)
    assert first[6:] == (3, 100000, 1.25, "abc")  # Int, Scientific 1.00E+05, Fractions 1 1/4
    assert second[:3] == (dt.date(2001, 1, 1), dt.time(0, 0, 12), False)


def test_wps_sheet_with_only_column_names_says_so(real) -> None:
    with pytest.raises(SpreadsheetError) as refused:
        read_table(real("hidden_sheets.xlsx"))

    assert str(refused.value) == (
        "The sheet “shown” of “hidden_sheets.xlsx” has column names but no rows below them: "
        "there is nothing to import. The file also has the sheet “hidden”: choose the one with "
        "the people."
    )
    # Named, though hidden in a spreadsheet program: a list is sometimes kept there.
    assert refused.value.other_sheets() == ["hidden"]


def test_google_docs_sheet_with_only_a_comment_is_empty(real) -> None:
    with pytest.raises(SpreadsheetError) as refused:
        read_table(real("test_comments_gdocs.xlsx"))

    assert str(refused.value) == (
        "The sheet “Sheet1” of “test_comments_gdocs.xlsx” is empty: there is nothing to import."
    )


def test_row_numbers_and_column_letters_are_the_ones_excel_shows(real) -> None:
    # Excel left row 1 and column A of “Sheet3” empty: the table starts at B2.
    table = read_table(real("base.xlsx"), sheet="Sheet3")

    assert table.header_row == 2
    assert [row.number for row in table.rows] == [3, 4]
    assert table.headers == ["Column A", "line1", "line1", "line1"]
    assert table.rows[0].cells == (None, "line2", "line2", "line2")


def test_libreoffice_list_of_first_and_last_names(empty: Database, real) -> None:
    summary = import_file(empty, real("founders.xlsx"))

    assert summary.created == 3
    assert "gpa" in summary.ignored
    conn = sqlite3.connect(empty.path)
    try:
        names = [r[0] for r in conn.execute("SELECT display_name FROM influencer ORDER BY id")]
    finally:
        conn.close()
    assert names == ["John Adams", "George Washington", "Thomas Jefferson"]


def test_command_line_dry_run_then_import_of_a_real_workbook(
    tmp_path: Path, real, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "crm.sqlite"
    source = real("founders.xlsx")

    assert main(["import", "--db", str(db), "--dry-run", str(source)]) == 0
    out = capsys.readouterr().out
    assert "founders.xlsx: Would create 3" in out
    assert "Sheet: “Feuille1”" in out
    assert not db.exists()  # a dry run writes nothing at all

    assert main(["import", "--db", str(db), str(source)]) == 0
    assert "founders.xlsx: Created 3" in capsys.readouterr().out
    assert _people(db) == 3


def test_command_line_refuses_a_sheet_without_people_and_changes_nothing(
    tmp_path: Path, real, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "crm.sqlite"
    assert main(["import", "--db", str(db), str(real("founders.xlsx"))]) == 0
    capsys.readouterr()
    before = db.read_bytes()

    for extra in (["--dry-run"], []):
        code = main(["import", "--db", str(db), *extra, str(real("bad_dimensions.xlsx"))])
        err = capsys.readouterr().err
        assert code == 1
        assert "Nothing was imported." in err and "“bad_dimensions.xlsx”" in err
        assert "PN, Qty, Price" in err
    assert _people(db) == 3
    assert db.read_bytes() == before


def test_multi_sheet_workbook_names_the_sheet_read_and_the_others(empty: Database, real) -> None:
    with pytest.raises(Exception) as refused:
        import_file(empty, real("reveng1.xlsx"))

    # The first sheet is read; the refusal says which one, so the user can choose another.
    assert "the sheet “ZZZfirstsheet” of “reveng1.xlsx”" in str(refused.value)


def test_the_corpus_readme_records_every_workbook() -> None:
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    for name in (
        "founders.xlsx",
        "bad_dimensions.xlsx",
        "reveng1.xlsx",
        "formula_test_sjmachin.xls",
        "ods_formats.ods",
        "hidden_sheets.xlsx",
        "test_comments_gdocs.xlsx",
        "base.xlsx",
    ):
        assert f"`{name}`" in readme
        assert (REAL / name).stat().st_size < 20_000
