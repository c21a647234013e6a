"""From a file to the database: the import's summary, its rows-not-imported file, `import_file`.

files/ only reads and maps; the writing (one transaction, undoable) is
`services.people_import.write_import`, which decides again who each row is inside its write
transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.files.collector import collector_paused
from infcrm.files.handle_columns import post_links_label
from infcrm.files.import_leftovers import write_leftovers
from infcrm.files.import_mapping import IGNORE, field_label, ignored_columns
from infcrm.files.import_plan import (
    ImportPlan,
    PlanRun,
    counted,
    parts_left_out,
    problem_lines,
    read_decided,
)
from infcrm.files.import_rows import RowProblem
from infcrm.files.import_source import (
    ImportSource,
    field_key,
    full_mapping,
    read_source,
    start_source,
)
from infcrm.files.spreadsheet_reader import MAX_BYTES, column_letter
from infcrm.services.exchange import import_duplicates
from infcrm.services.exchange.people_import import (
    LOCK_WAIT_SECONDS,
    ImportOutcome,
    write_import,
    write_import_blocks,
)
from infcrm.services.maintenance import maintenance
from infcrm.services.progress import Progress

NOTHING_IMPORTABLE = "No row could be imported"  # a refusal before anything is written


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, for a dry run or a refusal, would do)."""

    file_name: str
    created: int
    updated: int
    skipped: int
    rejected: int  # rows not imported
    problems: tuple[str, ...] = ()
    skipped_reasons: tuple[str, ...] = ()
    added_reasons: tuple[str, ...] = ()  # the rows added to an earlier row, and which
    notes: tuple[str, ...] = ()
    batch_id: int | None = None
    dry_run: bool = False
    attempted: bool = False  # the write ran (and may have found every row already there)
    refused: str | None = None
    not_imported_path: Path | None = None
    stages: tuple[tuple[str, str | None], ...] = ()  # stage value read → stage it became
    columns: tuple[tuple[str, str], ...] = ()  # “B (Youtuber)” → “Name”, as mapped
    ignored: tuple[str, ...] = ()  # the names of the columns left out
    possible_duplicates: int = 0  # people created who look like someone already there
    lacks_platform: bool = False  # some rows were not kept for want of a platform
    added_to_earlier: int = 0  # rows that were more of a person on an earlier row
    accounts_added: int = 0  # of `updated`, those that only added accounts (with “skip”)
    up_to_date: int = 0  # people found whom their rows would not change: not written

    @property
    def added_note(self) -> str:
        """“2 rows were more of a person on an earlier row and were added to that row.”"""
        n = self.added_to_earlier
        if not n:
            return ""
        one = n == 1
        if self.dry_run:
            rows, goes = ("1 row is" if one else f"{n:,} rows are"), "will be"
        else:
            rows, goes = ("1 row was" if one else f"{n:,} rows were"), "was" if one else "were"
        return f"{rows} more of a person on an earlier row and {goes} added to that row."

    @property
    def written(self) -> bool:
        """Whether anything was saved."""
        return self.batch_id is not None

    def headline(self) -> str:
        """“Would create 120, update 3, skip 5, not import 2” for a dry run, else what was
        done: “Created 120, updated 3, …” (“Created 0, …, not imported 9” when refused). The
        people the rows would not change are counted after the updated ones when there are
        any: “Created 0, updated 1, already up to date 39, skipped 0, not imported 0.”"""
        counts = (self.created, self.updated, self.up_to_date, self.skipped, self.rejected)
        added = self.added_note
        if not (self.dry_run or self.written or self.attempted):  # refused: none went in
            refused = self.created + self.updated + self.rejected + self.added_to_earlier
            counts, added = (0, 0, self.up_to_date, self.skipped, refused), ""
        said = counted(counts, dry_run=self.dry_run) + "."
        return f"{said} {added}" if added else said


