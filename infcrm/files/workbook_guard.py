"""Refusing spreadsheet bombs before the reader touches them.

A workbook is a zip of XML. A few kilobytes can declare a gigabyte of text, a cell at the far
corner of the sheet (XFD1048576) or a billion shared strings, and the reader would try to
hold all of it. This module checks the zip's declared sizes and compression ratios, then reads
each sheet's XML as a stream (bounded by those declared sizes) to find how far its cells reach,
so the reader is only handed files whose grid fits in memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MAX_UNCOMPRESSED = 300 * 1024 * 1024  # all parts of a workbook, unpacked
# infcrm's own all-sheets export is read one sheet at a time, so only each sheet's reach and
# cells bound the memory; its whole is limited by what infcrm writes: 100,000 people with a
# million outreach entries unpack to about 1.1 GB, and this leaves room for three times that.
MAX_BACKUP_UNCOMPRESSED = 3 * 1024 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed for any large part; real sheets stay well under 50
MAX_ROWS = 500_000
MAX_COLUMNS = 1_000
MAX_CELLS = 8_000_000  # the reader keeps one grid of cells per sheet (~32 bytes each)
_RATIO_FLOOR = 1024 * 1024  # small parts compress as they like
_CHUNK = 1 << 20
# A cell or row reference far enough to matter: two letters (column ≥ AA) or six digits
# (row ≥ 100,000). Nearer ones (Z99999 at most) cannot make a grid too big on their own, so
# a sheet of 26 columns or fewer costs one quick pass whatever its length.
_FAR = re.compile(rb'r="([A-Z]{2,}|[A-Z]?(?=\d{6}))(\d*)"')
_ROW5 = re.compile(rb'(?<=\s)r="[A-Z]*(\d{5})"')
_LETTER = re.compile(rb'<c r="([A-Z])\d')  # a numbered cell's column, when it has one letter
_SPACES = b" \t\r\n"
# Tags without a reference (“<c>”, “<c s="1" r="B2">” too: an upper bound), <col> apart; each
# needs at most `_LOOK` bytes from its start to be told apart from one with a reference.
# One pass each, where counting every tag and every numbered tag took four
# (a 42 MB sheet: 0.15 s → 0.06 s).
_UNNUMBERED_CELL = re.compile(rb'<c(?! r="|ol)')
_UNNUMBERED_ROW = re.compile(rb'<row(?! r=")')
_LOOK = len(b'<row r="')
# A row holding no cell, a cell holding no value: LibreOffice writes one for every formatted
# row down to row 1,048,576 and every formatted cell across to column AMJ, and they widen no
# grid, so their references are not a reach.
_EMPTY_END = {
    b"<row": re.compile(rb"[^>]*?(?:/>|>\s*</row>)"),
    b"<c": re.compile(rb"[^>]*?(?:/>|>\s*</c>)"),
}
_OVERLAP = 512  # longer than any row tag a spreadsheet program writes
_COUNT = re.compile(rb'\b(?:count|uniqueCount)="(\d+)"')
_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d+)"')
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")


class WorkbookTooBig(ValueError):
    """The workbook would unpack or spread beyond what infcrm reads; the message says how."""


@dataclass(frozen=True)
class Reach:
    """How far a sheet's cells reach: the last row and column used (1-based)."""

    rows: int
    columns: int


def column_number(letters: bytes | str) -> int:
    """1-based column number of `letters` (A → 1, XFD → 16384)."""
    number = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        number = number * 26 + (ord(ch) - 64)
    return number


def check_workbook(path: object, name: str, max_total: int = MAX_UNCOMPRESSED) -> None:
    """Refuse a zip-based workbook (.xlsx, .xlsm, .ods) that would unpack too big.

    `max_total` bounds all parts together (MAX_BACKUP_UNCOMPRESSED for infcrm's own export);
    the ratio, reach and cell limits hold for every workbook alike."""
    with zipfile.ZipFile(path) as archive:  # type: ignore[arg-type]
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        if total > max_total:
            raise WorkbookTooBig(
                f"“{name}” unpacks to {total / 1024 / 1024:,.0f} MB; infcrm reads workbooks up "
                f"to {max_total // 1024 // 1024:,} MB unpacked. Save it as CSV, or split it."
            )
        for info in infos:
            packed = max(info.compress_size, 1)
            if info.file_size > _RATIO_FLOOR and info.file_size / packed > MAX_RATIO:
                raise WorkbookTooBig(
                    f"“{name}” is built to unpack {info.file_size / packed:,.0f} times its size "
                    f"(its part {info.filename}), as files made to exhaust memory are. infcrm "
                    "does not read it. If it is genuine, open it in your spreadsheet program "
                    "and save it as CSV."
                )
        for info in infos:
            if info.filename == "xl/sharedStrings.xml":
                _check_string_count(archive, info, name)
            elif _SHEET_PART.fullmatch(info.filename):
                _check_reach(sheet_reach(archive, info), name)
            elif info.filename == "content.xml":
                _check_ods(archive, info, name)


