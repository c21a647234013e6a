"""Sheets shaped the way people really leave them — names over two rows, a second table below
the list, dates in a figure's column, column names in Arabic — import what can be read and say
what was not, by row and column. Each file is a real .xlsx written by openpyxl and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.files.spreadsheet_reader import SpreadsheetError
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
    assert sara["country"] == "Saudi Arabia"  # as an English list names it
    assert sara["accounts"][0][:4] == ("instagram", "sara.ahmed", None, 12_345)  # Arabic digits
    assert _person(empty, "Ali")["country"] == "United Arab Emirates"


def test_a_web_page_saved_as_xls_is_read_as_its_first_table(
    empty: Database, tmp_path: Path
) -> None:
    # What many web tools' “Export to Excel” writes: an HTML table in a file called .xls.
    path = tmp_path / "export.xls"
    path.write_text(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
        '<table border="1"><thead><tr><th>Nombre</th><th>Usuario</th><th>Seguidores</th>'
        '<th colspan="2">Contacto</th></tr></thead><tbody>'
        "<tr><td>Lucía   Pérez</td><td>@lucia.p</td><td>12.345</td>"
        "<td>lucia@example.es</td><td>+34 600 111 222</td></tr>"
        "<tr><td>Marc &amp; Co</td><td>@marc_co</td><td>1,2M</td><td></td><td></td></tr>"
        "</tbody></table><table><tr><td>Total</td><td>2</td></tr></table></body></html>",
        encoding="utf-8",
    )

    summary = import_file(empty, path, platform="instagram")

    # Before: “damaged or is not an Excel workbook”, nothing imported.
    assert summary.created == 2 and not summary.problems
    assert summary.notes[0] == (
        "“export.xls” is a web page (HTML) saved under a spreadsheet's name, as some tools "
        "export to Excel; its first table was read."
    )
    lucia = _person(empty, "Lucía Pérez")
    # “Contacto” spans the email's column and the phone's: both are read.
    assert (lucia["email"], lucia["phone"]) == ("lucia@example.es", "+34 600 111 222")
    assert lucia["accounts"][0][:4] == ("instagram", "lucia.p", None, 12_345)
    assert _person(empty, "Marc & Co")["accounts"][0][3] == 1_200_000


def test_a_csv_with_a_few_nul_bytes_is_read_and_the_lines_named(
    empty: Database, tmp_path: Path
) -> None:
    path = tmp_path / "damaged.csv"
    path.write_bytes(
        b"Name,Instagram,Followers\nAna\x00 Souza,@ana.s,12500\nBo Li,@bo\x00li,1\x0000\n"
        b"Cy Ko,@cyko,300\n"
    )

    summary = import_file(empty, path)

    # Before: refused whole as “binary data”.
    assert summary.created == 3 and not summary.problems
    assert (
        "“damaged.csv” held 3 NUL characters (a sign of a damaged save) on lines 2, 3; they "
        "were removed. Check those rows." in summary.notes
    )
    assert _person(empty, "Bo Li")["accounts"][0][:4] == ("instagram", "boli", None, 100)


def test_values_under_a_merged_last_column_name_are_kept(empty: Database, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "contact.xlsx",
        [
            ["Name", "Instagram", "Contact", None],
            ["Ana Souza", "@ana.s", "ana@example.com", "+55 11 91234 5678"],
            ["Bo Li", "@boli", "bo@example.com", None],
        ],
        merged=("C1:D1",),
    )

    summary = import_file(empty, path)

    # Before, both rows were refused: “4 or more cells but only 3 column names; a separator
    # or quote is probably missing” — words about CSV files, for a workbook.
    assert summary.created == 2 and not summary.problems
    ana = _person(empty, "Ana Souza")
    assert (ana["email"], ana["phone"]) == ("ana@example.com", "+55 11 91234 5678")


def test_section_titles_and_a_totals_row_are_not_people(empty: Database, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "tracker.xlsx",
        [
            ["Name", "Instagram", "Followers"],
            ["Micro influencers"],
            ["Ana Souza", "@ana.s", 12_500],
            ["Bo Li", "@boli", 9000],
            ["Macro influencers"],
            ["Cy Ko", "@cyko", 1_200_000],
            [],
            ["Total", None, 1_221_500],
        ],
    )

    summary = import_file(empty, path)

    # Before, “Micro influencers”, “Macro influencers” and “Total” (with 1,221,500 followers)
    # were added as people.
    assert summary.created == 3 and not summary.problems
    assert (
        "Row 2 (“Micro influencers”), row 5 (“Macro influencers”) are each a section's title, "
        "not a person: left out." in summary.notes
    )
    assert "Row 8 (“Total”) is a total, not a person: left out." in summary.notes


def test_a_csv_file_named_xlsx_is_read_as_csv(empty: Database, tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_text("Name,Instagram,Followers\nAna Souza,@ana.s,12500\n", encoding="utf-8")

    summary = import_file(empty, path)

    # Before: “damaged or is not an Excel workbook”.
    assert summary.created == 1
    assert summary.notes[0] == (
        "“export.xlsx” is a CSV text file, not an Excel workbook: it was read as CSV."
    )


def test_an_xml_spreadsheet_2003_is_refused_in_words(empty: Database, tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        encoding="utf-8",
    )

    with pytest.raises(SpreadsheetError) as refused:
        import_file(empty, path)

    # Before: “damaged or is not an Excel workbook”, when it is neither.
    assert str(refused.value) == (
        "“old.xls” is an “XML Spreadsheet 2003” file, which infcrm cannot read. Open it in Excel "
        "or LibreOffice and save it as .xlsx, or save it as CSV."
    )


def test_a_pdf_is_refused_as_a_document_not_read_as_a_list(empty: Database, tmp_path: Path) -> None:
    # A media kit or a list an agency sent as PDF: it was read as text and refused with
    # “No column of “creators.pdf” says who each row is (its columns: %PDF-1.7)”.
    path = tmp_path / "creators.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")

    with pytest.raises(SpreadsheetError) as refused:
        import_file(empty, path)

    assert str(refused.value) == (
        "“creators.pdf” is a PDF document, not a spreadsheet, so infcrm cannot read its rows. "
        "Ask for the list as Excel or CSV, or copy its table into a spreadsheet and save that."
    )


def test_nul_bytes_on_many_lines_name_the_first_ten(empty: Database, tmp_path: Path) -> None:
    damaged = b"".join(b"P%d,@p%d,1\x0000\n" % (n, n) for n in range(12))
    clean = b"".join(b"Person %d,@person_%d,12345\n" % (n, n) for n in range(600))
    path = tmp_path / "many.csv"
    path.write_bytes(b"Name,Instagram,Followers\n" + damaged + clean)

    summary = import_file(empty, path)

    assert summary.created == 612
    assert (
        "“many.csv” held 12 NUL characters (a sign of a damaged save) on lines 2, 3, 4, 5, "
        "6, 7, 8, 9, 10, 11 …; they were removed. Check those rows." in summary.notes
    )


def test_a_person_without_a_handle_after_a_blank_line_is_no_second_table(
    empty: Database, tmp_path: Path
) -> None:
    # Bo Li's row is all words, like column names, and the row after it is not: still a person,
    # since his words sit where the rows above hold words too.
    path = _xlsx(
        tmp_path / "gap.xlsx",
        [
            ["Name", "Country", "Niche", "Instagram"],
            ["Ana Souza", "Brazil", "Food", "@ana.s"],
            [],
            ["Bo Li", "China", "Travel"],
            ["Cy Ko", "Korea", "Beauty", "@cyko"],
        ],
    )

    summary = import_file(empty, path)

    assert summary.created == 3
    assert not any("second table" in note for note in summary.notes)


def test_a_first_person_of_words_only_is_not_read_as_column_names(
    empty: Database, tmp_path: Path
) -> None:
    # Column B has no name and Ana's row holds words only, as column names would, over a row
    # that does not (“room 101”): still her row, since the rows below hold words there too.
    path = _xlsx(
        tmp_path / "unnamed column.xlsx",
        [
            ["Name", None, "Notes"],
            ["Ana Souza", "Ana", "Met at the fair"],
            ["Bo Li", "Bo", "Call after six, room 101"],
            ["Cy Ko", "Cy", "Vegan recipes"],
            ["Di Fa", "Di", "Lives in Lisbon"],
        ],
    )

    summary = import_file(empty, path)

    assert summary.created == 4
    assert _person(empty, "Ana Souza")["notes"] == "Met at the fair"
