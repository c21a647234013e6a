"""SQL that SQLite and PostgreSQL spell differently, behind one function each.

Services build their statements with these and never learn which backend runs them: each
construct is written out for the dialect when the statement is compiled. Search is in
search.py, matching keys in match_keys.py, ids in sequences.py, the schema in pg_ddl.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Date, Float, Integer, String, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

# A collation of that name exists on both: SQLite's own, and an ICU one on PostgreSQL that
# ignores case (db/pg_ddl.py).
NOCASE = "NOCASE"


def name_of(bind: Session | Connection) -> str:
    """ "sqlite" or "postgresql": the backend a session or connection talks to."""
    if isinstance(bind, Session):
        return bind.get_bind().dialect.name
    return bind.dialect.name


def placeholder(bind: Session | Connection) -> str:
    """The driver's parameter mark in raw SQL (`?` for sqlite3, `%s` for psycopg)."""
    return "%s" if name_of(bind) == "postgresql" else "?"


def same_as(bind: Session | Connection) -> str:
    """The operator of raw SQL that compares a column with a bound value and holds for two
    NULLs as well (`IS` on SQLite; PostgreSQL's `IS` takes no value, only NULL and flags)."""
    return "IS NOT DISTINCT FROM" if name_of(bind) == "postgresql" else "IS"


def exact(bind: Session | Connection) -> str:
    """The collation of raw SQL comparing text exactly, capitals included, whatever the
    column's own (SQLite's BINARY; PostgreSQL's byte-wise "C", its NOCASE ignores case)."""
    return '"C"' if name_of(bind) == "postgresql" else "BINARY"


def flag_values(bind: Session | Connection) -> tuple[object, object]:
    """(false, true) as raw driver SQL binds a flag (a Boolean column) on this backend.

    sqlite3 stores flags as 0 and 1 and binds an int directly where a bool goes through its
    slow adapter lookup; PostgreSQL's boolean columns refuse a number.
    """
    return (False, True) if name_of(bind) == "postgresql" else (0, 1)


def upsert(bind: Session | Connection, table: object):
    """An INSERT that may end in ON CONFLICT DO UPDATE (`.on_conflict_do_update(...)`)."""
    if name_of(bind) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def nocase(column: ColumnElement) -> ColumnElement:
    """`column` compared, grouped and sorted without regard to case."""
    return column.collate(NOCASE)


class joined(FunctionElement):
    """The values of a group joined with a separator: group_concat / string_agg, in the order
    of the values' index (a person's tags: the primary key's)."""

    type = String()
    inherit_cache = True


@compiles(joined)
def _joined_sqlite(element: joined, compiler, **kw) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


@compiles(joined, "postgresql")
def _joined_postgresql(element: joined, compiler, **kw) -> str:
    value, separator = element.clauses.clauses
    value_sql = compiler.process(value, **kw)
    # In the values' order, as SQLite gives them when it walks an index (a person's tags).
    return (
        f"string_agg(CAST({value_sql} AS TEXT), {compiler.process(separator, **kw)} "
        f"ORDER BY {value_sql})"
    )


class days_between(FunctionElement):
    """Days (with a fraction) from the second moment to the first."""

    type = Float()
    inherit_cache = True


@compiles(days_between)
def _days_sqlite(element: days_between, compiler, **kw) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses.clauses)
    return f"(julianday({later}) - julianday({earlier}))"


@compiles(days_between, "postgresql")
def _days_postgresql(element: days_between, compiler, **kw) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses.clauses)
    return (
        f"(EXTRACT(EPOCH FROM (CAST({later} AS TIMESTAMP) - CAST({earlier} AS TIMESTAMP)))"
        " / 86400.0)"
    )


class day_of(FunctionElement):
    """The calendar day of a stored moment, read back as a date on both backends."""

    type = Date()
    inherit_cache = True


@compiles(day_of)
def _day_sqlite(element: day_of, compiler, **kw) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(day_of, "postgresql")
def _day_postgresql(element: day_of, compiler, **kw) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


class whole(FunctionElement):
    """A number with its fraction cut off (toward zero), as an integer."""

    type = Integer()
    inherit_cache = True


@compiles(whole)
def _whole_sqlite(element: whole, compiler, **kw) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS INTEGER)"


@compiles(whole, "postgresql")
def _whole_postgresql(element: whole, compiler, **kw) -> str:
    return f"CAST(trunc({compiler.process(element.clauses, **kw)}) AS INTEGER)"


class not_looked_up(FunctionElement):
    """A column's value that SQLite will not look up through the column's index.

    SQLite keeps no statistics unless asked, so it takes any range on an indexed column for
    a narrow one: for a tier that holds most people sorted by name, it read the tier through
    the followers index and sorted everyone, where walking the name index finds the first
    screenful at once. `+column` is SQLite's own way of saying so; a server has statistics
    and reads the plain column.
    """

    inherit_cache = True

    def __init__(self, column: ColumnElement) -> None:
        super().__init__(column)
        self.type = column.type  # the column's own, so comparisons bind values alike


@compiles(not_looked_up)
def _not_looked_up_sqlite(element: not_looked_up, compiler, **kw) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


@compiles(not_looked_up, "postgresql")
def _not_looked_up_postgresql(element: not_looked_up, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


__all__ = [
    "NOCASE",
    "day_of",
    "days_between",
    "exact",
    "flag_values",
    "joined",
    "name_of",
    "nocase",
    "not_looked_up",
    "placeholder",
    "same_as",
    "upsert",
    "whole",
]


# What `from_indexes` sets for the statements inside it, each put back on the way out.
_FROM_INDEXES = {
    "enable_seqscan": "off",
    "max_parallel_workers_per_gather": "0",
    "plan_cache_mode": "force_custom_plan",
}


@contextmanager
def from_indexes(session: Session) -> Iterator[None]:
    """Inside, a server answers from indexes rather than reading whole tables, in one
    process, from a plan made for the values at hand.

    For a condition it must work out on every row (the engagement band's rate), a server's
    planner counts the work per row the same on the table and on an index holding the
    columns, and splits a table's reading between processes: it read the whole table, 6,000
    pages, where the index of the living people's followers holds all it needs in 950 (count
    of a band at 100,000 people: 70–85 → 40 ms). SQLite chooses its covering index itself.
    Split between processes, the index's reading cost more than in one (every id of a band
    at 100,000 people: 35 → 20 ms of CPU), the processes' start included. The statement is
    prepared once it has run a few times (psycopg), and a plan kept for any values worked
    out the rate's limits, a hundred of them, again on every row: 20 → 80 ms of CPU.
    """
    if name_of(session) != "postgresql":
        yield
        return
    # One statement each way (as SET LOCAL and RESET, for this transaction only).
    values = ", ".join(
        f"set_config('{name}', '{value}', true)" for name, value in _FROM_INDEXES.items()
    )
    names = ", ".join(f"'{name}'" for name in _FROM_INDEXES)
    session.execute(text(f"SELECT {values}"))
    try:
        yield
    finally:
        session.execute(
            text(
                f"SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name IN ({names})"
            )
        )
