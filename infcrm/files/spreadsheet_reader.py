"""Reading a spreadsheet someone already has (.xlsx or .csv) into a header and rows of cells.

CSV files arrive from every tool and locale, so the encoding (UTF-8 with or without BOM,
UTF-16 with BOM, Windows-1252) and the delimiter (comma, semicolon, tab) are detected. The
header row is found among the first rows, because exports often start with a title line.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # password-protected .xlsx and old .xls
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = ",;\t|"
# What reading a damaged workbook raises from deep inside zipfile, zlib and the XML parser.
_DAMAGED: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    OSError,
    ValueError,
    SyntaxError,  # xml.etree's ParseError
)


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet; the message says why and what to do."""


@dataclass(frozen=True)
class SheetRow:
    """One data row: its number as Excel shows it, its cells, and a problem with its shape."""

    number: int
    cells: tuple[object, ...]
    problem: str | None = None


@dataclass
class Table:
    """A sheet read from a file: the header found, and the rows below it."""

    path: Path
    sheet: str | None
    sheet_names: list[str]
    header_row: int  # 1-based, as the spreadsheet program numbers it
    headers: list[str]
    rows: list[SheetRow] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        """The file's name without its folder."""
        return self.path.name


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(path: Path | str, *, sheet: str | None = None, max_bytes: int = MAX_BYTES) -> Table:
    """Read the sheet `sheet` (default: the first) of an .xlsx or .csv file."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpreadsheetError(f"“{name}” cannot be opened: {exc.strerror or exc}.") from exc
    if size == 0:
        raise SpreadsheetError(f"“{name}” is empty: there is nothing to import.")
    if size > max_bytes:
        raise SpreadsheetError(
            f"“{name}” is {size / 1024 / 1024:,.1f} MB; infcrm imports files up to "
            f"{max_bytes / 1024 / 1024:,.0f} MB. Split it into smaller files and import each."
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        raise SpreadsheetError(
            f"“{name}” is password-protected or an old Excel 97–2003 file. Open it in Excel, "
            "remove the password if there is one, and save it as .xlsx (or CSV)."
        )
    if head.startswith(_ZIP_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
        names, raw_rows = _read_xlsx(path, sheet)
        chosen = sheet or (names[0] if names else None)
    else:
        if sheet:
            raise SpreadsheetError(f"“{name}” is a CSV file; it has no sheets to choose from.")
        names, raw_rows, chosen = [], _read_csv(path), None
    try:
        return _build_table(path, chosen, names, raw_rows)
    finally:
        close = getattr(raw_rows, "close", None)
        if close is not None:
            close()  # a workbook stopped early (an error) still lets go of its file


def _read_xlsx(path: Path, sheet: str | None) -> tuple[list[str], Iterator[tuple]]:
    """Open an .xlsx in read-only mode; rows are streamed, never all held as cells."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGED) as exc:
        raise SpreadsheetError(
            f"“{name}” is damaged or is not an Excel workbook, so it cannot be read. Open it "
            "in Excel and save it again as .xlsx, or save it as CSV."
        ) from exc
    names = list(workbook.sheetnames)
    if not names:
        workbook.close()
        raise SpreadsheetError(f"“{name}” has no sheets: there is nothing to import.")
    if sheet is not None and sheet not in names:
        workbook.close()
        listed = ", ".join(f"“{n}”" for n in names)
        raise SpreadsheetError(f"“{name}” has no sheet called “{sheet}”. Its sheets: {listed}.")
    worksheet = workbook[sheet or names[0]]

    def rows() -> Iterator[tuple]:
        try:
            yield from worksheet.iter_rows(values_only=True)
        except _DAMAGED as exc:
            raise SpreadsheetError(
                f"“{name}” is damaged part-way through and cannot be read. Open it in Excel "
                "and save it again."
            ) from exc
        finally:
            workbook.close()

    return names, rows()


