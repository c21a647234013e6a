"""Row changes recorded as they are made, so one transaction's work can be taken back exactly.

Used by the merge: every update keeps the columns' old values (and who had changed the row
last) and every delete the whole row; replaying the steps backwards restores the rows as they
were, ids and signatures included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from infcrm.db.authors import signed_columns
from infcrm.db.base import Base

Step = tuple[str, str, tuple, tuple]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _where(table: Table, key: Mapping[str, object]):  # -> ColumnElement[bool]
    return and_(*(table.c[column] == value for column, value in key.items()))


def _key_of(table: Table, row: Mapping[str, object]) -> dict[str, object]:
    return {column.name: row[column.name] for column in table.primary_key.columns}


class ChangeLog:
    """Makes updates and deletes in a session and remembers how to take each back."""

    def __init__(self, session: Session) -> None:
        """Record changes made through `session`."""
        self.session = session
        self.steps: list[Step] = []

    def rows(self, table_name: str, **where: object) -> list[dict[str, object]]:
        """The rows of a table matching `where`, as plain dicts, in key order."""
        table = _table(table_name)
        query = select(table).where(_where(table, where)).order_by(*table.primary_key.columns)
        return [dict(row) for row in self.session.execute(query).mappings()]

    def update(self, table_name: str, row: Mapping[str, object], values: Mapping[str, object]):
        """Change `values` of one row (given as read), remembering the old values."""
        table = _table(table_name)
        changed = {k: v for k, v in values.items() if row[k] != v}
        if not changed:
            return
        if "updated_at" in table.c and "updated_at" not in changed:
            # Said explicitly, or the column's automatic update time would replace it.
            changed["updated_at"] = row["updated_at"]
        key = _key_of(table, row)
        self.session.execute(update(table).where(_where(table, key)).values(**changed))
        # The key after the change finds the row again when it is taken back.
        new_key = {k: changed.get(k, v) for k, v in key.items()}
        # Who changed the row last comes back with it (the update signs it with whoever
        # merged; taking it back must not sign it with whoever undoes).
        old = tuple((k, row[k]) for k in signed_columns(table_name, tuple(changed)))
        self.steps.append(("update", table_name, tuple(new_key.items()), old))

    def delete(self, table_name: str, row: Mapping[str, object]) -> None:
        """Delete one row (given whole, as read), remembering all of it."""
        table = _table(table_name)
        key = _key_of(table, row)
        self.session.execute(delete(table).where(_where(table, key)))
        self.steps.append(("delete", table_name, tuple(key.items()), tuple(row.items())))


def take_back(session: Session, steps: Iterable[Step]) -> None:
    """Undo recorded steps, newest first: deleted rows come back, updated ones get old values."""
    for operation, table_name, key, values in reversed(list(steps)):
        table = _table(table_name)
        if operation == "delete":
            session.execute(insert(table).values(**dict(values)))
        else:
            session.execute(update(table).where(_where(table, dict(key))).values(**dict(values)))


__all__ = ["ChangeLog", "Step", "take_back"]
