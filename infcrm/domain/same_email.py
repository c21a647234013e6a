"""When one email is not one person: the rule the import and the duplicate finder share.

An agency's or a family's address is shared by people with their own names and accounts.
Two records with one email are one person unless both give a name and those differ, or both
have a handle on one network and share none there. The import then keeps them apart (the
row becomes another person); the duplicate finder offers them as possible, never as likely.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from unicodedata import category, combining

from infcrm.domain.enums import Platform, label_of

Key = tuple[str, str]  # platform and handle


def name_key(name: object) -> str:
    """A name as this rule compares it: case, spacing, accents and invisible characters do
    not count (a second list's “Zoe Muller” is Zoë Müller, and so is a name copied from a
    web page with a zero-width space inside)."""
    text = " ".join(str(name or "").split()).casefold()
    if text.isascii():  # most names: nothing to take apart
        return text
    plain = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if not combining(ch) and category(ch) != "Cf"
    )
    return " ".join(plain.split())


def networks_apart(keys: Iterable[Key], other_keys: Iterable[Key]) -> list[str]:
    """The networks both give a handle on without sharing one there (a handle's capitals
    do not count: it is the same account), sorted."""
    mine: dict[str, set[str]] = {}
    for platform, handle in keys:
        mine.setdefault(platform, set()).add(handle.casefold())
    theirs: dict[str, set[str]] = {}
    for platform, handle in other_keys:
        theirs.setdefault(platform, set()).add(handle.casefold())
    return sorted(p for p, handles in mine.items() if p in theirs and not handles & theirs[p])


def disagreement(name: object, other_name: object, networks: Sequence[str] = ()) -> str:
    """What two records with one email disagree on ("" when nothing, so they are one
    person): “different names and Instagram accounts”, “different TikTok accounts”…

    A name is None when not given (made up from a handle); `networks` are those both have
    a handle on, none shared (`networks_apart`)."""
    names_differ = name is not None and other_name is not None
    names_differ = names_differ and name_key(name) != name_key(other_name)
    parts = ["names"] if names_differ else []
    if networks:
        parts.append(" and ".join(label_of(Platform, p) for p in networks) + " accounts")
    return "different " + " and ".join(parts) if parts else ""


__all__ = ["Key", "disagreement", "name_key", "networks_apart"]
