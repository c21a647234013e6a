"""What a restore takes and gives: plain rows of each part of a backup, and the counts written.

A backup is read from a file elsewhere (files/); here it is only values. Each row keeps the
number it had in its sheet, and each part the column header of every field, so a refusal names
the sheet, the row and the column the user has to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from infcrm.services.changes import Changes

# The parts of a backup, in the order they are written (each refers only to earlier ones).
PARTS: tuple[str, ...] = (
    "stages", "settings", "templates", "outreach_templates", "tags", "saved_views", "people",
    "not_duplicates", "accounts", "history", "campaigns", "interactions", "follow_ups", "deals",
    "incentives", "deliverables", "content", "payments", "agreements", "orders",
)  # fmt: skip

# What each part is called when the wizard and the command line count it.
NOUNS: dict[str, tuple[str, str]] = {
    "people": ("person", "people"),
    "accounts": ("social account", "social accounts"),
    "campaigns": ("campaign", "campaigns"),
    "interactions": ("outreach entry", "outreach entries"),
    "follow_ups": ("follow-up", "follow-ups"),
    "deals": ("deal", "deals"),
    "content": ("post", "posts"),
    "payments": ("payment", "payments"),
    "agreements": ("agreement", "agreements"),
    "orders": ("shop order", "shop orders"),
}


@dataclass(frozen=True)
class BackupRow:
    """One row of a sheet: its number as the spreadsheet shows it, and its values by field.

    `sheet` names the sheet when the part goes on over more than one ("Outreach (2)")."""

    number: int
    values: Mapping[str, object]
    sheet: str | None = None


@dataclass(frozen=True)
class BackupPart:
    """One sheet of a backup: its title, each field's column header, and its rows."""

    sheet: str
    headers: Mapping[str, str]
    rows: tuple[BackupRow, ...] = ()

    def where(self, row: BackupRow, field_name: str) -> str:
        """“Sheet “Deals”, row 7, column “Campaign ID”” — where a value is, for a message."""
        header = self.headers.get(field_name, field_name)
        return f"Sheet “{row.sheet or self.sheet}”, row {row.number}, column “{header}”"


@dataclass(frozen=True)
class Backup:
    """Every part of an all-sheets export (a part the file lacks is empty).

    Held in `parts`, or read as it is used: `reader` gives a part's rows a batch at a time
    (one sheet's cells held at once), so a million rows are checked and written without
    holding them. `tally` and `stages_used` are what checking it found (restore_checks)."""

    file_name: str
    parts: Mapping[str, BackupPart] = field(default_factory=dict)
    reader: Callable[[str], Iterable[BackupPart]] | None = None
    present: frozenset[str] = frozenset()  # the parts `reader` has sheets for
    tally: Mapping[str, int] | None = None  # rows per part, once checked
    stages_used: tuple[str, ...] | None = None  # stage names rows name, once checked

    def part(self, name: str) -> BackupPart:
        """The part called `name` (see PARTS), whole; an empty one when the file has none."""
        if name in self.parts or self.reader is None:
            return self.parts.get(name) or BackupPart(name, {})
        batches = list(self.batches(name))
        if not batches:
            return BackupPart(name, {})
        rows = tuple(row for batch in batches for row in batch.rows)
        return BackupPart(batches[0].sheet, batches[0].headers, rows)

    def has(self, name: str) -> bool:
        """Whether the file has a sheet for the part `name`."""
        return name in self.parts or name in self.present

    def batches(self, name: str) -> Iterator[BackupPart]:
        """The part's rows a batch at a time, in order (a part held in memory is one batch)."""
        if self.reader is not None and name in self.present:
            yield from self.reader(name)
        elif name in self.parts:
            yield self.parts[name]

    def counts(self) -> dict[str, int]:
        """How many rows each counted part holds."""
        if self.tally is not None:
            return {name: self.tally.get(name, 0) for name in NOUNS}
        return {name: len(self.part(name).rows) for name in NOUNS}

    def describe(self) -> str:
        """“300 people, 713 social accounts, 5 campaigns…” — the parts that hold anything."""
        return describe_counts(self.counts())


def describe_counts(counts: Mapping[str, int]) -> str:
    """Counts as words, leaving out the parts with none: “300 people, 5 campaigns”."""
    words = []
    for name, (one, many) in NOUNS.items():
        n = counts.get(name, 0)
        if n or name == "people":
            words.append(f"{n:,} {one if n == 1 else many}")
    return ", ".join(words)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore wrote: counts per part and the import record that undoes it."""

    file_name: str
    counts: Mapping[str, int]
    batch_id: int

    def describe(self) -> str:
        """The counts as words."""
        return describe_counts(self.counts)

    @property
    def changes(self) -> Changes:
        """Everything may have changed: every screen reloads."""
        return Changes(
            people=(),
            pipeline=(),
            outreach=(),
            follow_ups=True,
            campaigns=(),
            deals=(),
            stages=True,
            settings=True,
            views=True,
        )


__all__ = [
    "NOUNS",
    "PARTS",
    "Backup",
    "BackupPart",
    "BackupRow",
    "RestoreResult",
    "describe_counts",
]