def _check_reach(reach: Reach, name: str) -> None:
    if reach.rows > MAX_ROWS:
        raise WorkbookTooBig(
            f"“{name}” has cells down to row {reach.rows:,}; infcrm reads up to "
            f"{MAX_ROWS:,} rows. Delete the cells far below the table (or split the file) and "
            "save it again."
        )
    if reach.columns > MAX_COLUMNS:
        raise WorkbookTooBig(
            f"“{name}” has cells across to column {reach.columns:,}; infcrm reads up to "
            f"{MAX_COLUMNS:,} columns. Delete the cells far right of the table and save it again."
        )
    if reach.rows * reach.columns > MAX_CELLS:
        raise WorkbookTooBig(
            f"“{name}” spans {reach.rows:,} rows by {reach.columns:,} columns "
            f"({reach.rows * reach.columns:,} cells); infcrm reads up to {MAX_CELLS:,} cells "
            "per sheet. Delete the unused columns, or split the file, and save it again."
        )


def _stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, overlap: int = _OVERLAP
) -> Iterator[bytes]:
    """The part's bytes a megabyte at a time; zipfile stops at the declared size.

    Each piece starts with the last `overlap` bytes of the one before, so a reference split
    across two pieces is still seen. Markers of four bytes or more are counted once with an
    overlap of three.
    """
    tail = b""
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            yield tail + chunk
            tail = chunk[-overlap:]


