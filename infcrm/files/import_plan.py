"""Checking every row of an import before anything is written: create, update, skip or reject.

Each problem names the row as the spreadsheet numbers it and the column by letter and name, so
the user can find and fix it. Who each row is (a new person, someone already in infcrm, a repeat
of an earlier row) is decided by `services.import_matching`, here for the preview and again
inside the import's write transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.domain.validation import InvalidInput
from infcrm.files.import_columns import ColumnReader
from infcrm.files.import_mapping import FIELDS_BY_KEY, IGNORE, LIST_FIELDS, ignored_reason
from infcrm.files.import_rows import PlannedRow, RowProblem, RowReader
from infcrm.files.post_rows import averaged_posts
from infcrm.files.repeated_rows import CellKeys, Folded, folded_rows
from infcrm.files.row_accounts import FIGURES_WITHOUT_PLATFORM, NO_PLATFORM
from infcrm.files.row_problems import not_added
from infcrm.files.spreadsheet_reader import SheetRow, Table, column_letter
from infcrm.services.exchange.import_lookup import known_for
from infcrm.services.exchange.import_matching import (
    ON_DUPLICATE,
    KnownPeople,
    Matcher,
    known_people,
)
from infcrm.services.exchange.import_updates import (
    addresses_after,
    mark_up_to_date,
    other_names_after,
)
from infcrm.services.progress import Progress

_BLOCK = 1000  # rows read between two progress reports (and chances to cancel)
_PLATFORM_MISSING = (NO_PLATFORM, FIGURES_WITHOUT_PLATFORM)


@dataclass
class ImportPlan:
    """Everything an import would do, decided before anything is written."""

    file_name: str
    sheet: str | None
    headers: list[str]
    mapping: list[str]
    platform: str | None
    on_duplicate: str
    strict: bool = False
    rows: list[PlannedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # columns left out, and why
    table: Table | None = None  # the rows as read, for the file of rows not imported
    stages: dict[str, str | None] = field(default_factory=dict)  # value read → stage
    by_content: frozenset[int] = frozenset()  # columns whose field their values decided
    post_links: frozenset[int] = frozenset()  # columns of links to posts naming their account
    stage_ids: dict[str, int] = field(default_factory=dict)  # the pipeline's stages, in order
    seen: dict[int, int] = field(default_factory=dict)  # each person's version at the preview

    @property
    def attention(self) -> int:
        """How many rows need attention: left out, or with a cell left empty."""
        return sum(1 for row in self.rows if row.problems)

    @property
    def to_write(self) -> list[PlannedRow]:
        """The rows handed to the import (all but those left out)."""
        return [row for row in self.rows if row.action != "reject"]

    def count(self, action: str) -> int:
        """How many rows get `action` (“skip” counts the rows added to an earlier row too)."""
        return sum(1 for row in self.rows if row.action == action)

    @property
    def up_to_date(self) -> int:
        """Of the rows that update someone, those that would change nothing about them."""
        return sum(1 for row in self.rows if row.action == "update" and row.up_to_date)

    @property
    def added_to_earlier(self) -> int:
        """How many rows were more of a person on an earlier row, added to that row."""
        return sum(1 for row in self.rows if row.repeat_of)

    @property
    def problems(self) -> list[RowProblem]:
        """Every problem of every row, in file order (cells left empty and rows left out)."""
        return [p for row in self.rows for p in row.problems]

    @property
    def lacks_platform(self) -> bool:
        """Whether some row's account was not kept for want of a platform."""
        return any(p.message in _PLATFORM_MISSING for p in self.problems)

    @property
    def only_platform_missing(self) -> bool:
        """Whether every row left out was left out only for want of a platform."""
        left_out = [row for row in self.rows if row.action == "reject"]
        return bool(left_out) and all(
            any(p.message == NO_PLATFORM for p in row.problems) for row in left_out
        )

    @property
    def can_apply(self) -> bool:
        """Whether the import may run: something to write, and with `strict` no problem."""
        if self.strict and any(p.loses_value for p in self.problems):
            return False
        return self.writes > 0

    @property
    def writes(self) -> int:
        """How many people the import would add or change (not those already up to date)."""
        return self.count("create") + self.count("update") - self.up_to_date

    def summary(self, *, dry_run: bool = True) -> str:
        """“Would create 120, update 3, skip 5, not import 2” (or “Created …” once done)."""
        return counted(
            (
                self.count("create"),
                self.count("update") - self.up_to_date,
                self.up_to_date,
                self.count("skip") - self.added_to_earlier,
                self.count("reject"),
            ),
            dry_run=dry_run,
        )


