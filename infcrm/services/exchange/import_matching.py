"""Who an imported row is: a new person, someone already in infcrm, or a repeat of an earlier row.

The same rules decide the preview (read before anything is written) and the import itself, which
decides again inside its write transaction so two imports of one file at once cannot both add
the same person. A row is matched by platform + handle, then by email; a row that names nobody
but by name is matched by that name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount, Stage

ON_DUPLICATE = ("skip", "update", "create")

Person = tuple[int, str]  # id and display name


@dataclass(slots=True)
class ImportRow:
    """One row of a file as plain values, and what the import does with it."""

    number: int  # as the spreadsheet numbers it
    action: str = "create"  # create | update | skip | reject
    person: dict[str, object] = field(default_factory=dict)
    tags: Sequence[str] = ()  # shared while empty: one list less per row of a big file
    # platform, handle, url, is_primary, the figures; the audience notes only when given
    accounts: list[dict[str, object]] = field(default_factory=list)
    existing_id: int | None = None
    reason: str = ""
    name_given: bool = True  # False when the name was made up from a handle or an email


@dataclass
class KnownPeople:
    """What the database already holds that an import matches against."""

    handles: dict[tuple[str, str], Person] = field(default_factory=dict)
    emails: dict[str, Person] = field(default_factory=dict)
    names: dict[str, list[Person]] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)  # folded name → id
    stage_names: list[str] = field(default_factory=list)  # in pipeline order


def name_key(name: object) -> str:
    """A name as matching compares it: case and spacing do not count."""
    return " ".join(str(name or "").split()).casefold()


def read_known(conn: Connection) -> KnownPeople:
    """Read the handles, emails, names and stages in use through `conn`."""
    known = KnownPeople()
    rows = conn.execute(
        select(
            SocialAccount.platform,
            SocialAccount.handle,
            SocialAccount.influencer_id,
            Influencer.display_name,
        ).join(Influencer, Influencer.id == SocialAccount.influencer_id)
    )
    for platform, handle, person_id, name in rows:
        if handle:
            known.handles[(platform, handle)] = (person_id, name)
    for person_id, name, email in conn.execute(
        select(Influencer.id, Influencer.display_name, Influencer.email)
    ):
        if email:
            known.emails[email.casefold()] = (person_id, name)
        known.names.setdefault(name_key(name), []).append((person_id, name))
    for stage_id, name in conn.execute(
        select(Stage.id, Stage.name).where(~Stage.archived).order_by(Stage.position)
    ):
        known.stages[name.casefold()] = stage_id
        known.stage_names.append(name)
    return known


def known_people(db: Database) -> KnownPeople:
    """What the database holds now, for a preview (the import itself reads it again)."""
    with db.reader() as session:
        return read_known(session.connection())


class Matcher:
    """Decides create, update, skip or reject for each row in file order."""

    def __init__(self, known: KnownPeople, on_duplicate: str) -> None:
        """Match against `known`, treating duplicates as `on_duplicate` says."""
        self.known = known
        self.on_duplicate = on_duplicate
        self.seen_handles: dict[tuple[str, str], int] = {}
        self.seen_emails: dict[str, int] = {}
        self.seen_names: dict[str, int] = {}
        # A first import into an empty file has nobody to match against.
        self._anyone = bool(known.handles or known.emails or known.names)

    def decide(self, row: ImportRow) -> None:
        """Set the row's action, the person it updates and the reason, from who it is."""
        row.action, row.existing_id, row.reason = "create", None, ""
        keys = [(str(a["platform"]), str(a["handle"])) for a in row.accounts if a.get("handle")]
        email = row.person.get("email")
        email = str(email).casefold() if email else None
        name = name_key(row.person.get("display_name")) if not keys and not email else None
        earlier, what = self._earlier(row.number, keys, email, name)
        if earlier is not None and (self.on_duplicate != "create" or what == "account"):
            row.action = "skip"
            row.reason = f"Same {what} as row {earlier} of this file, which is imported instead."
            return
        if self._anyone:
            self._against_known(row, keys, email, name)

    def _earlier(
        self, number: int, keys: list[tuple[str, str]], email: str | None, name: str | None
    ) -> tuple[int | None, str]:
        """The earlier row of the file this one repeats, and by what; then remember this one."""
        seen_handles = self.seen_handles
        earlier = None
        what = "account"
        for key in keys:
            earlier = seen_handles.get(key)
            if earlier is not None:
                break
        for key in keys:
            seen_handles.setdefault(key, number)
        if email:
            if earlier is None:
                earlier = self.seen_emails.get(email)
                what = "email"
            self.seen_emails.setdefault(email, number)
        if name:
            if earlier is None:
                earlier = self.seen_names.get(name)
                what = "name"
            self.seen_names.setdefault(name, number)
        return earlier, what

    def _against_known(
        self, row: ImportRow, keys: list[tuple[str, str]], email: str | None, name: str | None
    ) -> None:
        known = self.known
        by_handle = {known.handles[k] for k in keys if k in known.handles}
        by_email = {known.emails[email]} if email and email in known.emails else set()
        by_name = set(known.names.get(name, ())) if name else set()
        matches = by_handle | by_email or by_name
        if not matches:
            return
        how = "account" if by_handle else "email" if by_email else "name"
        if len(matches) > 1:
            names = " and ".join(sorted({n for _id, n in matches}))
            if self.on_duplicate == "skip" and how == "name":
                row.action = "skip"
                row.reason = f"Already in infcrm ({len(matches)} people named {names})."
            elif self.on_duplicate != "create" or how != "name":
                row.action = "reject"
                row.reason = (
                    f"This row matches {len(matches)} people already in infcrm ({names}); "
                    "correct the row so it names one of them."
                )
            return
        existing_id, existing_name = next(iter(matches))
        if self.on_duplicate == "update":
            row.action, row.existing_id = "update", existing_id
            row.reason = f"Updates {existing_name} (same {how})."
        elif self.on_duplicate == "skip" or how == "account":
            row.action = "skip"
            row.reason = f"Already in infcrm as {existing_name} (same {how})."
            if self.on_duplicate == "create":
                row.reason += " An account can belong to only one person."

    def decide_all(self, rows: list[ImportRow]) -> None:
        """Decide every row in file order."""
        for row in rows:
            self.decide(row)


__all__ = [
    "ON_DUPLICATE",
    "ImportRow",
    "KnownPeople",
    "Matcher",
    "known_people",
    "name_key",
    "read_known",
]
