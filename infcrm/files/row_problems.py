"""A problem found in one row of an import, as the summary and the rows-not-imported file say it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from infcrm.domain.field_catalogue import FIELDS_BY_KEY, max_length
from infcrm.domain.joined_text import shown


@dataclass(frozen=True)
class RowProblem:
    """A problem in one row, with where to look: a cell left empty, or the row left out."""

    row: int
    column: str | None  # “C (Followers)”, or None for the whole row
    message: str
    cell_only: bool = False  # the cell was left empty and the rest of the row imported
    kept: bool = False  # with cell_only: its value was kept elsewhere (Notes), not left empty
    told: bool = False  # the message itself says what became of the value

    @property
    def loses_value(self) -> bool:
        """Whether something in the file would not reach infcrm — what strict checking refuses.

        A value moved elsewhere (a handle from a Contact cell kept in Notes, a YouTube link in
        the Instagram column stored on YouTube) is not lost.
        """
        return not self.kept

    @property
    def detail(self) -> str:
        """The message and what became of the cell."""
        left = self.cell_only and not self.kept and not self.told
        return self.message + (" Left empty." if left else "")

    def __str__(self) -> str:
        """“Row 7, column C (Followers): …” as the summary lists it."""
        where = f"Row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.detail}"


# How a field's parts are joined, and what one part and several are called, when a message
# quotes them.
_PARTS = {
    "other_names": ("; ", "name", "names"),
    "other_emails": (", ", "address", "addresses"),
    "niches": (", ", "niche", "niches"),
    "notes": ("\n\n", "note", "notes"),
}


def not_added(
    row: int, column: str | None, key: str, parts: Sequence[str], into: str
) -> RowProblem:
    """The problem of a row's `parts` of a field that joined text leaves out, the field (the
    other names, other emails, niches or notes of `into`: “row 2, the same person”) holding
    no more: “2 names (“…”) not added to the other names of row 2, the same person: Other
    names holds at most 2,000 characters.”"""
    separator, noun, nouns = _PARTS.get(key, ("; ", "part", "parts"))
    label = FIELDS_BY_KEY[key].label
    return RowProblem(
        row,
        column,
        f"{shown(list(parts), separator, noun, nouns=nouns)} not added to the {label.lower()} "
        f"of {into}: {label} holds at most {max_length(key):,} characters.",
        cell_only=True,
        told=True,
    )


__all__ = ["RowProblem", "not_added"]
