"""Restore points: the rows one action is about to change, kept so the action can be taken back.

A restore point names *where* an action writes (a `Rows` scope of a table, or some `Columns`
of some people) and holds what was there before. Bringing it back is a swap: the rows that are
there now are read first and become a new restore point — the one that redoes the action —
then the old rows are put back. Undo and redo are the same operation, so both restore every
row exactly, ids and update times included, whatever happened in between to other rows.

`step` runs one small action that way (capture its reach, write, hand back an `Undoable`),
and `added_rows` names the rows an action is about to add, so no service keeps its own copy
of the capture-then-write logic.

Everything here is plain data (tuples of tuples): the undo stack keeps it while the app runs.
Long id lists are read and written in chunks, so 100,000 people cost a few statements per
thousand, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from sqlalchemy import Table
from sqlalchemy.orm import Session

from infcrm.db import raw_rows, search_index
from infcrm.db.authors import signed_columns
from infcrm.db.base import Base
from infcrm.db.engine import Database
from infcrm.db.record_versions import COUNTED_BY
from infcrm.db.sequences import next_id
from infcrm.services.changes import Changes
from infcrm.services.exchange import import_chain, import_since
from infcrm.services.maintenance import settings
from infcrm.services.outreach import bulk_moves
from infcrm.services.people import undo_guard, undo_kept, undo_rows_guard
from infcrm.services.people.bulk_undo_guard import Kept
from infcrm.services.people.undo_kept import alike_people
from infcrm.services.restore_parts import (
    AS_MADE,
    CHUNK,
    Columns,
    Part,
    Remade,
    Rows,
    SameColumns,
    Where,
    WholeTable,
    chunks,
    id_list,
)

T = TypeVar("T")


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@dataclass(frozen=True)
class RestorePoint:
    """What was in each part before an action; `reindex`: people whose search entry to redo.

    Parts are listed parents first (an interaction before the follow-ups pointing at it).
    """

    parts: tuple[Part, ...]
    saved: tuple[tuple[tuple[str, ...], tuple[tuple, ...]], ...]
    reindex: tuple[int, ...] = ()
    words_only: bool = True
    # The versions the step left its counted rows at (services/people/undo_guard.py): when given,
    # putting the point back is refused if someone else has changed them since.
    left: undo_guard.Left | None = None
    guards: tuple[str, ...] | None = None  # the tables `left` watches (None: every one)
    # A bulk edit's undo: its people are checked for later saves by others of the values it
    # set (services/people/bulk_undo_guard.py). Its redo, captured anew, is not.
    alike_checked: bool = False
    # The rows of guarded tables that count no versions, as the step left them (None for
    # other parts): putting the point back is refused when someone else changed them since
    # (services/people/undo_rows_guard.py).
    left_rows: tuple[tuple[tuple[str, ...], tuple[tuple, ...]] | None, ...] | None = None
    # What the swap that handed back this point left undone, in words ("Undone for 98
    # people; “Lena” was changed by Ana after your edit…"), or "": shown after the undo.
    note: str = ""
    # People the guard follows by id beyond those its parts name (an import's added people,
    # which its parts reach through foreign keys): kept by every undo and redo of the point.
    people: tuple[int, ...] = ()

    @property
    def row_count(self) -> int:
        """How many rows the point holds (for tests and for the size of the undo history)."""
        return sum(len(rows) for _columns, rows in self.saved)


@dataclass(frozen=True)
class Undoable:
    """A service's answer for a change the UI puts on the undo stack: its value (a new id…),
    what it changed (for the screens, see services/changes.py) and how to take it back."""

    value: object
    changes: Changes
    undo: RestorePoint


def _read(session: Session, part: Part) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
    if isinstance(part, Remade) and part.intact(session):
        return AS_MADE
    if isinstance(part, Columns):
        names = ("id", *part.columns)
        where, params = Rows(part.table, "id", part.ids).where(session)
    else:
        names = tuple(c.name for c in _table(part.table).columns)
        where, params = part.where(session)
    return names, tuple(raw_rows.read(session, part.table, names, where, params))


def capture(
    session: Session,
    parts: Iterable[Part],
    reindex: Iterable[int] = (),
    *,
    words_only: bool = True,
) -> RestorePoint:
    """Read what is in `parts` now, inside the action's own transaction, before it writes."""
    parts = tuple(parts)
    return RestorePoint(
        parts=parts,
        saved=tuple(_read(session, part) for part in parts),
        reindex=tuple(dict.fromkeys(reindex)),
        words_only=words_only,
    )


