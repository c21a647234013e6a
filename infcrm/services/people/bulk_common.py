"""What every bulk edit of people shares: the chosen ids in a temporary table, the live rows
among them, restore points of their columns, refusals naming people, progress reports.

Each action (bulk_stage, bulk_fields, bulk_tags, services/outreach/bulk_outreach) is one
transaction of a few Core statements over the temporary table of the chosen ids: 100,000
people cost the same handful of statements as 10, and no ORM objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.orm import Session

from infcrm.db import dialect, raw_rows
from infcrm.db.base import Base
from infcrm.db.engine import Database
from infcrm.db.id_lists import id_table, id_table_select
from infcrm.db.models import Influencer
from infcrm.db.sequences import next_id
from infcrm.services.people.bulk_types import BulkRefused, BulkResult, Problem, people_count
from infcrm.services.restore_points import (
    Columns,
    RestorePoint,
    Rows,
    SameColumns,
    signed_columns,
)

BULK_IDS = "bulk_ids"
NAMES_SHOWN = 5


class Reporter(Protocol):
    """Anything with `.report(done, total, text)` (ui/workers.Progress is one)."""

    def report(self, done: int, total: int, text: str = "") -> None: ...


def chosen(session: Session, ids: Sequence[int]) -> Select:
    """A select of `ids` (through a temporary table) for `column.in_(…)` over any number."""
    return id_table(session, BULK_IDS, ids)


def still_chosen() -> Select:
    """A select of the ids `chosen` (or `live_rows`) last put in the temporary table."""
    return id_table_select(BULK_IDS)


def live_ids(session: Session, ids: Sequence[int]) -> list[int]:
    """Those of `ids` who exist and are not in the trash, in the given order, once each."""
    return list(live_rows(session, ids))


def live_rows(
    session: Session, ids: Sequence[int], columns: Sequence[str] = ()
) -> dict[int, tuple]:
    """(id, *columns) as stored, of those of `ids` who exist and are not in the trash, in the
    given order; `chosen` then holds `ids`, so statements can pick them without a refill."""
    order = dict.fromkeys(map(int, ids))
    chosen(session, order)
    where = f"id IN (SELECT id FROM {BULK_IDS}) AND deleted_at IS NULL"
    found = {row[0]: row for row in raw_rows.read(session, "influencer", ("id", *columns), where)}
    if len(found) == len(order):  # everyone is there: only the order is left to give
        return {i: found[i] for i in order}
    return {i: found[i] for i in order if i in found}


def live_by_id(session: Session, ids: Sequence[int], columns: Sequence[str]) -> list[tuple]:
    """(id, *columns) as stored, of those of `ids` who exist and are not in the trash, in the
    order of their ids (no reordering: a bulk edit's restore point and summary need none);
    `chosen` then holds `ids`, as after `live_rows`. Who changed each row last follows the
    columns (authors.signed_columns), for the restore point."""
    chosen(session, ids)
    where = f"id IN (SELECT id FROM {BULK_IDS}) AND deleted_at IS NULL ORDER BY id"
    names = ("id", *signed_columns("influencer", columns))
    return raw_rows.read(session, "influencer", names, where)


def columns_point(
    columns: Sequence[str], saved: tuple[tuple, ...]
) -> tuple[RestorePoint, tuple[int, ...]]:
    """The restore point of `columns` of the people whose rows (id first, then `columns`, as
    `live_by_id` read them) are `saved`, and their ids."""
    ids = tuple(row[0] for row in saved)
    part = Columns("influencer", tuple(columns), ids)
    return RestorePoint((part,), ((("id", *part.columns), saved),)), ids


def written_alike(session: Session, point: RestorePoint) -> RestorePoint:
    """`point` (from `columns_point`) once the edit has given everyone in it the same values:
    its part then holds those values as stored, so that undo and redo need not read every
    row back nor write each one (see restore_points.SameColumns)."""
    (part,) = point.parts
    if not isinstance(part, Columns) or not part.ids:
        return point
    names = ", ".join(f'"{name}"' for name in part.columns)
    sql = f'SELECT {names} FROM "{part.table}" WHERE id = {dialect.placeholder(session)}'
    values = tuple(raw_rows.read_one(session, sql, (part.ids[0],)))
    alike = SameColumns(part.table, part.columns, part.ids, values)
    return replace(point, parts=(alike,), alike_checked=True)


def problem(session: Session, reason: str, ids: Sequence[int]) -> Problem:
    """A rule broken by `ids`, with the first few of their names."""
    shown = list(ids[:NAMES_SHOWN])
    names = dict(
        session.execute(
            select(Influencer.id, Influencer.display_name).where(Influencer.id.in_(shown))
        ).all()
    )
    return Problem(reason, tuple(ids), tuple(names[i] for i in shown if i in names))


def keep_or_refuse(
    ids: list[int], problems: list[Problem], skip_problems: bool
) -> tuple[list[int], int]:
    """The ids to change and how many were skipped; raises BulkRefused unless skipping."""
    problems = [p for p in problems if p.ids]
    if not problems:
        return ids, 0
    if not skip_problems:
        raise BulkRefused(tuple(problems), len(ids))
    bad = {i for p in problems for i in p.ids}
    return [i for i in ids if i not in bad], len(bad)


def versions_of(db: Database, ids: Sequence[int]) -> dict[int, int]:
    """Each chosen person's version now: what a bulk edit's `seen` is, read when the user
    chooses the people, so the edit can tell who was changed elsewhere meanwhile."""
    with db.reader() as session:
        chosen(session, ids)
        where = f"id IN (SELECT id FROM {BULK_IDS})"
        return dict(raw_rows.read(session, "influencer", ("id", "version"), where))


def moved_on(session: Session, seen: Mapping[int, int] | None) -> set[int]:
    """Those of the chosen people (as `live_by_id` left them in the temporary table) whose
    version is no longer the one in `seen`: changed by someone else since they were chosen.
    Read before the edit writes (its own update raises every version)."""
    if not seen:
        return set()
    where = f"id IN (SELECT id FROM {BULK_IDS})"
    rows = raw_rows.read(session, "influencer", ("id", "version"), where)
    return {i for i, version in rows if i in seen and seen[i] != version}


def told(session: Session, result: BulkResult, moved: set[int]) -> BulkResult:
    """`result`, saying which of the people it changed had been changed elsewhere since
    they were chosen (the edit was made on top: it wrote only its own fields)."""
    ids = [i for i in result.changed if i in moved]
    if not ids:
        return result
    names = problem(session, "", ids).sentence().removeprefix(": ").removesuffix(".")
    note = (
        f" {people_count(len(ids))} had been changed elsewhere since you chose them "
        f"({names}): your change was made on top, and the rest of what was changed is kept."
    )
    return replace(result, summary=result.summary + note, moved_on=tuple(ids))


def report(progress: Reporter | None, done: int, total: int, text: str) -> None:
    """Tell `progress` how far the action is (it may raise to cancel)."""
    if progress is not None:
        progress.report(done, total, text)


def skipped_note(skipped: int) -> str:
    """“ Skipped 2 who break a rule.” or nothing."""
    return f" Skipped {skipped:,} who could not be changed." if skipped else ""


def update_people(session: Session, ids: list[int], **values: object) -> None:
    """One UPDATE giving everyone in `ids` the same `values`."""
    update_where(session, Influencer.__table__.c.id.in_(chosen(session, ids)), **values)


def update_where(session: Session, who: ColumnElement[bool], **values: object) -> None:
    """One UPDATE of the people `who` picks (Core: no ORM objects to keep in step)."""
    table = Influencer.__table__
    session.execute(
        update(table).where(who).values(**values),
        execution_options={"synchronize_session": False},
    )


def next_row_id(session: Session, table_name: str) -> int:
    """The id the next row of `table_name` will get: the rows an action adds are the range
    from this id before it to this id after it (ids are never reused; see db/sequences)."""
    return next_id(session.connection(), Base.metadata.tables[table_name].c.id, 0)


def with_new_rows(point: RestorePoint, table_name: str, first: int, last: int) -> RestorePoint:
    """`point` plus the id range (empty before) that the action filled in `table_name`."""
    if last < first:
        return point
    part = Rows(table_name, "id", between=(first, last))
    return replace(point, parts=(part, *point.parts), saved=(((), ()), *point.saved))


__all__ = [
    "BULK_IDS",
    "Reporter",
    "chosen",
    "columns_point",
    "keep_or_refuse",
    "live_by_id",
    "live_ids",
    "live_rows",
    "moved_on",
    "next_row_id",
    "problem",
    "report",
    "skipped_note",
    "still_chosen",
    "told",
    "update_people",
    "update_where",
    "versions_of",
    "with_new_rows",
    "written_alike",
]
