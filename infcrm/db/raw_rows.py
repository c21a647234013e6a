"""Rows read and written as the driver stores them, for restore points of bulk edits.

A restore point must put back every row exactly — the very text of each stored time — and
100,000 rows through SQLAlchemy's per-row type handling cost more than the statement itself.
Here rows go straight between the driver and plain tuples: read raw, written back raw.
On a PostgreSQL server the same functions go through psycopg with its `%s` marks (the
`where` texts callers give use db/dialect.placeholder), row by row where SQLite goes set-wise.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from operator import itemgetter

from sqlalchemy.orm import Session

from infcrm.db.dialect import name_of, placeholder
from infcrm.db.record_versions import raised

_MARK = "?"


def _driver(session: Session) -> sqlite3.Connection:
    """The session's own database connection (inside its transaction), for statements whose
    rows need none of SQLAlchemy's handling: 100,000 Row objects cost more than the read."""
    return session.connection().connection.driver_connection


def _names(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def read(
    session: Session, table: str, names: Sequence[str], where: str, params: Sequence = ()
) -> list[tuple]:
    """`names` of `table`'s rows matching `where` (SQL with db/dialect.placeholder marks),
    as stored."""
    sql = f'SELECT {_names(names)} FROM "{table}" WHERE {where}'
    if name_of(session) != "sqlite":
        cursor = session.connection().exec_driver_sql(sql, tuple(params))
        return [tuple(row) for row in cursor.fetchall()]
    return _driver(session).execute(sql, tuple(params)).fetchall()


def read_one(session: Session, sql: str, params: Sequence = ()) -> tuple:
    """The one row a query (with db/dialect.placeholder marks) answers, such as a count."""
    if name_of(session) != "sqlite":
        return tuple(session.connection().exec_driver_sql(sql, tuple(params)).fetchone())
    return _driver(session).execute(sql, tuple(params)).fetchone()


def execute(session: Session, sql: str, params: Sequence = ()) -> None:
    """Run one statement (with db/dialect.placeholder marks) that answers no rows."""
    session.connection().exec_driver_sql(sql, tuple(params))


def insert(session: Session, table: str, names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Put `rows` (values in the order of `names`, as `read` gave them) back into `table`."""
    if rows:
        marks = ", ".join(placeholder(session) for _ in names)
        session.connection().exec_driver_sql(
            f'INSERT INTO "{table}" ({_names(names)}) VALUES ({marks})', list(rows)
        )


def update_by_key(
    session: Session, table: str, key: str, names: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Give each row (key first, then the values of `names`) its values again; a versioned
    row counts it as a change (db/record_versions.py).

    Set-wise: the rows go to a temporary table (no types, so every value keeps its stored
    form), in key order (filling a keyed table in random order costs several times more),
    then one UPDATE takes each row's values from it by key: a correlated lookup per row,
    which SQLite runs as one seek, where UPDATE … FROM first scanned the whole table in an
    index's order (at 100,000 rows half the time of this form).
    """
    if not rows:
        return
    if name_of(session) != "sqlite":
        mark = placeholder(session)
        sets = ", ".join(f'"{name}" = {mark}' for name in names) + raised(table)
        session.connection().exec_driver_sql(
            f'UPDATE "{table}" SET {sets} WHERE "{key}" = {mark}',
            [(*row[1:], row[0]) for row in sorted(rows, key=lambda row: row[0])],
        )
        return
    driver = _driver(session)
    columns = ", ".join(f"v{n}" for n in range(len(names)))
    driver.execute(f"DROP TABLE IF EXISTS {_VALUES}")
    driver.execute(f"CREATE TEMP TABLE {_VALUES} (k INTEGER PRIMARY KEY, {columns})")
    marks = ", ".join(_MARK for _ in range(len(names) + 1))
    # A stable sort on the key alone: of two rows with one key the later one wins, as before.
    ordered = sorted(rows, key=itemgetter(0))
    driver.executemany(f"INSERT OR REPLACE INTO {_VALUES} VALUES ({marks})", ordered)
    driver.execute(
        f'UPDATE "{table}" SET ({_names(names)}) = '
        f'(SELECT {columns} FROM {_VALUES} WHERE k = "{table}"."{key}"){raised(table)} '
        f'WHERE "{key}" IN (SELECT k FROM {_VALUES})'
    )
    driver.execute(f"DROP TABLE {_VALUES}")


def row_keys(session: Session, table: str, where: str, params: Sequence = ()) -> list[tuple]:
    """What names each row of `table` matching `where` for `delete_keys`, and keeps naming it
    when other columns change (a parent's delete setting a link to NULL): SQLite's rowid; on
    a server, which has no rowid, the table's primary key."""
    return read(session, table, _key_names(session, table), where, params)


def delete_keys(session: Session, table: str, keys: Sequence[tuple]) -> None:
    """Delete the rows of `table` that `row_keys` named (those already gone are skipped)."""
    names = _key_names(session, table)
    mark = placeholder(session)
    one = f"({', '.join(mark for _ in names)})"
    at_once = _VALUES_AT_ONCE // len(names)
    for start in range(0, len(keys), at_once):
        chunk = keys[start : start + at_once]
        session.connection().exec_driver_sql(
            f'DELETE FROM "{table}" WHERE ({_names(names)}) IN ({", ".join([one] * len(chunk))})',
            tuple(value for key in chunk for value in key),
        )


def _key_names(session: Session, table: str) -> tuple[str, ...]:
    if name_of(session) == "sqlite":
        return ("rowid",)
    from infcrm.db.base import Base

    return tuple(column.name for column in Base.metadata.tables[table].primary_key.columns)


_VALUES_AT_ONCE = 900  # under SQLite's oldest limit of 999 bound values


def delete(session: Session, table: str, where: str, params: Sequence = ()) -> None:
    """Delete `table`'s rows matching `where`."""
    session.connection().exec_driver_sql(f'DELETE FROM "{table}" WHERE {where}', tuple(params))


def fill_ids(session: Session, name: str, ids: Iterable[int]) -> None:
    """Make the temporary table `name` hold exactly `ids` (see id_lists.id_table).

    The ids travel as one JSON array that SQLite unpacks itself (json_each; a PostgreSQL port
    uses unnest): one statement instead of a Python call per id. The table is a set: the
    order given is not kept.
    """
    if name_of(session) != "sqlite":
        connection = session.connection()
        connection.exec_driver_sql(
            f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)"
        )
        connection.exec_driver_sql(f"DELETE FROM {name}")
        connection.exec_driver_sql(
            f"INSERT INTO {name} (id) SELECT DISTINCT unnest(%s::integer[])",
            (list(map(int, ids)),),
        )
        return
    driver = _driver(session)
    driver.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)")
    driver.execute(f"DELETE FROM {name}")
    driver.execute(
        f"INSERT OR IGNORE INTO {name} (id) SELECT value FROM json_each({_MARK})",
        (json.dumps(sorted(map(int, ids))),),  # in key order: a third cheaper than at random
    )


