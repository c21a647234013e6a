"""Reading the rows of a workbook (.xlsx, .xlsm, .xls, .ods) with python-calamine.

calamine reads every cell the sheet holds whatever size the sheet declares (some programs write
“A1” for a sheet of thousands of rows), reads old .xls and LibreOffice .ods, and is many times
faster than openpyxl. It keeps one grid of cells per sheet, so zip-based files are checked by
`workbook_guard` first: a few kilobytes must not be able to ask for gigabytes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from infcrm.files.workbook_guard import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNCOMPRESSED,
    WorkbookTooBig,
    check_workbook,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")


def give_back_grid_memory() -> None:
    """Hand the memory of a sheet's grid, freed once its rows are read, back to the system.

    The C library keeps what calamine frees for later use, where Python's own objects rarely
    fit: a 100,000-row sheet's grid (about 50 MB) stayed in the process's size for the whole
    import: importing a 100,000-row .xlsx grew the process by 206 MB, 182 MB with this (four
    runs each, the same every time). Only GNU libc has `malloc_trim`; elsewhere nothing is
    done.
    """
    import ctypes

    with contextlib.suppress(AttributeError, OSError, TypeError):  # TypeError: Windows
        ctypes.CDLL(None).malloc_trim(0)


class WorkbookError(ValueError):
    """The workbook cannot be read; the message says why and what to do."""


def has_workbook_magic(head: bytes) -> bool:
    """Whether a file's first bytes are a workbook's (a zip, or an old .xls's compound file)."""
    return head.startswith((_ZIP_MAGIC, _OLE_MAGIC))


def is_workbook(path: Path, head: bytes) -> bool:
    """Whether the file is a workbook (by its first bytes, else by its name)."""
    return head.startswith((_ZIP_MAGIC, _OLE_MAGIC)) or path.suffix.lower() in WORKBOOK_SUFFIXES


def read_workbook(path: Path, sheet: str | None) -> tuple[list[str], str, Iterator[tuple], Spans]:
    """The sheet names, the sheet chosen (default: the first), its rows, streamed as tuples, and
    its cells merged across columns (see `merged_across`)."""
    workbook, names = open_workbook(path)
    if sheet is not None and sheet not in names:
        listed = ", ".join(f"“{n}”" for n in names)
        raise WorkbookError(f"“{path.name}” has no sheet called “{sheet}”. Its sheets: {listed}.")
    chosen = sheet or names[0]
    grid = _sheet(workbook, chosen, path.name)  # calamine reads the sheet here: once
    return names, chosen, _rows(grid, path.name), merged_across(grid)


# For each row (0-based), the (first, last) columns of each cell merged across several columns.
Spans = dict[int, list[tuple[int, int]]]


def merged_across(grid: Any) -> Spans:
    """The cells of a read sheet merged across columns, by row (.xlsx and .ods say; an .xls
    gives none). A column name merged over two columns names both."""
    try:
        ranges = grid.merged_cell_ranges or []
    except _READER_ERRORS as exc:
        _reraise_interrupts(exc)
        return {}
    spans: Spans = {}
    for (top, left), (_bottom, right) in ranges[:10_000]:
        if right > left:
            spans.setdefault(top, []).append((left, right))
    return spans


def open_workbook(path: Path, max_total: int = MAX_UNCOMPRESSED) -> tuple[Any, list[str]]:
    """The checked, opened workbook and the names of its worksheets (never none).

    `max_total`: how much all its parts may unpack to (see workbook_guard.check_workbook)."""
    import python_calamine as calamine

    name = path.name
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_ZIP_MAGIC):
        try:
            check_workbook(path, name, max_total)
        except WorkbookTooBig:
            raise
        except Exception as exc:  # zipfile, zlib and the like fail in many ways on damage
            raise WorkbookError(_damaged(name)) from exc
    try:
        workbook = _opened(calamine, path)
        names = [m.name for m in workbook.sheets_metadata if _is_worksheet(m)] or list(
            workbook.sheet_names
        )
    except calamine.PasswordError as exc:
        raise WorkbookError(_protected(name)) from exc
    except _READER_ERRORS as exc:
        _reraise_interrupts(exc)
        if head.startswith(_OLE_MAGIC) and path.suffix.lower() != ".xls":
            raise WorkbookError(_protected(name)) from exc
        raise WorkbookError(_damaged(name)) from exc
    if not names:
        raise WorkbookError(f"“{name}” has no sheets: there is nothing to import.")
    return workbook, names