def decode_text(data: bytes, name: str) -> str:
    """The text of a CSV file in whichever of the usual encodings it was saved."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        # Without a BOM: UTF-8 first (it rarely decodes anything else by accident), then the
        # Windows code page Excel uses when it saves "CSV" on Western systems.
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise SpreadsheetError(
        f"“{name}” is not a spreadsheet: it holds binary data rather than text. Choose an "
        ".xlsx or .csv file."
    )


def _looks_binary(text: str) -> bool:
    """Whether decoded text is really binary junk (NULs, many control characters)."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return controls > max(2, len(sample) // 100)


def _sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect of `sample`, falling back to the delimiter used most on the first lines."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines()[:20] if line.strip()]

    class Fallback(csv.excel):
        delimiter = max(_DELIMITERS, key=lambda d: sum(line.count(d) for line in lines))

    return Fallback


def _read_csv(path: Path) -> Iterator[tuple]:
    """The rows of a CSV file as tuples of text cells."""
    text = decode_text(path.read_bytes(), path.name)
    dialect = _sniff_dialect(text[:65536])
    try:
        return iter([tuple(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)])
    except csv.Error as exc:
        raise SpreadsheetError(f"“{path.name}” is not a readable CSV file: {exc}.") from exc


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _meaningful(cell: object) -> bool:
    """Whether a cell holds something (a lone “;” or “-” in a stray line does not count)."""
    return not _blank(cell) and any(ch.isalnum() for ch in str(cell))


def _header_index(rows: list[tuple]) -> int | None:
    """Which of the first rows is the header: wide enough and mostly text."""
    widths = [sum(not _blank(c) for c in row) for row in rows]
    widest = max(widths, default=0)
    if widest == 0:
        return None
    for index, row in enumerate(rows):
        filled = [c for c in row if not _blank(c)]
        if not filled or len(filled) * 2 < widest:
            continue  # a title line above the table
        texts = sum(
            isinstance(c, str) and _meaningful(c) and not _is_number_text(c) for c in filled
        )
        if texts * 10 >= len(filled) * 8:
            return index
    return None


def _is_number_text(text: str) -> bool:
    try:
        float(text.replace(",", "").replace("%", "").strip())
    except ValueError:
        return False
    return True


def _build_table(
    path: Path, sheet: str | None, names: list[str], raw_rows: Iterator[tuple]
) -> Table:
    """Find the header among the first rows and shape every row below it."""
    first: list[tuple] = []
    for row in raw_rows:
        first.append(row)
        if len(first) >= HEADER_SEARCH_ROWS:
            break
    where = f"the sheet “{sheet}” of “{path.name}”" if sheet else f"“{path.name}”"
    if not any(_meaningful(c) for row in first for c in row):
        raise SpreadsheetError(f"{where} is empty: there is nothing to import.")
    index = _header_index(first)
    if index is None:
        raise SpreadsheetError(
            f"No row of column names was found at the top of {where}. Add a first row with "
            "names such as Name, Instagram handle, Followers, Email."
        )
    header_cells = list(first[index])
    while header_cells and _blank(header_cells[-1]):
        header_cells.pop()
    headers = [
        str(c).strip() if not _blank(c) else f"Column {column_letter(i)}"
        for i, c in enumerate(header_cells)
    ]
    table = Table(path, sheet, names, index + 1, headers)
    width = len(headers)
    number = index + 1
    for row in _chain(first[index + 1 :], raw_rows):
        number += 1
        cells = list(row)
        if all(_blank(c) for c in cells):
            continue  # blank lines between blocks are common and mean nothing
        problem = None
        extra = [c for c in cells[width:] if not _blank(c)]
        if extra:
            problem = (
                f"This row has {width + len(extra)} or more cells but there are only {width} "
                "column names; a separator or quote is probably missing or extra."
            )
        cells = (cells + [None] * width)[:width]
        table.rows.append(SheetRow(number, tuple(cells), problem))
    if not table.rows:
        raise SpreadsheetError(
            f"{where} has column names but no rows below them: there is nothing to import."
        )
    return table


def _chain(first: list[tuple], rest: Iterator[tuple]) -> Iterator[tuple]:
    yield from first
    yield from rest


__all__ = [
    "MAX_BYTES",
    "SheetRow",
    "SpreadsheetError",
    "Table",
    "column_letter",
    "decode_text",
    "read_table",
]
