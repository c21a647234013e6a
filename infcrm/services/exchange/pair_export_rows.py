"""The rows of the "Not duplicates" sheet of an all-sheets export: the pairs of people the user
said are not one person, so a restored file does not offer them again as possible duplicates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select

from infcrm.db.duplicate_models import NotDuplicate
from infcrm.db.engine import Database
from infcrm.db.models import Influencer

PAIR_KEYS = ("name", "influencer_id", "other", "other_id", "marked_at")


def _pairs(db: Database, ids: Sequence[int]) -> list[tuple[int, int, object]]:
    """The pairs whose two people are both exported (a pair with someone in the trash waits
    there with them)."""
    exported = set(ids)
    with db.reader() as session:
        rows = session.execute(
            select(
                NotDuplicate.influencer_id, NotDuplicate.other_id, NotDuplicate.marked_at
            ).order_by(NotDuplicate.influencer_id, NotDuplicate.other_id)
        ).all()
    return [tuple(r) for r in rows if r[0] in exported and r[1] in exported]


def not_duplicate_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Not duplicates sheet has."""
    return len(_pairs(db, ids))


def not_duplicate_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (PAIR_KEYS order) per pair marked “not a duplicate”."""
    pairs = _pairs(db, ids)
    people = {p for first, second, _at in pairs for p in (first, second)}
    with db.reader() as session:
        names = dict(
            session.execute(
                select(Influencer.id, Influencer.display_name).where(Influencer.id.in_(people))
            ).all()
        )
    for first, second, marked in pairs:
        yield [names.get(first), first, names.get(second), second, marked]


__all__ = ["PAIR_KEYS", "not_duplicate_count", "not_duplicate_values"]
