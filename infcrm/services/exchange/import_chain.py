"""Undoing a later import is not an edit: its people are again as the import before left them.

An import's item of an updated person keeps the version that person was left at
(`version_after`, `import_since.py`); a higher one tells the undo someone saved them since.
Undoing an import writes its people back, one more version each, so an earlier import that
had updated the same person took that undo for a save: undoing a.csv, then b.csv, newest
first, kept Bo as "edited since a.csv" and his own notes never came back.

So each updated item also keeps the version its person held just before the import wrote
(`version_before`, in what the update replaced). When a person stood then exactly as an
earlier import left them (its item holds that version) and an undo puts them back, the undo
hands its version on to that earlier item (`hand_back`): the person is as that import left
them. A redo of the later import takes it back (`take_up`); had its undo kept the person
(someone edited them after it), the chain is broken for good and the redo's item forgets the
version before, so no later undo hands anything on. A real save between the two imports
leaves the earlier item behind the later one's `version_before`: nothing is handed on and
the earlier undo keeps the person, as before.

Items written before this was kept hold no `version_before` and hand nothing on.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from infcrm.db.import_models import ImportBatchItem
from infcrm.db.models import Influencer
from infcrm.services.exchange.import_since import UPDATED

BEFORE = "version_before"  # the key of what an update replaced that holds it
_TOGETHER = 500
_ITEMS = ImportBatchItem.__table__


@dataclass(frozen=True)
class Item:
    """An import's item of one updated person, as a restore point holds it."""

    id: int
    batch_id: int
    person: int
    before: int  # the person's version just before the import wrote


def items(names: Sequence[str], rows: Iterable[Sequence[object]]) -> list[Item]:
    """The updated items among saved `import_batch_item` rows that know the version before."""
    at = {name: names.index(name) for name in ("id", "batch_id", "influencer_id", "action")}
    found = []
    for row in rows:
        if row[at["action"]] != UPDATED:
            continue
        before = json.loads(str(row[names.index("previous")] or "{}")).get(BEFORE)
        if before is not None:
            found.append(
                Item(row[at["id"]], row[at["batch_id"]], row[at["influencer_id"]], before)  # type: ignore[arg-type]
            )
    return found


def hand_back(session: Session, batch_id: int, put_back: Iterable[tuple[int, dict]]) -> None:
    """After the undo of `batch_id` put `put_back` (person, what its update replaced) back as
    they were before it: the earlier imports that had left them at the version they held
    then have left them as they are now. One statement for all of them."""
    found = [
        {"b_batch": batch_id, "b_person": person, "b_before": previous[BEFORE]}
        for person, previous in put_back
        if previous.get(BEFORE) is not None
    ]
    _hand_on(session, found)


def hand_back_items(session: Session, undone: Iterable[Item]) -> None:
    """`hand_back` for the items of imports a swap has just removed (an undo after a redo)."""
    found = [{"b_batch": i.batch_id, "b_person": i.person, "b_before": i.before} for i in undone]
    _hand_on(session, found)


def _hand_on(session: Session, found: list[dict]) -> None:
    if not found:
        return
    now = select(Influencer.version).where(Influencer.id == _ITEMS.c.influencer_id)
    session.connection().execute(
        update(_ITEMS)
        .where(
            _ITEMS.c.batch_id < bindparam("b_batch"),
            _ITEMS.c.action == UPDATED,
            _ITEMS.c.influencer_id == bindparam("b_person"),
            _ITEMS.c.version_after == bindparam("b_before"),
        )
        .values(version_after=now.scalar_subquery()),
        found,
    )


def versions(session: Session, people: Iterable[int]) -> dict[int, int]:
    """The people's versions now (read by a redo before it writes)."""
    ids = sorted(set(people))
    found: dict[int, int] = {}
    for start in range(0, len(ids), _TOGETHER):
        chunk = ids[start : start + _TOGETHER]
        rows = session.execute(
            select(Influencer.id, Influencer.version).where(Influencer.id.in_(chunk))
        )
        found.update((person, version) for person, version in rows)
    return found


def take_up(session: Session, redone: Sequence[Item], before: Mapping[int, int]) -> None:
    """After a redo put `redone` back, the people held `before` (their versions just before
    it wrote): the earlier items the undo had handed on to go back to the version the redone
    import found; where the undo had kept a person instead, the redone item forgets it."""
    back: list[dict] = []
    broken: list[int] = []
    for item, earlier in _earlier(session, redone):
        for item_id, left in earlier:
            if left == before.get(item.person):
                back.append({"b_id": item_id, "b_left": item.before})
            elif left == item.before:
                broken.append(item.id)
    if back:
        session.connection().execute(
            update(_ITEMS)
            .where(_ITEMS.c.id == bindparam("b_id"))
            .values(version_after=bindparam("b_left")),
            back,
        )
    _forget_before(session, broken)


def _earlier(
    session: Session, redone: Sequence[Item]
) -> Iterable[tuple[Item, list[tuple[int, int | None]]]]:
    """Each redone item with the earlier imports' items of its person (id, version left)."""
    for start in range(0, len(redone), _TOGETHER):
        chunk = redone[start : start + _TOGETHER]
        rows = session.execute(
            select(
                _ITEMS.c.id, _ITEMS.c.batch_id, _ITEMS.c.influencer_id, _ITEMS.c.version_after
            ).where(
                _ITEMS.c.action == UPDATED,
                _ITEMS.c.influencer_id.in_({i.person for i in chunk}),
                _ITEMS.c.batch_id < max(i.batch_id for i in chunk),
            )
        )
        of: dict[int, list[tuple[int, int, int | None]]] = defaultdict(list)
        for item_id, batch, person, left in rows:
            of[person].append((item_id, batch, left))
        for item in chunk:
            found = [(i, left) for i, batch, left in of[item.person] if batch < item.batch_id]
            yield item, found


def _forget_before(session: Session, item_ids: list[int]) -> None:
    if not item_ids:
        return
    rows = session.execute(
        select(_ITEMS.c.id, _ITEMS.c.previous).where(_ITEMS.c.id.in_(item_ids))
    ).all()
    changed = []
    for item_id, previous in rows:
        kept = json.loads(previous or "{}")
        kept.pop(BEFORE, None)
        changed.append({"b_id": item_id, "b_previous": json.dumps(kept)})
    session.connection().execute(
        update(_ITEMS)
        .where(_ITEMS.c.id == bindparam("b_id"))
        .values(previous=bindparam("b_previous")),
        changed,
    )


__all__ = ["BEFORE", "Item", "hand_back", "hand_back_items", "items", "take_up", "versions"]
