"""Every stored row of a database, to show that an undo or a redo put back exactly what was."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from infcrm.db.base import Base
from infcrm.db.engine import Database
from infcrm.db.record_versions import COUNTED_BY
from infcrm.db.search_index import INDEX_TABLE, PART_TABLE

# Copies of a record's version kept elsewhere, which follow it: the version an import left
# each updated person at moves with the redo that writes them again (import_since.py).
_FOLLOWING_VERSIONS = {"import_batch_item": "version_after"}


def compared(name: str) -> str:
    """The columns of table `name` an undo puts back, for a SELECT: all but a record's
    version, which only ever goes up (an undo is one more change; see db/record_versions.py
    and tests/unit/services/test_edit_conflicts.py), and the copies that follow it."""
    left_out = COUNTED_BY.get(name) or _FOLLOWING_VERSIONS.get(name)
    if left_out is None:
        return "*"
    table = Base.metadata.tables[name]
    return ", ".join(f'"{c.name}"' for c in table.columns if c.name != left_out)


def everything(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table and of the search index (whose rowid is the person), as
    stored; all but the versions of the records that count their changes."""
    selects = {
        t.name: f'SELECT {compared(t.name)} FROM "{t.name}"' for t in Base.metadata.sorted_tables
    }
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


def undone_and_redone(db: Database, change):
    """Make `change()` (a service's Undoable), then show that undo gives back every row as
    before, redo every row as after, and undo after redo the rows before again; returns it."""
    from infcrm.services import restore_points

    before = everything(db)
    done = change()
    after = everything(db)
    assert after != before
    redo = restore_points.restore(db, done.undo)
    assert everything(db) == before
    again = restore_points.restore(db, redo)
    assert everything(db) == after
    restore_points.restore(db, again)
    assert everything(db) == before
    return done


def file_rows(path: Path, table: str) -> list[dict[str, object]]:
    """Every row of `table` in the SQLite file at `path`, by id, each as {column: value}."""
    with closing(sqlite3.connect(path)) as conn:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]


def as_it_was(
    after: list[dict[str, object]], before: list[dict[str, object]]
) -> list[dict[str, object]]:
    """`after`'s rows with only the columns `before` had: an upgrade keeps every value it found,
    while a column a later schema adds (other names, 0035) may stand beside them."""
    columns = list(before[0]) if before else []
    return [{column: row[column] for column in columns} for row in after]
