"""The cells of an .ods sheet (LibreOffice, OpenOffice) that hold a failed formula's error.

python-calamine gives such a cell as an empty text, so the error would be lost without a word.
LibreOffice marks each one `calcext:value-type="error"` and writes the error as it shows it
(“#DIV/0!”, “Err:502”, or in the user's language: “#WERT!”, “#NOM ?”) as the cell's text,
which `said_as_excel` words as an .xlsx or .xls says it: Excel's English name, and LibreOffice's
own code beside the name its .xlsx export gives it (“#VALUE! (Err:502)”). The sheet's XML is
searched for that mark, once, and only where it is found is it read, counting rows and
columns as the file repeats them (`number-rows-repeated`, `number-columns-repeated`).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from infcrm.files.import_values import NOT_AVAILABLE
from infcrm.files.workbook_guard import MAX_COLUMNS, MAX_ROWS

# LibreOffice's error codes and the Excel error its .xlsx export writes for each
# (sc/source/filter/excel/xltools.cxx); the codes it shows by name are there too.
_CODES = {
    502: "#VALUE!", 503: "#NUM!", 504: "#VALUE!", 508: "#VALUE!", 509: "#VALUE!",
    510: "#VALUE!", 511: "#VALUE!", 519: "#VALUE!", 521: "#NULL!", 522: "#VALUE!",
    524: "#REF!", 525: "#NAME?", 530: "#NAME?", 531: "#NAME?", 532: "#DIV/0!", 32767: "#N/A",
}  # fmt: skip
# The error names in the languages infcrm reads (`import_values.SPREADSHEET_ERRORS`).
_NAMES = {
    "#valor!": "#VALUE!", "#¡valor!": "#VALUE!", "#wert!": "#VALUE!", "#valeur!": "#VALUE!",
    "#¡ref!": "#REF!", "#bezug!": "#REF!", "#nombre?": "#NAME?", "#nom?": "#NAME?",
    "#nome?": "#NAME?", "#núm!": "#NUM!", "#zahl!": "#NUM!", "#nulo!": "#NULL!",
    "#nul!": "#NULL!", "#nv": "#N/A", "#n/d": "#N/A", "#n/v": "#N/A",
}  # fmt: skip

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_CALC = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_SHEET = f"{{{_TABLE}}}table"
_ROW = f"{{{_TABLE}}}table-row"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_NAME = f"{{{_TABLE}}}name"
_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_CALC}}}value-type"


def ods_error_cells(path: Path, sheet: str) -> dict[int, dict[int, str]]:
    """Row number → column index → error, for the error cells of sheet `sheet` of an .ods;
    empty for a file that is not one or has none."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "content.xml" not in archive.namelist():
                return {}
            with archive.open("content.xml") as content:
                if not _has_mark(content):
                    return {}
            with archive.open("content.xml") as content:
                return _errors(content, sheet)
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, ParseError):
        return {}  # damaged: the reader that imports it says so


def _has_mark(content) -> bool:
    """Whether any cell is marked as an error (read in blocks: no parsing for most files)."""
    tail = b""
    while block := content.read(1 << 20):
        if b'value-type="error"' in tail + block:
            return True
        tail = block[-32:]
    return False


def _repeat(element, name: str, most: int) -> int:
    try:
        return max(1, min(int(element.get(name, "1")), most))
    except ValueError:
        return 1


def _errors(content, sheet: str) -> dict[int, dict[int, str]]:
    found: dict[int, dict[int, str]] = {}
    inside, row, rows_here, column = False, 0, 1, 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if tag == _SHEET:
            if event == "start":
                inside = element.get(_NAME) == sheet
            elif inside:
                break  # the sheet is read
            else:
                element.clear()
        elif not inside:
            continue
        elif tag == _ROW:
            if event == "start":
                rows_here, column = _repeat(element, _ROWS_REPEATED, MAX_ROWS), 0
            else:
                row += rows_here
                element.clear()
        elif tag in _CELLS and event == "end":
            columns_here = _repeat(element, _COLUMNS_REPEATED, MAX_COLUMNS)
            if element.get(_VALUE_TYPE) == "error":
                text = said_as_excel("".join(element.itertext()))
                if text.casefold() not in NOT_AVAILABLE:  # “no value”, as the user means
                    for number in range(row + 1, row + 1 + rows_here):
                        cells = found.setdefault(number, {})
                        cells.update(dict.fromkeys(range(column, column + columns_here), text))
            column += columns_here
    return found


def said_as_excel(shown: str) -> str:
    """An error as LibreOffice shows it, said as Excel names it: “Err:502” → “#VALUE!
    (Err:502)”, “#WERT!” or “#DIV/0 !” → “#VALUE!”, “#DIV/0!”; a code Excel has no name for
    stays as shown (“Err:512”)."""
    text = " ".join(shown.split())
    if not text:
        return "#ERROR!"
    if text.startswith("Err:") and text[4:].isdigit():
        name = _CODES.get(int(text[4:]))
        if name is None:
            return text
        return name if name == "#N/A" else f"{name} ({text})"
    plain = text.replace(" !", "!").replace(" ?", "?")  # French spacing: “#NOM ?”
    return _NAMES.get(plain.casefold(), plain.upper() if plain.startswith("#") else plain)


__all__ = ["ods_error_cells", "said_as_excel"]
