"""Handing out ids ahead of a bulk insert without ever reusing one.

SQLite: AUTOINCREMENT's sqlite_sequence. PostgreSQL: the id column's own sequence, which never
hands a number out twice.
"""

from __future__ import annotations

from sqlalchemy import Column, func, select, text
from sqlalchemy.engine import Connection


def next_id(conn: Connection, column: Column, count: int = 1) -> int:
    """The first of `count` ids the caller will insert explicitly into `column`'s table.

    The caller holds the write transaction and inserts its rows with ids from here on. SQLite:
    its write lock keeps everyone out, and the table's sequence moves past the rows by itself.
    PostgreSQL: the ids are taken from the sequence at once (`count` 0 only looks), and the
    table is closed to others' inserts until the transaction ends.
    """
    if conn.dialect.name == "postgresql":
        return _next_server_id(conn, column, count)
    highest = conn.execute(select(func.max(column))).scalar() or 0
    used = conn.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = :table"),
        {"table": column.table.name},
    ).scalar()
    return max(highest, used or 0) + 1


def id_to_come(conn: Connection, column: Column) -> int:
    """The id the next row of `column`'s table will get, taking none and closing nothing: a
    mark telling rows added later (ids are never reused) from those already there."""
    if conn.dialect.name != "postgresql":
        return next_id(conn, column, 0)  # SQLite only reads
    last, called = conn.exec_driver_sql(
        f"SELECT last_value, is_called FROM {_sequence(conn, column)}"
    ).one()
    return last + 1 if called else last


def _sequence(conn: Connection, column: Column) -> str:
    return conn.execute(
        text("SELECT pg_get_serial_sequence(:table, :column)"),
        {"table": column.table.name, "column": column.name},
    ).scalar_one()


def _next_server_id(conn: Connection, column: Column, count: int) -> int:
    # Until this transaction ends nobody else may insert into the table (and so draw from its
    # sequence): ids taken here stay one unbroken range, and an action that looks before and
    # after its inserts (`count` 0) knows the rows in between are its own, so undoing it never
    # takes another user's rows along. Other users' inserts wait for the commit.
    conn.exec_driver_sql(f'LOCK TABLE "{column.table.name}" IN SHARE ROW EXCLUSIVE MODE')
    sequence = _sequence(conn, column)
    if count <= 0:
        last, called = conn.exec_driver_sql(f"SELECT last_value, is_called FROM {sequence}").one()
        return last + 1 if called else last
    first = conn.execute(text("SELECT nextval(:s)"), {"s": sequence}).scalar_one()
    if count > 1:
        conn.execute(text("SELECT setval(:s, :last)"), {"s": sequence, "last": first + count - 1})
    return first


def used_up_to(conn: Connection, column: Column, next_value: int) -> None:
    """After inserting rows with ids of the caller's own below `next_value` (from the first
    `next_id(…, 0)` looked at): make later ids follow them. SQLite's AUTOINCREMENT follows
    explicit ids by itself; a server's sequence does not."""
    if conn.dialect.name == "postgresql":
        continue_from(conn, column, next_value)


def follow_written_ids(conn: Connection) -> None:
    """After rows went in with ids of their own in many tables (a restore): every id handed
    out later follows them. SQLite's AUTOINCREMENT does so by itself; a server's sequences
    stay where they were and are moved past their tables' largest ids."""
    if conn.dialect.name == "postgresql":
        from infcrm.db import server_repair  # the server's own catalogue, read only here

        server_repair.advance_sequences(conn)


def continue_from(conn: Connection, column: Column, next_value: int) -> None:
    """Make `next_value` the next id handed out for `column`'s table (never lower than past
    the rows it holds), as after a copy that inserted its rows with their ids."""
    table = column.table.name
    highest = conn.execute(select(func.max(column))).scalar() or 0
    last = max(next_value - 1, highest)
    if conn.dialect.name == "postgresql":
        sequence = conn.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table, "column": column.name},
        ).scalar_one()
        if sequence is not None:  # setval(…, false): the next nextval returns the value
            conn.execute(text("SELECT setval(:s, :next, false)"), {"s": sequence, "next": last + 1})
        return
    changed = conn.execute(
        text("UPDATE sqlite_sequence SET seq = :last WHERE name = :table"),
        {"last": last, "table": table},
    ).rowcount
    if not changed and last:
        conn.execute(
            text("INSERT INTO sqlite_sequence (name, seq) VALUES (:table, :last)"),
            {"table": table, "last": last},
        )


__all__ = ["continue_from", "id_to_come", "next_id", "used_up_to"]
