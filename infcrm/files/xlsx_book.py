"""The one way infcrm writes an .xlsx: XlsxWriter in constant-memory mode, set up to print.

XlsxWriter streams each finished row to a temporary file (in a private folder beside the
export, removed when it ends), writes links, formats and freeze panes natively,
and was the faster writer in `tests/perf/bench.py`. Every sheet prints well: landscape, as
wide as one page, the header row repeated on every page, page numbers in the footer, and each
column at least as wide as its bold header. User text is always written as a string cell
(`write_string`), never as a formula, whatever it starts with.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infcrm.domain.money import decimals
from infcrm.files import safe_cells
from infcrm.files.export_target import temp_path

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

NUMBER_FORMATS = {
    "int": "#,##0",
    "number": "#,##0.0#",
    "percent": "0.0%",
    "percent2": "0.00%",
    "signed_percent": "+0%;-0%;0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "id": "0",
}
# How many decimals of a fraction each percent format shows: the value is rounded to them, so
# what a program reads from the cell is what the sheet shows (0.027, not 0.02696078…).
PERCENT_PLACES = {"percent": 3, "percent2": 4, "signed_percent": 2}
# Excel refuses more links than this on one sheet; later cells keep their text, unlinked.
MAX_LINKS_PER_SHEET = 65_530
MAX_URL_LENGTH = 2_079  # the longest link target Excel opens
FOOTER = "&L&A&RPage &P of &N"  # sheet name left, "Page 2 of 7" right


@contextmanager
def new_workbook(path: Path) -> Iterator[Workbook]:
    """A constant-memory workbook that is written to `path` when the block ends well.

    Its row streams live in a private folder beside `path` (named like the export's own
    temporary file, so a crash's leftover is removed at the next start), deleted however the
    block ends: a cancelled export leaves nothing behind.
    """
    import xlsxwriter

    path = Path(path)
    folder = temp_path(path)
    folder.mkdir(mode=0o700)
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "tmpdir": str(folder),
            # Never guess: every cell's type is chosen by the caller.
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    try:
        yield book
        book.close()
    finally:
        for sheet in book.worksheets():  # close the streams of an export that stopped
            with suppress(Exception):
                sheet.row_data_fh.close()
        shutil.rmtree(folder, ignore_errors=True)


def money_format(currency: str) -> str:
    """The number format of an amount in `currency`: '#,##0.00 "EUR"', '#,##0 "JPY"'."""
    places = decimals(currency)
    return "#,##0" + ("." + "0" * places if places else "") + f' "{currency}"'


def rounded_rate(value: float | Decimal, kind: str = "percent") -> float:
    """A fraction rounded to the decimals its percent format shows (0.02696 → 0.027)."""
    return round(float(value), PERCENT_PLACES[kind])


def header_width(header: str, width: float) -> float:
    """A column's width: its own, or enough for the whole header in bold with the filter's
    arrow beside it, whichever is wider (Excel's widths count characters of the body font)."""
    return max(width, math.ceil(len(header) * 1.15) + 3)


class Formats:
    """The workbook's cell formats, each made once (Excel keeps a small table of them)."""

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self._made: dict[tuple[str, bool], Format] = {}

    def get(self, num_format: str = "", *, bold: bool = False) -> Format:
        """The format with this number format (a raw Excel format string) and weight."""
        key = (num_format, bold)
        made = self._made.get(key)
        if made is None:
            properties: dict[str, Any] = {}
            if num_format:
                properties["num_format"] = num_format
            if bold:
                properties["bold"] = True
            made = self._made[key] = self._book.add_format(properties)
        return made

    def kind(self, kind: str, *, bold: bool = False) -> Format:
        """The format of an export column kind ("int", "percent", …)."""
        return self.get(NUMBER_FORMATS.get(kind, ""), bold=bold)

    @property
    def link(self) -> Format:
        """Blue and underlined, like Excel's own Hyperlink style."""
        made = self._made.get(("link", False))
        if made is None:
            made = self._made["link", False] = self._book.get_default_url_format()
        return made


def write_text(sheet: Worksheet, row: int, column: int, value: object, fmt: Any = None) -> None:
    """User text as a string cell: never a formula, never an error value, always storable."""
    sheet.write_string(row, column, safe_cells.xlsx_text(str(value)), fmt)


def write_header(
    sheet: Worksheet,
    row: int,
    headers: Sequence[str],
    widths: Sequence[float],
    formats: Formats,
) -> None:
    """Bold headers on `row`, frozen under it, their columns wide enough, set up to print."""
    bold = formats.get(bold=True)
    for column, (header, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.set_column(column, column, header_width(header, width))
        write_text(sheet, row, column, header, bold)
    sheet.freeze_panes(row + 1, 0)
    print_setup(sheet, row)


def print_setup(sheet: Worksheet, header_row: int) -> None:
    """Landscape, one page wide (as many tall as it takes), `header_row` on every page."""
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_footer(FOOTER)


def excel_day(value: date | datetime) -> datetime:
    """A date or naive datetime as XlsxWriter takes it (a datetime at midnight for a date)."""
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)


__all__ = [
    "MAX_LINKS_PER_SHEET",
    "MAX_URL_LENGTH",
    "NUMBER_FORMATS",
    "PERCENT_PLACES",
    "Formats",
    "excel_day",
    "header_width",
    "money_format",
    "new_workbook",
    "print_setup",
    "rounded_rate",
    "write_header",
    "write_text",
]
