"""What the database already holds that an import matches its rows against.

Everyone's handles, emails (main and other), names and stages, read once per import; or, for
a few rows against many people, only what the rows name (`import_lookup`). A person's other
emails and other names (those a merge kept) are lists in one text cell each: they are read
with the rest, into sets of their own; a name finds the person by either kind of name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import case, select
from sqlalchemy.engine import Connection

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount, Stage
from infcrm.domain.accounts import account_key
from infcrm.domain.other_names import split_names
from infcrm.domain.same_email import Key, name_key

if TYPE_CHECKING:
    from infcrm.services.exchange.import_matching import ImportRow

Person = tuple[int, str]  # id and display name


@dataclass
class KnownPeople:
    """What the database already holds that an import matches against."""

    # (platform, handle) of each account, and the `account_key` of each known by a link
    # without a handle (a YouTube channel's old link by its name)
    handles: dict[Key, Person] = field(default_factory=dict)
    emails: dict[str, list[Person]] = field(default_factory=dict)  # folded → who has it
    # folded → who has it among their other emails (a merge keeps the address merged away)
    other_emails: dict[str, list[Person]] = field(default_factory=dict)
    email_of: dict[int, str] = field(default_factory=dict)  # person → folded email
    platforms: dict[int, frozenset[str]] = field(default_factory=dict)  # with a handle
    names: dict[str, list[Person]] = field(default_factory=dict)
    # name key → who has it among their other names (a merge keeps the name merged away)
    other_names: dict[str, list[Person]] = field(default_factory=dict)
    # person → their name and other names as stored: an update adds a row's other names to
    # them only as far as the field holds (`import_updates.other_names_after`)
    other_names_of: dict[int, tuple[str, str]] = field(default_factory=dict)
    # person → their other emails as stored, to which an update adds likewise
    # (`import_updates.addresses_after`)
    other_emails_of: dict[int, str] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)  # folded name → id
    stage_names: list[str] = field(default_factory=list)  # in pipeline order
    # Each person's version (a preview's reading only): the import then names the people
    # it updates who were changed elsewhere between the preview and the writing.
    versions: dict[int, int] = field(default_factory=dict)
    # True when only the people a file's rows name were read (`import_lookup`), not everyone.
    partial: bool = False
    # For a plan: reads what a block of rows names, before it is decided (`import_lookup`).
    more: Callable[[Sequence[ImportRow]], None] | None = None


def read_known(conn: Connection, *, versions: bool = False, people: bool = True) -> KnownPeople:
    """Read the handles, emails, names and stages in use through `conn` (and with
    `versions`, each person's version; without `people`, the stages alone)."""
    known = KnownPeople()
    if people:
        _read_people(conn, known, versions=versions)
    for stage_id, name in conn.execute(
        select(Stage.id, Stage.name).where(~Stage.archived).order_by(Stage.position)
    ):
        known.stages[name.casefold()] = stage_id
        known.stage_names.append(name)
    return known


def _read_people(conn: Connection, known: KnownPeople, *, versions: bool) -> None:
    """Everyone's handles, emails and names into `known`."""
    rows = conn.execute(
        select(
            SocialAccount.platform,
            SocialAccount.handle,
            SocialAccount.influencer_id,
            Influencer.display_name,
            # Only an account without a handle is found by its link: the others' are not read.
            case((SocialAccount.handle.is_(None), SocialAccount.url)),
        ).join(Influencer, Influencer.id == SocialAccount.influencer_id)
    )
    platforms: dict[int, set[str]] = {}
    for platform, handle, person_id, name, link in rows:
        if handle:
            known.handles[(platform, handle)] = (person_id, name)
            platforms.setdefault(person_id, set()).add(platform)
        elif link:
            known.handles[account_key(platform, None, None, link)] = (person_id, name)
    shared: dict[frozenset[str], frozenset[str]] = {}  # a few combinations, kept once each
    for person_id, names in platforms.items():
        key = frozenset(names)
        known.platforms[person_id] = shared.setdefault(key, key)
    # In id order, as `import_lookup` lists the people of one email or name: the first of
    # them is named in a row's reason.
    for person_id, name, email, others, also, version in conn.execute(
        select(
            Influencer.id,
            Influencer.display_name,
            Influencer.email,
            Influencer.other_emails,
            Influencer.other_names,
            Influencer.version,
        ).order_by(Influencer.id)
    ):
        if versions:
            known.versions[person_id] = version
        if email:
            known.emails.setdefault(email.casefold(), []).append((person_id, name))
            known.email_of[person_id] = email.casefold()
        if others:
            add_other_emails(known, person_id, name, others)
        if also:
            add_other_names(known, person_id, name, also)
        known.names.setdefault(name_key(name), []).append((person_id, name))


_ADDRESS_BREAK = re.compile(r"[,;\s]+")


def folded_addresses(text: str) -> set[str]:
    """The addresses of an other-emails cell (“a@x.com, b@y.com”), folded as rows' emails are."""
    return {address.casefold() for address in _ADDRESS_BREAK.split(text) if "@" in address}


def add_other_emails(known: KnownPeople, person_id: int, name: str, text: str) -> None:
    """Note the person under each of their other emails, and the addresses they hold."""
    known.other_emails_of[person_id] = text
    for address in folded_addresses(text):
        people = known.other_emails.setdefault(address, [])
        if (person_id, name) not in people:
            people.append((person_id, name))


def add_other_names(known: KnownPeople, person_id: int, name: str, text: str) -> None:
    """Note the person under each of their other names, and the names they hold."""
    known.other_names_of[person_id] = (name, text)
    for other in split_names(text):
        people = known.other_names.setdefault(name_key(other), [])
        if (person_id, name) not in people:
            people.append((person_id, name))


def people_named(known: KnownPeople, key: str) -> list[Person]:
    """The people of a name key: by their name, then by one of their other names."""
    own = known.names.get(key, [])
    also = [p for p in known.other_names.get(key, ()) if p not in own]
    return [*own, *also] if also else own


def known_people(db: Database, *, people: bool = True) -> KnownPeople:
    """What the database holds now, for a preview (the import itself reads it again).

    Without `people`, only the stages: enough to tell whether a row can be imported at all,
    which depends on the file and the pipeline, not on who is there (100,000 people's
    handles, emails and names took a second or two to read)."""
    with db.reader() as session:
        return read_known(session.connection(), versions=True, people=people)


__all__ = [
    "KnownPeople",
    "Person",
    "add_other_emails",
    "add_other_names",
    "folded_addresses",
    "known_people",
    "people_named",
    "read_known",
]
