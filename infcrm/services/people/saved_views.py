"""Saved views: the influencer list's search, filters, sort and columns kept under a name.

Each change is one transaction that returns an `Undoable` holding a restore point of the
rows it touched, so the window's one undo stack takes it back exactly. A view keeps the
stage it filters by as an id and the tag as a name; when that stage was archived (or is
gone), `check` says what the view has to drop to open; when no one carries its tag any more
(the tag was deleted) the view keeps that condition and shows no one — everyone would be the
opposite of what it was saved for — and `check` says so; Fix view removes the condition.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.models import InfluencerTag, Stage
from infcrm.db.view_models import NAME_MAX
from infcrm.db.view_models import SavedView as SavedViewRow
from infcrm.domain.enums import EngagementBand, Platform, Tier, label_of
from infcrm.domain.numbers import format_count
from infcrm.domain.validation import InvalidInput
from infcrm.services.changes import Changes
from infcrm.services.errors import NotFound
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.restore_points import (
    Columns,
    RestorePoint,
    Rows,
    Undoable,
    capture,
    guarded,
    nothing_before,
)

__all__ = [
    "NAME_MAX",
    "SavedView",
    "ViewCheck",
    "check",
    "clean_name",
    "count",
    "count_and_check",
    "create",
    "delete_view",
    "describe",
    "filtering_by_tag",
    "find",
    "get",
    "move",
    "rename",
    "retag",
    "stored_fields",
    "stored_query",
    "update_view",
    "views",
]

_CHANGED = Changes(views=True)
# The list query's fields a view keeps; `trash` belongs to the Trash screen, not to a view.
_KEPT = tuple(f.name for f in fields(ListQuery) if f.name != "trash")
_WORD_SORTS = {"name", "real_name", "email", "country", "city", "language", "niches", "owner"}
_TYPES = {
    "stage_id": int,
    "min_followers": int,
    "max_followers": int,
    "descending": bool,
    "owned_by_me": bool,
}


@dataclass(frozen=True)
class SavedView:
    """One saved view as the sidebar and the list use it."""

    id: int
    name: str
    position: int
    query: ListQuery
    columns: tuple[str, ...]


@dataclass(frozen=True)
class ViewCheck:
    """What a view can show today: its query without the stage that is gone; a tag no one
    carries stays in it (the view shows no one) and is named in `gone_tag`."""

    query: ListQuery
    dropped: tuple[str, ...] = ()  # “the stage “Negotiating”, which was archived”
    gone_tag: str | None = None  # the view's tag, which no one carries any more

    @property
    def complete(self) -> bool:
        """Whether the view opens exactly as it was saved, naming nothing gone."""
        return not self.dropped and self.gone_tag is None

    @property
    def fixed(self) -> ListQuery:
        """The view's query without the conditions on what is gone (what Fix view keeps)."""
        return replace(self.query, tag=None) if self.gone_tag is not None else self.query

    def sentence(self) -> str:
        """What is gone, as sentences for the list's banner, the sidebar and the command line."""
        said = []
        if self.dropped:
            those = "those filters" if len(self.dropped) > 1 else "that filter"
            said.append(
                f"This view filtered by {' and by '.join(self.dropped)}. It opens without {those}."
            )
        if self.gone_tag is not None:
            said.append(
                f"The tag “{self.gone_tag}” this view filters by no longer exists (no one "
                "carries it), so it shows no one."
            )
        return " ".join(said)


# Stored form -------------------------------------------------------------------------------


def stored_query(query: ListQuery) -> str:
    """The query as the view keeps it (JSON; the demo writes views in bulk with it)."""
    data = asdict(query)
    return json.dumps({k: data[k] for k in _KEPT}, ensure_ascii=False, sort_keys=True)


def stored_fields(text: str) -> dict:
    """A stored query's fields as they are (nothing, when damaged)."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _query_from(text: str) -> ListQuery:
    """The stored query; a key this version does not know (or a damaged value) is left out."""
    data = stored_fields(text)
    defaults = ListQuery()
    kept = {}
    for key in _KEPT:
        value = data.get(key, getattr(defaults, key))
        wanted = _TYPES.get(key, str)
        fits = isinstance(value, wanted) and (wanted is bool or not isinstance(value, bool))
        if fits or (value is None and getattr(defaults, key) is None):
            kept[key] = value
    return replace(defaults, **kept)


def _columns_from(text: str) -> tuple[str, ...]:
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    return tuple(c for c in data if isinstance(c, str)) if isinstance(data, list) else ()


def _value(row: SavedViewRow) -> SavedView:
    return SavedView(
        row.id, row.name, row.position, _query_from(row.query), _columns_from(row.columns)
    )


# Reading -----------------------------------------------------------------------------------


def views(db: Database) -> list[SavedView]:
    """Every saved view, in the sidebar's order."""
    with db.reader() as session:
        rows = session.execute(
            select(SavedViewRow).order_by(SavedViewRow.position, SavedViewRow.id)
        ).scalars()
        return [_value(r) for r in rows]


