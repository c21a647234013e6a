"""After an import: how many of the people it created look like someone already there."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.services.exchange.import_items import created_by
from infcrm.services.people.duplicate_evidence import (
    accounts_differ,
    active,
    conflict,
    dismissed_pairs,
    evidence_of,
    handle_owners,
    name_groups,
    on_other_networks,
    pairs_of,
    shared_handles,
)


def possible_duplicates_among(db: Database, influencer_ids: Iterable[int]) -> int:
    """How many of these people (new from an import) look like someone who was already there.

    The importer itself matches emails, handles and links; what it cannot be sure of is a
    matching name, or a handle someone has on another network, so only those are read (two
    queries), not every kind of evidence.
    """
    new = set(influencer_ids)
    if not new:
        return 0
    with db.reader() as session:
        if not _anyone_else(session, new):
            return 0  # a first import into an empty file: nobody to look like
        among = sorted(new)
        names = [ids for ids in name_groups(session, among).values() if _mixed(new, ids)]
        owned = handle_owners(shared_handles(session, among))
        owners = [p for p in owned.values() if _mixed(new, p)]
        facts = evidence_of(session, sorted({i for ids in [*names, *owners] for i in ids}))
        dismissed = dismissed_pairs(session)
    # (people, whether a pair of them counts), as the duplicate finder offers them: a name
    # when nothing disagrees, a shared handle when no network's account does (other emails
    # allowed: the same creator from two lists, once with a work address)
    groups = [(ids, lambda a, b: not conflict(facts[a], facts[b])) for ids in names]
    groups += [
        (
            sorted(people),
            lambda a, b, p=people: (
                on_other_networks(p[a], p[b]) and not accounts_differ(facts[a], facts[b])
            ),
        )
        for people in owners
    ]
    flagged: set[int] = set()
    for ids, counts in groups:
        for a, b in pairs_of(ids):
            mixed = (a in new) != (b in new)
            if mixed and (a, b) not in dismissed and counts(a, b):
                flagged.add(a if a in new else b)
    return len(flagged)


def _mixed(new: set[int], ids: Iterable[int]) -> bool:
    """Whether a group holds someone new and someone who was there before."""
    ids = set(ids)
    return bool(new & ids and ids - new)


def _anyone_else(session: Session, new: set[int]) -> bool:
    """Whether anyone not in `new` is outside the trash.

    Reading every name (folded in Python) costs more than the rest of a first import's summary,
    and a file that held nobody before needs none of it.
    """
    low, high = min(new), max(new)
    if high - low + 1 != len(new):
        return True  # not one run of ids (never for an import): read the names
    others = session.execute(
        select(Influencer.id).where(active(), ~Influencer.id.between(low, high)).limit(1)
    ).first()
    return others is not None


def possible_duplicates_of_import(db: Database, batch_id: int) -> int:
    """How many people an import created look like someone already there (for its summary)."""
    with db.reader() as session:
        ids = created_by(session, batch_id)
    return possible_duplicates_among(db, ids)


def import_note(count: int) -> str | None:
    """The import summary's line about possible duplicates, or None when there are none."""
    if not count:
        return None
    people = "1 person looks" if count == 1 else f"{count:,} people look"
    return (
        f"{people} like someone already in infcrm (possible duplicates) — "
        "compare and merge them with Edit › Find duplicates…"
    )


__all__ = ["import_note", "possible_duplicates_among", "possible_duplicates_of_import"]
