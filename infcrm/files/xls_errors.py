"""The cells of an old .xls sheet (Excel 97-2003) that hold a failed formula's error.

python-calamine gives such a cell as an empty text, so the error would be lost without a word.
The workbook's BIFF8 records say it: a constant error is a BOOLERR record whose flag is set, a
formula whose last result was an error is a FORMULA record whose result holds the error's code
(its last two bytes 0xFFFF, its first 2). The records are walked only when a quick search of
the stream finds one of those shapes: nearly every workbook has none.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from infcrm.files.compound_file import compound_stream
from infcrm.files.import_values import FAILED_FORMULAS

_BOF, _EOF, _BOUNDSHEET, _BOOLERR, _FORMULA = 0x0809, 0x000A, 0x0085, 0x0205, 0x0006
# The error codes of BIFF8 and the text Excel shows for each.
_CODES = {
    0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
    0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A",
}  # fmt: skip
_ANY_CODE = b"[" + re.escape(bytes(_CODES)) + b"]"
# A BOOLERR record holding an error, or a FORMULA result that is one.
_HINT = re.compile(
    rb"\x05\x02\x08\x00.{6}" + _ANY_CODE + rb"\x01|\x02\x00" + _ANY_CODE + rb"\x00\x00\x00\xff\xff",
    re.DOTALL,
)


def xls_error_cells(path: Path, sheet: str) -> dict[int, dict[int, str]]:
    """Row number → column index → error, for the error cells of sheet `sheet` of an .xls;
    empty for a file that is not one or has none."""
    stream = compound_stream(path, ("Workbook", "Book"))
    if not stream or _HINT.search(stream) is None:
        return {}
    try:
        start = _sheet_offset(stream, sheet)
        return _errors(stream, start) if start is not None else {}
    except (struct.error, IndexError, ValueError):  # a record cut short, a name not text:
        return {}  # calamine says what is wrong with the file


def _records(stream: bytes, at: int):
    """(kind, data offset, length) of each record from `at` on."""
    end = len(stream)
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        yield kind, at + 4, length
        at += 4 + length


def _sheet_offset(stream: bytes, sheet: str) -> int | None:
    """Where the substream of the sheet called `sheet` starts, as the globals list it."""
    for kind, at, length in _records(stream, 0):
        if kind == _EOF:
            return None
        if kind != _BOUNDSHEET:
            continue
        offset, _state, _kind, count, wide = struct.unpack_from("<IBBBB", stream, at)
        raw = stream[at + 8 : at + length]
        name = raw[: count * 2].decode("utf-16-le") if wide else raw[:count].decode("latin-1")
        if name == sheet:
            return offset
    return None


def _errors(stream: bytes, start: int) -> dict[int, dict[int, str]]:
    found: dict[int, dict[int, str]] = {}
    for kind, at, length in _records(stream, start):
        if kind == _EOF:
            break
        code = None
        if kind == _BOOLERR and length >= 8 and stream[at + 7] == 1:
            code = stream[at + 6]
        elif kind == _FORMULA and length >= 14:
            result = stream[at + 6 : at + 14]
            if result[0] == 2 and result[6:8] == b"\xff\xff":
                code = result[2]
        text = _CODES.get(code) if code is not None else None
        if text is not None and text.casefold() in FAILED_FORMULAS:
            row, column = struct.unpack_from("<HH", stream, at)
            found.setdefault(row + 1, {})[column] = text
    return found


__all__ = ["xls_error_cells"]
