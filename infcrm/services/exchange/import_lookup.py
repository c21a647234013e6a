"""Who is already there, looked up for the rows of a small file only.

A list of 200 rows into a file of 100,000 people needs the few people those rows name, not
everyone's handles, emails and names (seconds of reading). `KnownLookup.add` reads, for a
block of rows, the accounts with their handles, the people with their emails or names, and
those people's email and networks — exactly what reading everyone gives for these keys, so
the `Matcher` decides the same. Keys already looked up are not read again.

Emails and names are compared folded (`str.casefold`, `name_key`), which no index knows: one
scan of the covering index asks SQL for a wider set that holds every match — the plain
ASCII values lower-cased (spaces left out of names), and every value with any other
character — and Python keeps those whose folded value is the row's.

Other emails and other names (lists in one text cell, which no index can search) are read
once per import, from the few people who have any, into sets the blocks' emails and names
are then looked up in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstrumentedAttribute

from infcrm.db.dialect import name_of
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.accounts import account_key
from infcrm.domain.same_email import Key, name_key
from infcrm.services.exchange.import_known import (
    KnownPeople,
    add_other_emails,
    add_other_names,
    read_known,
)
from infcrm.services.exchange.import_matching import ImportRow, link_keys

# Up to this many rows per thousand people, the rows' keys are looked up: each costs a few
# index probes, where reading everyone costs about 20 µs a person (`people_import`).
ROWS_PER_THOUSAND_PEOPLE = 50
_IN_CHUNK = 500  # values per IN (…): well under either backend's limit on parameters


def worth_looking_up(conn: Connection, rows: int) -> bool:
    """Whether `rows` rows are few enough, against the people there, to look up their keys."""
    people = conn.execute(select(func.max(Influencer.id))).scalar() or 0
    return rows * 1000 <= people * ROWS_PER_THOUSAND_PEOPLE


class KnownLookup:
    """Fills a `KnownPeople` with what each block of rows names, as read through `conn`.

    `below`: only people with a smaller id count — those the import itself adds later in
    the same transaction are the matcher's earlier rows, never people already there.
    """

    def __init__(
        self,
        conn: Connection,
        known: KnownPeople,
        *,
        below: int | None = None,
        versions: bool = False,
    ) -> None:
        self.conn, self.known, self.below = conn, known, below
        self.versions = versions  # also each person's version (a preview's reading)
        self._handles: set[Key] = set()
        self._emails: set[str] = set()
        self._names: set[str] = set()
        self._people: set[int] = set()  # whose email, networks (and version) are in `known`
        self._other_emails_read = False
        self._other_names_read = False
        known.partial = True

    def add(self, rows: Iterable[ImportRow], conn: Connection | None = None) -> None:
        """Look up the handles, emails and names of `rows` not looked up before (through
        `conn` when given: a plan reads each block in a read transaction of its own)."""
        if conn is not None:
            self.conn = conn
        handles: set[Key] = set()
        links: set[Key] = set()
        emails: set[str] = set()
        names: set[str] = set()
        for row in rows:
            for account in row.accounts:
                if account.get("handle"):
                    handles.add((str(account["platform"]), str(account["handle"])))
            links.update(link_keys(row.accounts))
            email = row.person.get("email")
            if email:
                emails.add(str(email).casefold())
            names.add(name_key(row.person.get("display_name")))
        handles -= self._handles
        links -= self._handles
        emails -= self._emails
        names -= self._names
        self._handles |= handles | links
        self._emails |= emails
        self._names |= names
        found = self._read_handles(handles) | self._read_links(links)
        found |= self._read_folded(Influencer.email, emails, str.casefold, self.known.emails)
        found |= self._read_folded(Influencer.display_name, names, name_key, self.known.names)
        found |= self._other_email_owners(emails)
        found |= self._other_name_owners(names)
        self._read_people(found - self._people)

    def _other_email_owners(self, emails: set[str]) -> set[int]:
        """The people with one of `emails` among their other emails (all such addresses are
        read into `known` the first time)."""
        if not self._other_emails_read:
            self._other_emails_read = True
            self._read_lists(Influencer.other_emails, add_other_emails)
        others = self.known.other_emails
        return {person_id for email in emails for person_id, _name in others.get(email, ())}

    def _other_name_owners(self, names: set[str]) -> set[int]:
        """The people with one of `names` among their other names (all such names are read
        into `known` the first time: only people a merge kept a name for have any)."""
        if not self._other_names_read:
            self._other_names_read = True
            self._read_lists(Influencer.other_names, add_other_names)
        others = self.known.other_names
        return {person_id for name in names for person_id, _name in others.get(name, ())}

    def _read_lists(
        self,
        column: InstrumentedAttribute[str | None],
        add: Callable[[KnownPeople, int, str, str], None],
    ) -> None:
        """Hand `add` every living person with anything in `column`, a list kept in one cell
        (no index can search inside it; few people have one, so this is a short scan)."""
        for person_id, name, text in self.conn.execute(
            select(Influencer.id, Influencer.display_name, column).where(
                column.is_not(None), column != "", *self._alive(Influencer.id)
            )
        ):
            add(self.known, person_id, name, text)

    def _alive(self, column: ColumnElement[int]) -> list[ColumnElement[bool]]:
        return [] if self.below is None else [column < self.below]

    def _read_handles(self, keys: set[Key]) -> set[int]:
        """The accounts with these (platform, handle) into `known.handles`; their people."""
        by_platform: dict[str, list[str]] = {}
        for platform, handle in keys:
            by_platform.setdefault(platform, []).append(handle)
        people = set()
        columns = (SocialAccount.handle, SocialAccount.influencer_id, Influencer.display_name)
        for platform, handles in sorted(by_platform.items()):
            for chunk in _chunks(sorted(handles)):
                for handle, person_id, name in self.conn.execute(
                    select(*columns)
                    .join(Influencer, Influencer.id == SocialAccount.influencer_id)
                    .where(
                        SocialAccount.platform == platform,
                        SocialAccount.handle.in_(chunk),
                        *self._alive(SocialAccount.influencer_id),
                    )
                ):
                    if (platform, handle) in keys:  # the collation may have matched capitals
                        self.known.handles[(platform, handle)] = (person_id, name)
                        people.add(person_id)
        return people

    def _read_links(self, keys: set[Key]) -> set[int]:
        """The accounts without a handle known by these links (`account_key`, which folds
        case: read for each platform and compared here) into `known.handles`; their people."""
        people: set[int] = set()
        for platform in sorted({platform for platform, _key in keys}):
            for url, person_id, name in self.conn.execute(
                select(SocialAccount.url, SocialAccount.influencer_id, Influencer.display_name)
                .join(Influencer, Influencer.id == SocialAccount.influencer_id)
                .where(
                    SocialAccount.platform == platform,
                    SocialAccount.handle.is_(None),
                    SocialAccount.url.is_not(None),
                    *self._alive(SocialAccount.influencer_id),
                )
            ):
                key = account_key(platform, None, None, url)
                if key in keys:
                    self.known.handles[key] = (person_id, name)
                    people.add(person_id)
        return people

    def _read_folded(
        self,
        column: ColumnElement[str],
        keys: set[str],
        fold,
        into: dict[str, list[tuple[int, str]]],
    ) -> set[int]:
        """The people whose `column` folds to one of `keys`, into `into` (by id, as reading
        everyone lists them); their ids."""
        keys.discard("")
        if not keys:
            return set()
        # A plain ASCII value folds by lower-casing (names: and single spaces, so spaces are
        # left out here); any other value (“Zoë”, which folds to “zoe”) is in the wider set.
        spaces = column is Influencer.display_name
        plain = sorted(
            {k.replace(" ", "") if spaces else k for k in keys if k.isascii() and k.isprintable()}
        )
        lowered = func.lower(column)
        if spaces:
            lowered = func.replace(lowered, " ", "")
        wider = [_not_plain(self.conn, column)]
        wider += [lowered.in_(chunk) for chunk in _chunks(plain)]
        hits: dict[str, list[int]] = {}
        names: dict[int, str] = {}
        for person_id, value in self.conn.execute(
            select(Influencer.id, column).where(
                column.is_not(None), or_(*wider), *self._alive(Influencer.id)
            )
        ):
            key = fold(value)
            if key in keys:
                hits.setdefault(key, []).append(person_id)
                names[person_id] = value
        if hits and column is Influencer.email:
            names = self._display_names([i for ids in hits.values() for i in ids])
        for key, ids in hits.items():
            into[key] = [(i, names[i]) for i in sorted(ids)]
        return set(names)

    def _display_names(self, ids: Sequence[int]) -> dict[int, str]:
        names = {}
        for chunk in _chunks(sorted(set(ids))):
            names.update(
                self.conn.execute(
                    select(Influencer.id, Influencer.display_name).where(Influencer.id.in_(chunk))
                ).all()
            )
        return names

    def _read_people(self, ids: set[int]) -> None:
        """The email, the networks with a handle (and the version) of these people."""
        self._people |= ids
        known = self.known
        platforms: dict[int, set[str]] = {}
        for chunk in _chunks(sorted(ids)):
            for person_id, email, version in self.conn.execute(
                select(Influencer.id, Influencer.email, Influencer.version).where(
                    Influencer.id.in_(chunk)
                )
            ):
                if email:
                    known.email_of[person_id] = email.casefold()
                if self.versions:
                    known.versions[person_id] = version
            for person_id, platform in self.conn.execute(
                select(SocialAccount.influencer_id, SocialAccount.platform).where(
                    SocialAccount.influencer_id.in_(chunk),
                    SocialAccount.handle.is_not(None),
                    SocialAccount.handle != "",
                )
            ):
                platforms.setdefault(person_id, set()).add(platform)
        for person_id, networks in platforms.items():
            known.platforms[person_id] = frozenset(networks)


def known_for(db: Database, rows: int) -> KnownPeople:
    """Who is there for a plan of `rows` rows: the stages, and everyone's handles, emails,
    names and versions — or, for rows few against the people, only what each block names,
    read as the plan decides it (`KnownPeople.more`)."""
    with db.reader() as session:
        conn = session.connection()
        if not worth_looking_up(conn, rows):
            return read_known(conn, versions=True)
        known = read_known(conn, people=False)
    lookup = KnownLookup(conn, known, versions=True)

    def more(block: Sequence[ImportRow]) -> None:
        with db.reader() as session:
            lookup.add(block, session.connection())

    known.more = more
    return known


def _not_plain(conn: Connection, column: ColumnElement[str]) -> ColumnElement[bool]:
    """True for a value with any character but printable ASCII (folded otherwise than by
    lower-casing: “Ö”, “ß”, a tab)."""
    if name_of(conn) == "postgresql":
        return column.op("~")("[^ -~]")
    return column.op("GLOB")("*[^ -~]*")


def _chunks(values: Sequence) -> Iterable[Sequence]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]


__all__ = ["ROWS_PER_THOUSAND_PEOPLE", "KnownLookup", "known_for", "worth_looking_up"]
