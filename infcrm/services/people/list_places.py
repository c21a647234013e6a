"""Where a few people land in the list after a new sort or filter, found without every id.

The list keeps its selection across a new sort or filter. Its first answer holds only the
first rows (`influencer_list.list_start`); a person selected further down used to mean
reading every id in order just to find their row. Their row is the number of people the
query shows before them: one count along the sort's index, with their own sort key read
inside the query (never handed through Python, so dates and case-blind text compare as the
ORDER BY does).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext

from sqlalchemy import ColumnElement, and_, func, select

from infcrm.db import dialect
from infcrm.db.engine import Database
from infcrm.db.id_lists import fetch_ids
from infcrm.db.models import Influencer, Stage
from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery, ListStart
from infcrm.services.people.list_query import (
    _FOLLOWER_SORTS,
    SORT_KEYS,
    _filtered,
    _sort_of,
)

# Each place is a count of its own; past this many, reading every id at once costs less.
MAX_PLACES = 8


def list_start(
    db: Database, query: ListQuery, limit: int, keep: Sequence[int] = (), near: int = 0
) -> ListStart:
    """`influencer_list.list_start`, and the rows of the people `keep` (the selection) that
    are not among the first: in `places`, None for those the query leaves out, and in `near`
    the ids of the `near` rows either side of each (row: id), the screen the list scrolls to.
    With more of them than `MAX_PLACES`, every id is read at once instead (still off the
    window's thread)."""
    start = influencer_list.list_start(db, query, limit)
    if len(start.ids) >= start.total:
        return start  # every id already
    first = set(start.ids)
    wanted = list(dict.fromkeys(i for i in keep if i not in first))
    if not wanted:
        return start
    if len(wanted) > MAX_PLACES:
        everyone = influencer_list.list_ids(db, query, expected=start.total)
        return ListStart(everyone, len(everyone))
    found = places(db, query, wanted)
    rows = sorted(row for row in found.values() if row is not None)
    return ListStart(start.ids, start.total, found, _near(db, query, rows, near, start))


def _near(
    db: Database, query: ListQuery, rows: list[int], near: int, start: ListStart
) -> dict[int, int]:
    """The ids of the rows within `near` of `rows` (past the first ones), by row: read in
    the list's order from where each stretch begins (OFFSET walks the sort's index)."""
    stretches: list[list[int]] = []
    for row in rows:
        low, high = max(len(start.ids), row - near), min(start.total, row + near + 1)
        if stretches and low <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], high)
        else:
            stretches.append([low, high])
    result: dict[int, int] = {}
    with db.reader() as session:
        for low, high in stretches:
            ordered = influencer_list.ordered(db, query, many=start.total)
            ids = fetch_ids(session, ordered.offset(low).limit(high - low))
            result.update(enumerate(ids, low))
    return result


def places(db: Database, query: ListQuery, ids: Sequence[int]) -> dict[int, int | None]:
    """The row of each of `ids` in the list `query` shows (None: not shown)."""
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    # Follower ranges checked on the rows met along the sort's index, as for a long list's
    # first rows (SQLite took a tier for a narrow range and read the table for every name).
    followers = Influencer.main_followers
    if query.sort not in _FOLLOWER_SORTS:
        followers = dialect.not_looked_up(followers)
    listed = _filtered(query, thresholds, bands, db.author, followers=followers)
    key = SORT_KEYS[_sort_of(query)]
    result: dict[int, int | None] = dict.fromkeys(ids)
    with db.reader() as session:
        wanted = Influencer.id.in_(list(ids))
        shown = session.execute(listed.add_columns(key.is_(None)).where(wanted)).all()
        with dialect.from_indexes(session) if query.band else nullcontext():
            for person, empty in shown:
                counts = [
                    select(func.count()).select_from(listed.where(part).subquery())
                    .scalar_subquery()
                    for part in _before(query, key, person, empty=bool(empty))
                ]  # fmt: skip
                result[person] = session.execute(select(_sum_of(counts))).scalar_one()
    return result


def _sum_of(counts: list) -> ColumnElement[int]:
    total = counts[0]
    for count in counts[1:]:
        total = total + count
    return total


def _before(
    query: ListQuery, key: ColumnElement, person: int, *, empty: bool
) -> list[ColumnElement[bool]]:
    """The rows sorted before `person`, in parts that do not overlap (each counted along an
    index): a smaller key going up, or the same key and a smaller id (ties go by id); empty
    keys come last both ways, so before an empty key come every filled one and its ties."""
    tie = Influencer.id > person if query.descending else Influencer.id < person
    if empty:
        return [key.is_not(None), and_(key.is_(None), tie)]
    own = select(key).select_from(Influencer)
    if query.sort == "stage":
        own = own.outerjoin(Stage, Stage.id == Influencer.stage_id)
    # Its own FROM: the person's row, not the row the outer query is looking at.
    mine = own.where(Influencer.id == person).correlate(None).scalar_subquery()
    ahead = key > mine if query.descending else key < mine
    return [ahead, and_(key == mine, tie)]


__all__ = ["MAX_PLACES", "list_start", "places"]