def _put_back(session: Session, point: RestorePoint) -> None:
    # Rows reached from others (Where) are found first and deleted parents first, as the
    # database's own cascade would: a sent agreement may only go with its deal (a trigger
    # says so), and a row whose parent link is set to NULL on the way is still found.
    reached = [
        (part.table, raw_rows.row_keys(session, part.table, *part.where(session)))
        for part in point.parts
        if isinstance(part, Where)
    ]
    for table, keys in reached:
        raw_rows.delete_keys(session, table, keys)
    # Children first out, parents first in, so foreign keys hold at every statement.
    for part in reversed(point.parts):
        if isinstance(part, Rows | Remade) and not isinstance(part, Columns):
            raw_rows.delete(session, part.table, *part.where(session))
    for part, (names, rows) in zip(point.parts, point.saved, strict=True):
        if isinstance(part, Remade) and names == AS_MADE[0]:
            part.write(session)
        elif isinstance(part, Columns):
            raw_rows.update_by_key(session, part.table, "id", names[1:], rows)
        else:
            raw_rows.insert(session, part.table, names, rows)


def guarded(
    session: Session, point: RestorePoint, tables: Collection[str] | None = None
) -> RestorePoint:
    """`point`, knowing the versions its rows hold now (read after the step wrote them), so
    that putting it back refuses to write over a teammate's later save; only the rows of
    `tables` when given (a deal's terms guard the deal, not the posts whose link they keep)."""
    parts: list[object] = [p for p in point.parts if tables is None or p.table in tables]
    if point.people:
        parts.append(Rows("influencer", "id", point.people))
    left = undo_guard.left_now(session, parts)
    undo_guard.watch(session, left)
    left_rows = None
    if tables is not None and any(p.table not in COUNTED_BY for p in parts):
        left_rows = tuple(
            _read(session, p) if p.table in tables and p.table not in COUNTED_BY else None
            for p in point.parts
        )
    guards = None if tables is None else tuple(tables)
    return replace(point, left=left, guards=guards, left_rows=left_rows)


def swap(
    session: Session, point: RestorePoint, me: str | None = None, doing: str = "undoing"
) -> RestorePoint:
    """Put `point` back inside an open transaction; returns the point that undoes this.
    A guarded point (`left`) is first checked against what others (not `me`) saved since; a
    bulk edit's undo or redo, or a message's to many, leaves out the people others have since
    changed, and the point it returns (narrowed the same way) says whom (`note`)."""
    if point.left is not None:
        undo_guard.check(session, point.parts, point.saved, point.left, me, doing)
    kept = Kept()
    if point.alike_checked:
        point, kept = undo_kept.checked_alike(session, point, me, doing)
    before = undo_guard.watched(session, point.parts)  # guarded rows any undo may rewrite
    now = capture(session, point.parts, point.reindex, words_only=point.words_only)
    if point.left_rows is not None:
        if not kept.ids:
            point, now, kept = undo_kept.apart(session, point, now, me, doing)
        undo_rows_guard.changed_since(session, point.parts, point.left_rows, now.saved, me, doing)
    redone, undone, found = _import_items(session, point, now)
    _put_back(session, point)
    undo_kept.sign_again(session, kept)
    now = undo_kept.told(session, point, now, kept, doing)
    now = _bulk_followed(point, now)
    if point.left is None and not point.alike_checked and now.left_rows is None:
        now = _rows_followed(session, point, now)
    undo_guard.record(session, before)
    if point.left is not None:
        now = guarded(session, replace(now, people=point.people), point.guards)
    if point.reindex:
        search_index.reindex(session, point.reindex, words_only=point.words_only)
    if any(part.table == "influencer_tag" for part in point.parts):
        search_index.refresh_tags(session)  # a tag name may have come back or gone
    _import_versions_now(session, point)
    import_chain.take_up(session, redone, found)
    import_chain.hand_back_items(session, undone)
    for part in point.parts:  # lists of ids, which no key guards
        if part.table == "bulk_move":
            moves = raw_rows.read(session, part.table, ("id",), *part.where(session))
            bulk_moves.leave_out_the_forgotten(session, [move_id for (move_id,) in moves])
    return now


def _import_versions_now(session: Session, point: RestorePoint) -> None:
    """A redo that put an import's record back wrote its people again: the versions the
    import left them at are those the redo left (import_since.py), or the next undo would
    take the redo's own writing for a teammate's save."""
    for part, (names, rows) in zip(point.parts, point.saved, strict=True):
        if part.table == "import_batch" and rows:
            at = names.index("id")
            import_since.versions_now(session, [row[at] for row in rows])


def _import_items(
    session: Session, point: RestorePoint, now: RestorePoint
) -> tuple[list[import_chain.Item], list[import_chain.Item], dict[int, int]]:
    """The updated items of imports this swap puts back (a redo) and of those it removes (an
    undo after a redo), and the versions the redone people hold before it writes."""

    def of(which: RestorePoint) -> list[import_chain.Item]:
        return [
            item
            for part, (names, rows) in zip(which.parts, which.saved, strict=True)
            if part.table == "import_batch_item" and rows
            for item in import_chain.items(names, rows)
        ]

    redone = of(point)
    kept = {item.id for item in redone}
    undone = [item for item in of(now) if item.id not in kept]
    return redone, undone, import_chain.versions(session, (i.person for i in redone))


