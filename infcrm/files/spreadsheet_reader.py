"""Reading a spreadsheet someone already has into a header and rows of cells.

Workbooks (.xlsx, .xlsm, .xls, .ods) are read by `workbook_reader`, text files (.csv, .tsv,
.txt) by `csv_reader`. Here the header row is found among the first rows (exports often start
with a title line or blank lines), cells are tidied (“N/A”, “nan”, “-” are empty; 12.0 is 12)
and every row keeps the number the spreadsheet program shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import count, islice, repeat, takewhile
from operator import attrgetter
from pathlib import Path

from infcrm.files.column_cleaning import clean_cell, cleaned_rows
from infcrm.files.csv_reader import CsvError, DecodedText, csv_lines, decode_text
from infcrm.files.cut_short import LastRows, mark_cut_short
from infcrm.files.header_rows import (
    is_number_text,
    leave_out_other_rows,
    meaningful,
    under_group_names,
)
from infcrm.files.html_table import html_rows, looks_like_html
from infcrm.files.other_programs import lock_file_refusal, numbers_refusal, unreadable
from infcrm.files.sheet_types import SheetRow, SpreadsheetError, Table, column_letter
from infcrm.files.workbook_errors import workbook_error_cells
from infcrm.files.workbook_guard import MAX_COLUMNS, MAX_ROWS, WorkbookTooBig
from infcrm.files.workbook_reader import (
    Spans,
    WorkbookError,
    give_back_grid_memory,
    has_workbook_magic,
    is_workbook,
    read_workbook,
)

MAX_BYTES = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
_CLEAN_BLOCK = 4096  # rows tidied together, column by column
_LISTED_ROWS = 10  # rows named in a warning before “and N more”
_CELLS = attrgetter("cells")


def read_table(path: Path | str, *, sheet: str | None = None, max_bytes: int = MAX_BYTES) -> Table:
    """Read the sheet `sheet` (default: the first) of a workbook, or a CSV/TSV/TXT file."""
    path = Path(path)
    name = path.name
    if (refusal := numbers_refusal(path)) is not None:
        raise SpreadsheetError(refusal)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SpreadsheetError(f"“{name}” is a folder, not a file. Choose a spreadsheet file.")
    except OSError as exc:
        raise SpreadsheetError(f"“{name}” cannot be opened: {exc.strerror or exc}.") from exc
    if (refusal := lock_file_refusal(path)) is not None:
        raise SpreadsheetError(refusal)
    if size == 0:
        raise SpreadsheetError(f"“{name}” is empty: there is nothing to import.")
    if size > max_bytes:
        raise SpreadsheetError(
            f"“{name}” is {size / 1024 / 1024:,.1f} MB; infcrm imports files up to "
            f"{max_bytes / 1024 / 1024:,.0f} MB. Split it into smaller files and import each."
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
        if looks_like_html(head):
            return _web_page(path, sheet)
        if head.lstrip().startswith(b"%PDF-"):  # read as text it was a list of garbled rows
            raise SpreadsheetError(
                f"“{name}” is a PDF document, not a spreadsheet, so infcrm cannot read its "
                "rows. Ask for the list as Excel or CSV, or copy its table into a spreadsheet "
                "and save that."
            )
        if _XML_2003.match(head):
            raise SpreadsheetError(
                f"“{name}” is an “XML Spreadsheet 2003” file, which infcrm cannot read. Open it "
                "in Excel or LibreOffice and save it as .xlsx, or save it as CSV."
            )
        if is_workbook(path, head[:8]):
            text = None if has_workbook_magic(head) else _text_or_none(path)
            if text is None:
                names, chosen, raw_rows, spans = read_workbook(path, sheet)
                table = _build_table(path, chosen, names, raw_rows, spans=spans)
                give_back_grid_memory()
                # The reader gives a failed formula's cell as empty: the sheet says which.
                marked = workbook_error_cells(path, chosen)
                for number, cells in marked.items():
                    table.error_cells.setdefault(number, {}).update(cells)
                _leave_empty(table, marked)
                return table
            # Text under a workbook's name: a CSV file renamed, or saved by a tool that names
            # every export .xlsx. Read as what it is.
            table = _text_table(path, text)
            table.warnings.insert(
                0, f"“{name}” is a CSV text file, not an Excel workbook: it was read as CSV."
            )
            return table
        if sheet:
            raise SpreadsheetError(f"“{name}” is a CSV file; it has no sheets to choose from.")
        return _text_table(path, decode_text(path.read_bytes(), name))
    except (CsvError, WorkbookError, WorkbookTooBig) as exc:
        raise SpreadsheetError(str(exc)) from exc
    except OSError as exc:
        raise SpreadsheetError(unreadable(name, exc)) from exc


def _leave_empty(table: Table, marked: dict[int, dict[int, str]]) -> None:
    """Empty the cells `marked` (row number → column index): a formula saved with 0 in place
    of a result it never worked out is read as that 0, and must not be imported."""
    if not marked:
        return
    for index, row in enumerate(table.rows):
        columns = marked.get(row.number)
        if columns and any(row.cells[c] is not None for c in columns if c < len(row.cells)):
            cells = list(row.cells)
            for column in columns:
                if column < len(cells):
                    cells[column] = None
            table.rows[index] = row._replace(cells=tuple(cells))


# An Excel “XML Spreadsheet 2003” file, often saved as .xls.
_XML_2003 = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*>\s*(?:<\?mso[^>]*>\s*)*<Workbook\b")


def _text_or_none(path: Path) -> DecodedText | None:
    """The file's text when it is a text file after all, else None."""
    try:
        return decode_text(path.read_bytes(), path.name)
    except CsvError:
        return None


