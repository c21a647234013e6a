"""The shape of a sheet's column names: which rows look like names rather than a person's
values, names spread over two rows under a group's, and a second table below the list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

# What a person's values hold and a column's name does not: an @handle, a link or a domain,
# three digits in a row.
_LOOKS_LIKE_DATA = re.compile(r"@|://|\.[a-z]{2,}\b|\d{3}", re.IGNORECASE)


def _blank(cell: object) -> bool:
    return cell is None


def meaningful(cell: object) -> bool:
    """Whether a cell holds something (a lone “;” or “-” in a stray line does not count)."""
    return not _blank(cell) and any(ch.isalnum() for ch in str(cell))


def is_number_text(text: str) -> bool:
    try:
        float(text.replace(",", "").replace("%", "").strip())
    except ValueError:
        return False
    return True


def header_like(row: tuple) -> bool:
    """Whether every cell of `row` up to its last could be a column's name: text, no gaps, and
    nothing a person's row holds (an @handle, a link, a number)."""
    cells = list(row)
    while cells and _blank(cells[-1]):
        cells.pop()
    return len(cells) >= 2 and all(
        isinstance(c, str)
        and meaningful(c)
        and not is_number_text(c)
        and len(c) <= 40
        and not _LOOKS_LIKE_DATA.search(c)
        for c in cells
    )


def under_group_names(rows: list[tuple], index: int) -> list | None:
    """The column names when the header found spans two rows, else None.

    Spreadsheets often put a group's name in merged cells above its columns' own names
    (“Instagram” over “Handle” and “Followers”): the row found has gaps, the row below names
    every column, and the row after that is a person's. Each column is read as the group's
    name then its own; a column under no group keeps its own name.
    """
    if index + 2 >= len(rows):
        return None
    top, below, after = rows[index], rows[index + 1], rows[index + 2]
    if not header_like(below) or header_like(after):
        return None
    width = len(below) - sum(1 for _ in takewhile(_blank, reversed(below)))
    if sum(not _blank(c) for c in top[:width]) >= width or any(not _blank(c) for c in top[width:]):
        return None  # no gap to span, or a name over no column
    names: list = []
    group = None
    for column in range(width):
        label = top[column] if column < len(top) else None
        if not _blank(label):
            group = " ".join(str(label).split())
        own = " ".join(str(below[column]).split())
        names.append(f"{group} {own}" if group and group.casefold() != own.casefold() else own)
    return names


def second_table_at(rows: Sequence) -> int | None:
    """Where a second table starts below the list, or None: after a blank line, a row of other
    column names (“Brand”, “Budget”, “Contact”) over rows unlike it. Its rows are not people of
    this list. `rows` are SheetRows (`number`, `cells`)."""
    for at in range(1, len(rows) - 1):
        if rows[at].number == rows[at - 1].number + 1:
            continue
        if header_like(rows[at].cells) and not header_like(rows[at + 1].cells):
            return at
    return None


__all__ = ["header_like", "is_number_text", "meaningful", "second_table_at", "under_group_names"]
