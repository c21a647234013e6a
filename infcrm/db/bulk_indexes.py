"""Indexes set aside during a big bulk insert and built again once, inside the same transaction.

SQLite keeps every index up to date row by row: adding 100,000 people to `influencer` (seven
indexes on names, emails, dates, the list's orders…) costs about twice the insert itself.
Building an index afterwards sorts the rows once instead. That only pays when the new rows
outnumber the ones already there (the index is built over the whole table), so only the
indexes of tables that will at least double are set aside, and never for a few thousand rows.

The caller holds the write transaction; SQLite's schema changes are part of it, so a failure
that rolls the import back brings the indexes back too, and readers on other connections keep
seeing the indexes they had until the commit. Constraint indexes (UNIQUE, PRIMARY KEY) are
SQLite's own and stay: duplicates are still refused row by row. A unique index built again
still checks every row, so nothing it guarded can slip in meanwhile.

Meanwhile the connection's page cache is kept small: the new rows are appended and the
indexes built from a sort, so a big cache would only hold pages already written, beside the
rows the caller holds in memory (at 100,000 people, 35 MB more at the import's peak for no
gain in speed).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy.engine import Connection

MIN_ROWS = 5_000  # below this, keeping the indexes up to date costs too little to matter
BULK_CACHE_KIB = 16 * 1024  # the page cache while the indexes are set aside


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
    are gone, and the page cache is `BULK_CACHE_KIB`; on the way out each index is built again
    and the cache given back.
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
    if not indexes:
        yield
        return
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        for name, _sql in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        yield  # an exception here rolls back the whole transaction, the DROPs included
        for _name, sql in indexes:
            conn.exec_driver_sql(sql)
    finally:  # the cache is the connection's, not the transaction's: always given back
        conn.exec_driver_sql(f"PRAGMA cache_size={int(cache)}")


__all__ = ["BULK_CACHE_KIB", "MIN_ROWS", "indexes_set_aside"]
