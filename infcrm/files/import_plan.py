"""Checking every row of an import before anything is written: create, update, skip or reject.

Each problem names the row as the spreadsheet numbers it and the column by letter and name, so
the user can find and fix it. Duplicates are found within the file and against the database,
by platform + handle and by email.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.domain.validation import InvalidInput
from infcrm.files.import_mapping import FIELDS_BY_KEY, IGNORE, ignored_reason
from infcrm.files.import_rows import Lookups, PlannedRow, RowProblem, RowReader
from infcrm.files.spreadsheet_reader import Table, column_letter

ON_DUPLICATE = ("skip", "update", "create")


class ProgressReporter(Protocol):
    """Anything with `report(done, total, text)`; raising from it stops the work."""

    def report(self, done: int, total: int, text: str = "") -> None:
        """Say how far the work is."""


@dataclass
class ImportPlan:
    """Everything an import would do, decided before anything is written."""

    file_name: str
    sheet: str | None
    headers: list[str]
    mapping: list[str]
    platform: str | None
    on_duplicate: str
    rows: list[PlannedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # columns left out, and why

    def count(self, action: str) -> int:
        """How many rows get `action`."""
        return sum(1 for row in self.rows if row.action == action)

    @property
    def problems(self) -> list[RowProblem]:
        """Every problem of every rejected row, in file order."""
        return [p for row in self.rows for p in row.problems]

    @property
    def can_apply(self) -> bool:
        """Whether the import may run: no row is rejected (skipped duplicates are fine)."""
        return self.count("reject") == 0 and self.count("create") + self.count("update") > 0

    def summary(self, *, dry_run: bool = True) -> str:
        """“Would create 120, update 3, skip 5, reject 2” (or “Created …” once done)."""
        verbs = ("Would create", "update", "skip", "reject") if dry_run else (
            "Created", "updated", "skipped", "rejected"
        )  # fmt: skip
        counts = (self.count(a) for a in ("create", "update", "skip", "reject"))
        return ", ".join(f"{verb} {n:,}" for verb, n in zip(verbs, counts, strict=True))


def check_mapping(headers: Sequence[str], mapping: Sequence[str], platform: str | None) -> None:
    """Refuse a mapping that cannot work, naming the column at fault."""
    errors: dict[str, str] = {}
    seen: dict[str, int] = {}
    for index, key in enumerate(mapping):
        if key == IGNORE:
            continue
        if key not in FIELDS_BY_KEY:
            errors[f"column.{index}"] = f"“{key}” is not a field infcrm can import."
        elif key in seen:
            errors[f"column.{index}"] = (
                f"Columns {column_letter(seen[key])} and {column_letter(index)} are both "
                f"mapped to {FIELDS_BY_KEY[key].label}; set one of them to Ignore."
            )
        seen.setdefault(key, index)
    identifying = {"display_name", "real_name", "email", "handle", "url"}
    if not identifying & seen.keys() and not any(k.endswith("_handle") for k in seen):
        errors["mapping"] = (
            "Map at least one column to Name, Email or a handle, so infcrm knows who each row is."
        )
    if platform is not None:
        try:
            Platform.from_text(platform)
        except ValueError as exc:
            errors["platform"] = str(exc)
    if errors:
        raise InvalidInput(errors)


def build_plan(
    db: Database,
    table: Table,
    mapping: Sequence[str],
    *,
    platform: str | None = None,
    on_duplicate: str = "skip",
    progress: ProgressReporter | None = None,
    limit: int | None = None,
) -> ImportPlan:
    """Check every row (or the first `limit`) and decide what the import would do with it."""
    if on_duplicate not in ON_DUPLICATE:
        raise InvalidInput({"on_duplicate": "Choose skip, update or create for duplicates."})
    mapping = list(mapping) + [IGNORE] * (len(table.headers) - len(mapping))
    check_mapping(table.headers, mapping, platform)
    plan = ImportPlan(table.file_name, table.sheet, table.headers, mapping, platform, on_duplicate)
    for index, header in enumerate(table.headers):
        reason = ignored_reason(header)
        if mapping[index] == IGNORE and reason:
            plan.notes.append(f"Column {column_letter(index)} ({header}) is left out: {reason}")
    lookups = Lookups(db)
    reader = RowReader(plan.headers, plan.mapping, plan.platform, table, lookups)
    seen_handles: dict[tuple[str, str], int] = {}
    seen_emails: dict[str, int] = {}
    rows = table.rows if limit is None else table.rows[:limit]
    total = len(rows)
    for done, sheet_row in enumerate(rows):
        if progress is not None and done % 1000 == 0:
            progress.report(done, total, f"Checking row {done + 1:,} of {total:,}…")
        row = reader.read(sheet_row)
        plan.rows.append(row)
        if row.action == "reject":
            continue
        _decide(row, lookups, seen_handles, seen_emails, on_duplicate)
    return plan


def _decide(
    row: PlannedRow,
    lookups: Lookups,
    seen_handles: dict[tuple[str, str], int],
    seen_emails: dict[str, int],
    on_duplicate: str,
) -> None:
    """Create, update or skip a valid row, depending on who it duplicates."""
    keys = [(str(a["platform"]), str(a["handle"])) for a in row.accounts]
    email = str(row.person.get("email") or "").casefold() or None
    earlier = next((seen_handles[k] for k in keys if k in seen_handles), None)
    same_handle_in_file = earlier is not None
    if earlier is None and email in seen_emails:
        earlier = seen_emails[email]
    for key in keys:
        seen_handles.setdefault(key, row.number)
    if email:
        seen_emails.setdefault(email, row.number)
    if earlier is not None and (on_duplicate != "create" or same_handle_in_file):
        row.action = "skip"
        what = "account" if same_handle_in_file else "email"
        row.reason = f"Same {what} as row {earlier} of this file, which is imported instead."
        return
    by_handle = {lookups.handles[k] for k in keys if k in lookups.handles}
    by_email = {lookups.emails[email]} if email and email in lookups.emails else set()
    matches = by_handle | by_email
    if not matches:
        return
    if len(matches) > 1:
        names = " and ".join(sorted(name for _id, name in matches))
        row.action = "reject"
        row.problems.append(
            RowProblem(
                row.number,
                None,
                f"This row matches two people already in infcrm ({names}); correct the row "
                "so it names one of them.",
            )
        )
        return
    existing_id, name = next(iter(matches))
    how = "account" if by_handle else "email"
    if on_duplicate == "skip" or (on_duplicate == "create" and by_handle):
        row.action = "skip"
        row.reason = f"Already in infcrm as {name} (same {how})."
        if on_duplicate == "create":
            row.reason += " An account can belong to only one person."
    elif on_duplicate == "update":
        row.action = "update"
        row.existing_id = existing_id
        row.reason = f"Updates {name} (same {how})."


__all__ = [
    "ON_DUPLICATE",
    "ImportPlan",
    "PlannedRow",
    "ProgressReporter",
    "RowProblem",
    "build_plan",
    "check_mapping",
]
