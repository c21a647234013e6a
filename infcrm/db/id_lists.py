"""Long lists of ids straight from the database driver.

The influencer list asks for every matching id in order (100,000 of them when nothing is
filtered). Integers need no conversion, yet SQLAlchemy's result object still handles each row;
reading the driver's rows directly halves the time of a sort or filter at that size.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, Integer, MetaData, Select, Table, select
from sqlalchemy.engine.cursor import CursorFetchStrategy
from sqlalchemy.orm import Session

from infcrm.db import raw_rows


def fetch_ids(session: Session, stmt: Select, values: dict[str, object] | None = None) -> list[int]:
    """The values of a one-column integer select (run with `values`, by name), in order."""
    result = session.connection().execute(stmt, values)
    try:
        # Only a plain cursor leaves every row to the driver; a buffering strategy may have
        # read some already, so it goes the usual way.
        if type(result.cursor_strategy) is CursorFetchStrategy:
            return [value for (value,) in result.cursor.fetchall()]
        return list(result.scalars())
    finally:
        result.close()


_ID_TABLES: dict[str, Table] = {}


def id_table(session: Session, name: str, ids: Iterable[int]) -> Select:
    """Put `ids` in the temporary table `name` (emptied first); a select of them for IN (…).

    One statement over a temporary table beats hundreds of chunked IN lists: SQLAlchemy
    renders each bound value of an IN list one by one, which cost more than the update itself
    for 100,000 people. Temporary tables belong to the connection and vanish with it, and each
    name serves one purpose, so a caller's list is never overwritten by another's.
    """
    raw_rows.fill_ids(session, name, ids)
    return id_table_select(name)


def id_table_select(name: str) -> Select:
    """A select of the ids last put in the temporary table `name` (by `id_table`)."""
    table = _ID_TABLES.get(name)
    if table is None:
        table = Table(name, MetaData(), Column("id", Integer, primary_key=True))
        _ID_TABLES[name] = table
    return select(table.c.id)
