"""A CSV file that stops in the middle of a row: a download or a save cut short.

Such a file does not end with a line break and its last row has fewer cells than there are
column names, where the row above is whole. Imported as it is, that row would come in half
empty without a word; it is named and left out instead, as an .xlsx cut short is refused.
A file whose rows leave out their empty cells at the end, or whose last row is whole, is read
as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from infcrm.files.sheet_types import Table

CUT_SHORT = "This row ends early: the file seems cut short — export it again."


class LastRows:
    """The rows of a text file passed on unchanged, keeping how many there were and how many
    cells the last two had."""

    def __init__(self, rows: Iterable[list]) -> None:
        self._rows = rows
        self.count = 0
        self.widths = (0, 0)  # the row before the last, the last

    def __iter__(self) -> Iterator[list]:
        count, before, last = 0, 0, 0
        for row in self._rows:
            count += 1
            before, last = last, len(row)
            yield row
        self.count, self.widths = count, (before, last)


def mark_cut_short(table: Table, text: str, rows: LastRows) -> None:
    """Give the table's last row the problem `CUT_SHORT` when the file stops inside it."""
    if not table.rows or text.endswith(("\n", "\r")):
        return
    last = table.rows[-1]
    if last.number != rows.count or last.problem is not None:
        return  # the last line was blank, or is already reported
    width = len(table.headers)
    above, cells = rows.widths  # the row above may be the column names
    if cells < width <= above:
        table.rows[-1] = last._replace(problem=CUT_SHORT)


__all__ = ["CUT_SHORT", "LastRows", "mark_cut_short"]
