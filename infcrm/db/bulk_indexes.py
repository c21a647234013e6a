"""Indexes set aside during a big bulk insert and built again once, inside the same transaction.

SQLite keeps every index up to date row by row: adding 100,000 people to `influencer` (eight
indexes on names, emails, countries, dates…) costs about twice the insert itself. Building an
index afterwards sorts the rows once instead. That only pays when the new rows outnumber the
ones already there (the index is built over the whole table), so only the indexes of tables
that will at least double are set aside, and never for a few thousand rows.

The caller holds the write transaction; SQLite's schema changes are part of it, so a failure
that rolls the import back brings the indexes back too, and readers on other connections keep
seeing the indexes they had until the commit. Constraint indexes (UNIQUE, PRIMARY KEY) are
SQLite's own and stay: duplicates are still refused row by row. A unique index built again
still checks every row, so nothing it guarded can slip in meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy.engine import Connection

MIN_ROWS = 5_000  # below this, keeping the indexes up to date costs too little to matter


def _indexes(conn: Connection, tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes of `tables` that were created by statement."""
    marks = ",".join("?" * len(tables))
    return list(
        conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            tuple(tables),
        )
    )


@contextmanager
def indexes_set_aside(conn: Connection, tables: Sequence[str], adding: int) -> Iterator[None]:
    """Inside, the ordinary indexes of those `tables` that `adding` rows will at least double
    are gone; on the way out each is built again.
    """
    if adding < MIN_ROWS or conn.dialect.name != "sqlite":  # a server keeps its indexes
        yield
        return
    doubling = [
        table
        for table in tables
        if (conn.exec_driver_sql(f'SELECT max(rowid) FROM "{table}"').scalar() or 0) <= adding
    ]
    indexes = _indexes(conn, doubling) if doubling else []
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield  # an exception here rolls back the whole transaction, the DROPs included
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)


__all__ = ["MIN_ROWS", "indexes_set_aside"]