def sheet_reach(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Reach:
    """The last row and column a sheet's XML places a cell in (an upper bound)."""
    rows = columns = 0
    unnumbered_cells = unnumbered_rows = 0
    any_cells = False
    for number, (buffer, last) in enumerate(_with_last(_stream(archive, info))):
        # A reference in the overlap is judged in the next piece, which starts with it and
        # holds its whole tag (so an empty row cut in two is not taken for a full one).
        judged = len(buffer) if last else len(buffer) - _OVERLAP
        for match in _FAR.finditer(buffer, 0, judged):
            letters, digits = match.groups()
            far_column = len(letters) >= 2 and column_number(letters) > columns
            far_row = len(digits) >= 6 and int(digits) > rows
            if (far_column or far_row) and _reaches(buffer, match.start()):
                if far_column:
                    columns = column_number(letters)
                if far_row:
                    rows = int(digits)
        # Each tag is judged in one piece only: with a fixed overlap of 7, a “<c” at the end
        # of a piece counted twice, and infcrm's Social accounts sheet of 100,000 people (20
        # columns) read as 47 columns, 11.3 million cells, over the limit. A tag without a
        # reference is judged where what follows it is in the piece (`_judged`).
        # “<c” also counts <cfRule> and the like (a few at most, so the bound stays close),
        # but not <cols>/<col>: a sheet with a width on each of its 64 columns counted as
        # 65 more unnumbered cells reached 129 columns, and an export of 100,000 people read
        # as 12.9 million cells, over the limit (infcrm refused its own export).
        low = _OVERLAP - _LOOK if number else 0
        high = len(buffer) if last else len(buffer) - _LOOK
        unnumbered_cells += _judged(_UNNUMBERED_CELL, buffer, low, high)
        unnumbered_rows += _judged(_UNNUMBERED_ROW, buffer, low, high)
        any_cells = any_cells or b'<c r="' in buffer
        # Prefixed tags (<x:c >, <x:row >) hold a colon: a piece without one, as nearly every
        # piece of a sheet is, holds none of them (one memchr pass instead of two counts).
        start = _OVERLAP if number else 0
        if buffer.find(b":", max(0, start - len(b":row ") + 1)) != -1:
            count = _counter(buffer, start)
            unnumbered_cells += count(b":c ")
            unnumbered_rows += count(b":row ")
    if not rows:  # no row past 99,999: find the real last one only if it matters
        rows = 9_999
        if max(columns, 26) * 99_999 > MAX_CELLS:
            rows = max([rows, *(int(d) for b in _stream(archive, info) for d in _ROW5.findall(b))])
    rows += unnumbered_rows
    any_cells = any_cells or unnumbered_cells > 0
    narrow = 26 if any_cells else 0
    if any_cells and not columns and rows * narrow > MAX_CELLS:
        # A long sheet within A:Z, as infcrm's own Outreach sheet (14 columns, 435,136 rows
        # for 100,000 people): counted 26 wide it passed the limit; its last letter tells.
        narrow = max(
            (ord(c) - 64 for b in _stream(archive, info) for c in _LETTER.findall(b)), default=0
        )
    # Cells without a reference follow the one before, so each can reach one further.
    columns = max(columns, narrow) + unnumbered_cells
    return Reach(rows, columns)


def _judged(tag: re.Pattern[bytes], buffer: bytes, low: int, high: int) -> int:
    """How many matches of `tag` start from `low` up to `high`.

    The search runs to the buffer's end, so a match near `high` still sees what follows it
    (a search bounded there would take a cut “<c r” for a cell without a reference); the few
    from `high` on are judged in the next piece, which starts `_OVERLAP` bytes earlier."""
    found = len(tag.findall(buffer, low))
    if high < len(buffer):
        found -= len(tag.findall(buffer, high))
    return found


def _counter(buffer: bytes, start: int) -> Callable[[bytes], int]:
    """Counts of a marker ending past `start` (the first byte not in the overlap)."""

    def count(marker: bytes) -> int:
        return buffer.count(marker, max(0, start - len(marker) + 1))

    return count


def _with_last(pieces: Iterator[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Each piece, and whether it is the last one."""
    previous = next(pieces, None)
    for piece in pieces:
        yield previous, False  # type: ignore[misc]
        previous = piece
    if previous is not None:
        yield previous, True


def _reaches(buffer: bytes, at: int) -> bool:
    """Whether the r="…" at `at` places a cell: an attribute named r (Excel writes
    firstPageNumber="4294967295" in a sheet's page set-up, and that is no row), and not on
    a <row> without cells or a <c> without value."""
    if at and buffer[at - 1] not in _SPACES:
        return False
    return not _empty_element(buffer, at - 1)


def _empty_element(buffer: bytes, at: int) -> bool:
    """Whether the attribute after `at` belongs to a <row> without cells or a <c> without value."""
    start = buffer.rfind(b"<", 0, at)
    if start == -1 or buffer.find(b">", start, at) != -1:
        return False
    name = buffer[start : buffer.find(b" ", start, at + 1)]
    ending = _EMPTY_END.get(name)
    return ending is not None and ending.match(buffer, at) is not None


def _check_string_count(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a shared-string table that declares more strings than a readable sheet can hold."""
    with archive.open(info) as handle:
        head = handle.read(4096)
    for declared in _COUNT.findall(head):
        if int(declared) > MAX_CELLS:
            raise WorkbookTooBig(
                f"“{name}” declares {int(declared):,} pieces of text; infcrm reads up to "
                f"{MAX_CELLS:,}. Open it in your spreadsheet program and save it again."
            )


def _check_ods(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse an .ods whose repeated cells with content would spread past the limits."""
    for buffer in _stream(archive, info):
        for what, count in _REPEAT.findall(buffer):
            limit = MAX_ROWS if what == b"rows" else MAX_COLUMNS
            if int(count) > limit and not _empty_repeat(buffer, count):
                raise WorkbookTooBig(
                    f"“{name}” repeats a cell {int(count):,} times across its {what.decode()}; "
                    "infcrm reads up to "
                    f"{MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns. Delete the cells far "
                    "outside the table and save it again."
                )


def _empty_repeat(buffer: bytes, count: bytes) -> bool:
    """Whether every long repeat in `buffer` is of empty cells (how spreadsheets pad a sheet)."""
    attribute = b'repeated="' + count + b'"'
    start = 0
    while (at := buffer.find(attribute, start)) != -1:
        end = buffer.find(b">", at)
        if end == -1 or buffer[end - 1 : end] != b"/":  # an element with content inside
            following = buffer[end + 1 : end + 200]
            if b"<text:p" in following.split(b"</table:table-", 1)[0]:
                return False
        start = at + 1
    return True


__all__ = [
    "MAX_BACKUP_UNCOMPRESSED",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED",
    "Reach",
    "WorkbookTooBig",
    "check_workbook",
    "column_number",
    "sheet_reach",
]