def get(db: Database, view_id: int) -> SavedView:
    """One saved view; NotFound when it was deleted meanwhile."""
    with db.reader() as session:
        row = session.get(SavedViewRow, view_id)
        if row is None:
            raise NotFound("This saved view no longer exists; it may have been deleted.")
        return _value(row)


def find(db: Database, name: str) -> SavedView | None:
    """The view called `name` (ignoring case and extra spaces), if any."""
    wanted = " ".join(name.split()).casefold()
    return next((v for v in views(db) if v.name.casefold() == wanted), None)


def check(db: Database, view: SavedView) -> ViewCheck:
    """The view's query as it can run today, and what had to be dropped (see the module)."""
    query, dropped = view.query, []
    with db.reader() as session:
        if query.stage_id is not None:
            stage = session.get(Stage, query.stage_id)
            if stage is None or stage.archived:
                what = (
                    f"the stage “{stage.name}”, which was archived"
                    if stage is not None
                    else "a stage that was deleted"
                )
                dropped.append(what)
                query = replace(query, stage_id=None)
        if query.tag is not None:
            carried = session.execute(
                select(InfluencerTag.name).where(InfluencerTag.name == query.tag).limit(1)
            ).first()
            if carried is None:
                return ViewCheck(query, tuple(dropped), gone_tag=query.tag)
    return ViewCheck(query, tuple(dropped))


def describe(db: Database, query: ListQuery, columns: tuple[str, ...] = ()) -> str:
    """What a view keeps, in words: “Search “anna” · Germany · Micro · sorted by Followers…”."""
    stages = {s.id: s.name for s in influencers.stages(db, include_archived=True)}
    parts = [f"Search “{query.search}”"] if query.search else []
    for value, enum in ((query.platform, Platform), (query.tier, Tier)):
        if value:
            parts.append(label_of(enum, value) or value)
    if query.stage_id is not None:
        parts.append(f"Stage: {stages.get(query.stage_id, 'a deleted stage')}")
    if query.tag:
        parts.append(f"Tag: {query.tag}")
    if query.country:
        parts.append(query.country)
    if query.owned_by_me:
        parts.append("Owned by me")
    if query.band:
        parts.append(f"{label_of(EngagementBand, query.band)} engagement")
    if query.min_followers is not None or query.max_followers is not None:
        low, high = format_count(query.min_followers), format_count(query.max_followers)
        parts.append(f"Followers {low or '0'}–{high or 'any'}")
    if not parts:
        parts.append("Everyone")
    if query.sort in _WORD_SORTS:
        order = "Z–A" if query.descending else "A–Z"
    else:
        order = "highest first" if query.descending else "lowest first"
    parts.append(f"sorted by {query.sort.replace('_', ' ')} ({order})")
    if columns:
        parts.append(f"{len(columns)} columns")
    return " · ".join(parts)


def count(db: Database, view: SavedView) -> int:
    """How many people the view shows now (the sidebar's number)."""
    return count_and_check(db, view)[0]


def count_and_check(db: Database, view: SavedView) -> tuple[int, ViewCheck]:
    """How many people the view shows now, and what it has to drop to open."""
    checked = check(db, view)
    return influencer_list.count_matching(db, checked.query), checked


# Writing -----------------------------------------------------------------------------------


