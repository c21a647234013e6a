"""Handing out ids ahead of a bulk insert without ever reusing one (SQLite's AUTOINCREMENT)."""

from __future__ import annotations

from sqlalchemy import Column, func, select, text
from sqlalchemy.engine import Connection


def next_id(conn: Connection, column: Column) -> int:
    """The first id `column`'s table has never used, forgotten rows' ids included.

    The caller holds the write lock and inserts its rows with explicit ids from here on;
    SQLite then moves the table's sequence past them. (A PostgreSQL port reads the identity.)
    """
    highest = conn.execute(select(func.max(column))).scalar() or 0
    used = conn.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = :table"),
        {"table": column.table.name},
    ).scalar()
    return max(highest, used or 0) + 1


__all__ = ["next_id"]
