"""A person's other names: those of the records merged into them, kept in one text cell.

“Mia B.; Mia Bakes” — separated by semicolons, which names almost never hold (a comma may:
“Bakes, Mia”). An import finds the person by any of them as by their name.
"""

from __future__ import annotations

from collections.abc import Iterable

from infcrm.domain.joined_text import fitting
from infcrm.domain.names import fold_name

SEPARATOR = "; "


def split_names(text: object) -> list[str]:
    """The names of an other-names cell, trimmed, in order, without blanks."""
    return [" ".join(part.split()) for part in str(text or "").split(";") if part.strip()]


def merged_names(chosen: object, names: Iterable[object]) -> str | None:
    """The cell that keeps `names` beside the `chosen` name: each once, none that is the
    chosen name but for accents, case or spacing (None when nothing is left)."""
    seen = {fold_name(str(chosen or ""))}
    kept: list[str] = []
    for name in names:
        for one in split_names(name):
            key = fold_name(one)
            if key and key not in seen:
                seen.add(key)
                kept.append(one)
    return SEPARATOR.join(kept) or None


def names_that_fit(
    chosen: object, names: Iterable[object], limit: int, kept: object = None
) -> tuple[str | None, list[str]]:
    """`merged_names` of `kept` and `names` in at most `limit` characters, as the form allows:
    the names of `kept` (a person's own cell) all stay; a name after them that would make the
    cell longer is left out (a shorter one after it may still fit); the cell and the names
    left out, in order."""
    own = split_names(merged_names(chosen, [kept]))
    cell = merged_names(chosen, [kept, *names])
    if cell is None or len(cell) <= limit:
        return cell, []
    joined, left = fitting(split_names(cell)[len(own) :], SEPARATOR, limit, own)
    return SEPARATOR.join(joined) or None, left


__all__ = ["SEPARATOR", "merged_names", "names_that_fit", "split_names"]