def _text_table(path: Path, decoded: DecodedText) -> Table:
    """A CSV, TSV or TXT file's table, with what decoding it found."""
    tabs = path.suffix.lower() == ".tsv" and "\t" in decoded.text
    lines = LastRows(csv_lines(decoded, path.name, delimiter="\t" if tabs else None))
    table = _build_table(path, None, [], lines, delimited=True)
    mark_cut_short(table, decoded.text, lines)
    table.encoding = decoded.encoding
    table.warnings[:0] = decoded.warnings
    if decoded.broken:
        _warn_broken(table)
    return table


def _web_page(path: Path, sheet: str | None) -> Table:
    """A web page saved as .xls (or .csv): its first table, said so."""
    name = path.name
    if sheet:
        raise SpreadsheetError(f"“{name}” is a web page; it has no sheets to choose from.")
    decoded = decode_text(path.read_bytes(), name)
    rows, spans = html_rows(decoded.text)
    if not rows:
        raise SpreadsheetError(
            f"“{name}” is a web page (HTML), not a spreadsheet, and holds no table. Open it in "
            "Excel or LibreOffice and save it as .xlsx, or save it as CSV."
        )
    table = _build_table(path, None, [], iter(rows), spans=spans)
    table.encoding = decoded.encoding
    table.warnings.insert(
        0,
        f"“{name}” is a web page (HTML) saved under a spreadsheet's name, as some tools export "
        "to Excel; its first table was read.",
    )
    return table


def _warn_broken(table: Table) -> None:
    """Name the rows where bytes that were not UTF-8 became �, so the user can check them."""
    numbers = [row.number for row in table.rows if any(_has_broken(c) for c in row.cells)]
    if any(_has_broken(h) for h in table.headers):
        numbers.insert(0, table.header_row)
    if not numbers:
        return
    listed = ", ".join(str(n) for n in numbers[:_LISTED_ROWS])
    more = f" and {len(numbers) - _LISTED_ROWS:,} more" if len(numbers) > _LISTED_ROWS else ""
    rows, have = ("Row", "has") if len(numbers) == 1 else ("Rows", "have")
    table.warnings.append(
        f"{rows} {listed}{more} of “{table.file_name}” {have} characters that could not be read "
        "(shown as �): the file is UTF-8 with a few damaged bytes. Check those rows after the "
        "import, or fix them in the file and import it again."
    )


def _has_broken(cell: object) -> bool:
    return isinstance(cell, str) and "\ufffd" in cell


def _blank(cell: object) -> bool:
    return cell is None


