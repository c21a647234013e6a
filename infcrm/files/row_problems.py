"""A problem found in one row of an import, as the summary and the rows-not-imported file say it."""

from __future__ import annotations

from dataclasses import dataclass


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


__all__ = ["RowProblem"]
