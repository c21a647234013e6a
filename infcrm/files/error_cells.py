"""The cells of an import that held a failed formula's error (“#DIV/0!”), said by row and column.

The reader leaves such a cell empty, as it does “N/A”, but notes where it was
(`Table.error_cells`): a figure that a formula failed to work out is a value the user expected,
so the import says which cell lost it. Only the columns imported are said; an error in a column
left out costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from infcrm.files.import_mapping import IGNORE
from infcrm.files.row_problems import RowProblem


def imported_errors(
    error_cells: dict[int, dict[int, str]], mapping: Sequence[str]
) -> dict[int, dict[int, str]]:
    """The error cells (row number → column index → error) of the columns imported."""
    found: dict[int, dict[int, str]] = {}
    for number, cells in error_cells.items():
        used = {i: text for i, text in cells.items() if i < len(mapping) and mapping[i] != IGNORE}
        if used:
            found[number] = used
    return found


def failed_formulas(
    number: int, cells: dict[int, str], column_at: Callable[[int], str], strict: bool
) -> list[RowProblem]:
    """One problem per error cell of row `number`: each costs its cell (strict: the file)."""
    return [
        RowProblem(number, column_at(index), _said(text), cell_only=not strict)
        for index, text in sorted(cells.items())
    ]


def _said(text: str) -> str:
    if text.startswith("="):  # a formula saved without its result (workbook_errors)
        return (
            f"“{text}” is a formula that was never worked out: the program that saved the file "
            "did not calculate it. Open the file in Excel or LibreOffice, save it, and import "
            "it again."
        )
    return f"“{text}” is a spreadsheet error (a formula that failed), not a value."


__all__ = ["failed_formulas", "imported_errors"]