def _opened(calamine: Any, path: Path) -> Any:
    """The workbook, read as its name says, else as its bytes say: an .xlsx named .xls, an old
    .xls or an .ods named .xlsx (renamed by hand, or by a site that names every sheet .xls)
    were taken for damaged or password-protected. The first failure stands when both fail."""
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except _READER_ERRORS as exc:
        _reraise_interrupts(exc)
        with path.open("rb") as handle:
            try:
                return calamine.CalamineWorkbook.from_filelike(handle)
            except _READER_ERRORS as again:
                _reraise_interrupts(again)
                raise exc from None


def sheet_rows(workbook: Any, chosen: str, name: str) -> Iterator[tuple]:
    """The rows of the sheet `chosen` of an opened workbook (`name`: the file's, for messages)."""
    return _rows(_sheet(workbook, chosen, name), name)


def _sheet(workbook: Any, chosen: str, name: str) -> Any:
    """The sheet `chosen`, read, refused when past the row or column limit."""
    try:
        grid = workbook.get_sheet_by_name(chosen)
        width = grid.width
        height = grid.height
    except _READER_ERRORS as exc:
        _reraise_interrupts(exc)
        raise WorkbookError(_damaged(name)) from exc
    if height > MAX_ROWS or width > MAX_COLUMNS:  # .xls and .ods are not checked beforehand
        raise WorkbookTooBig(
            f"The sheet “{chosen}” of “{name}” has {height:,} rows and {width:,} columns; infcrm "
            f"reads up to {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns. Split it, or delete the "
            "cells far outside the table, and save it again."
        )
    return grid


def _rows(grid: object, name: str) -> Iterator[tuple]:
    """The rows from column A on: calamine gives the empty rows above a table but starts each
    row at the first column used, and a table Excel shows from column B must keep its column
    letters in every message."""
    try:
        rows = grid.iter_rows()  # type: ignore[attr-defined]
        left = (getattr(grid, "start", None) or (0, 0))[1]
    except _READER_ERRORS as exc:
        _reraise_interrupts(exc)
        raise WorkbookError(_damaged(name)) from exc
    if not left:
        for row in rows:
            yield tuple(row)
        return
    margin = (None,) * left
    for row in rows:
        yield margin + tuple(row)


def _is_worksheet(meta: object) -> bool:
    kind = str(getattr(meta, "typ", "")).rsplit(".", 1)[-1].casefold()
    return kind in ("worksheet", "")


# The reader's own errors, and Rust panics, which reach Python as PanicException: a
# BaseException that cannot be named until one has happened.
_READER_ERRORS = BaseException


def _reraise_interrupts(exc: BaseException) -> None:
    """Let Ctrl+C, exit and generator shutdown through; everything else is a damaged file."""
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
        raise exc


def _damaged(name: str) -> str:
    return (
        f"“{name}” is damaged or is not an Excel workbook, so it cannot be read. Open it in "
        "Excel or LibreOffice and save it again as .xlsx, or save it as CSV."
    )


def _protected(name: str) -> str:
    return (
        f"“{name}” is password-protected. Open it in Excel, remove the password "
        "(File › Info > Protect Workbook), save it as .xlsx (or CSV) and import that file."
    )


__all__ = [
    "WORKBOOK_SUFFIXES",
    "Spans",
    "WorkbookError",
    "has_workbook_magic",
    "is_workbook",
    "merged_across",
    "open_workbook",
    "read_workbook",
    "sheet_rows",
]