def _header_index(rows: list[tuple]) -> int | None:
    """Which of the first rows is the header: wide enough and mostly text.

    A title line above the table (“Top creators 2024”) fills one cell; the header fills at
    least two whenever the table has two columns or more.
    """
    widths = [sum(c is not None for c in row) for row in rows]
    widest = max(widths, default=0)
    if widest == 0:
        return None
    least = 2 if widest >= 2 else 1
    for index, row in enumerate(rows):
        filled = [c for c in row if c is not None]
        if len(filled) < least or len(filled) * 2 < widest:
            continue  # a title line above the table
        texts = sum(isinstance(c, str) and meaningful(c) and not is_number_text(c) for c in filled)
        if texts * 10 >= len(filled) * 8:
            return index
    return None


def _spread(cells: list, spans: list[tuple[int, int]]) -> list:
    """A row of column names with each name merged across columns (“Contact” over an email's
    column and a phone's) given to every column it covers."""
    cells = list(cells)
    for left, right in spans:
        if left >= len(cells) or _blank(cells[left]):
            continue
        cells += [None] * (right + 1 - len(cells))
        for column in range(left + 1, right + 1):
            if _blank(cells[column]):
                cells[column] = cells[left]
    return cells


def _last_filled(row: Sequence[object]) -> int:
    """How many cells of `row` there are up to its last filled one."""
    return len(row) - sum(1 for _ in takewhile(_blank, reversed(row)))


def _build_table(
    path: Path,
    sheet: str | None,
    names: list[str],
    raw_rows: Iterable[tuple],
    *,
    delimited: bool = False,
    spans: Spans | None = None,
) -> Table:
    """Find the header among the first rows and shape every row below it."""
    where = f"the sheet “{sheet}” of “{path.name}”" if sheet else f"“{path.name}”"
    start = where[0].upper() + where[1:]  # where a sentence starts with it
    error_cells: dict[int, dict[int, str]] = {}
    blocks = _cleaned(raw_rows, where, error_cells)
    top = next(blocks, [])
    first = top[:HEADER_SEARCH_ROWS]
    if not any(meaningful(c) for row in first for c in row):
        raise _no_list(f"{start} is empty: there is nothing to import.", sheet, names)
    index = _header_index(first)
    if index is None:
        raise _no_list(
            f"No row of column names was found at the top of {where}. Add a first row with "
            "names such as Name, Instagram handle, Followers, Email.",
            sheet,
            names,
        )
    header_cells = list(first[index])
    grouped = under_group_names(first, index)
    if grouped is not None:
        table_note = (
            f"The column names of {where} are on rows {index + 1} and {index + 2}, a group's "
            "name above its columns' own; each column was read as both (“Instagram Followers”)."
        )
        header_cells, index = grouped, index + 1
    if spans and index in spans:
        header_cells = _spread(header_cells, spans[index])
    while header_cells and _blank(header_cells[-1]):
        header_cells.pop()
    below = top[index + 1 :]
    if not delimited and below and len(below[0]) > len(header_cells):
        # Values past the last column name are a column all the same, named by its letter,
        # not a row with a separator too many (there are none in a workbook).
        used = max(map(_last_filled, below))
        header_cells += [None] * (used - len(header_cells))
    headers = [
        " ".join(str(c).split()) if not _blank(c) else f"Column {column_letter(i)}"
        for i, c in enumerate(header_cells)
    ]
    table = Table(path, sheet, names, index + 1, headers, error_cells=error_cells)
    if grouped is not None:
        table.warnings.append(table_note)
    number = index + 2  # the first row below the header
    names_again = tuple(header_cells)
    repeated: list[int] = []
    for block in _chain([top[index + 1 :]], blocks):
        shaped = _shaped(block, number, len(headers))
        if names_again in map(_CELLS, shaped):  # scanned in C: costs nothing when absent
            repeated += [row.number for row in shaped if row.cells == names_again]
            shaped = [row for row in shaped if row.cells != names_again]
        table.rows.extend(shaped)
        number += len(block)
    leave_out_other_rows(table, where)
    if repeated:  # two lists pasted one under the other: the column names are not a person
        listed = ", ".join(str(n) for n in repeated[:_LISTED_ROWS])
        rows, repeats = ("Row", "repeats") if len(repeated) == 1 else ("Rows", "repeat")
        table.warnings.append(
            f"{rows} {listed} of {where} {repeats} the column names; "
            f"{'it was' if len(repeated) == 1 else 'they were'} left out."
        )
    if not table.rows:
        raise _no_list(
            f"{start} has column names but no rows below them: there is nothing to import.",
            sheet,
            names,
        )
    return table


