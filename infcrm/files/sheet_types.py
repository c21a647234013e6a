"""What reading a spreadsheet gives: its table of rows under the column names found, and the
error that says in words why a file cannot be read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet; the message says why and what to do.

    When a sheet of a workbook holds no list, `sheet` names it and `sheet_names` lists every
    sheet of the file, so the caller can offer another one.
    """

    def __init__(
        self, message: str, *, sheet: str | None = None, sheet_names: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.sheet_names = list(sheet_names)

    def other_sheets(self) -> list[str]:
        """The workbook's sheets other than the one that could not be read."""
        return [name for name in self.sheet_names if name != self.sheet]


class SheetRow(NamedTuple):  # a big file holds 100,000: a tuple is made twice as fast
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
    warnings: list[str] = field(default_factory=list)  # read, but the user should look
    encoding: str | None = None  # for text files: the encoding they were read in
    # Cells that held a failed formula's error (“#DIV/0!”), read as empty: row number →
    # column index → the error, for the import to report.
    error_cells: dict[int, dict[int, str]] = field(default_factory=dict)

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


__all__ = ["SheetRow", "SpreadsheetError", "Table", "column_letter"]
