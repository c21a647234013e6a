"""The cells of a workbook's sheet that hold a failed formula's error (“#DIV/0!”), or a formula
that was never worked out.

python-calamine gives such a cell as an empty text, the same as a cell with nothing in it, so
the error would be lost without a word. Each format says where they are in its own way: an
.xlsx or .xlsm sheet's XML marks each one (`t="e"`) with the error as Excel shows it, read
here, as are the formulas a script saved without their results (an .xlsx cell with `<f>` and
no `<v>`), given as “=” and the formula; an old .xls holds them in BIFF records
(`xls_errors`), an .ods marks them `calcext:value-type="error"` (`ods_errors`). Each file is
searched for its mark, once, and only where it is found is it read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from infcrm.files.import_values import FAILED_FORMULAS
from infcrm.files.ods_errors import ods_error_cells
from infcrm.files.xls_errors import xls_error_cells

_ERROR_MARK = re.compile(rb'\bt\s*=\s*["\']e["\']')
# One cell whose attributes mark it as an error, and what it holds.
_ERROR_CELL = re.compile(
    rb"<(?:\w+:)?c\b([^>]*\bt\s*=\s*[\"']e[\"'][^>]*)>(.*?)</(?:\w+:)?c>", re.DOTALL
)
_REF = re.compile(rb"\br\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
# A cell whose formula has no result after it: no <v>, or an empty one.
_UNCALCULATED = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*"
    rb"(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_TEXT_RESULT = re.compile(rb"\bt\s*=\s*[\"']str[\"']")  # Excel's empty text result: <v></v>
# A cell whose formula has 0 for its result, and the workbook's request that every formula be
# worked out when the file is opened: together, what XlsxWriter (as pandas uses it) saves in
# place of a result it never worked out.
_ZERO_RESULT = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*"
    rb"<(?:\w+:)?v>0</(?:\w+:)?v>\s*</(?:\w+:)?c>"
)
_FULL_CALCULATION = re.compile(rb"\bfullCalcOnLoad\s*=\s*[\"'](?:1|true)[\"']")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb"([\w:]+)\s*=\s*[\"']([^\"']*)[\"']")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def workbook_error_cells(path: Path, sheet: str) -> dict[int, dict[int, str]]:
    """Row number → column index → error, for the cells of sheet `sheet` holding a failed
    formula's error (.xlsx, .xlsm, .xls, .ods); empty for another file or one with none."""
    try:
        return _error_cells(path, sheet)
    except Exception:  # zipfile, zlib and XML fail in many ways on damage (a zip “version
        return {}  # 21.2”): the cells calamine read are kept, and the damage costs no more


def _error_cells(path: Path, sheet: str) -> dict[int, dict[int, str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return ods_error_cells(path, sheet)  # an .ods, or no workbook: nothing
            part = _sheet_part(archive, sheet)
            data = archive.read(part) if part else b""
            worked_out_later = bool(_FULL_CALCULATION.search(archive.read("xl/workbook.xml")))
    except zipfile.BadZipFile:
        return xls_error_cells(path, sheet)  # an old .xls, or no workbook: nothing
    except (OSError, KeyError):
        return {}  # a part missing: nothing to add
    found = _uncalculated(data, worked_out_later) if b"<f" in data or b":f" in data else {}
    # Nearly every sheet has none: a plain search (far quicker than the pattern) says so.
    if b'"e"' not in data and b"'e'" not in data:
        return found
    if _ERROR_MARK.search(data) is None:
        return found
    for match in _ERROR_CELL.finditer(data):
        ref, value = _REF.search(match[1]), _VALUE.search(match[2])
        if ref is None or value is None:
            continue
        text = value[1].decode("utf-8", "replace").strip()
        if text.casefold() in FAILED_FORMULAS:
            found.setdefault(int(ref[2]), {})[_column_index(ref[1].decode())] = text
    return found


def _uncalculated(data: bytes, worked_out_later: bool) -> dict[int, dict[int, str]]:
    """The cells holding a formula but no result (“=1000*15”), as a script that writes
    formulas without working them out (openpyxl) saves them; each as its formula. With
    `worked_out_later` (the workbook asks for every formula to be worked out on opening), a
    result of 0 is no result either: XlsxWriter writes 0 in place of each."""
    found: dict[int, dict[int, str]] = {}
    for match in _UNCALCULATED.finditer(data):
        ref = _REF.search(match[1])
        if ref is None or (match[3] and _TEXT_RESULT.search(match[1])):
            continue  # a formula whose result is the empty text (=IF(A2="","",…)) is worked out
        _note_formula(found, ref, match[2])
    if worked_out_later:
        for match in _ZERO_RESULT.finditer(data):
            if (ref := _REF.search(match[1])) is not None:
                _note_formula(found, ref, match[2])
    return found


def _note_formula(found: dict[int, dict[int, str]], ref: re.Match, formula: bytes | None) -> None:
    text = _unescaped(formula or b"").strip() or "…"  # a shared formula's later cells
    found.setdefault(int(ref[2]), {})[_column_index(ref[1].decode())] = f"={text}"


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The name of the part holding the sheet called `sheet`, as the workbook lists it."""
    workbook = archive.read("xl/workbook.xml")
    relation = None
    for tag in _SHEET.findall(workbook):
        attributes = {k.split(b":")[-1]: v for k, v in _ATTRIBUTE.findall(tag)}
        if _unescaped(attributes.get(b"name", b"")) == sheet:
            relation = attributes.get(b"id")
            break
    if relation is None:
        return None
    for tag in _RELATION.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get(b"Id") == relation:
            target = attributes.get(b"Target", b"").decode()
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _unescaped(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


__all__ = ["workbook_error_cells"]