def fill_pairs(session: Session, name: str, first: int, values: Sequence[int]) -> None:
    """Make the temporary table `name` (id, person) hold `values` in order, the k-th (from
    0) beside the id `first + k`: the ids of rows written one per value, in that order.

    One statement, the values travelling as one array that the database unpacks itself:
    SQLite's json_each, whose key is the index in the array; PostgreSQL's unnest, counted
    from 1 WITH ORDINALITY.
    """
    execute(
        session, f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY, person INTEGER)"
    )
    execute(session, f"DELETE FROM {name}")
    if name_of(session) != "sqlite":
        execute(
            session,
            f"INSERT INTO {name} (id, person) SELECT %s::bigint + n - 1, person "
            "FROM unnest(%s::bigint[]) WITH ORDINALITY AS listed(person, n)",
            (first, list(map(int, values))),
        )
        return
    execute(
        session,
        f"INSERT INTO {name} (id, person) SELECT {_MARK} + key, value FROM json_each({_MARK})",
        (first, json.dumps(list(map(int, values)))),
    )


_VALUES = "restore_values"  # the temporary table of update_by_key's rows

__all__ = [
    "delete",
    "delete_keys",
    "execute",
    "fill_ids",
    "fill_pairs",
    "insert",
    "read",
    "read_one",
    "row_keys",
    "update_by_key",
]