def refusal_message(plan: ImportPlan) -> str | None:
    """Why the plan cannot be imported as it stands, or None when it can."""
    rejected = plan.count("reject")
    losses = [p for p in plan.problems if p.loses_value]
    if plan.strict and losses:
        bad = len({p.row for p in losses})
        rows = "1 row has a problem" if bad == 1 else f"{bad:,} rows have problems"
        return (
            f"Nothing was imported: {rows}. Fix {'it' if bad == 1 else 'them'} in the file, or "
            "set the column at fault to Ignore, and import again. With strict checking infcrm "
            "imports a file completely or not at all."
        )
    if plan.writes:
        return None
    known = plan.up_to_date or plan.count("skip")  # rows naming someone already in infcrm
    if rejected and plan.only_platform_missing:
        return f"{NOTHING_IMPORTABLE}: the file has handles but no platform column."
    if rejected and not known:
        return f"{NOTHING_IMPORTABLE}: no row names anybody infcrm could read."
    others = "everyone else" if rejected else "everyone"
    if plan.up_to_date:
        said = (
            f"Nothing to import: {others} in the file is already in infcrm as the file has "
            "them, or repeats an earlier row."
        )
    else:
        said = (
            f"Nothing to import: {'every other row' if rejected else 'every row'} is already "
            "in infcrm or repeats an earlier row."
        )
    if rejected:
        rows, them = ("1 row", "it") if rejected == 1 else (f"{rejected:,} rows", "them")
        said += f" {rows} could not be imported: fix {them} in the file (the problems say how)."
    return said


def summarise(
    plan: ImportPlan,
    batch_id: int | None = None,
    dry_run: bool = False,
    *,
    not_imported_path: Path | None = None,
    notes: Sequence[str] = (),
) -> ImportSummary:
    """The summary of a plan, before or after it was applied."""
    return ImportSummary(
        file_name=plan.file_name,
        created=plan.count("create"),
        updated=plan.count("update") - plan.up_to_date,
        up_to_date=plan.up_to_date,
        skipped=plan.count("skip") - plan.added_to_earlier,
        rejected=plan.count("reject"),
        problems=tuple(problem_lines(plan.problems)),
        skipped_reasons=tuple(
            f"Row {r.number}: {r.reason}"
            for r in plan.rows
            if r.action == "skip" and not r.repeat_of
        ),
        added_to_earlier=plan.added_to_earlier,
        accounts_added=sum(1 for r in plan.rows if r.action == "update" and r.adds_accounts),
        added_reasons=tuple(f"Row {r.number}: {r.reason}" for r in plan.rows if r.repeat_of),
        notes=tuple(plan.notes) + tuple(_created_notes(plan)) + tuple(notes),
        batch_id=batch_id,
        dry_run=dry_run,
        refused=None if batch_id is not None else refusal_message(plan),
        not_imported_path=not_imported_path,
        stages=tuple(plan.stages.items()),
        columns=tuple(
            (
                f"{column_letter(i)} ({header})",
                (post_links_label(plan.mapping, i) if i in plan.post_links else field_label(key))
                + (" (by content)" if i in plan.by_content else ""),
            )
            for i, (header, key) in enumerate(zip(plan.headers, plan.mapping, strict=True))
            if key != IGNORE
        ),
        ignored=tuple(ignored_columns(plan.headers, plan.mapping)),
        lacks_platform=plan.lacks_platform,
    )


def _created_notes(plan: ImportPlan) -> list[str]:
    """What the matching said about rows it imported as new people (an email they share with
    someone with a different name or account, a name someone already there has), by row and
    the column the reason is about."""
    columns = {
        key: f"{column_letter(index)} ({plan.headers[index]})"
        for index, key in enumerate(plan.mapping)
        if key in ("email", "display_name")
    }
    return [
        f"Row {r.number}, column {columns[r.reason_field]}: {r.reason}"
        if r.reason_field in columns
        else f"Row {r.number}: {r.reason}"
        for r in plan.rows
        if (r.action == "create" or r.adds_accounts) and r.reason
    ]


