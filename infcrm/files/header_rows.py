"""The shape of a sheet's column names: which rows look like names rather than a person's
values, names spread over two rows under a group's, and a second table below the list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from infcrm.files.sheet_types import SheetRow, Table

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
    if not _word_over_values(below, rows[index + 2 : index + 52]):
        return None  # words over words: a person's row with its last fields empty, maybe
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
        cells = rows[at].cells
        if (
            header_like(cells)
            and not header_like(rows[at + 1].cells)
            and _word_over_values(cells, [row.cells for row in rows[max(0, at - 50) : at]])
        ):
            return at
    return None


def _word_over_values(cells: Sequence[object], others: Sequence[Sequence[object]]) -> bool:
    """Whether a plain word sits in a column whose cells in `others` (rows above or below) are
    figures, handles or links (“Budget” under the Followers, “Followers” over them): a person
    with a field left empty does not."""
    for column, cell in enumerate(cells):
        if cell is None:
            continue
        values = [row[column] for row in others if column < len(row) and row[column] is not None]
        data = sum(
            isinstance(v, int | float)
            or (isinstance(v, str) and (is_number_text(v) or bool(_LOOKS_LIKE_DATA.search(v))))
            for v in values
        )
        if values and data * 10 >= len(values) * 8:
            return True
    return False


# What the first cell of a totals row says (“Total:”, “Grand total”, “Summe”, “合計”).
_TOTAL_WORDS = frozenset(
    {"total", "totals", "grand total", "sum", "subtotal", "sub total", "gesamt", "summe",
     "totale", "totaal", "toplam", "somme", "suma", "soma", "合計", "合计", "총계", "합계",
     "المجموع"}
)  # fmt: skip
# Words of a section's title inside a list (“Micro influencers”, “Tier 2 – mid”).
_SECTION_WORDS = frozenset(
    {"influencers", "creators", "tier", "micro", "macro", "nano", "mega", "mid", "kols",
     "youtubers", "tiktokers", "instagrammers", "streamers", "bloggers", "section", "group"}
)  # fmt: skip
_WORDS = re.compile(r"[^\W\d_]+")


def titles_and_totals(rows: Sequence) -> list[tuple[int, str]]:
    """The rows inside a list that are no person: a section's title alone in its row (“Micro
    influencers”) and a totals row (“Total”, then only figures). (index, "title"/"total")."""
    found = []
    for at, row in enumerate(rows):
        cells = row.cells
        if None not in cells:
            continue  # most rows: every cell filled
        first = cells[0]
        if first is None:
            first = next((c for c in cells if c is not None), None)
        if first.__class__ is not str:
            continue
        if len(first) <= 14 and first.strip(" :").casefold() in _TOTAL_WORDS:
            if all(
                isinstance(c, int | float) or (isinstance(c, str) and is_number_text(c))
                for c in cells[cells.index(first) + 1 :]
                if c is not None
            ):
                found.append((at, "total"))
        elif (
            cells.count(None) == len(cells) - 1
            and len(cells) >= 3
            and "@" not in first
            and _SECTION_WORDS & set(_WORDS.findall(first.casefold()))
        ):
            found.append((at, "title"))
    return found


def leave_out_other_rows(table: Table, where: str) -> None:
    """Leave out the rows below the column names that are no person of the list — a second
    table, a section's title, a totals row — and say which in the table's warnings."""
    rows = table.rows
    second = second_table_at(rows)
    if second is not None:
        shown = ", ".join(" ".join(str(c).split()) for c in rows[second].cells if not _blank(c))
        table.warnings.append(
            f"Rows {rows[second].number}–{rows[-1].number} of {where} are a second table (its "
            f"column names on row {rows[second].number}: {shown}); they were not imported. Put "
            "that table on a sheet of its own to import it."
        )
        del rows[second:]
    found = titles_and_totals(rows)
    for kind, what in (("title", "a section's title"), ("total", "a total")):
        listed = [f"row {rows[at].number} (“{_first(rows[at])}”)" for at, k in found if k == kind]
        if listed:
            shown = ", ".join(listed[:_LISTED]) + (" …" if len(listed) > _LISTED else "")
            is_what = f"is {what}" if len(listed) == 1 else f"are each {what}"
            table.warnings.append(
                f"{shown[0].upper()}{shown[1:]} {is_what}, not a person: left out."
            )
    for at, _kind in reversed(found):
        del rows[at]


_LISTED = 10  # rows named before “…”


def _first(row: SheetRow) -> str:
    return " ".join(str(next(c for c in row.cells if c is not None)).split())


__all__ = [
    "header_like",
    "is_number_text",
    "leave_out_other_rows",
    "meaningful",
    "second_table_at",
    "titles_and_totals",
    "under_group_names",
]
