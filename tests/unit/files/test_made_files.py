"""Workbooks shaped like the ones other programs write import the right people and figures.

The files are in tests/fixtures/made/ (how each was made is in the README there): real lists
from tests/fixtures/real/, in an .xlsx shaped like a Google Sheets download, an .xlsx shaped
like a Power BI export, an .ods laid out as a person keeps a list and saved by LibreOffice
Calc, and an Excel 97-2003 .xls laid out record by record as Excel writes one. The values
checked were read off the real lists by hand.
"""

from __future__ import annotations

import csv
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
import python_calamine

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person

MADE = Path(__file__).resolve().parents[2] / "fixtures" / "made"


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(MADE / name, target)
    return target


def test_the_google_sheets_file_has_the_traits_that_trip_readers() -> None:
    with zipfile.ZipFile(MADE / "top-instagram-google-sheets.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        workbook = book.read("xl/workbook.xml").decode()
        names = book.namelist()
    assert "<dimension" not in sheet and "<bookViews" not in workbook
    assert 't="s"' in sheet and "xl/sharedStrings.xml" in names
    assert not any(name.startswith("docProps/") for name in names)


def test_a_google_sheets_download_of_the_instagram_list(empty: Database, tmp_path: Path) -> None:
    summary = import_file(
        empty, _copy(tmp_path, "top-instagram-google-sheets.xlsx"), platform="instagram"
    )

    assert (summary.created, summary.rejected) == (25, 0), summary.problems
    assert ("B (channel_info)", "Handle or profile link") in summary.columns
    cristiano = _person(empty, "cristiano")
    assert cristiano["country"] == "Spain"
    assert [a[:5] for a in cristiano["accounts"]] == [
        ("instagram", "cristiano", None, 475_800_000, 8_700_000)
    ]
    assert _person(empty, "kyliejenner")["accounts"][0][3] == 366_200_000
    assert _person(empty, "leomessi")["country"] is None  # “NaN” is empty
    assert _person(empty, "5-Minute Crafts GIRLY")["country"] == "United States"


def test_a_power_bi_export_with_inline_strings_and_prefixed_elements(
    empty: Database, tmp_path: Path
) -> None:
    with zipfile.ZipFile(MADE / "youtube-channels-power-bi.xlsx") as book:
        assert "xl/sharedStrings.xml" not in book.namelist()
        assert 't="inlineStr"' in book.read("xl/worksheets/sheet1.xml").decode()

    summary = import_file(empty, _copy(tmp_path, "youtube-channels-power-bi.xlsx"))

    assert (summary.created, summary.rejected) == (10, 0), summary.problems
    assert "Platform: YouTube (from the column “Youtuber”)." in summary.notes
    mrbeast = _person(empty, "MrBeast")
    assert (mrbeast["country"], mrbeast["niches"]) == ("United States", "Entertainment")
    assert [a[:5] for a in mrbeast["accounts"]] == [("youtube", None, "MrBeast", 166_000_000, None)]
    nastya = _person(empty, "Like Nastya")
    assert nastya["country"] == "Russia"
    assert nastya["accounts"][0][3] == 106_000_000
    assert _person(empty, "T-Series")["country"] == "India"


def test_a_list_kept_in_libreoffice_calc_with_a_title_links_and_formats(
    empty: Database, tmp_path: Path
) -> None:
    with zipfile.ZipFile(MADE / "instagram-shortlist-calc.ods") as book:
        assert b"<meta:generator>LibreOffice/" in book.read("meta.xml")
        content = book.read("content.xml").decode()
    assert "<text:a " in content and "table:covered-table-cell" in content

    summary = import_file(empty, _copy(tmp_path, "instagram-shortlist-calc.ods"))

    # The title and blank rows above the header are skipped; the second sheet is not read.
    assert (summary.created, summary.rejected) == (25, 0), summary.problems
    assert "Engagement" in summary.ignored  # worked out by infcrm, not stored
    cristiano = _person(empty, "cristiano")
    # The link's text is the handle; followers shown as “475.8M” are 475,800,000.
    assert [a[:5] for a in cristiano["accounts"]] == [
        ("instagram", "cristiano", None, 475_800_000, 8_700_000)
    ]
    assert cristiano["country"] == "Spain"
    assert _person(empty, "leomessi")["country"] is None
    assert _person(empty, "selenagomez")["accounts"][0][3] == 342_700_000


def _globals_records(data: bytes) -> list[tuple[int, int]]:
    """(record type, length) of the workbook globals; the stream starts in sector 0, at 512."""
    at, records = 512, []
    while True:
        kind, size = struct.unpack_from("<HH", data, at)
        records.append((kind, size))
        at += 4 + size
        if kind == 0x000A:  # EOF
            return records


def test_the_excel_97_file_is_laid_out_as_excel_writes_it() -> None:
    data = (MADE / "agency-lists-excel97.xls").read_bytes()
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")  # a compound file
    kinds = [kind for kind, _ in _globals_records(data)]
    # The shared strings fill one record and run on into a CONTINUE record.
    sst = kinds.index(0x00FC)
    assert kinds[sst + 1] == 0x003C and kinds[sst + 2] == 0x00FF
    assert (0x00FC, 8224) in _globals_records(data)
    assert b"\xbd\x00" in data and b"\x7e\x02" in data  # MULRK and RK numbers


def _csv(name: str) -> list[list[object]]:
    with (MADE.parent / "real" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(
    ("sheet", "source"),
    [("YouTube outreach", "youtube-ai-outreach.csv"), ("TikTok Shop", "tiktok-shop-creators.csv")],
)
def test_every_cell_of_the_excel_97_file_reads_as_the_list_it_holds(
    sheet: str, source: str
) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(MADE / "agency-lists-excel97.xls"))
    cells = book.get_sheet_by_name(sheet).to_python()

    expected = _csv(source)
    assert len(cells) == len(expected)
    for got, want in zip(cells, expected, strict=True):
        assert [_as_written(v) for v in got[: len(want)]] == [_as_written(v) for v in want]


def _as_written(value: object) -> object:
    """A cell compared as a figure when the list writes a number (“8190”, “0.61”), else as
    text; the 19-digit ids stay text in the workbook, as the list writes them."""
    if isinstance(value, float):
        return value
    text = str(value)
    if len(text) < 16 and text.replace(".", "", 1).isdigit():
        return float(text)
    return text


def test_an_agency_workbook_from_excel_97_imports_each_sheet(
    empty: Database, tmp_path: Path
) -> None:
    path = _copy(tmp_path, "agency-lists-excel97.xls")

    youtube = import_file(empty, path)  # the first sheet unless one is chosen

    assert youtube.created == 19 and not youtube.problems
    sahil = _person(empty, "Sahil Free AI Tool")
    assert (sahil["email"], sahil["country"]) == ("freeaitool99@gmail.com", "India")
    assert sahil["accounts"][0][:4] == ("youtube", "UCDYs4mQ5aLCRCImumHMVwvQ", None, 1_830_000)
    assert _person(empty, "AI Tool Journey")["country"] is None  # “Not Found” is empty

    shop = import_file(empty, path, sheet="TikTok Shop")

    assert shop.created == 25 and not shop.problems
    codrina = _person(empty, "Codrina🤍")
    assert [a[:5] for a in codrina["accounts"]] == [("tiktok", "codrinachetaa", None, 1958, None)]
    assert (codrina["country"], codrina["niches"]) == ("United Kingdom", "玩具与乐器, 母婴用品")