def counted(counts: Sequence[int], *, dry_run: bool) -> str:
    """“Created 120, updated 3, skipped 5, not imported 2” from the counts of people created,
    updated, already up to date (said only when there are any), skipped and not imported;
    “Would create …, update …” for a dry run."""
    words = ("Would create", "update", "already up to date", "skip", "not import") if dry_run else (
        "Created", "updated", "already up to date", "skipped", "not imported"
    )  # fmt: skip
    return ", ".join(
        f"{word} {n:,}"
        for i, (word, n) in enumerate(zip(words, counts, strict=True))
        if n or i != 2
    )


def problem_lines(problems: Sequence[RowProblem], shown_rows: int = 5) -> list[str]:
    """Each problem once, in file order: one that many rows share says how many, and the
    first few of them (“46 rows (2, 3, 4, 5, 6 …), column B (Username): …”)."""
    rows_of: dict[tuple[str | None, str, bool], list[int]] = {}
    first: dict[tuple[str | None, str, bool], RowProblem] = {}
    for problem in problems:
        key = (problem.column, problem.message, problem.cell_only)
        rows_of.setdefault(key, []).append(problem.row)
        first.setdefault(key, problem)
    lines = []
    for key, rows in rows_of.items():
        if len(rows) == 1:
            lines.append(str(first[key]))
            continue
        listed = ", ".join(str(n) for n in rows[:shown_rows])
        more = " …" if len(rows) > shown_rows else ""
        where = f"{len(rows):,} rows ({listed}{more})"
        lines.append(str(first[key]).replace(f"Row {first[key].row}", where, 1))
    return lines


def check_mapping(headers: Sequence[str], mapping: Sequence[str], platform: str | None) -> None:
    """Refuse a mapping that cannot work, naming the column at fault."""
    errors: dict[str, str] = {}
    seen: dict[str, int] = {}
    for index, key in enumerate(mapping):
        if key == IGNORE:
            continue
        if key not in FIELDS_BY_KEY:
            errors[f"column.{index}"] = f"“{key}” is not a field infcrm can import."
        elif key in seen and key not in LIST_FIELDS:  # Category_1 + Category_2 feed Niches
            errors[f"column.{index}"] = (
                f"Columns {column_letter(seen[key])} and {column_letter(index)} are both "
                f"mapped to {FIELDS_BY_KEY[key].label}; set one of them to Ignore."
            )
        seen.setdefault(key, index)
    identifying = {"display_name", "real_name", "email", "handle", "url", "labelled"}
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


def _left_out_notes(headers: Sequence[str], mapping: Sequence[str]) -> list[str]:
    """Why derived figures are left out: one line per reason, naming every column it covers."""
    by_reason: dict[str, list[str]] = {}
    for index, header in enumerate(headers):
        reason = ignored_reason(header)
        if mapping[index] == IGNORE and reason:
            by_reason.setdefault(reason, []).append(f"{column_letter(index)} ({header})")
    notes = []
    for reason, columns in by_reason.items():
        if len(columns) == 1:
            notes.append(f"Column {columns[0]} is left out: {reason}")
        else:
            named = ", ".join(columns[:-1]) + " and " + columns[-1]
            notes.append(f"Columns {named} are left out: {reason}")
    return notes


def build_plan(
    db: Database,
    table: Table,
    mapping: Sequence[str],
    *,
    platform: str | None = None,
    on_duplicate: str = "skip",
    progress: Progress | None = None,
    limit: int | None = None,
    strict: bool = False,
    stage_choices: dict[str, int | None] | None = None,
    decide: bool = True,
    known: KnownPeople | None = None,
) -> ImportPlan:
    """Check every row (or the first `limit`) and decide what the import would do with it.

    `decide=False`: who each row is is left to the import itself, which decides inside its
    write transaction anyway (an import applied at once needs no preview of it).
    `known`: who is already there, read before by the caller (see `start_plan`).
    """
    run = start_plan(
        db, table, mapping, platform=platform, on_duplicate=on_duplicate, limit=limit,
        strict=strict, stage_choices=stage_choices, known=known,
    )  # fmt: skip
    return read_decided(db, run, progress, decide=decide)


