"""One person on several rows of a file: what the later rows add reaches the row imported.

Lists give a person one row per network, per campaign or per post. The importer imports the
first of those rows and skips the others (`Matcher.repeats`), so what the later rows add is
folded into the first one before it is written:

- list values (niches, other emails, tags) are united, and so are other names (each once,
  none that is the person's own name), as far as the form holds them;
- a field the first row left empty takes the first later value (a name made up from a handle
  gives way to a name given later);
- an account the first row lacks (another network's handle) is added with its figures, and
  figures the first row lacks for an account both give are filled in (a figure both give
  otherwise is a value they disagree on, below);
- notes are joined, a “do not contact” is never lost, and a second email becomes another
  email;
- what a later row adds that would make other names, other emails, niches or notes longer
  than the person's form holds is left out, and listed by row and column (a shorter value
  after it may still fit);
- any other value two rows disagree on (two countries) stays as the first row gives it, and
  the later row's cell is listed among the import's problems, by row and column.

A person's last row must be read before their first one is written, and a file is read block
by block as it is written: a cheap pass over the cells that tell people apart finds the rows
that may repeat someone, and only those are read in full beforehand (as `post_rows` does for
the posts of one creator).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from infcrm.domain.accounts import account_key
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.handles import loose_handle
from infcrm.domain.joined_text import fitting, list_that_fits
from infcrm.domain.names import fold_email, is_placeholder_email
from infcrm.domain.other_names import merged_names, names_that_fit
from infcrm.domain.same_email import name_key
from infcrm.domain.validation import split_list
from infcrm.files.import_rows import PlannedRow, RowReader
from infcrm.files.import_shapes import PER_POST
from infcrm.files.row_problems import RowProblem, not_added
from infcrm.files.spreadsheet_reader import SheetRow
from infcrm.services.exchange.import_matching import KnownPeople, Matcher

Key = Callable[[str], str]
# Each column's cells as keys, by (column, key): see `repeated`.
CellKeys = dict[tuple[int, Key], list[str]]
_LISTS = ("niches", "other_emails")
# A person's value read from a column of another name.
_COLUMN_OF = {"stage_id": "stage"}
# Account values that say which account it is, not something a later row fills in.
_ACCOUNT_ITSELF = frozenset({"platform", "handle", "label", "url", "is_primary"})
_ALSO_MAX = max_length("other_names")  # other names and notes, as the form allows them
_NOTES_MAX = max_length("notes")


def handle_columns(reader: RowReader) -> list[int]:
    """The columns that name a row's account: its handle, its profile link (read when the
    handle is empty) and each network's handle."""
    single = reader.router.single
    return sorted(
        index
        for key, index in single.items()
        if key in ("handle", "url") or key.endswith("_handle")
    )


def email_key(text: str) -> str:
    """An email as a key; a stand-in (example@example.com) is no email to the importer."""
    email = fold_email(text)
    return "" if is_placeholder_email(email) else email


def repeated(
    rows: Sequence[SheetRow],
    kinds: Sequence[Sequence[tuple[int, Key]]],
    keys: CellKeys | None = None,
) -> list[SheetRow]:
    """The rows, in file order, that share a key with another row in the columns of one kind
    (all the handle columns are one kind: an account may be named in either).

    Handles are compared as the importer matches accounts (“@ana”, “Ana” and a link to
    ana's profile are one), by their loose form, emails and names folded: one pass over each
    column's cells, ~0.1 s for a 100,000-row list that repeats nobody. `keys`: the cells'
    keys by column and key, kept for the next call over the same rows (the posts of a
    creator and the rows of a person are found in the same handle and email columns).
    """
    keys = {} if keys is None else keys
    chosen: set[int] = set()
    for columns in kinds:
        per_column = []
        for index, key_of in columns:
            if (index, key_of) not in keys:
                keys[index, key_of] = [_key(row.cells[index], key_of) for row in rows]
            per_column.append(keys[index, key_of])
        counts: Counter[str] = Counter()
        for column_keys in per_column:
            counts.update(column_keys)
        again = {key for key, n in counts.items() if n > 1 and key}
        for column_keys in per_column if again else ():
            chosen.update(i for i, key in enumerate(column_keys) if key in again)
    return [rows[i] for i in sorted(chosen)]


def _key(cell: object, key_of: Key) -> str:
    """A cell's key ("" when empty)."""
    if cell is None or cell == "":
        return ""
    return key_of(cell if isinstance(cell, str) else str(cell))


