"""Who an imported row is: a new person, someone already in infcrm, or a repeat of an earlier row.

The same rules decide the preview (read before anything is written) and the import itself, which
decides again inside its write transaction so two imports of one file at once cannot both add
the same person. A row is matched by platform + handle (or, for an account without a handle
known by its link, such as a YouTube channel's old youtube.com/c/NAME link, by that link), then
by email; a row that names nobody but by name is matched by that name.

A row with an email or handle that nobody has yet (a second list adding the emails of a first,
name-only one) is matched by its name too, but only to the one person of that name, and only
when nothing of theirs disagrees with the row (another email, another handle on one of its
networks) and no earlier row of the file took them by name: anything less is not guessed, the
row is imported as another person and its reason says why (the summary names its row and the
Name column; the duplicate finder then offers the two when nothing disagrees).

An email alone is not enough when something else disagrees: an agency's or a family's address
is shared by people with their own names and accounts. Two rows (or a row and a person already
there) with one email are one person unless both give a handle on the same network and those
differ, or both give a name and those differ; then the row is imported as another person and
its reason says why (the summary names its row and column).

A person's other names (where a merge puts the name of the record merged away) find them as
their name does, by the same rules. A person's other emails (where a merge puts the address
of the record merged away) find them too, when no one has the row's email as their main one:
importing again the list a merged record came from must not bring it back. The names are not
compared there — a merge joins records under two spellings of one name, and the user chose
to — only a handle on a network both have one on can set the match aside.
"""

from __future__ import annotations

from typing import NamedTuple

from infcrm.domain.accounts import account_key, shown_account
from infcrm.domain.enums import Platform, label_of
from infcrm.domain.same_email import Key, disagreement, name_key, networks_apart
from infcrm.services.exchange.import_known import (
    KnownPeople,
    Person,
    add_other_emails,
    folded_addresses,
    known_people,
    people_named,
    read_known,
)
from infcrm.services.exchange.import_row import ImportRow

ON_DUPLICATE = ("skip", "update", "create")


