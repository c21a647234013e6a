"""Inserting many rows given as plain tuples, binding as few empty values as possible.

Python's sqlite3 binds an int or a str directly, but looks every None (and every bool) up in
its adapter registry first: at 100,000 people with a dozen empty columns each, binding the
NULLs cost more than SQLite's own work. A NULL the statement does not mention costs nothing,
so a column empty in every row of a chunk is left out of the statement (SQLite stores NULL
there, as the column has no default), and when the rows carry their own ids, rows with a few
often-empty columns are inserted in groups by which of those are empty. Booleans are given
as db/dialect.flag_values spells them for the backend (0 and 1 on SQLite).

Each statement inserts up to `ROWS_PER_STATEMENT` rows (`VALUES (…), (…), …`): SQLite runs a
statement's program once per execution, so a few hundred rows a run cost about a fifth less
than one run per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from itertools import chain
from operator import itemgetter

from sqlalchemy.engine import Connection

from infcrm.db import dialect

# Columns a chunk is split on by emptiness: at most 2**3 statements per chunk.
_MOST_SPLIT = 3
ROWS_PER_STATEMENT = 200
_OLD_VARIABLE_LIMIT = 999  # SQLite before 3.32 binds at most this many values a statement
_SERVER_VARIABLE_LIMIT = 65_535  # PostgreSQL's protocol counts a statement's values in 16 bits


def tuple_inserter(
    conn: Connection, model: type, keys: Sequence[str], *, ids_given: bool = False
) -> Callable[[list], None]:
    """A function inserting rows given as tuples of `keys` (attribute names of `model`).

    `ids_given`: each row holds its own primary key, so the rows may go in any order; then
    rows are grouped by which of their often-empty columns are empty, each group binding no
    NULL for those. Otherwise rows go in their order (their ids follow it).
    """
    table = model.__table__  # type: ignore[attr-defined]
    columns = [table.c[key] for key in keys]
    for column in columns:
        if column.server_default is not None:  # leaving it out would not store NULL
            raise RuntimeError(f"{table.name}.{column.name} has a default; bind it")
    names = [f'"{column.name}"' for column in columns]
    statements: dict[tuple[tuple[int, ...], int], str] = {}
    most_values = _variable_limit(conn)
    mark = dialect.placeholder(conn)

    def statement(indexes: tuple[int, ...], count: int) -> str:
        sql = statements.get((indexes, count))
        if sql is None:
            values = ", ".join([f"({', '.join([mark] * len(indexes))})"] * count)
            listed = ", ".join(names[i] for i in indexes)
            sql = f'INSERT INTO "{table.name}" ({listed}) VALUES {values}'
            statements[indexes, count] = sql
        return sql

    def execute(indexes: tuple[int, ...], rows: list) -> None:
        if len(indexes) != len(keys):
            rows = list(map(_picker(indexes), rows))
        per = max(1, min(ROWS_PER_STATEMENT, most_values // len(indexes)))
        whole = len(rows) - len(rows) % per
        if whole:
            runs = [tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, whole, per)]
            conn.exec_driver_sql(statement(indexes, per), runs)
        if whole < len(rows):
            rest = rows[whole:]
            conn.exec_driver_sql(statement(indexes, len(rest)), tuple(chain.from_iterable(rest)))

    def run(rows: list) -> None:
        if not rows:
            return
        count = len(rows)
        by_column = list(zip(*rows, strict=True))
        kept: list[int] = []
        sparse: list[tuple[int, int]] = []  # (empty cells, column)
        for index, values in enumerate(by_column):
            empty = values.count(None)
            if empty < count:
                kept.append(index)
                if empty:
                    sparse.append((empty, index))
        if not ids_given or not sparse:
            execute(tuple(kept), rows)
            return
        split = [index for _empty, index in sorted(sparse, reverse=True)[:_MOST_SPLIT]]
        masks = zip(*([v is None for v in by_column[i]] for i in split), strict=True)
        groups: dict[tuple[bool, ...], list] = {}
        for mask, row in zip(masks, rows, strict=True):
            group = groups.get(mask)
            if group is None:
                group = groups[mask] = []
            group.append(row)
        for mask, group in groups.items():
            gone = {index for index, empty in zip(split, mask, strict=True) if empty}
            execute(tuple(i for i in kept if i not in gone), group)

    return run


def _variable_limit(conn: Connection) -> int:
    """How many values one statement binds on this connection."""
    if dialect.name_of(conn) == "postgresql":
        return _SERVER_VARIABLE_LIMIT
    raw = conn.connection.dbapi_connection
    if isinstance(raw, sqlite3.Connection):
        return raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return _OLD_VARIABLE_LIMIT


def _picker(indexes: tuple[int, ...]) -> Callable[[tuple], tuple]:
    if len(indexes) == 1:
        only = indexes[0]
        return lambda row: (row[only],)
    return itemgetter(*indexes)


__all__ = ["tuple_inserter"]