def _no_list(message: str, sheet: str | None, names: list[str]) -> SpreadsheetError:
    """A sheet without a list; a workbook's other sheets are named, since the list is often
    on another one (a “Read me” sheet first is common)."""
    others = [name for name in names if name != sheet] if sheet else []
    if others:
        listed = ", ".join(f"“{name}”" for name in others)
        sheets = "sheets" if len(others) > 1 else "sheet"
        message += f" The file also has the {sheets} {listed}: choose the one with the people."
    return SpreadsheetError(message, sheet=sheet, sheet_names=names)


def _shaped(block: list[tuple], number: int, width: int) -> list[SheetRow]:
    """A block's rows numbered from `number`, cut or padded to `width` cells, blank ones left out.

    The rows of a tidied block all have one length, so most blocks are shaped whole.
    """
    size = len(block[0]) if block else width
    if size > width:
        return _shaped_one_by_one(block, number, width)
    if size < width:
        block = list(map(tuple.__add__, block, repeat((None,) * (width - size))))
    made = list(map(tuple.__new__, repeat(SheetRow), zip(count(number), block, repeat(None))))
    blank = (None,) * width
    if blank in block:  # blank lines between blocks are common and mean nothing
        made = [row for row in made if row.cells != blank]
    return made


def _shaped_one_by_one(block: list[tuple], number: int, width: int) -> list[SheetRow]:
    """Rows wider than the header: a row with cells past it says a separator is missing."""
    shaped = []
    for row_number, cells in enumerate(block, number):
        if cells.count(None) == len(cells):
            continue
        problem = None
        extra = sum(c is not None for c in cells[width:])
        if extra:
            problem = (
                f"This row has {width + extra} or more cells but there are only {width} "
                "column names; a separator or quote is probably missing or extra."
            )
        shaped.append(SheetRow(row_number, cells[:width], problem))
    return shaped


def _cleaned(
    raw_rows: Iterable[Sequence[object]], where: str, error_cells: dict[int, dict[int, str]]
) -> Iterator[list[tuple]]:
    """Tidied blocks of rows, refusing a file past the row or column limit (a bomb, or not a list).

    Rows are tidied a block at a time, column by column (see `column_cleaning`). The cells
    that held a failed formula's error go to `error_cells`, by row number and column.
    """
    rows = iter(raw_rows)
    done = 0
    while block := list(islice(rows, _CLEAN_BLOCK)):
        if done + len(block) > MAX_ROWS:
            raise SpreadsheetError(
                f"{where[0].upper()}{where[1:]} has more than {MAX_ROWS:,} rows; infcrm imports "
                f"up to {MAX_ROWS:,} at a time. Split it into smaller files and import each."
            )
        if max(map(len, block)) > MAX_COLUMNS:
            block = [_within_columns(row, done + n, where) for n, row in enumerate(block, 1)]
        errors: list[tuple[int, int, str]] = []
        cleaned = cleaned_rows(block, errors)
        for row, column, text in errors:
            error_cells.setdefault(done + row + 1, {})[column] = text
        done += len(block)
        yield cleaned


def _within_columns(row: Sequence[object], number: int, where: str) -> Sequence[object]:
    """The row cut to the column limit, refused when it holds something past it."""
    if len(row) > MAX_COLUMNS:
        if any(c not in (None, "") for c in row[MAX_COLUMNS:]):
            raise SpreadsheetError(
                f"Row {number} of {where} has more than {MAX_COLUMNS:,} cells; infcrm reads "
                f"up to {MAX_COLUMNS:,} columns. Is the right separator used?"
            )
        return row[:MAX_COLUMNS]
    return row


def _chain(first: list[list[tuple]], rest: Iterator[list[tuple]]) -> Iterator[list[tuple]]:
    yield from first
    yield from rest


__all__ = [
    "MAX_BYTES",
    "SheetRow",
    "SpreadsheetError",
    "Table",
    "clean_cell",
    "column_letter",
    "read_table",
]