def clean_name(name: str, session: Session | None = None, *, other_than: int | None = None) -> str:
    """The name as kept (spaces tidied); refuses an empty, too long or taken one."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidInput({"name": "Give the view a name, e.g. “Food creators in Germany”."})
    if len(cleaned) > NAME_MAX:
        raise InvalidInput(
            {"name": f"Keep the name under {NAME_MAX} characters (this one has {len(cleaned)})."}
        )
    if session is not None:
        # Compared in Python: SQLite's NOCASE folds only ASCII letters (“Über” ≠ “über”).
        names = session.execute(select(SavedViewRow.id, SavedViewRow.name)).all()
        wanted = cleaned.casefold()
        if any(i != other_than and n.casefold() == wanted for i, n in names):
            raise InvalidInput(
                {"name": f"There is already a view called “{cleaned}”; choose another name."}
            )
    return cleaned


def _row(session: Session, view_id: int) -> SavedViewRow:
    row = session.get(SavedViewRow, view_id)
    if row is None:
        raise NotFound("This saved view no longer exists; it may have been deleted.")
    return row


def _point(session: Session, view_id: int):
    return capture(session, [Rows("saved_view", "id", (view_id,))])


def _left(session: Session, point: RestorePoint) -> RestorePoint:
    """`point` once the change is written, knowing the views as it left them: an undo then
    refuses to write over a teammate's later change (services/people/undo_rows_guard.py)."""
    session.flush()
    return guarded(session, point, ("saved_view",))


def create(db: Database, name: str, query: ListQuery, columns: tuple[str, ...] = ()) -> Undoable:
    """Save the list's search, filters, sort and columns as a new view at the sidebar's end."""
    with db.transaction() as session:
        cleaned = clean_name(name, session)
        last = session.execute(select(func.max(SavedViewRow.position))).scalar()
        new_id = session.execute(
            insert(SavedViewRow).values(
                name=cleaned,
                position=(last if last is not None else -1) + 1,
                query=stored_query(query),
                columns=json.dumps(list(columns)),
            )
        ).inserted_primary_key[0]
    return Undoable(new_id, _CHANGED, nothing_before([Rows("saved_view", "id", (new_id,))]))


def rename(db: Database, view_id: int, name: str) -> Undoable:
    """Give a view another name."""
    with db.transaction() as session:
        _row(session, view_id)
        cleaned = clean_name(name, session, other_than=view_id)
        point = _point(session, view_id)
        session.execute(update(SavedViewRow).where(SavedViewRow.id == view_id).values(name=cleaned))
        point = _left(session, point)
    return Undoable(view_id, _CHANGED, point)


def update_view(
    db: Database, view_id: int, query: ListQuery, columns: tuple[str, ...] | None = None
) -> Undoable:
    """Keep another search, filters and sort (and columns, when given) under the view's name."""
    values: dict[str, str] = {"query": stored_query(query)}
    if columns is not None:
        values["columns"] = json.dumps(list(columns))
    with db.transaction() as session:
        _row(session, view_id)
        point = _point(session, view_id)
        session.execute(update(SavedViewRow).where(SavedViewRow.id == view_id).values(**values))
        point = _left(session, point)
    return Undoable(view_id, _CHANGED, point)


def move(db: Database, view_id: int, to_index: int) -> Undoable:
    """Put a view at `to_index` in the sidebar's order (clamped to the list)."""
    with db.transaction() as session:
        _row(session, view_id)
        order = list(
            session.execute(
                select(SavedViewRow.id).order_by(SavedViewRow.position, SavedViewRow.id)
            ).scalars()
        )
        point = capture(session, [Columns("saved_view", ("position", "updated_at"), tuple(order))])
        order.remove(view_id)
        order.insert(max(0, min(to_index, len(order))), view_id)
        for position, each in enumerate(order):
            session.execute(
                update(SavedViewRow).where(SavedViewRow.id == each).values(position=position)
            )
        point = _left(session, point)
    return Undoable(view_id, _CHANGED, point)


def filtering_by_tag(session: Session, tag: str) -> tuple[int, ...]:
    """The views whose filter is the tag `tag` (ignoring case, as the filter does)."""
    wanted = tag.casefold()
    rows = session.execute(select(SavedViewRow.id, SavedViewRow.query)).all()
    return tuple(
        view_id
        for view_id, text in rows
        if str(stored_fields(text).get("tag") or "").casefold() == wanted
    )


def retag(session: Session, view_ids: tuple[int, ...], tag: str) -> None:
    """Point the views `view_ids` at the tag `tag` (inside the tag manager's transaction, whose
    restore point holds the views too, so a renamed or merged tag keeps its views)."""
    for view_id in view_ids:
        data = stored_fields(_row(session, view_id).query)
        data["tag"] = tag
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        session.execute(update(SavedViewRow).where(SavedViewRow.id == view_id).values(query=text))


def delete_view(db: Database, view_id: int) -> Undoable:
    """Delete a view (the people it showed stay as they are)."""
    with db.transaction() as session:
        _row(session, view_id)
        point = _point(session, view_id)
        session.execute(delete(SavedViewRow).where(SavedViewRow.id == view_id))
    return Undoable(view_id, _CHANGED, point)