class Matcher:
    """Decides create, update, skip or reject for each row in file order."""

    def __init__(self, known: KnownPeople, on_duplicate: str) -> None:
        """Match against `known`, treating duplicates as `on_duplicate` says."""
        self.known = known
        self.on_duplicate = on_duplicate
        self.seen_handles: dict[Key, int] = {}
        # folded email → (row, its handles, its given name) of each earlier row with it
        self.seen_emails: dict[str, list[tuple[int, tuple[Key, ...], str | None]]] = {}
        self.seen_names: dict[str, int] = {}
        # person → the row that took them by name alone: a second row of that name is not them
        self.taken_by_name: dict[int, int] = {}
        self.left_out: set[int] = set()  # rows not imported, and so neither are their repeats
        # A row not imported because its person's later rows match a second person → those
        # rows, whom each matches and by what (each of them then names itself, not that row).
        self.matched_later: dict[int, list[tuple[int, str, str]]] = {}
        self._set_aside = ""  # why an email match was not taken, for the row's reason
        # A first import into an empty file has nobody to match against.
        self._anyone = known.partial or bool(known.handles or known.emails or known.names)

    def decide(self, row: ImportRow) -> None:
        """Set the row's action, the person it updates and the reason, from who it is."""
        row.action, row.existing_id, row.reason = "create", None, ""
        row.reason_field = "email"
        row.by_other_email = row.by_other_name = False
        row.repeat_of, row.adds_accounts = 0, False
        row.kept_as, row.accounts_added = "", ()
        row.existing_name, row.left_out = "", None
        self._set_aside = ""
        who = _identity(row)
        earlier, what = self._repeat(row.number, who)
        if earlier is not None:
            what = row.repeat_by or what  # as the file says it, before rows were folded
            row.action, row.repeat_of = "skip", earlier
            row.reason = f"Same {what} as row {earlier} of this file: added to that row."
            if earlier in self.left_out:  # what it adds would be lost with that row
                row.action, row.repeat_of = "reject", 0
                row.reason = f"Same {what} as row {earlier} of this file, which is not imported"
                later = self.matched_later.get(earlier)
                row.reason += (
                    f" because {_later_rows(later, row.number)}: correct one of the rows so "
                    "they name one person."
                    if later
                    else ": correct that row and import them together."
                )
                self.left_out.add(row.number)
            return
        if self._anyone:
            self._against_known(row, who)
        if row.action == "reject":
            self.left_out.add(row.number)
        if row.action == "create" and self._set_aside:
            shown = row.person.get("email")
            row.reason_field = "email"
            row.reason = (
                f"{shown} is also the email of {self._set_aside}: imported as another person."
            )

    def repeats(self, row: ImportRow) -> int | None:
        """The earlier row of the file that `row` repeats, which the import keeps instead (None:
        a row of its own); remembers `row` for the rows after it. Rows given in file order,
        as `decide` takes them, without deciding them."""
        return self.repeats_by(row)[0]

    def repeats_by(self, row: ImportRow) -> tuple[int | None, str]:
        """`repeats`, and by what: “account”, “email” or “name”."""
        return self._repeat(row.number, _identity(row))

    def _repeat(self, number: int, who: _Identity) -> tuple[int | None, str]:
        """`_earlier`, None when the import keeps the row as another person all the same
        (`create` keeps only an account's rows together)."""
        earlier, what = self._earlier(number, who)
        if earlier is not None and (self.on_duplicate != "create" or what == "account"):
            return earlier, what
        return None, what

    def _earlier(self, number: int, who: _Identity) -> tuple[int | None, str]:
        """The earlier row of the file this one repeats, and by what; then remember this one."""
        keys, links, email, given, name = who
        seen_handles = self.seen_handles
        earlier = None
        what = "account"
        accounts = keys + links if links else keys
        for key in accounts:
            earlier = seen_handles.get(key)
            if earlier is not None:
                break
        for key in accounts:
            seen_handles.setdefault(key, number)
        if email:
            rows = self.seen_emails.setdefault(email, [])
            if earlier is None:
                what = "email"
                for other, other_keys, other_name in rows:
                    why = disagreement(given, other_name, networks_apart(keys, other_keys))
                    if not why:
                        earlier = other
                        break
                    self._set_aside = self._set_aside or f"row {other} ({why})"
            rows.append((number, tuple(keys), given))
        if name:
            if earlier is None:
                earlier = self.seen_names.get(name)
                what = "name"
            self.seen_names.setdefault(name, number)
        return earlier, what

    def _against_known(self, row: ImportRow, who: _Identity) -> None:
        keys, links, email, given, name = who
        known = self.known
        by_handle = {known.handles[k] for k in (*keys, *links) if k in known.handles}
        by_email = set()
        for person in known.emails.get(email, ()) if email else ():
            why = None if person in by_handle else self._disagrees_with(person, keys, given)
            if why:
                self._set_aside = self._set_aside or (f"{person[1]}, already in infcrm ({why})")
            else:
                by_email.add(person)
        if email and not by_handle and email not in known.emails:
            by_email = self._by_other_email(email, keys)
            row.by_other_email = bool(by_email)
        by_name = set(people_named(known, name)) if name else set()
        matches = by_handle | by_email or by_name
        if not matches and given and (keys or email):
            matches = self._by_name_alone(row, keys, email, given)
        if not matches:
            return
        self._set_aside = ""
        how = "account" if by_handle else "email" if by_email else "name"
        if len(matches) > 1:
            names = " and ".join(sorted({n for _id, n in matches}))
            if self.on_duplicate == "skip" and how == "name":
                row.action = "skip"
                row.reason = f"Already in infcrm ({len(matches)} people named {names})."
            elif self.on_duplicate != "create" or how != "name":
                row.action = "reject"
                row.reason = f"This row matches {len(matches)} people already in infcrm ({names})"
                later = self._matched_by_later_rows(row, keys, by_email, matches)
                if later:
                    self.matched_later[row.number] = later
                row.reason += (
                    f": {_later_rows(later)}; correct one of the rows so they name one person."
                    if later
                    else "; correct the row so it names one of them."
                )
            return
        existing_id, existing_name = next(iter(matches))
        if how == "name":
            key = name or given
            row.by_other_name = (existing_id, existing_name) not in known.names.get(key, ())
        if how == "name" and self.on_duplicate != "create":
            self.taken_by_name.setdefault(existing_id, row.number)
        why = f"same {how}"
        if row.by_other_name:  # “same name” beside two names that differ puzzled people
            shown = " ".join(str(row.person.get("display_name") or "").split())
            why = f"“{shown}” is one of their other names"
        if self.on_duplicate == "update":
            row.action, row.existing_id, row.existing_name = "update", existing_id, existing_name
            row.reason = f"Updates {existing_name} ({why})."
        elif self.on_duplicate == "skip" or how == "account":
            row.action, row.kept_as = "skip", existing_name
            row.reason = f"Already in infcrm as {existing_name} ({why})."
            if self.on_duplicate == "create":
                row.reason += " An account can belong to only one person."
            else:
                self._add_networks(row, existing_id)

    def _matched_by_later_rows(
        self, row: ImportRow, keys: list[Key], by_email: set[Person], matches: set[Person]
    ) -> list[tuple[int, str, str]]:
        """The later rows of the file, folded into `row`, that match someone its own cells do
        not, in file order: (row, whom it matches, by what), none when none."""
        given = row.given_by or {}
        found = [
            (self.known.handles.get(key), given.get(key), key)
            for key in keys
            if self.known.handles.get(key) in matches
        ]
        found += [(person, given.get("email"), None) for person in by_email]
        own = {person for person, number, _key in found if number is None}
        later: dict[Person, tuple[int, str]] = {}
        for person, number, key in found:
            if number is not None and person not in own and person not in later:
                what = (
                    f"the {label_of(Platform, key[0])} account {shown_account(*key)}"
                    if key
                    else f"the email {row.person.get('email')}"
                )
                later[person] = (number, what)
        return [
            (number, name, what)
            for (number, what), (_id, name) in sorted((v, k) for k, v in later.items())
        ]

    def _add_networks(self, row: ImportRow, person_id: int) -> None:
        """With “skip”, make the row an update that adds its accounts on networks the person
        has none on, saying which (an account of someone else's matched them too, so the
        row was refused before it got here)."""
        on = self.known.platforms.get(person_id, frozenset())
        new = [a for a in row.accounts if a.get("handle") and a["platform"] not in on]
        if not new:
            return
        row.action, row.existing_id, row.adds_accounts = "update", person_id, True
        row.accounts_added = tuple(new)
        row.reason_field = ""
        listed = ", ".join(
            f"{label_of(Platform, str(a['platform']))} "
            + shown_account(str(a["platform"]), str(a["handle"]))
            for a in new
        )
        some = "new accounts are" if len(new) > 1 else "a new account is"
        row.reason = f"{row.reason.rstrip('.')}; {some} added: {listed}."

    def _by_other_email(self, email: str, keys: list[Key]) -> set[Person]:
        """The people with `email` among their other emails whose accounts do not disagree
        with the row's (a reason is kept for the others)."""
        found = set()
        for person in self.known.other_emails.get(email, ()):
            why = self._disagrees_with(person, keys, None)
            if why:
                self._set_aside = self._set_aside or (f"{person[1]}, already in infcrm ({why})")
            else:
                found.add(person)
        return found

    def _by_name_alone(
        self, row: ImportRow, keys: list[Key], email: str | None, given: str
    ) -> set[Person]:
        """The one person of the row's name when nothing of theirs disagrees with it, else
        nobody, with the row's reason saying why it is imported as another person."""
        named = people_named(self.known, given)
        if not named:
            return set()
        shown = row.person.get("display_name")
        why = ""
        if len(named) > 1:
            why = (
                f"{len(named)} people named {shown} are already in infcrm: imported as "
                "another person rather than guess which one this is."
            )
        else:
            person_id, person_name = named[0]
            differs = self._differs_from(person_id, keys, email)
            taken = self.taken_by_name.get(person_id)
            if differs:
                why = (
                    f"{person_name}, already in infcrm, has {differs}: imported as another person."
                )
            elif taken is not None:
                why = (
                    f"{person_name}, already in infcrm, was taken by row {taken} of this "
                    "file (same name): imported as another person."
                )
        if why:
            if self.on_duplicate != "create":
                row.reason, row.reason_field = why, "display_name"
            return set()
        return {named[0]}

    def _differs_from(self, person_id: int, keys: list[Key], email: str | None) -> str:
        """What of someone already there disagrees with a row none of whose email or handles
        are theirs: “another email”, “another Instagram account”… ("" when nothing)."""
        known = self.known
        parts = []
        theirs = known.email_of.get(person_id)
        if email and theirs and theirs != email:
            parts.append("another email")
        on = known.platforms.get(person_id, frozenset())
        for platform in sorted({platform for platform, _handle in keys if platform in on}):
            parts.append(f"another {label_of(Platform, platform)} account")
        return " and ".join(parts)

    def _disagrees_with(self, person: Person, keys: list[Key], given: str | None) -> str:
        """What differs between a row and someone already there who has its email ("" when
        nothing does): a handle on a network both have one on (the row's handles that are
        that person's own were matched before), or the names."""
        person_id, person_name = person
        on = self.known.platforms.get(person_id, frozenset())
        networks = sorted({platform for platform, _handle in keys if platform in on})
        return disagreement(given, person_name, networks)

    def decide_all(self, rows: list[ImportRow]) -> None:
        """Decide every row in file order."""
        for row in rows:
            self.decide(row)


