"""An import filling people already there: the row's values written, what they replaced kept.

Each updated person gets an import item holding their values before (the person's changed
fields, the tags and accounts added, the accounts' figures replaced), from which undoing the
import puts them back (`import_history`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Connection

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag, SocialAccount
from infcrm.domain.accounts import account_key
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.joined_text import LIST_SEPARATOR, list_that_fits
from infcrm.domain.other_names import names_that_fit
from infcrm.domain.same_email import name_key
from infcrm.domain.validation import split_list
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.update_writes import (
    ACCOUNT_FIGURES,
    AccountChange,
    UpdateWrites,
)

ALSO_MAX = max_length("other_names")  # as the person's form holds them
ADDRESSES_MAX = max_length("other_emails")
PERSON_COLUMNS = (
    "display_name", "real_name", "other_names", "email", "other_emails", "phone", "country",
    "city", "language", "niches", "notes", "stage_id", "owner", "brand_fit", "rating",
    "do_not_contact", "created_at",
)  # fmt: skip


@dataclass(frozen=True)
class _Planned:
    """What updating one person with a row would change: nothing when it is all empty."""

    current: Mapping[str, object]
    changes: dict[str, object]
    new_tags: list[str]
    # Each account the row adds (no old one, no fields) or whose figures it replaces.
    accounts: list[AccountChange]

    @property
    def changes_anything(self) -> bool:
        return bool(self.changes or self.new_tags or self.accounts)


class _Held:
    """What the database holds of the people rows update, read for many at once with
    `read_for`: their row, tags' names and accounts, in three queries (a preview of 100,000
    updates asked three questions per person: 5 s became 100 s)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.people: dict[int, Mapping[str, object]] = {}
        self.tags: dict[int, list[str]] = {}
        self.accounts: dict[int, list[Mapping[str, object]]] = {}

    def read_for(self, person_ids: list[int]) -> None:
        """Read these people's rows, tags and accounts at once (replacing those read before)."""
        self.people = {
            p["id"]: p
            for p in self.conn.execute(
                select(Influencer).where(Influencer.id.in_(person_ids))
            ).mappings()
        }
        self.tags = {i: [] for i in person_ids}
        for person_id, name in self.conn.execute(
            select(InfluencerTag.influencer_id, InfluencerTag.name).where(
                InfluencerTag.influencer_id.in_(person_ids)
            )
        ):
            self.tags[person_id].append(name)
        self.accounts = {i: [] for i in person_ids}
        for account in self.conn.execute(
            select(SocialAccount).where(SocialAccount.influencer_id.in_(person_ids))
        ).mappings():
            self.accounts[account["influencer_id"]].append(account)

    def person(self, person_id: int) -> Mapping[str, object]:
        return self.people[person_id]

    def tag_names(self, person_id: int) -> list[str]:
        return self.tags[person_id]

    def accounts_of(self, person_id: int) -> list[Mapping[str, object]]:
        return self.accounts[person_id]


_READ_TOGETHER = 500  # people whose rows a preview or an import reads in one go


def _plan(held: _Held, row: ImportRow) -> _Planned:
    """What the row would change about its person, as the database holds them now."""
    person_id = row.existing_id
    current = held.person(person_id)
    row.left_out = None
    named = _renames(row, current["display_name"])
    # Found by an address a merge kept as another email: the name and main email chosen then
    # stay (the row's email is theirs already).
    # Found by a name a merge kept as another name: the name chosen then stays.
    kept = ("display_name", "email") if row.by_other_email else ()
    kept += ("display_name",) if row.by_other_name else ()
    # Someone who asked not to be contacted stays so: a list (perhaps older) may mark a person,
    # never clear the mark; that is done in infcrm, on purpose, as a merge keeps it too.
    kept += ("do_not_contact",) if current["do_not_contact"] else ()
    changes = {
        key: value
        for key, value in (() if row.adds_accounts else row.person.items())
        if key in PERSON_COLUMNS
        and value is not None
        and _differs(key, value, current[key])
        and (key != "display_name" or named)
        and key not in kept
    }
    _keep_addresses(changes, current, row)
    _keep_names(changes, current, row)
    have = {t.casefold() for t in held.tag_names(person_id)}
    new_tags = [t for t in row.tags if t.casefold() not in have and not row.adds_accounts]
    accounts = _account_changes(held.accounts_of(person_id), row.accounts, row.adds_accounts)
    return _Planned(current, changes, new_tags, accounts)


