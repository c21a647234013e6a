"""Every stored row of a database, to show that an undo or a redo put back exactly what was."""

from __future__ import annotations

from infcrm.db.base import Base
from infcrm.db.engine import Database
from infcrm.db.search import INDEX_TABLE, PART_TABLE


def everything(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table and of the search index (whose rowid is the person), as
    stored."""
    selects = {t.name: f'SELECT * FROM "{t.name}"' for t in Base.metadata.sorted_tables}
    for name in (INDEX_TABLE, PART_TABLE):
        selects[name] = f'SELECT rowid, * FROM "{name}"'
    with db.reader() as session:
        conn = session.connection()
        return {
            name: sorted(map(tuple, conn.exec_driver_sql(sql)), key=repr)
            for name, sql in selects.items()
        }


def rows_of(db: Database, sql: str) -> list[tuple]:
    """The rows a plain SELECT (no parameters) gives, as the database stores them, whichever
    the backend."""
    with db.reader() as session:
        return [tuple(row) for row in session.connection().exec_driver_sql(sql)]