def _later_rows(later: list[tuple[int, str, str]], this: int = 0) -> str:
    """“row 5 (the same person in this file) matches Bea by …” for each later row, the row
    numbered `this` told as “this row”."""
    return ", ".join(
        f"this row matches {name} by {what}"
        if number == this
        else f"row {number} (the same person in this file) matches {name} by {what}"
        for number, name, what in later
    )


class _Identity(NamedTuple):
    """What tells a row's person (see `_identity`)."""

    keys: list[Key]
    links: list[Key]
    email: str | None
    given: str | None
    name: str | None


def _identity(row: ImportRow) -> _Identity:
    """What tells a row's person: its accounts' (platform, handle), the `account_key` of its
    accounts known by a link and no handle (a YouTube channel's old link by its name), its
    folded email, its given name's key and, for a row naming nobody otherwise, its name's key.

    A link finds its account as a handle does, but says nothing of the person's handles: it
    never sets an email match aside, and a row with only such links is still found by name.
    """
    keys = [(str(a["platform"]), str(a["handle"])) for a in row.accounts if a.get("handle")]
    links = link_keys(row.accounts)
    email = row.person.get("email")
    email = str(email).casefold() if email else None
    given = name_key(row.person.get("display_name")) if row.name_given else None
    name = name_key(row.person.get("display_name")) if not keys and not email else None
    return _Identity(keys, links, email, given, name)


def link_keys(accounts: list[dict[str, object]]) -> list[Key]:
    """The `account_key` of each account known by its link, without a handle."""
    return [
        account_key(str(a["platform"]), None, None, str(a["url"]))
        for a in accounts
        if a.get("url") and not a.get("handle")
    ]


__all__ = [
    "ON_DUPLICATE",
    "ImportRow",
    "KnownPeople",
    "Matcher",
    "add_other_emails",
    "folded_addresses",
    "known_people",
    "link_keys",
    "name_key",
    "read_known",
]
