"""An undo or redo never writes over, or deletes, what someone else saved after the step.

A restore point may say which versions its rows were left at (`left`: the counts of
db/record_versions.py, read right after the step wrote, or right after an undo or redo put
rows back). Before the point is put back, the rows are read again inside the same
transaction:

- a row whose version moved on through someone else's save (told apart from this copy's own
  undos and redos by a journal of them, `record`) would have that save erased silently;
- a new person, campaign or deal whom the undo would remove may meanwhile carry rows the
  point does not hold (an email logged, a follow-up, a deal, a payment): removing it would
  delete them with it.

Either way `ChangedSinceStep` says who did what and nothing is written. The user's own
later changes (another step, another window signed with the same name) are no reason to
refuse: undoing one's own steps in any order behaves as it always has, on a file and on a
server alike.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from infcrm.db import dialect, raw_rows
from infcrm.db.base import Base
from infcrm.db.record_versions import COUNTED_BY
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.people.undo_guard_names import menu_of, named, where_to_look

# (table, id, version) of every counted row a point holds, as the step left it.
Left = tuple[tuple[str, int, int], ...]

# What each table's row is called, and what adding one is called, in a refusal.
_NAMED_BY = {"influencer": "display_name", "campaign": "name"}
_ADDED = {
    "interaction": ("logged", "interaction"),
    "follow_up": ("added", "follow-up"),
    "deal": ("added", "campaign deal"),
    "influencer_photo": ("added", "photo"),
    "social_account": ("added", "account"),
    "influencer_tag": ("added", "tag"),
    "payment": ("recorded", "payment"),
    "content": ("recorded", "post"),
    "agreement": ("wrote", "agreement version"),
}
# What an undo may remove that others hang their work on (see `_check_attached`).
_CARRIERS = frozenset({"influencer", "campaign", "deal"})
# Rows hanging on a person that are no one's work: a judgement that two people differ.
_NOT_WORK = frozenset({"not_duplicate"})


def _counted_ids(part: object) -> tuple[str, tuple[int, ...]] | None:
    """The table and ids of the counted rows a part names by id (None when it names none)."""
    table = getattr(part, "table", "")
    if table not in COUNTED_BY:
        return None
    ids = getattr(part, "ids", None)  # some columns of some rows
    by_id = getattr(part, "column", None) == "id" and getattr(part, "between", None) is None
    if ids is None and by_id and not getattr(part, "via", None) and not getattr(part, "also", ()):
        ids = getattr(part, "values", ())  # whole rows picked by their ids
    return (table, tuple(ids)) if ids else None


def _rows_now(session: Session, table: str, ids: Sequence[int]) -> dict[int, tuple]:
    """id → (version, changed_by, name, trashed) of those of `ids` that exist."""
    if not ids:  # a server refuses an empty IN ()
        return {}
    columns = Base.metadata.tables[table].c
    names = (
        "id",
        COUNTED_BY[table],
        "changed_by" if "changed_by" in columns else "id",
        _NAMED_BY.get(table, "id"),
        "deleted_at" if "deleted_at" in columns else "id",
    )
    marks, params = _in_list(session, ids)
    rows = raw_rows.read(session, table, names, f"id IN ({marks})", params)
    return {
        row[0]: (
            row[1],
            row[2] if names[2] == "changed_by" else None,
            row[3] if names[3] != "id" else f"a {table.replace('_', ' ')}",
            names[4] == "deleted_at" and row[4] is not None,
        )
        for row in rows
    }


def _in_list(session: Session, ids: Sequence[int]) -> tuple[str, list]:
    return ", ".join(dialect.placeholder(session) for _ in ids), list(ids)


def left_now(session: Session, parts: Iterable[object]) -> Left:
    """The versions the counted rows of `parts` hold now (read right after a write)."""
    found: list[tuple[str, int, int]] = []
    for part in parts:
        named = _counted_ids(part)
        if named is not None:
            table, ids = named
            rows = _rows_now(session, table, ids)
            found.extend((table, i, rows[i][0]) for i in ids if i in rows)
    return tuple(found)


def check(
    session: Session,
    parts: Sequence[object],
    saved: Sequence[tuple[tuple[str, ...], tuple[tuple, ...]]],
    left: Left,
    me: str | None,
    doing: str,
) -> None:
    """Raise ChangedSinceStep when putting `saved` back into `parts` would write over or
    delete someone else's later work; `doing` is “undoing” or “redoing”, for the message."""
    _check_versions(session, left, me, doing)
    _check_attached(session, parts, saved, me, doing)