def _rows_followed(session: Session, point: RestorePoint, now: RestorePoint) -> RestorePoint:
    """The point that takes back the undo (or redo) of a step whose rows were kept as it
    left them (`rows_left`: niches, a message's stage moves): it knows the same rows as this
    swap left them, so it too refuses to write over a teammate's change made in between."""
    if point.left_rows is None:
        return now
    watched = {p.table for p, rows in zip(point.parts, point.left_rows, strict=True) if rows}
    return rows_left(session, now, watched)


def _bulk_followed(point: RestorePoint, now: RestorePoint) -> RestorePoint:
    """The point that takes back a bulk edit's undo (or redo), checked in turn: the redo
    knows the people's rows as the undo left them (`left_rows`), and the undo after a redo
    is `alike_checked` again, so neither writes over a teammate's change made in between."""
    if point.alike_checked:
        left = tuple(
            saved if alike_people(part) else None
            for part, saved in zip(point.parts, point.saved, strict=True)
        )
        return replace(now, left_rows=left)
    if point.left_rows is not None and any(alike_people(part) for part in point.parts):
        return replace(now, alike_checked=True)
    return now


def rows_left(
    session: Session, point: RestorePoint, tables: Collection[str] | None = None
) -> RestorePoint:
    """`point` knowing its rows as the action left them (read right after it wrote): its undo
    refuses to write over someone else's later change of them (people/undo_rows_guard.py).
    For rows whose values differ person by person (a bulk edit of niches); only the parts of
    `tables` when given."""
    session.flush()
    left = tuple(
        _read(session, part) if tables is None or part.table in tables else None
        for part in point.parts
    )
    return replace(point, left_rows=left)


def restore(db: Database, point: RestorePoint, doing: str = "undoing") -> RestorePoint:
    """Bring back the rows of `point` in one transaction; returns the point that redoes it.
    ChangedSinceStep (nothing written) when a guarded point's rows were changed by someone
    else since; `doing` (“undoing”, “redoing”) is how its message names the attempt."""
    return restore_all(db, [point], doing)[0]


def restore_all(
    db: Database, points: Sequence[RestorePoint], doing: str = "undoing"
) -> list[RestorePoint]:
    """Take back several changes made one after another (the newest first), in one
    transaction; returns the points that redo them, in the order this function wants them."""
    with db.transaction() as session:
        done = [swap(session, point, db.author, doing) for point in reversed(points)]
    if any(part.table == "setting" for point in points for part in point.parts):
        settings.forget_cached(db)  # thresholds and bands are kept decoded between reads
    return done


def nothing_before(parts: Iterable[Part], reindex: Iterable[int] = (), **kwargs) -> RestorePoint:
    """The point of rows that did not exist before an action made them (ids known after)."""
    parts = tuple(parts)
    return RestorePoint(parts, tuple(((), ()) for _ in parts), tuple(reindex), **kwargs)


NEWER = 2**62  # “every id from here on”: ids are never reused


def added_rows(session: Session, table: str, **scope: object) -> Rows:
    """The rows of `table` an action is about to add (the ids from the next one on), limited
    to those whose columns hold the `scope` values (deal_id=7): empty now, they are what an
    undo removes and what a redo brings back with the same ids."""
    first = next_id(session.connection(), _table(table).c.id)
    also = tuple((column, (value,)) for column, value in scope.items())
    return Rows(table, "id", between=(first, NEWER), also=also)


def _exact(session: Session, part: Part) -> Part:
    """An `added_rows` part, read right after the step added its rows, as the ids it holds:
    ids run on, so rows a teammate adds afterwards (a payment on the same deal, a campaign)
    would fall in its range and an undo of this step would delete them too."""
    if type(part) is not Rows or part.between is None or part.between[1] != NEWER:
        return part
    found = raw_rows.read(session, part.table, ("id",), *part.where(session))
    return Rows(part.table, "id", tuple(sorted(row_id for (row_id,) in found)))


def step(
    db: Database,
    reach: Callable[[Session], Iterable[Part]],
    write: Callable[[Session], T],
    changes: Changes | Callable[[T], Changes],
    guard: Collection[str] = (),
) -> Undoable:
    """One action as one step of Edit › Undo: run `write` in one transaction after capturing
    `reach(session)`, the rows it may change (the rows it adds are then named by their ids,
    `_exact`). Nothing is written (and nothing reaches the undo stack) when either raises.
    Undoable's value is `write`'s. The rows of the `guard`
    tables are `guarded`: undoing the step refuses once a teammate has saved them since."""
    with db.transaction() as session:
        point = capture(session, reach(session))
        value = write(session)
        session.flush()
        point = replace(point, parts=tuple(_exact(session, part) for part in point.parts))
        if guard:
            point = guarded(session, point, guard)
    return Undoable(value, changes(value) if callable(changes) else changes, point)


__all__ = [
    "AS_MADE",
    "CHUNK",
    "NEWER",
    "Columns",
    "Remade",
    "RestorePoint",
    "Rows",
    "SameColumns",
    "Undoable",
    "Where",
    "WholeTable",
    "added_rows",
    "capture",
    "chunks",
    "guarded",
    "id_list",
    "nothing_before",
    "restore",
    "restore_all",
    "rows_left",
    "signed_columns",
    "step",
    "swap",
]