def apply_plan(
    db: Database,
    plan: ImportPlan,
    progress: Progress | None = None,
    *,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> ImportSummary:
    """Back up, write the plan in one transaction, and save the rows left out beside the file.

    Raises InvalidInput when the plan cannot be imported (the summary's `refused` says why).
    `lock_wait` is how long to wait for another writer to finish.
    """
    refusal = refusal_message(plan)
    if refusal:
        raise InvalidInput({"import": refusal})
    # A copy first, so even an import the user regrets after closing the app can be undone.
    copy = maintenance.back_up_before(db, "import")
    with collector_paused():
        outcome = write_import(
            db,
            plan.to_write,
            file_name=plan.file_name,
            sheet=plan.sheet,
            on_duplicate=plan.on_duplicate,
            strict=plan.strict,
            progress=progress,
            lock_wait=lock_wait,
            seen=plan.seen,
        )
    return _applied(db, plan, outcome, copy)


def apply_run(
    db: Database,
    run: PlanRun,
    progress: Progress | None = None,
    *,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> ImportPlan | ImportSummary:
    """Back up, then read, decide and write the run's rows block by block in one transaction.

    Returns the summary, or the finished plan when no row of the file could be read (nothing
    was written, not even a backup; the caller refuses it as a plan read whole would be).
    """
    plan = run.plan
    if not run.any_importable():  # refused before a backup or an import record is made
        return run.finish()
    copy = maintenance.back_up_before(db, "import")
    with collector_paused():
        outcome = write_import_blocks(
            db,
            run.blocks(release=True),
            run.total,
            file_name=plan.file_name,
            sheet=plan.sheet,
            on_duplicate=plan.on_duplicate,
            strict=plan.strict,
            progress=progress,
            lock_wait=lock_wait,
        )
    run.finish()
    found = outcome.skipped or outcome.rejected or outcome.up_to_date
    if outcome.batch_id is None and not found:
        if copy is not None:  # nobody could be read: refused, as before anything was written
            copy.unlink(missing_ok=True)
        return plan
    return _applied(db, plan, outcome, copy)


def _applied(
    db: Database, plan: ImportPlan, outcome: ImportOutcome, copy: Path | None
) -> ImportSummary:
    """The summary of a written plan, with the rows left out saved beside the file."""
    for row in outcome.rejected:  # found to match several people inside the transaction
        row.problems.append(RowProblem(row.number, None, row.reason))
    for row in plan.rows:  # other names and emails the people updated had no more room for
        if row.action == "update":
            parts_left_out(plan, row)
    left_out = [row for row in plan.rows if row.action == "reject"]
    path, notes = None, [moved_note(outcome.moved_on)] if outcome.moved_on else []
    if outcome.in_trash:
        notes.append(trash_note(outcome.in_trash))
    if outcome.batch_id is not None and left_out and plan.table is not None:
        try:
            path = write_leftovers(plan.table, left_out)
        except OSError as exc:
            notes.append(
                f"The rows not imported could not be saved beside the file ({exc.strerror}); "
                "they are listed above."
            )
    summary = summarise(plan, outcome.batch_id, not_imported_path=path, notes=notes)
    summary = replace(summary, attempted=True)
    if outcome.batch_id is None:
        # Rows are matched inside the write: every one was already there, nothing changed,
        # and a copy of the unchanged file would only crowd the list of backups.
        if copy is not None:  # a server keeps no copy beside a file
            copy.unlink(missing_ok=True)
        return summary
    # Likely-but-not-certain matches were created, not merged: say how many, not silently.
    count = import_duplicates.possible_duplicates_of_import(db, outcome.batch_id)
    return replace(summary, possible_duplicates=count)


def moved_note(names: Sequence[str]) -> str:
    """Say which updated people had been changed elsewhere since the preview."""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5:,} more" if len(names) > 5 else "")
    count = f"{len(names):,} {'person' if len(names) == 1 else 'people'}"
    return (
        f"{count} this import updated had been changed elsewhere since the preview "
        f"({shown}): the file's values were written where they differ, the rest of what "
        "was changed is kept. Edit › Undo puts them back as they were before the import."
    )


def trash_note(names: Sequence[str]) -> str:
    """Say which updated people are in the Trash, where the list does not show them."""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5:,} more" if len(names) > 5 else "")
    one = len(names) == 1
    count = f"{len(names):,} {'person' if one else 'people'}"
    return (
        f"{count} this import updated {'is' if one else 'are'} in the Trash ({shown}): the "
        f"file's values were written there. Restore them from the Trash "
        "to see them in the list again, or leave them there."
    )