def _check_versions(session: Session, left: Left, me: str | None, doing: str) -> None:
    by_table: dict[str, dict[int, int]] = {}
    for table, row_id, version in left:
        by_table.setdefault(table, {})[row_id] = version
    journal = _journal(session)
    for table, versions in by_table.items():
        now = _rows_now(session, table, list(versions))
        for row_id, version in versions.items():
            if row_id not in now:
                raise ChangedSinceStep(
                    f"A record this step changed (#{row_id}) has been deleted for good since, "
                    f"so {doing} it is not possible. Nothing was changed."
                )
            current, changed_by, name, trashed = now[row_id]
            steps = journal.get((table, row_id), {})
            other = _someone_else(version, current, changed_by, steps, me)
            if other is None:
                continue
            what = named(session, table, row_id, name)
            did = f"moved {what} to the Trash" if trashed else f"changed {what}"
            raise ChangedSinceStep(
                f"{other} {did} after this step, so {doing} it would write over their work. "
                f"Nothing was changed, and the step stays in {menu_of(doing)}: open "
                f"{where_to_look(table)} to see what they did, and change it there if it "
                "should be different."
            )


def _someone_else(
    left: int,
    version: int,
    by: str | None,
    steps: dict[int, tuple[int, str | None]],
    me: str | None,
) -> str | None:
    """Who other than `me` wrote the row between the version the step `left` and `version`
    (last written by `by`), or None. This copy's own undos and redos are in `steps` (version
    after → version before and its writer): an undo puts back who wrote the row before, so
    the name on the row alone could hide a teammate's save that the undo kept."""
    seen: set[int] = set()
    while version != left:
        step = steps.get(version) if version not in seen else None  # rows put back whole
        seen.add(version)  # keep their old count: never walk round in a circle
        if step is None:  # not one of this copy's swaps: the name on the row says who wrote
            return None if by is not None and by == me else by or "Someone"
        version, by = step
        # A version one of this copy's swaps wrote is its own, whatever name it put back.
        if version != left and by != me and version not in steps:
            return by or "Someone"
    return None


# Per database (its engine), for each watched row (table, id): version after one of this
# copy's undos or redos → (version before, who had written it). Rows are watched once a
# guarded point holds them; kept while the app runs, like the undo stack itself.
_JOURNALS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
Journal = dict[tuple[str, int], dict[int, tuple[int, str | None]]]


def _journal(session: Session) -> Journal:
    return _JOURNALS.setdefault(session.get_bind(), {})


def watch(session: Session, left: Left) -> None:
    """Keep a journal of this copy's swaps of the rows in `left` (see `_someone_else`)."""
    journal = _journal(session)
    for table, row_id, _version in left:
        journal.setdefault((table, row_id), {})


def watched(session: Session, parts: Iterable[object]) -> dict[str, dict[int, tuple]]:
    """The watched rows `parts` reach, as they are now: table → id → (version, writer, …)."""
    journal = _journal(session)
    if not journal:
        return {}
    found: dict[str, dict[int, tuple]] = {}
    for part in parts:
        named = _counted_ids(part)
        if named is not None:
            table, ids = named
            mine = [i for i in ids if (table, i) in journal]
            if mine:
                found.setdefault(table, {}).update(_rows_now(session, table, mine))
    return found


