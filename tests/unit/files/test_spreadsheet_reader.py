"""Reading spreadsheets people already have: encodings, delimiters, header row, bad files."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
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


def test_a_csv_cut_short_names_its_last_row(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "cut.csv", "Name,Email,City\r\nAnna,a@example.com,Oslo\r\nBen,b@exa", "utf-8"
    )

    rows = read_table(path).rows

    assert [row.problem for row in rows] == [
        None,
        "This row ends early: the file seems cut short — export it again.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Name,Email,City\r\nAnna,a@example.com,Oslo\r\nBen,b@example.com,",  # whole, no break
        "Name,Email,City\r\nAnna,a@example.com\r\nBen",  # rows written without empty cells
        "Name,Email,City\r\nAnna,a@example.com,Oslo\r\nBen,b@example.com\r\n",  # ends well
    ],
    ids=["whole-last-row", "short-rows", "line-break"],
)
def test_a_last_row_that_is_not_cut_short_is_read_as_it_is(tmp_path: Path, text: str) -> None:
    rows = read_table(_write(tmp_path / "people.csv", text, "utf-8")).rows

    assert [row.problem for row in rows] == [None, None]
    assert rows[1].cells[0] == "Ben"


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


def _rewrite_part(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """Copy a workbook, passing one of its XML parts through `change`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == part else data)
    return target


def _people_workbook(path: Path, rows: int = 30) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Followers"])
    for number in range(rows):
        sheet.append([f"Person {number}", 1000 + number])
    workbook.save(path)
    return path


def test_xlsx_whose_sheet_claims_a1_still_reads_every_row(tmp_path: Path) -> None:
    # Some programs write <dimension ref="A1"/> for a sheet of any size; readers that trust
    # it see an empty sheet.
    source = _people_workbook(tmp_path / "source.xlsx")
    path = _rewrite_part(
        source,
        tmp_path / "claims-a1.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', xml),
    )
    with zipfile.ZipFile(path) as archive:
        assert b'<dimension ref="A1"/>' in archive.read("xl/worksheets/sheet1.xml")

    table = read_table(path)

    assert len(table.rows) == 30
    assert table.rows[-1].cells == ("Person 29", 1029)  # numbers come back whole, not 1029.0
    assert table.rows[-1].number == 31


def test_ods_from_libreoffice_is_read(tmp_path: Path) -> None:
    path = tmp_path / "people.ods"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Creators">'
        "<table:table-row>"
        '<table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>Seguidores</text:p>'
        "</table:table-cell></table:table-row><table:table-row>"
        '<table:table-cell office:value-type="string"><text:p>Zoë</text:p></table:table-cell>'
        '<table:table-cell office:value-type="float" office:value="12500"><text:p>12500</text:p>'
        '</table:table-cell><table:table-cell table:number-columns-repeated="1020"/>'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
        )

    table = read_table(path)

    assert table.sheet == "Creators"
    assert table.headers == ["Name", "Seguidores"]
    assert [row.cells for row in table.rows] == [("Zoë", 12500)]


def test_utf8_with_a_few_broken_bytes_stays_utf8_and_names_the_rows(tmp_path: Path) -> None:
    # Issue: one broken byte made the whole file read as Windows-1252: “ZoÃ« Ã…ngstrÃ¶m”.
    text = "Name,City\r\nZoë Ångström,Malmö\r\nBen,Köln\r\nCy,Paris\r\n".encode()
    path = tmp_path / "people.csv"
    path.write_bytes(text.replace(b"Paris", b"Par\xe9s"))

    table = read_table(path)

    assert table.rows[0].cells == ("Zoë Ångström", "Malmö")
    assert table.rows[1].cells == ("Ben", "Köln")
    assert table.rows[2].cells == ("Cy", "Par\ufffds")
    assert table.encoding == "utf-8"
    assert len(table.warnings) == 1
    assert table.warnings[0].startswith("Row 4 of “people.csv” has characters that could not")
    assert "�" in table.warnings[0]


@pytest.mark.parametrize(
    ("encoding", "text", "expected"),
    [
        ("utf-16-le", "Name\tFollowers\r\nZoë Ångström\t1200\r\n", ("Zoë Ångström", "1200")),
        ("utf-16-be", "Name,Followers\r\nJürgen Groß,1200\r\n", ("Jürgen Groß", "1200")),
        (
            "shift_jis",
            "名前,フォロワー\r\n山田 太郎,1200\r\n佐藤 花子,3400\r\n",
            ("山田 太郎", "1200"),
        ),
        ("cp1252", "Nombre;País;Seguidores\r\nJosé Núñez;España;1.200\r\n", ("José Núñez",)),
        ("latin-1", "Name,Stadt\r\nJürgen Groß,Köln\r\n", ("Jürgen Groß", "Köln")),
    ],
    ids=["utf16le-no-bom", "utf16be-no-bom", "shift-jis", "cp1252", "latin1"],
)
def test_encodings_without_a_mark_are_detected(
    tmp_path: Path, encoding: str, text: str, expected: tuple
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode(encoding))

    table = read_table(path)

    assert table.rows[0].cells[: len(expected)] == expected
    assert not table.warnings


