"""Comparing people's names: the same name however it was typed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters and digits only: punctuation, emoji and spacing never make two names differ.
_WORD = re.compile(r"[^\W_]+")


def fold_name(text: str | None) -> str:
    """The name as a matching key: diacritics removed, case folded, words single-spaced.

    “Ana  Ruíz”, “ana ruiz” and “ANA-RUIZ” all give “ana ruiz”; an empty name gives “”.
    """
    if not text:
        return ""
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return " ".join(_WORD.findall(text.casefold()))
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.casefold()))


def fold_email(text: str | None) -> str:
    """An email address as a matching key: trimmed and lower-cased (“” when empty)."""
    return (text or "").strip().lower()


# What forms and scrapers put where an address is missing: “example@example.com”.
_PLACEHOLDER_LOCALS = frozenset(
    {"example", "test", "email", "name", "yourname", "your.name", "noreply", "no-reply", "none"}
)
_PLACEHOLDER_DOMAINS = frozenset({"example.com", "example.org", "example.net", "domain.com"})


def is_placeholder_email(address: str) -> bool:
    """True for a stand-in such as example@example.com or test@test.com, nobody's address.

    A list gives one stand-in to many people; kept, it would make them all one person.
    """
    local, _, domain = address.rpartition("@")
    local = local.strip().lower()
    if local not in _PLACEHOLDER_LOCALS:  # most addresses stop here: this runs for every row
        return False
    domain = domain.strip().lower()
    # test@test.com and email@email.com too, but never anna@anna.com.
    return domain in _PLACEHOLDER_DOMAINS or local == domain.split(".")[0]


# The start of a stand-in address, for looking over a whole column at once.
_PLACEHOLDER_START = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(_PLACEHOLDER_LOCALS))) + ")@", re.IGNORECASE
)


def may_hold_placeholder(addresses: Iterable[str]) -> bool:
    """Whether any address might be a stand-in (False: none is; True: check each one).

    One pass over a big list's column, where `is_placeholder_email` per address would cost
    a call per row.
    """
    return any(map(_PLACEHOLDER_START.match, addresses))


__all__ = ["fold_email", "fold_name", "is_placeholder_email", "may_hold_placeholder"]