def read_decided(
    db: Database, run: PlanRun, progress: Progress | None = None, *, decide: bool = True
) -> ImportPlan:
    """The run's finished plan (`PlanRun.read_all`), its updates that would change nobody
    noted as up to date."""
    plan = run.read_all(progress, decide=decide)
    if decide:
        mark_up_to_date(db, plan.rows)
    return plan


class PlanRun:
    """A plan whose rows are read a block at a time, as its consumer asks for them.

    An import applied at once hands the blocks straight to its write transaction, which
    decides and stores each block before the next is read: the values of 100,000 planned
    rows are never all held at once, and reading overlaps the storing of the block before.
    """

    def __init__(
        self, plan: ImportPlan, reader: RowReader, rows: Sequence[SheetRow], known: KnownPeople
    ) -> None:
        self.plan = plan
        self.reader = reader
        self.rows = rows
        self.total = len(rows)  # how many rows the plan reads
        self.known = known
        # Plain rows are read a column at a time; the others (and every row of a mapping that
        # routes values row by row) by the reader that explains each problem.
        self.columns = ColumnReader.for_reader(reader)
        self.closing_notes: list[str] = []  # what `finish` adds after the rows' own notes
        # A sheet of posts: each creator's first row carries the mean of their posts (found
        # when the rows are first read in blocks; the check that a row can be imported at
        # all does without it).
        self.post_means: dict[int, dict[str, int | None]] | None = None
        self.post_note: str | None = None
        # What the later rows of a person repeated in the file add to their first row (found
        # with the posts' means, before the first block).
        self.folded = Folded()

    def blocks(
        self, progress: Progress | None = None, *, release: bool = False
    ) -> Iterator[list[PlannedRow]]:
        """Each block's rows that are not left out, once read into the plan.

        `release`: when the next block is asked for, the rows of the block before that were
        created give back their values (the write has stored them; the summary needs only
        their number, action and reason), and the table keeps only the block's rows left out,
        all the file of rows not imported needs: the file's cells are not held twice over.
        """
        rows, total, columns, reader = self.rows, self.total, self.columns, self.reader
        planned = self.plan.rows
        if self.post_means is None:
            keys: CellKeys = {}  # both look for repeats in the same columns
            self.post_means, self.post_note = averaged_posts(
                reader, rows, self.plan.on_duplicate, keys
            )
            self.folded = folded_rows(reader, rows, self.plan.on_duplicate, self.post_means, keys)
            del keys  # a key per cell of those columns: not kept through the import
        folded = self.folded
        table = self.plan.table
        let_go = release and table is not None and table.rows is rows
        if let_go:
            table.rows = []  # refilled with the rows left out, block by block
        for start in range(0, total, _BLOCK):
            if progress is not None:
                progress.report(start, total, f"Checking row {start + 1:,} of {total:,}…")
            block = rows[:_BLOCK] if let_go else rows[start : start + _BLOCK]
            plain = columns.read(block) if columns is not None else [None] * len(block)
            kept = []
            means = self.post_means
            for sheet_row, read in zip(block, plain, strict=True):
                row = read or reader.read(sheet_row)
                if row.action != "reject":
                    folded.apply(row)
                if means and row.number in means and row.accounts:
                    row.accounts[0].update(means[row.number])
                planned.append(row)
                if row.action != "reject":
                    kept.append(row)
            yield kept
            if release:
                for row in kept:
                    if row.action == "create":
                        row.person, row.accounts, row.tags = {}, [], ()
            if let_go:
                del rows[: len(block)]
                left_out = zip(block, planned[-len(block) :], strict=True)
                table.rows.extend(line for line, row in left_out if row.action == "reject")

    def any_importable(self) -> bool:
        """Whether a row of the file can be imported, read up to the first that can (most
        often the first row). When none can, the plan holds every row, read once."""
        reader, read = self.reader, []
        for sheet_row in self.rows:
            row = reader.read(sheet_row)
            if row.action != "reject":
                return True  # `blocks` reads it again, with the rest
            read.append(row)
        self.plan.rows.extend(read)
        self.rows = ()
        return False

    def read_all(self, progress: Progress | None = None, *, decide: bool = True) -> ImportPlan:
        """The finished plan with every row read, and (`decide`) who each row is."""
        matcher = Matcher(self.known, self.plan.on_duplicate) if decide else None
        more = self.known.more if matcher is not None else None
        for block in self.blocks(progress):
            if more is not None:  # only what the rows name was read: this block's people
                more(block)
            for row in block if matcher is not None else ():
                matcher.decide(row)
                if row.action == "reject":  # matches several people
                    row.problems.append(RowProblem(row.number, None, row.reason))
                elif row.action == "update" and not row.adds_accounts:
                    self._parts_added(row)
        return self.finish()

    def _parts_added(self, row: PlannedRow) -> None:
        """Note the row's other emails and other names that an update would leave out, the
        person's field full (`import_updates.addresses_after` and `other_names_after`, which
        the import itself runs too)."""
        known, person = self.known, row.existing_id or 0
        if row.person.get("email") or row.person.get("other_emails"):
            addresses_after(row, known.email_of.get(person), known.other_emails_of.get(person))
        held = known.other_names_of.get(person)
        if held is not None and row.person.get("other_names") not in (None, held[1]):
            other_names_after(row, *held)
        parts_left_out(self.plan, row)

    def finish(self) -> ImportPlan:
        """The plan, once every block was read: the stages it mapped and its notes."""
        plan, reader, known = self.plan, self.reader, self.known
        self.folded.moot(plan.rows)
        plan.stages = reader.stage_mapping()
        for name, number in reader.other_platforms.items():
            plan.notes.append(
                f"“{name[:40]}” (row {number}) is not one of infcrm's platforms: "
                "those accounts are kept under Blog / other."
            )
        plan.notes.extend(self.closing_notes)
        if self.post_note:
            plan.notes.append(self.post_note)
        plan.stage_ids = {name: known.stages[name.casefold()] for name in known.stage_names}
        plan.seen = known.versions
        return plan