def _differs(key: str, value: object, stored: object) -> bool:
    """Whether the file's value is another than the stored one. An “Added” date is the same
    when it is equal at the precision the file gives it (to the minute as an export writes
    it, to the day when no time is written), read as the wall-clock time both show, or when
    it is that time as a clock in another time zone showed it."""
    if key != "created_at" or not isinstance(value, datetime) or stored is None:
        return value != stored
    assert isinstance(stored, datetime)
    given, held = _local(value), _local(stored)
    if given.microsecond:
        return given != held
    if given.second:
        return given != held.replace(microsecond=0)
    if given.hour or given.minute:
        return not _zones_apart(given - held.replace(second=0, microsecond=0))
    return given.date() != held.date()


# Clocks around the world differ by whole quarter hours, at most 26 hours (UTC-12 to UTC+14).
_QUARTER_HOUR = timedelta(minutes=15)
_WIDEST_ZONES = timedelta(hours=26)


def _zones_apart(gap: timedelta) -> bool:
    """Whether two wall-clock times `gap` apart can be one moment in two time zones: a list
    exported in Paris and imported again in New York writes every “Added” six hours apart."""
    return abs(gap) <= _WIDEST_ZONES and gap % _QUARTER_HOUR == timedelta(0)


def _local(instant: datetime) -> datetime:
    """A stored instant (naive UTC) as the local wall-clock time, naive."""
    return instant.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _changes_nothing(held: _Held, row: ImportRow) -> bool:
    """Whether updating the row's person would change nothing about them: no field, tag or
    account figure, no account added. The row's notes of what an update leaves out stay."""
    left_out = row.left_out
    try:
        return not _plan(held, row).changes_anything
    finally:
        row.left_out = left_out


def mark_up_to_date(db: Database, rows: Iterable[ImportRow]) -> None:
    """Note which rows that update someone would change nothing about them, as a preview
    or a dry run counts them (the import decides it again as it writes)."""
    updating = [row for row in rows if row.action == "update" and row.existing_id is not None]
    with db.reader() as session:
        held = _Held(session.connection())
        for start in range(0, len(updating), _READ_TOGETHER):
            chunk = updating[start : start + _READ_TOGETHER]
            held.read_for(sorted({int(row.existing_id) for row in chunk}))
            for row in chunk:
                _note_up_to_date(row, _changes_nothing(held, row))


def _note_up_to_date(row: ImportRow, same: bool) -> None:
    """Mark the row as changing nothing about its person (`same`), and say so in its reason:
    “Already up to date: Ana Ruiz (same email).” instead of “Updates Ana Ruiz (…).”"""
    row.up_to_date = same
    if same and row.reason.startswith("Updates "):
        row.reason = "Already up to date: " + row.reason.removeprefix("Updates ")


def update_people(
    conn: Connection,
    rows: Sequence[ImportRow],
    batch_id: int,
    now: datetime,
    check: Callable[[int, Mapping[str, object]], None],
    on_group: Callable[[int], None] | None = None,
) -> int:
    """Fill the people the rows found with the rows' non-blank values, keeping what each
    update replaced; returns how many people were updated.

    A row that would change nothing about its person writes nothing and is noted as up to
    date (`ImportRow.up_to_date`). The people are read and written a group at a time
    (`update_writes`); a person a later row of the file updates again is planned once the
    earlier row's update is written. `on_group` hears, before each group, how many rows
    are done."""
    updated = done = 0
    for group in _groups(rows):
        if on_group is not None:
            on_group(done)
        held = _Held(conn)
        held.read_for(sorted({int(row.existing_id) for row in group}))  # type: ignore[arg-type]
        writes = UpdateWrites(batch_id, now)
        for row in group:
            person_id = int(row.existing_id)  # type: ignore[arg-type]
            planned = _plan(held, row)
            _note_up_to_date(row, not planned.changes_anything)
            if row.up_to_date:
                continue
            check(person_id, planned.current)  # noted when changed since the preview, or trashed
            main = any(a["is_primary"] for a in held.accounts_of(person_id))
            writes.add(
                person_id,
                planned.current,
                planned.changes,
                planned.new_tags,
                planned.accounts,
                main,
            )
        updated += writes.write(conn)
        done += len(group)
    return updated


def _groups(rows: Sequence[ImportRow]) -> Iterator[list[ImportRow]]:
    """The rows in order, in groups of at most `_READ_TOGETHER` finding each person once."""
    group: list[ImportRow] = []
    found: set[object] = set()
    for row in rows:
        if len(group) == _READ_TOGETHER or row.existing_id in found:
            yield group
            group, found = [], set()
        group.append(row)
        found.add(row.existing_id)
    if group:
        yield group