def people_of(
    reader: RowReader, rows: Sequence[SheetRow], on_duplicate: str
) -> list[list[PlannedRow]]:
    """The rows the importer takes for one person, for each person with several: in file
    order, the first the one imported. `rows`: those that may repeat someone (`repeated`)."""
    matcher = Matcher(KnownPeople(), on_duplicate)
    first_of: dict[int, int] = {}
    people: dict[int, list[PlannedRow]] = {}
    for sheet_row in rows:
        read = reader.read(sheet_row)
        if read.action == "reject":
            continue
        earlier, read.repeat_by = matcher.repeats_by(read)
        first = read.number if earlier is None else first_of.get(earlier, earlier)
        first_of[read.number] = first
        people.setdefault(first, []).append(read)
    return [rows_of_one for rows_of_one in people.values() if len(rows_of_one) > 1]


@dataclass
class Folded:
    """The later rows of each person folded into their first row, and the cells not kept."""

    firsts: dict[int, PlannedRow] = field(default_factory=dict)  # by the first row's number
    problems: dict[int, list[RowProblem]] = field(default_factory=dict)  # by row number
    repeat_by: dict[int, str] = field(default_factory=dict)  # later row → what it shares
    first_of: dict[int, int] = field(default_factory=dict)  # later row with problems → first
    # later row → its problems about the person's own fields (not an account's figures)
    on_person: dict[int, list[RowProblem]] = field(default_factory=dict)
    # first row → the accounts and the email its later rows gave it, and which row each
    given_by: dict[int, dict[object, int]] = field(default_factory=dict)

    def moot(self, rows: Sequence[PlannedRow]) -> None:
        """Take back the problems of later rows whose first row writes nothing (a person
        already in infcrm, skipped; a row left out): no value of theirs was set aside. With
        “skip”, a first row that only adds accounts writes none of the person's fields."""
        if not self.problems:
            return
        writes = {
            row.number: "accounts" if row.adds_accounts else row.action in ("create", "update")
            for row in rows
            if row.number in self.firsts
        }
        for row in rows:
            said = self.problems.get(row.number)
            writing = writes.get(self.first_of[row.number], True) if said else True
            if writing == "accounts":
                said = self.on_person.get(row.number)
            elif writing:
                continue
            if said:
                row.problems = [p for p in row.problems if p not in said]

    def apply(self, row: PlannedRow) -> None:
        """Give a row just read what folding found for it."""
        first = self.firsts.get(row.number)
        if first is not None:
            row.person, row.tags, row.accounts = dict(first.person), first.tags, first.accounts
            row.name_given = first.name_given
            row.given_by = self.given_by.get(row.number)
        row.problems.extend(self.problems.get(row.number, ()))
        row.repeat_by = self.repeat_by.get(row.number, "")


def folded_rows(
    reader: RowReader,
    rows: Sequence[SheetRow],
    on_duplicate: str,
    averaged: Collection[int] = (),
    keys: CellKeys | None = None,
) -> Folded:
    """What the later rows of each person repeated in the file add to their first row.

    `averaged`: the first rows whose main account carries the mean of the person's posts
    (`post_rows`): their posts' likes, comments and views differ by nature, unreported."""
    kinds: list[list[tuple[int, Key]]] = [[(i, loose_handle) for i in handle_columns(reader)]]
    single = reader.router.single
    if "email" in single:
        kinds.append([(single["email"], email_key)])
    if "display_name" in single:  # compared as the importer compares names
        kinds.append([(single["display_name"], name_key)])
    folded = Folded()
    for rows_of_one in people_of(reader, repeated(rows, kinds, keys), on_duplicate):
        first, *later = rows_of_one
        fold = _Fold(first, reader, first.number in averaged)
        for row in later:
            folded.repeat_by[row.number] = row.repeat_by
            said, on_person = fold.add(row)
            if said:
                folded.problems[row.number] = said
                folded.first_of[row.number] = first.number
                folded.on_person[row.number] = on_person
        folded.firsts[first.number] = first
        if fold.given_by:
            folded.given_by[first.number] = fold.given_by
    return folded