def import_file(
    db: Database,
    path: Path | str | ImportSource,
    *,
    platform: str | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | Sequence[str] | None = None,
    on_duplicate: str = "skip",
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> ImportSummary:
    """Read, check and (unless `dry_run` or refused) import a spreadsheet.

    Raises SpreadsheetError for a file that cannot be read and InvalidInput for a mapping
    that cannot work; a refused import comes back as a summary whose `refused` says why.
    `path` may be a file already read (`read_source`): it is not read again (imported at
    once, its table keeps only the rows not imported afterwards: see `PlanRun.blocks`).
    """
    if dry_run or strict:
        # Nothing written, or nothing unless every row can be: the whole file is checked first.
        plan = plan_file(
            db, path, platform=platform, sheet=sheet, mapping=mapping, on_duplicate=on_duplicate,
            strict=strict, progress=progress, max_bytes=max_bytes,
        )  # fmt: skip
        if dry_run or refusal_message(plan):
            return summarise(plan, dry_run=dry_run)
        return apply_plan(db, plan, progress, lock_wait=lock_wait)
    # Applied at once: each block of rows is read, matched and stored inside the write,
    # which reads who is there itself; the plan needs only the stages.
    with collector_paused():
        run = _start_file(
            db, path, platform=platform, sheet=sheet, mapping=mapping,
            on_duplicate=on_duplicate, strict=strict, max_bytes=max_bytes, people=False,
        )  # fmt: skip
    done = apply_run(db, run, progress, lock_wait=lock_wait)
    return done if isinstance(done, ImportSummary) else summarise(done)


def plan_file(
    db: Database,
    path: Path | str | ImportSource,
    *,
    platform: str | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | Sequence[str] | None = None,
    on_duplicate: str = "skip",
    strict: bool = False,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    decide: bool = True,
) -> ImportPlan:
    """Read a spreadsheet and decide what importing it would do; writes nothing.

    `decide=False` leaves who each row is to the import's write (see `build_plan`)."""
    with collector_paused():
        run = _start_file(
            db, path, platform=platform, sheet=sheet, mapping=mapping,
            on_duplicate=on_duplicate, strict=strict, max_bytes=max_bytes,
        )  # fmt: skip
        return read_decided(db, run, progress, decide=decide)


def _start_file(
    db: Database,
    path: Path | str | ImportSource,
    *,
    platform: str | None,
    sheet: str | None,
    mapping: Mapping[str, str] | Sequence[str] | None,
    on_duplicate: str,
    strict: bool,
    max_bytes: int,
    people: bool = True,
) -> PlanRun:
    """The file read (unless it already was) and its columns mapped: a plan whose rows are
    still to be read (without `people`, not matched against who is there)."""
    source = path
    if not isinstance(source, ImportSource):
        source = read_source(
            source, platform=platform, sheet=sheet, mapping=mapping, max_bytes=max_bytes
        )
    return start_source(db, source, on_duplicate=on_duplicate, strict=strict, people=people)


__all__ = [
    "NOTHING_IMPORTABLE",
    "ImportSummary",
    "apply_plan",
    "apply_run",
    "field_key",
    "full_mapping",
    "import_file",
    "plan_file",
    "refusal_message",
    "summarise",
]