def parts_left_out(plan: ImportPlan, row: PlannedRow) -> None:
    """List on the row's cells (once) the other names and other emails an update left out:
    on its Other names and Other emails cells, or its Email cell for an address only it
    gave."""
    for key in ("other_names", "other_emails"):
        parts = (row.left_out or {}).get(key)
        if not parts:
            continue
        on = key if key in plan.mapping or key == "other_names" else "email"
        where = plan.mapping.index(on) if on in plan.mapping else None
        column = None if where is None else f"{column_letter(where)} ({plan.headers[where]})"
        into = f"{row.existing_name}, already in infcrm"
        problem = not_added(row.number, column, key, parts, into)
        if problem not in row.problems:
            row.problems.append(problem)


def start_plan(
    db: Database,
    table: Table,
    mapping: Sequence[str],
    *,
    platform: str | None = None,
    on_duplicate: str = "skip",
    limit: int | None = None,
    strict: bool = False,
    stage_choices: dict[str, int | None] | None = None,
    people: bool = True,
    known: KnownPeople | None = None,
) -> PlanRun:
    """A plan of `table` with its mapping checked, whose rows are read by `PlanRun.blocks`.

    Without `people` the plan does not know who is already there: it can tell which rows
    can be imported (`PlanRun.any_importable`), not whom they match. `known`: who is there
    as the caller read it before (a preview checked again with other choices); read now
    when not given. Plans only read it.
    Raises InvalidInput for a mapping that cannot work, before any row is read."""
    if on_duplicate not in ON_DUPLICATE:
        raise InvalidInput({"on_duplicate": "Choose skip, update or create for duplicates."})
    mapping = list(mapping) + [IGNORE] * (len(table.headers) - len(mapping))
    check_mapping(table.headers, mapping, platform)
    plan = ImportPlan(
        table.file_name, table.sheet, table.headers, mapping, platform, on_duplicate, strict
    )
    plan.table = table
    plan.notes.extend(_left_out_notes(table.headers, mapping))
    if known is None:
        known = known_for(db, len(table.rows)) if people else known_people(db, people=False)
    reader = RowReader(
        plan.headers,
        plan.mapping,
        plan.platform,
        table,
        known,
        strict=strict,
        stage_choices=stage_choices,
    )
    rows = table.rows if limit is None else table.rows[:limit]
    return PlanRun(plan, reader, rows, known)


__all__ = [
    "ON_DUPLICATE",
    "ImportPlan",
    "PlanRun",
    "PlannedRow",
    "RowProblem",
    "build_plan",
    "check_mapping",
    "counted",
    "parts_left_out",
    "problem_lines",
    "read_decided",
    "start_plan",
]
