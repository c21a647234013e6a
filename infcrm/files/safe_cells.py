"""Formula-injection defence: user text never runs as a formula in Excel or LibreOffice.

Spreadsheets treat a cell that begins with = + - @ (and tab or carriage return, which some
programs skip before looking) as a formula, so a note such as ``=HYPERLINK("http://x","y")``
typed into a profile could run when the export is opened. OWASP's guidance for CSV is to put a
single quote in front of such text; in .xlsx the cell is written with the string type instead
(`xlsx_book.write_text`), so the text stays exactly as the user typed it.
"""

from __future__ import annotations

import re

# The first characters OWASP lists as starting a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet would read as an error value rather than as text.
ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})

# The most characters Excel keeps in one cell.
XLSX_CELL_LIMIT = 32_767
# Control characters an .xlsx file cannot hold (XML 1.0).
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (or an error value)."""
    return text.startswith(FORMULA_TRIGGERS) or text in ERROR_CODES


def safe_text(value: str) -> str:
    """Text for a CSV field: a leading formula character gets a single quote in front (OWASP).

    Text the user already began with quotes before such a character (“'=not a formula”) gets
    one more, so that `restore_text` can take exactly one away and give back what was typed.
    """
    value = value.replace("\x00", "")
    return "'" + value if value.lstrip("'").startswith(FORMULA_TRIGGERS) else value


def restore_text(value: str) -> str:
    """Undo `safe_text` when reading our own CSV back: drop the quote added before a trigger."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def xlsx_text(value: str) -> str:
    """Text an .xlsx cell can hold: control characters XML forbids are dropped, and text past
    Excel's 32,767 characters per cell is cut (with "…") so the file opens without repairs."""
    if value.isprintable() and len(value) <= XLSX_CELL_LIMIT:
        return value  # most text: one quick check instead of a search, for millions of cells
    if _XLSX_ILLEGAL.search(value):
        value = _XLSX_ILLEGAL.sub("", value)
    if len(value) > XLSX_CELL_LIMIT:
        value = value[: XLSX_CELL_LIMIT - 1] + "…"
    return value


__all__ = [
    "FORMULA_TRIGGERS",
    "is_formula_like",
    "restore_text",
    "safe_text",
    "xlsx_text",
]
