"""Reading spreadsheets people already have: encodings, delimiters, header row, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from infcrm.files.spreadsheet_reader import SpreadsheetError, column_letter, read_table

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"], ids=["utf8", "bom", "utf16", "win"]
)
def test_csv_accents_survive_every_usual_encoding(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path / "people.csv", "Name,City\r\nZoë Ångström,Malmö\r\n", encoding)

    table = read_table(path)

    assert table.headers == ["Name", "City"]
    assert table.rows[0].cells == ("Zoë Ångström", "Malmö")
    assert table.rows[0].number == 2


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    lines = ["Name", "Followers", "Email"], ["Anna", "12,3k", "anna@example.com"]
    text = "\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in line) for line in lines)
    path = _write(tmp_path / "p.csv", text + "\n", "utf-8")

    table = read_table(path)

    assert table.headers == ["Name", "Followers", "Email"]
    assert table.rows[0].cells == ("Anna", "12,3k", "anna@example.com")


def test_messy_file_finds_header_below_a_title_and_keeps_row_numbers() -> None:
    table = read_table(FIXTURES / "messy_influencers.csv")

    assert table.header_row == 3
    assert table.headers[:3] == ["Nom", "Instagram handle", "Followers"]
    assert table.rows[0].number == 4
    assert table.rows[0].cells[0] == "Café Renée"


def test_xlsx_sheet_is_read_with_header_and_sheet_choice(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    first.title = "Notes"
    first.append(["just a note"])
    people = workbook.create_sheet("People")
    people.append(["Influencers Q3"])
    people.append(["Name", "Followers", "Added"])
    people.append(["Anna", 12300, None])
    path = tmp_path / "book.xlsx"
    workbook.save(path)

    table = read_table(path, sheet="People")

    assert table.sheet_names == ["Notes", "People"]
    assert table.header_row == 2
    assert table.rows[0].cells == ("Anna", 12300, None)
    with pytest.raises(SpreadsheetError, match=r"no sheet called “Leads”.*“People”"):
        read_table(path, sheet="Leads")


def test_ragged_rows_are_reported_on_their_own_row(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "r.csv", "Name,Email\nAnna,a@example.com\nBen,b@x.com,extra,more\nCy\n", "utf-8"
    )

    rows = read_table(path).rows

    assert [r.problem is None for r in rows] == [True, False, True]
    assert rows[1].number == 3 and "only 2 column names" in rows[1].problem
    assert rows[2].cells == ("Cy", None)  # short rows are padded, not refused


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\r\n,,\r\n;;\r\n", "is empty"),
        (b"Name,Email,Followers\r\n", "no rows below them"),
        (bytes(range(256)) * 40, "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "binary data"),
    ],
    ids=["empty", "blank-lines", "header-only", "binary-junk", "png"],
)
def test_bad_csv_files_get_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(SpreadsheetError, match=message):
        read_table(path)


def test_corrupt_xlsx_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not really a zip" * 50)

    with pytest.raises(SpreadsheetError, match="damaged or is not an Excel workbook"):
        read_table(path)


def test_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.txt", "hello")

    with pytest.raises(SpreadsheetError, match="not an Excel workbook"):
        read_table(path)


def test_password_protected_xlsx_says_to_remove_the_password(tmp_path: Path) -> None:
    # Excel saves encrypted workbooks as OLE compound files, whatever the extension.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)

    with pytest.raises(SpreadsheetError, match="password-protected"):
        read_table(path)


def test_file_over_the_size_limit_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: just over 50 MB without writing 50 MB
        handle.truncate(50 * 1024 * 1024 + 1)

    with pytest.raises(SpreadsheetError, match="up to 50 MB"):
        read_table(path)
    small = _write(tmp_path / "small.csv", "Name\nAnna\n" * 20, "utf-8")
    with pytest.raises(SpreadsheetError, match="up to 0 MB"):
        read_table(small, max_bytes=10)


def test_csv_has_no_sheets(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", "Name\nAnna\n", "utf-8")

    with pytest.raises(SpreadsheetError, match="no sheets"):
        read_table(path, sheet="People")


def test_column_letters_match_spreadsheets() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