def _keep_addresses(
    changes: dict[str, object], current: Mapping[str, object], row: ImportRow
) -> None:
    """An update never drops an address: a main email replaced, and the other emails the
    person had (where a merge keeps the address of the record merged away, by which the
    import finds them), stay among the other emails beside the file's, as far as the field
    holds them (`addresses_after`)."""
    if "email" not in changes and "other_emails" not in changes:
        return
    main, others = addresses_after(row, current["email"], current["other_emails"])
    for key, value in (("email", main), ("other_emails", others)):
        if value == current[key]:
            changes.pop(key, None)
        else:
            changes[key] = value


def addresses_after(row: ImportRow, main: object, others: object) -> tuple[object, str | None]:
    """The main email and other emails of a person (`main`, `others`) once the row updates
    them. The row's email becomes the main one (unless the row found them by another email:
    theirs stays); the one it replaces stays among the other emails with all of theirs, and
    the row's other emails are added as far as the field holds. Where the field has no room
    for the address replaced, the main email stays and the row's is added as another, as far
    as there is room. The addresses left out are noted on the row (`ImportRow.left_out`)."""
    email = row.person.get("email")
    offered = [row.person.get("other_emails")]
    held = split_list(str(others or ""))
    new = main
    if email and email != main and not row.by_other_email:
        new = email
        with_old = split_list(LIST_SEPARATOR.join([*held, str(main or "")]))
        if len(LIST_SEPARATOR.join(with_old)) <= ADDRESSES_MAX:
            held = with_old
        elif str(main or "").casefold() not in {a.casefold() for a in held}:
            new = main  # no room to keep the address it would replace
            offered.insert(0, email)
    folded = str(new or "").casefold()
    added = [
        a for a in split_list(", ".join(map(str, filter(None, offered)))) if a.casefold() != folded
    ]
    cell, left = list_that_fits(
        LIST_SEPARATOR.join(a for a in held if a.casefold() != folded), added, ADDRESSES_MAX
    )
    _note(row, "other_emails", left)
    return new, cell


def _note(row: ImportRow, key: str, left: list[str]) -> None:
    """Note on the row the parts of the field `key` an update leaves out (none: nothing)."""
    left_out = {k: v for k, v in (row.left_out or {}).items() if k != key}
    if left:
        left_out[key] = tuple(left)
    row.left_out = left_out or None


def _renames(row: ImportRow, name: object) -> bool:
    """Whether the row's name is another than the person's `name`, not one made up from a
    handle or an email, nor the same in other capitals or spacing (a list's “omar  haddad”
    for Omar Haddad)."""
    return row.name_given and name_key(row.person.get("display_name")) != name_key(name)


def other_names_after(row: ImportRow, name: str, names: object) -> str | None:
    """The other names of a person (`name`, other names `names`) once the row updates them:
    all of theirs stay, the row's are added as far as the field holds (what a merge kept
    finds the person; the form refuses a longer field). The names left out are noted on the
    row (`ImportRow.left_out`)."""
    chosen: object = name
    if _renames(row, name) and not (row.by_other_email or row.by_other_name):
        chosen = row.person.get("display_name")
    cell, left = names_that_fit(chosen, [row.person.get("other_names")], ALSO_MAX, kept=names)
    _note(row, "other_names", left)
    return cell


def _keep_names(changes: dict[str, object], current: Mapping[str, object], row: ImportRow) -> None:
    """An update never drops another name (those a merge kept find the person): the file's
    other names are added to the person's as far as the field holds, the rest noted on the
    row for the summary."""
    if "other_names" not in changes:
        return
    names = other_names_after(row, str(current["display_name"]), current["other_names"])
    if names == current["other_names"]:
        changes.pop("other_names")
    else:
        changes["other_names"] = names


def _account_changes(
    held: list[Mapping[str, object]],
    accounts: list[dict[str, object]],
    new_networks_only: bool = False,
) -> list[AccountChange]:
    """The row's accounts the person (holding the accounts `held`) lacks (old None) and the
    figures of known ones it replaces (`new_networks_only`: only its accounts on networks the
    person has none on)."""
    existing = {account_key(a["platform"], a["handle"], a["label"], a["url"]): a for a in held}
    networks = {a["platform"] for a in existing.values() if a["handle"]}
    found = []
    for account in accounts:
        old = existing.get(
            account_key(
                account["platform"], account["handle"], account.get("label"), account.get("url")
            )
        )
        if new_networks_only and (not account.get("handle") or account["platform"] in networks):
            continue
        if old is None:
            found.append((None, account, {}))
            continue
        fields = {
            k: account[k]
            for k in ACCOUNT_FIGURES
            if account.get(k) is not None and account[k] != old[k]
        }
        if fields:
            found.append((old, account, fields))
    return found


__all__ = [
    "PERSON_COLUMNS",
    "addresses_after",
    "mark_up_to_date",
    "other_names_after",
    "update_people",
]
