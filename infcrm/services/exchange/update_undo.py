"""Undoing an import's updates: what each person had before put back, many people at a time.

An import item of an updated person holds what the update replaced (`update_writes`): the
person's fields, the tags and accounts it added, the accounts' figures. Putting these back
one person at a time took eight minutes for 20,000 people; here each group of people costs a
few statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from infcrm.db import search_index
from infcrm.db.models import Influencer, InfluencerTag, MetricSnapshot, SocialAccount
from infcrm.services.exchange.update_writes import update_by_id

_DATETIME_FIELDS = ("created_at", "updated_at")
_TOGETHER = 500


def put_back(session: Session, items: Sequence[tuple[int, dict]], imported_at: datetime) -> int:
    """Put back what the import at `imported_at` changed on the people of `items` (person id,
    what their update replaced), latest first; returns how many people were put back.

    People forgotten since are left out. A person two rows of the file updated has two
    items: the later one is put back first, so the earlier one's values are what stays."""
    done: set[int] = set()
    for group in _groups(items):
        ids = [person_id for person_id, _previous in group]
        alive = set(session.scalars(select(Influencer.id).where(Influencer.id.in_(ids))))
        group = [(person_id, kept) for person_id, kept in group if person_id in alive]
        if group:
            _put_back_group(session, group, imported_at)
            done.update(person_id for person_id, _kept in group)
    return len(done)


def _groups(items: Sequence[tuple[int, dict]]) -> Iterator[list[tuple[int, dict]]]:
    """The items in order, in groups of at most `_TOGETHER` naming each person once."""
    group: list[tuple[int, dict]] = []
    seen: set[int] = set()
    for item in items:
        if len(group) == _TOGETHER or item[0] in seen:
            yield group
            group, seen = [], set()
        group.append(item)
        seen.add(item[0])
    if group:
        yield group


def _put_back_group(session: Session, group: list[tuple[int, dict]], imported_at: datetime) -> None:
    people: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    accounts: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    tags: list[dict] = []
    refigured: list[int] = []
    created: list[int] = []
    for person_id, previous in group:
        values = _parsed(previous.get("person", {}))
        if values:
            people[tuple(sorted(values))].append(values | {"b_id": person_id})
        tags += [{"b_person": person_id, "b_name": n} for n in previous.get("tags_added") or []]
        for account_id, figures in previous.get("accounts", {}).items():
            before = _parsed(figures)
            accounts[tuple(sorted(before))].append(before | {"b_id": int(account_id)})
            refigured.append(int(account_id))
        created += previous.get("accounts_created") or []
    update_by_id(session, Influencer, people)
    if tags:
        table = InfluencerTag.__table__
        session.execute(
            delete(table).where(
                table.c.influencer_id == bindparam("b_person"), table.c.name == bindparam("b_name")
            ),
            tags,
        )
    update_by_id(session, SocialAccount, accounts)
    if refigured:  # the figures the import noted in the accounts' history go with it
        session.execute(
            delete(MetricSnapshot).where(
                MetricSnapshot.account_id.in_(refigured), MetricSnapshot.taken_at == imported_at
            )
        )
    if created:
        session.execute(delete(SocialAccount).where(SocialAccount.id.in_(created)))
    searched = [
        person_id
        for person_id, previous in group
        if previous.get("tags_added")
        or previous.get("accounts_created")
        or not search_index.SEARCHED_COLUMNS.isdisjoint(previous.get("person", {}))
    ]
    if searched:  # figures alone change nobody's search entries
        search_index.reindex(session, searched)


def _parsed(values: dict[str, object]) -> dict[str, object]:
    return {
        k: datetime.fromisoformat(v) if k in _DATETIME_FIELDS and isinstance(v, str) else v
        for k, v in values.items()
    }


__all__ = ["put_back"]