@pytest.mark.parametrize(
    "text",
    [
        "Name,Email,Instagram handle,Notes\nJürgen Müller,j@example.com,@jurgen,"
        "café “quoted” – 5€\n",
        "Nom;Ville;Notes\nFrançoise Lefèvre;Besançon;« très bien » – 20 €\n",
        "Nombre,Ciudad,Notas\nJosé Núñez,Logroño,“Señor” año – 30€\n",
    ],
    ids=["german", "french", "spanish"],
)
def test_short_windows_excel_exports_keep_their_accents(tmp_path: Path, text: str) -> None:
    # Issue: a two-line German export was read as the Baltic DOS code page: “J³rgen M³ller”.
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode("cp1252"))

    table = read_table(path)

    assert table.rows[0].cells == tuple(re.split("[,;]", text.splitlines()[1]))
    assert table.encoding == "cp1252"
    assert not table.warnings


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Имя,Город\r\nИван Петров,Москва\r\n"),
        ("cp1253", "Όνομα,Πόλη\r\nΓιώργος Παπαδόπουλος,Αθήνα\r\n"),
    ],
    ids=["cyrillic", "greek"],
)
def test_files_that_windows_1252_garbles_keep_their_own_encoding(
    tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode(encoding))

    table = read_table(path)

    assert table.rows[0].cells == tuple(text.splitlines()[1].split(","))


def test_two_column_csv_with_a_title_line_finds_its_header(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "p.csv", "My favourite creators\r\n\r\nName,Followers\r\nAnna,12k\r\n", "utf-8"
    )

    table = read_table(path)

    assert table.headers == ["Name", "Followers"]
    assert table.header_row == 3
    assert table.rows[0].cells == ("Anna", "12k")


def test_leading_apostrophes_do_not_fool_the_delimiter(tmp_path: Path) -> None:
    # Exports protect values from formula injection with an apostrophe; csv's Sniffer takes
    # it for a quote character and splits on the wrong delimiter.
    text = (
        "Name;Handle;Notes\r\n'=Ann, the baker;'@ann;'+likes cakes, bread\r\n"
        "Ben;'@ben;'-no, thanks\r\n"
    )
    table = read_table(_write(tmp_path / "p.csv", text, "utf-8"))

    assert table.headers == ["Name", "Handle", "Notes"]
    assert table.rows[0].cells == ("'=Ann, the baker", "'@ann", "'+likes cakes, bread")


def test_placeholders_for_no_value_are_empty(tmp_path: Path) -> None:
    text = (
        "Name,Email,Followers,Country\r\nAnna,N/A,nan,—\r\nBen,#N/A,-,null\r\nCy,none,NaN,n/a\r\n"
    )
    table = read_table(_write(tmp_path / "p.csv", text, "utf-8"))

    assert [row.cells[1:] for row in table.rows] == [(None, None, None)] * 3


def test_line_breaks_inside_headers_become_spaces(tmp_path: Path) -> None:
    text = '"Follower\ncount","Avg.\r\nLikes"\r\n100,5\r\n'
    table = read_table(_write(tmp_path / "p.csv", text, "utf-8"))

    assert table.headers == ["Follower count", "Avg. Likes"]


def test_tsv_and_txt_files_are_read(tmp_path: Path) -> None:
    for suffix in (".tsv", ".txt"):
        path = _write(tmp_path / f"p{suffix}", "Name\tFollowers, total\r\nAnna\t1,200\r\n", "utf-8")
        assert read_table(path).rows[0].cells == ("Anna", "1,200")


def test_a_folder_is_refused_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError, match="is a folder"):
        read_table(tmp_path)


def test_the_column_names_repeated_below_are_left_out_and_named(tmp_path: Path) -> None:
    """Two lists pasted one under the other: the second one's column names are not a person."""
    path = tmp_path / "two-lists.csv"
    path.write_text(
        "Name,Email,Instagram handle\nAnna,anna@example.com,@anna\n"
        "Name,Email,Instagram handle\nCy,cy@example.com,@cy\n",
        encoding="utf-8",
    )

    table = read_table(path)

    assert [(row.number, row.cells[0]) for row in table.rows] == [(2, "Anna"), (4, "Cy")]
    assert table.warnings == ["Row 3 of “two-lists.csv” repeats the column names; it was left out."]
