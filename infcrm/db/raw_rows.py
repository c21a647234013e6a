"""Rows read and written as the driver stores them, for restore points of bulk edits.

A restore point must put back every row exactly — the very text of each stored time — and
100,000 rows through SQLAlchemy's per-row type handling cost more than the statement itself.
Here rows go straight between the driver and plain tuples: read raw, written back raw.
A PostgreSQL port changes the placeholders (`?` is SQLite's).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

_MARK = "?"


def _names(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def read(
    session: Session, table: str, names: Sequence[str], where: str, params: Sequence = ()
) -> list[tuple]:
    """`names` of `table`'s rows matching `where` (SQL with `?` placeholders), as stored."""
    cursor = session.connection().exec_driver_sql(
        f'SELECT {_names(names)} FROM "{table}" WHERE {where}', tuple(params)
    )
    return [tuple(row) for row in cursor.fetchall()]


def insert(session: Session, table: str, names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Put `rows` (values in the order of `names`, as `read` gave them) back into `table`."""
    if rows:
        marks = ", ".join(_MARK for _ in names)
        session.connection().exec_driver_sql(
            f'INSERT INTO "{table}" ({_names(names)}) VALUES ({marks})', list(rows)
        )


def update_by_key(
    session: Session, table: str, key: str, names: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Give each row (key first, then the values of `names`) its values again.

    In key order: rows in the order a list showed them (by name, say) visit the table's pages
    at random, ten times slower at 100,000 than walking them in order.
    """
    if rows:
        sets = ", ".join(f'"{name}" = {_MARK}' for name in names)
        session.connection().exec_driver_sql(
            f'UPDATE "{table}" SET {sets} WHERE "{key}" = {_MARK}',
            [(*row[1:], row[0]) for row in sorted(rows, key=lambda row: row[0])],
        )


def delete(session: Session, table: str, where: str, params: Sequence = ()) -> None:
    """Delete `table`'s rows matching `where`."""
    session.connection().exec_driver_sql(f'DELETE FROM "{table}" WHERE {where}', tuple(params))


def fill_ids(session: Session, name: str, ids: Sequence[int]) -> None:
    """Make the temporary table `name` hold exactly `ids` (see id_lists.id_table)."""
    connection = session.connection()
    connection.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)")
    connection.exec_driver_sql(f"DELETE FROM {name}")
    if ids:
        connection.exec_driver_sql(
            f"INSERT INTO {name} (id) VALUES ({_MARK})", [(int(i),) for i in dict.fromkeys(ids)]
        )


__all__ = ["delete", "fill_ids", "insert", "read", "update_by_key"]
