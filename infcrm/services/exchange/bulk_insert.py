"""Inserting many rows given as plain tuples, leaving out the columns a chunk leaves empty.

Python's sqlite3 binds an int or a str directly but looks every other value up in its adapter
registry first; a None, found nowhere there, then costs two failed attribute lookups, about
four times an int (db/engine.py registers a NULL adapter that makes it cost as much as an int
found there). A NULL the statement does not mention costs nothing: a column empty in every
row of a chunk is left out of the statement (SQLite stores NULL there, as the column has no
default). Booleans are given as db/dialect.flag_values spells them for the backend (0 and 1
on SQLite).

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

ROWS_PER_STATEMENT = 200
_OLD_VARIABLE_LIMIT = 999  # SQLite before 3.32 binds at most this many values a statement
_SERVER_VARIABLE_LIMIT = 65_535  # PostgreSQL's protocol counts a statement's values in 16 bits


def tuple_inserter(conn: Connection, model: type, keys: Sequence[str]) -> Callable[[list], None]:
    """A function inserting rows given as tuples of `keys` (attribute names of `model`), in
    their order (ids that are not given follow it)."""
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

    def run(rows: list) -> None:
        if not rows:
            return
        count, first = len(rows), rows[0]
        # Counting Nones compares every other value with None, slowly: only a column whose
        # first row is empty can be empty throughout.
        indexes = tuple(
            index
            for index, values in enumerate(zip(*rows, strict=True))
            if first[index] is not None or values.count(None) < count
        )
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
