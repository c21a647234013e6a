"""Who did what, in words: "by Ana", "Ana moved Lena to Agreed", "Added by Ana on 3 Nov 2026".

Rows written before names were kept have no author (None). Every sentence here then says
what it said before names existed, never "by None" or "by someone".
"""

from __future__ import annotations

from datetime import date

from infcrm.domain.dates import near_day_text


def by_line(author: str | None) -> str:
    """ "by Ana", or "" when nobody is known."""
    name = (author or "").strip()
    return f"by {name}" if name else ""


def stage_move(
    author: str | None, person: str, to_name: str | None, from_name: str | None
) -> str | None:
    """ "Ana moved Lena from Contacted to Agreed" ("Ana moved Lena to Agreed" when it had no
    stage before); None when there is no author, so the caller keeps its own wording."""
    name = (author or "").strip()
    if not name:
        return None
    source = f" from {from_name}" if from_name else ""
    return f"{name} moved {person}{source} to {to_name or 'a stage that was removed'}"


def record_sentence(
    created_by: str | None,
    created_day: date,
    changed_by: str | None,
    changed_day: date,
    *,
    changed_since: bool,
    today: date,
) -> str:
    """ "Added by Ana on 3 Nov, last changed by Ben on 5 Nov" ("" when no name is known).

    `changed_since` is whether the record was changed after it was added; days are local.
    """
    parts = []
    if created_by:
        parts.append(f"Added by {created_by} on {near_day_text(created_day, today)}")
    if changed_by and (changed_since or not created_by):
        lead = "last changed" if parts else "Last changed"
        parts.append(f"{lead} by {changed_by} on {near_day_text(changed_day, today)}")
    return ", ".join(parts)


__all__ = ["by_line", "record_sentence", "stage_move"]
