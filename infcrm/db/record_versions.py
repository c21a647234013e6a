"""Every editable record counts its changes (migration 0020), so a save made from an older
reading can tell that someone changed the record meanwhile instead of overwriting it.

The count is raised by whoever writes, as `updated_at` is stamped: the ORM's own updates
through the mapper's `version_id_col` (which also adds `WHERE version = <the one read>`, so
of two transactions racing on a server the later one updates nothing and fails instead of
overwriting), Core `update()` statements through the column's `onupdate`, and the two raw
statements that put saved rows back (an undo, a redo) through `RAISED`. An undo never puts an
older count back: the row changed again, and a form opened before the undo must hear of it.
"""

from __future__ import annotations

from sqlalchemy import Integer, text
from sqlalchemy.orm import MappedColumn, mapped_column

# The tables whose rows forms edit and save whole, each with the column that counts its
# changes: an agreement's own `version` is its number in the deal's history (a different
# thing), so its count is `edit_version` (migration 0021).
COUNTED_BY = {
    "influencer": "version",
    "campaign": "version",
    "deal": "version",
    "agreement": "edit_version",
    # A payment and a recorded post are edited one row at a time (migration 0023).
    "payment": "version",
    "content": "version",
}
VERSIONED = frozenset(COUNTED_BY)


def version_column(table: str) -> MappedColumn[int]:
    """The column counting `table`'s changes: 1 for a new row, one more at every Core update."""
    column = COUNTED_BY[table]
    return mapped_column(
        Integer, server_default=text("1"), onupdate=text(f'"{table}"."{column}" + 1')
    )


def raised(table: str) -> str:
    """What a raw UPDATE of `table` adds to its SET list: the count, one more."""
    column = COUNTED_BY.get(table)
    return f', "{column}" = "{table}"."{column}" + 1' if column else ""


__all__ = ["COUNTED_BY", "VERSIONED", "raised", "version_column"]
