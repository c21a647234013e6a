"""What a merge joins stays within what its form holds, or the merge is refused.

A merge keeps everything of both people: their other names, other emails (with the address
not chosen), niches and notes are joined (the notes with the names, phone and brand fit not
chosen), and so are the notes of their two deals in one campaign. Joined text longer than its
form holds would be stored and then refused by the form at the next save, and cutting it would
drop some of it for good: the merge is refused instead, naming the field and by how much to
shorten it, and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Mapping

from infcrm.domain.field_catalogue import max_length
from infcrm.services.errors import MergeRefused

# The person's fields a merge joins that their form holds to a length.
_JOINED = (
    ("other_names", "Other names"),
    ("other_emails", "Other emails"),
    ("niches", "Niches"),
    ("notes", "Notes"),
)
DEAL_NOTES_MAX = max_length("notes")  # a deal's notes are as long as a person's


def check_person(
    keep: Mapping[str, object], other: Mapping[str, object], values: Mapping[str, object]
) -> None:
    """Refuse the merge when a field it joined (`values`) is longer than the form holds."""
    for field, label in _JOINED:
        length, limit = len(str(values[field] or "")), max_length(field)
        if length > limit:
            whose = f"the {label.lower()} of “{keep['display_name']}” and “{other['display_name']}”"
            raise MergeRefused(
                _too_long(
                    whose, length, f"{label} holds", limit, f"the {label.lower()} of one of them"
                )
            )


def check_deal_notes(people: tuple[str, str], campaign: str, notes: str | None) -> None:
    """Refuse the merge when the notes of the two people's deals in one campaign, joined,
    are longer than a deal's form holds."""
    length = len(notes or "")
    if length > DEAL_NOTES_MAX:
        whose = (
            f"the notes of the deals of “{people[0]}” and “{people[1]}” in the campaign "
            f"“{campaign}”"
        )
        raise MergeRefused(
            _too_long(
                whose,
                length,
                "a deal's Notes holds",
                DEAL_NOTES_MAX,
                "the notes of one of those deals",
            )
        )


def _too_long(whose: str, length: int, holds: str, limit: int, shorten: str) -> str:
    return (
        f"Together {whose} come to {length:,} characters, and {holds} at most {limit:,}. "
        f"Shorten {shorten} by at least {length - limit:,} characters, then merge again."
    )


__all__ = ["DEAL_NOTES_MAX", "check_deal_notes", "check_person"]
