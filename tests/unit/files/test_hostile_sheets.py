"""Sheets shaped the way people really leave them — names over two rows, a second table below
the list, dates in a figure's column, column names in Arabic — import what can be read and say
what was not, by row and column. Each file is a real .xlsx written by openpyxl and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person


def _xlsx(path: Path, rows: list[list[object]], merged: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "List"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def test_column_names_under_merged_group_names_are_read_as_both(
    empty: Database, tmp_path: Path
) -> None:
    path = _xlsx(
        tmp_path / "grouped.xlsx",
        [
            ["Influencer", None, "Instagram", None, "TikTok", None],
            ["Name", "Email", "Handle", "Followers", "Handle", "Followers"],
            ["Ana Souza", "ana@example.com", "@ana.s", "12,5K", "@ana.tt", "1.2M"],
            ["Bo Li", "bo@example.com", "@boli", 1_200_000, None, None],
        ],
        merged=("A1:B1", "C1:D1", "E1:F1"),
    )

    summary = import_file(empty, path)

    # Before, row 1 was taken for the column names: nobody was imported.
    assert summary.created == 2 and not summary.problems
    assert ("D (Instagram Followers)", "Instagram followers") in summary.columns
    assert ("F (TikTok Followers)", "TikTok followers") in summary.columns
    assert any("are on rows 1 and 2" in note for note in summary.notes)
    ana = _person(empty, "Ana Souza")
    assert ana["email"] == "ana@example.com"
    assert [a[:4] for a in ana["accounts"]] == [
        ("instagram", "ana.s", None, 12_500),
        ("tiktok", "ana.tt", None, 1_200_000),
    ]


def test_a_second_table_below_the_list_is_not_imported_as_people(
    empty: Database, tmp_path: Path
) -> None:
    path = _xlsx(
        tmp_path / "two tables.xlsx",
        [
            ["Name", "Instagram", "Followers"],
            ["Ana Souza", "@ana.s", 12_500],
            ["Bo Li", "@boli", 1_200_000],
            [],
            ["Brand", "Budget", "Contact"],
            ["Nike", 5000, "x@nike.example"],
            ["Adidas", 3000, "y@adidas.example"],
        ],
    )

    summary = import_file(empty, path)

    # Before, “Brand”, “Nike” and “Adidas” were added as people, with handles “budget”, “5000”.
    assert summary.created == 2 and not summary.problems
    assert (
        "Rows 5–7 of the sheet “List” of “two tables.xlsx” are a second table (its column names "
        "on row 5: Brand, Budget, Contact); they were not imported. Put that table on a sheet "
        "of its own to import it." in summary.notes
    )
    assert _person(empty, "Bo Li")["accounts"][0][3] == 1_200_000


def test_a_list_of_names_only_with_a_blank_line_is_read_whole(
    empty: Database, tmp_path: Path
) -> None:
    # Rows of plain words after a blank line are people, not a second table's column names.
    path = _xlsx(
        tmp_path / "names.xlsx",
        [
            ["Name", "Country", "Niche"],
            ["Ana Souza", "Brazil", "Food"],
            [],
            ["Bo Li", "China", "Travel"],
            ["Cy Ko", "Korea", "Beauty"],
        ],
    )

    summary = import_file(empty, path)

    assert summary.created == 3
    assert _person(empty, "Cy Ko")["niches"] == "Beauty"


def test_dates_in_a_followers_column_cost_those_cells_not_the_column(
    empty: Database, tmp_path: Path
) -> None:
    path = _xlsx(
        tmp_path / "dates.xlsx",
        [
            ["Name", "Instagram", "Followers"],
            ["Ana Souza", "@ana.s", dt.date(2024, 3, 1)],
            ["Bo Li", "@boli", dt.datetime(2024, 1, 2, 3, 4)],
            ["Cy Ko", "@cyko", 1200],
        ],
    )

    summary = import_file(empty, path)

    # Before, the whole column was left out without a word, Cy Ko's 1,200 with it.
    assert summary.created == 3
    assert ("C (Followers)", "Followers") in summary.columns
    assert summary.problems == (
        "Row 2, column C (Followers): “2024-03-01” is a date, not a number of followers: the "
        "cell is formatted as a date in the spreadsheet. Format it as a number. Left empty.",
        "Row 3, column C (Followers): “2024-01-02 03:04:00” is a date, not a number of "
        "followers: the cell is formatted as a date in the spreadsheet. Format it as a number. "
        "Left empty.",
    )
    assert _person(empty, "Cy Ko")["accounts"][0][3] == 1200
    assert _person(empty, "Ana Souza")["accounts"][0][3] is None


def test_a_figure_column_of_names_is_left_out_and_said_so(empty: Database, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "misnamed.xlsx",
        [
            ["Name", "Instagram", "Followers"],
            ["Ana Souza", "@ana.s", "Ana S"],
            ["Bo Li", "@boli", "Bo L"],
        ],
    )

    summary = import_file(empty, path)

    assert summary.created == 2
    assert "Column C (Followers) is left out: its values are not numbers." in summary.notes


def test_an_arabic_list_written_right_to_left(empty: Database, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "قائمة.xlsx",
        [
            ["الاسم", "انستغرام", "المتابعين", "البلد"],
            ["سارة أحمد", "@sara.ahmed", "١٢٣٤٥", "السعودية"],
            ["Ali", "@ali.t", "2.5K", "UAE"],
        ],
    )

    summary = import_file(empty, path)

    # Before, the names, followers and countries were all left out.
    assert summary.created == 2 and not summary.problems
    assert ("A (الاسم)", "Name") in summary.columns
    assert ("B (انستغرام)", "Instagram handle") in summary.columns
    sara = _person(empty, "سارة أحمد")
    assert sara["country"] == "السعودية"
    assert sara["accounts"][0][:4] == ("instagram", "sara.ahmed", None, 12_345)  # Arabic digits
    assert _person(empty, "Ali")["country"] == "United Arab Emirates"