class _Fold:
    """One person's later rows folded into their first row, remembering which row gave each
    value it holds (a value a later row filled in is that row's, when another disagrees)."""

    def __init__(self, first: PlannedRow, reader: RowReader, averaged: bool) -> None:
        self.first, self.reader, self.averaged = first, reader, averaged
        self.given_on: dict[object, int] = {}  # a field, or (account, figure) → its row
        # (platform, handle) of an account a later row added, or "email" → that row
        self.given_by: dict[object, int] = {}

    def add(self, row: PlannedRow) -> tuple[list[RowProblem], list[RowProblem]]:
        """Fold `row` into the first row; the problems of `row`'s cells whose value is not
        kept, and those of them about the person's own fields."""
        first = self.first
        person, problems = first.person, []
        for key, value in row.person.items():
            mine = person.get(key)
            if _empty(value):
                continue
            if key in _LISTS:  # joined, as far as the form holds them
                person[key], left = list_that_fits(mine, [value], max_length(key))
                if left:
                    problems.append(self._not_added(row, key, left))
            elif key == "other_names":  # all of them, each once, never the name itself
                person[key], left = names_that_fit(
                    person.get("display_name"), [value], _ALSO_MAX, kept=mine
                )
                if left:
                    problems.append(self._not_added(row, key, left))
            elif key == "display_name":
                if row.name_given and not first.name_given:
                    person[key], first.name_given = value, True
                    self.given_on[key] = row.number
                elif row.name_given and name_key(mine) != name_key(value):
                    problems.append(self._not_kept(row, key, mine, value))
            elif _empty(mine):
                person[key] = value
                self.given_on[key] = row.number
                if key == "email":
                    self.given_by[key] = row.number
            elif key == "notes":  # joined, as far as the form holds them
                if str(value) not in str(mine):
                    joined, left = fitting([str(value)], "\n\n", _NOTES_MAX, [str(mine)])
                    person[key] = "\n\n".join(joined)
                    if left:
                        problems.append(self._not_added(row, key, left))
            elif key == "do_not_contact":
                person[key] = bool(mine or value)
            elif key == "email":
                if fold_email(str(value)) != fold_email(str(mine)):
                    also = "other_emails"
                    person[also], left = list_that_fits(person.get(also), [value], max_length(also))
                    if left:
                        problems.append(self._not_added(row, also, left, on=key))
            elif _differ(mine, value):
                problems.append(self._not_kept(row, key, mine, value))
        if person.get("other_names"):  # the name may have been given by this row
            person["other_names"] = merged_names(
                person.get("display_name"), [person["other_names"]]
            )
        if row.tags:
            first.tags = split_list(", ".join((*first.tags, *row.tags)))
        return problems + self._accounts(row), problems

    def _accounts(self, row: PlannedRow) -> list[RowProblem]:
        """Add the row's accounts the first row lacks and fill the figures it lacks for the
        others; the problems of the figures the row gives otherwise."""
        first, problems = self.first, []
        have = {_which(account): account for account in first.accounts}
        for account in row.accounts:
            which = _which(account)
            mine = have.get(which)
            if mine is None:
                added = dict(account, is_primary=not first.accounts)
                first.accounts = [*first.accounts, added]
                have[which] = added
                self.given_by[which] = row.number
                for key in added:
                    self.given_on[(which, key)] = row.number
                continue
            for key, value in account.items():
                if key in _ACCOUNT_ITSELF or value is None:
                    continue
                if mine.get(key) is None:
                    mine[key] = value
                    self.given_on[(which, key)] = row.number
                elif mine[key] != value and not (
                    self.averaged and mine is first.accounts[0] and key in PER_POST
                ):
                    column = f"{account['platform']}_{key}"
                    if column not in self.reader.columns:
                        column = key
                    problems.append(
                        self._not_kept(row, column, mine[key], value, given=(which, key))
                    )
        return problems

    def _not_added(
        self, row: PlannedRow, key: str, parts: list[str], on: str | None = None
    ) -> RowProblem:
        """The problem of a later row's other names, other emails, niches or notes that the
        person's no longer hold, on the row's cell of `key` (or of `on`: its email)."""
        reader, on = self.reader, on or key
        column = reader.column_name(on) if on in reader.columns else None
        return not_added(
            row.number, column, key, parts, f"row {self.first.number}, the same person"
        )

    def _not_kept(
        self, row: PlannedRow, key: str, mine: object, value: object, given: object = None
    ) -> RowProblem:
        """The problem of a later row's cell that disagrees with the value its person
        holds (given on the first row, or on the later row that filled it in)."""
        reader = self.reader
        on = self.given_on.get(key if given is None else given, self.first.number)
        key = _COLUMN_OF.get(key, key)
        column = reader.column_name(key) if key in reader.columns else None
        if key == "stage":
            mine = reader.stages_by_id.get(mine, mine)
            value = reader.stages_by_id.get(value, value)
        return RowProblem(
            row.number,
            column,
            f"{_shown(value)} differs from {_shown(mine)} on row {on}, the same person: "
            f"row {on}'s is kept.",
            cell_only=True,
            told=True,
        )


def _shown(value: object) -> str:
    """A value as the problem quotes it: a figure as a number (“12,400”), else in quotes."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"“{value}”"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == ()


def _differ(mine: object, value: object) -> bool:
    if isinstance(mine, str) and isinstance(value, str):
        return name_key(mine) != name_key(value)
    return mine != value


def _which(account: dict[str, object]) -> tuple[str, str]:
    return account_key(
        str(account["platform"]), account["handle"], account.get("label"), account.get("url")
    )  # type: ignore[arg-type]


__all__ = [
    "CellKeys",
    "Folded",
    "email_key",
    "folded_rows",
    "handle_columns",
    "people_of",
    "repeated",
]