def record(session: Session, before: dict[str, dict[int, tuple]]) -> None:
    """After a swap: note, for each watched row read `before` it, its version now."""
    journal = _journal(session)
    for table, rows in before.items():
        after = _rows_now(session, table, list(rows))
        for row_id, (version, by, *_rest) in rows.items():
            if row_id in after and after[row_id][0] != version:
                journal[(table, row_id)][after[row_id][0]] = (version, by)


def _check_attached(
    session: Session,
    parts: Sequence[object],
    saved: Sequence[tuple[tuple[str, ...], tuple[tuple, ...]]],
    me: str | None,
    doing: str,
) -> None:
    """A person, campaign or deal the point would remove (added by the step) must carry no
    one else's rows: the database's cascade would delete them with it."""
    held = {getattr(part, "table", "") for part in parts}
    for part, (names, rows) in zip(parts, saved, strict=True):
        named = _counted_ids(part)
        if named is None or named[0] not in _CARRIERS or hasattr(part, "ids"):
            continue
        table = named[0]
        kept = {row[names.index("id")] for row in rows} if "id" in names else set()
        going = [i for i in named[1] if i not in kept]
        now = _rows_now(session, table, going) if going else {}
        for row_id, (_version, _by, name, _trashed) in now.items():
            work = _others_work(session, table, row_id, held, me)
            if work:
                raise ChangedSinceStep(_would_delete(session, table, row_id, name, work, doing))


def _would_delete(
    session: Session, table: str, row_id: int, name: str, work: str, doing: str
) -> str:
    what = named(session, table, row_id, name)
    said = f"Since {what} was added, {work}, so {doing} the addition would delete that work too. "
    if table == "influencer":
        return said + (
            f"Nothing was changed, and the step stays in {menu_of(doing)}. If the person should "
            "go, move them to the Trash: everything stays restorable."
        )
    return said + (
        f"Nothing was changed, and the step stays in {menu_of(doing)}: open "
        f"{where_to_look(table)} to see what they did."
    )


def _others_work(session: Session, parent: str, row_id: int, held: set[str], me: str | None) -> str:
    """“Ana logged 1 interaction and added 1 follow-up” for the rows hanging on row `row_id`
    of `parent` that someone else made, or "". On a person, unsigned rows (accounts, tags)
    count as someone else's; on a campaign or a deal only signed ones do: its unsigned rows
    (terms lines) are written with the deal, whose version the guard already follows."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for table in Base.metadata.sorted_tables:
        if table.name in held or table.name in _NOT_WORK:
            continue
        signed = "created_by" in table.c
        if not signed and parent != "influencer":
            continue
        for key in table.foreign_keys:
            if key.column.table.name != parent or key.column.name != "id":
                continue
            names = (key.parent.name, "created_by" if signed else key.parent.name)
            where = f'"{key.parent.name}" = {dialect.placeholder(session)}'
            rows = raw_rows.read(session, table.name, names, where, [row_id])
            verb, noun = _ADDED.get(table.name, ("added", table.name.replace("_", " ")))
            for _parent, by in rows:
                author = by if signed else None
                if author is None or author != me:
                    counts[(author or "someone", verb, noun)] += 1
    return _in_words(counts)


def _in_words(counts: Counter[tuple[str, str, str]]) -> str:
    by_person: dict[str, list[str]] = {}
    for (who, verb, noun), count in counts.items():
        plural = "" if count == 1 else "s"
        by_person.setdefault(who, []).append(f"{verb} {count:,} {noun}{plural}")
    sentences = [f"{who} {_and(things)}" for who, things in by_person.items()]
    return "; ".join(sentences)


def _and(things: list[str]) -> str:
    return things[0] if len(things) == 1 else ", ".join(things[:-1]) + " and " + things[-1]


__all__ = ["Left", "check", "left_now", "record", "watch", "watched"]
