"""Tidying the cells of a sheet a column at a time instead of one cell at a time.

`clean_cell` says what a cell becomes (blank and “N/A”-like text → None, 12.0 → 12, a
zero-width space pasted with a value left out). A big list
has a million cells, and calling it for each costs several times the reading of the file. Most
columns hold one kind of value: every cell of a CSV file is text, a workbook's counts are whole
floats. A text column is stripped in one map and its cells, joined line by line and folded in one
call, are looked up in the “no value” words at once; only a column where one is found goes
through `clean_cell` cell by cell. A column of whole floats becomes ints in one map. The result is
always exactly what `clean_cell` gives (tests/unit/files/test_column_cleaning.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from infcrm.domain.invisible import ZERO_WIDTH, without_stray_zero_width
from infcrm.files.import_values import EMPTY_WORDS, FAILED_FORMULAS, SPREADSHEET_ERRORS

# What a stripped, folded cell may be when `clean_cell` makes it None.
_NO_VALUE = EMPTY_WORDS | SPREADSHEET_ERRORS
_EXACT_FLOATS = 2.0**53  # beyond this a float is not a whole number kept exactly


def clean_cell(cell: object) -> object:
    """A cell as the importer wants it: blank and “N/A”-like text → None, 12.0 → 12."""
    if cell.__class__ is str:
        text = cell.strip()  # type: ignore[attr-defined]
        if not text.isascii():  # a zero-width space pasted with the value is no part of it
            text = without_stray_zero_width(text).strip()
        size = len(text)
        # Only texts as long as an empty word are looked up: this runs for every cell.
        if not text or (
            (size <= 4 or size in _LONG_EMPTY_SIZES) and text.casefold() in EMPTY_WORDS
        ):
            return None
        if text[0] == "#" and text.casefold() in SPREADSHEET_ERRORS:
            return None
        return text
    if cell.__class__ is float:
        if cell != cell:  # NaN
            return None
        if cell.is_integer() and abs(cell) < _EXACT_FLOATS:  # type: ignore[attr-defined]
            return int(cell)  # type: ignore[call-overload]
    return cell


_LONG_EMPTY_SIZES = frozenset(len(w) for w in EMPTY_WORDS if len(w) > 4)


# Where a failed formula's error was found: (row index, column index, the error as written).
ErrorCells = list[tuple[int, int, str]]


def cleaned_rows(rows: Sequence[Sequence[object]], errors: ErrorCells | None = None) -> list[tuple]:
    """The rows with each cell as `clean_cell` makes it; short rows padded with None.

    The padding is what a row with fewer cells than its neighbours means: nothing there.
    `errors`, when given, gets each cell that held a failed formula's error (“#DIV/0!”): it is
    left empty like “N/A”, but the import must say so.
    """
    if not rows:
        return []
    even = len(set(map(len, rows))) == 1
    columns = zip(*rows, strict=True) if even else zip_longest(*rows)
    return list(zip(*(clean_column(c, errors, i) for i, c in enumerate(columns)), strict=True))


def clean_column(
    column: Sequence[object], errors: ErrorCells | None = None, index: int = 0
) -> Sequence[object]:
    """One column's cells as `clean_cell` makes each of them (`errors`: see `cleaned_rows`;
    `index`: the column's, as they are noted there)."""
    try:
        stripped = list(map(str.strip, column))  # type: ignore[arg-type]
    except TypeError:  # not all text
        return _other_column(column, errors, index)
    if "" in stripped:
        stripped = [text or None for text in stripped]  # type: ignore[misc]
        texts = list(filter(None, stripped))
    else:
        texts = stripped
    joined = "\n".join(texts)  # type: ignore[arg-type]
    pasted = not joined.isascii() and any(mark in joined for mark in ZERO_WIDTH)
    # Each cell folded as `clean_cell` folds it, in one call: folding never makes or takes a
    # line break, so the lines are the cells (a cell with a break inside only finds more).
    if not pasted and _NO_VALUE.isdisjoint(joined.casefold().split("\n")):
        return stripped
    if errors is not None:
        _note_errors(stripped, index, errors)
    return list(map(clean_cell, stripped))


def _note_errors(column: Sequence[object], index: int, errors: ErrorCells) -> None:
    """Add the cells of `column` that hold a failed formula's error to `errors`."""
    for row, cell in enumerate(column):
        if cell.__class__ is str and "#" in cell:  # type: ignore[operator]
            text = cell.strip()  # type: ignore[attr-defined]
            if text.casefold() in FAILED_FORMULAS:
                errors.append((row, index, text))


def _other_column(
    column: Sequence[object], errors: ErrorCells | None, index: int
) -> Sequence[object]:
    kinds = set(map(type, column))
    if kinds == {float}:
        if all(map(float.is_integer, column)) and max(map(abs, column)) < _EXACT_FLOATS:  # type: ignore[arg-type]
            return list(map(int, column))  # type: ignore[arg-type]
    elif str not in kinds and float not in kinds:
        return column  # numbers, dates, yes/no, blanks: kept as they are
    if errors is not None and str in kinds:
        _note_errors(column, index, errors)
    return list(map(clean_cell, column))


__all__ = ["ErrorCells", "clean_cell", "clean_column", "cleaned_rows"]
