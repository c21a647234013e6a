"""Restore points over everything some rows take with them: the rows themselves and every row
that points at them through a foreign key, however deep (a person's deals, the deals' posts…).

An import is undone by deleting what it added; the database then deletes or unlinks every row
hanging from those (ON DELETE CASCADE / SET NULL), including rows added later by other
actions. Walking the schema's foreign keys here — instead of listing tables by hand — means a
table added later is reached too, and each table is one part (one WHERE joined by OR), so no
row is held twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from infcrm.db import raw_rows
from infcrm.db.base import Base
from infcrm.services.restore_points import CHUNK, Where


@dataclass(frozen=True)
class Root:
    """Rows of `table` whose `column` is one of `ids` (the rows an action acts on)."""

    table: str
    column: str
    ids: tuple[int, ...]


@dataclass(frozen=True)
class Reach(Where):
    """The rows of `table` matching `clause`, whose `{name}` marks stand for lists of ids."""

    table: str
    clause: str
    lists: tuple[tuple[str, tuple[int, ...]], ...]

    def where(self, session: Session) -> tuple[str, list]:
        """The clause with each list written in (ints only) or put in a temporary table."""
        return self.clause.format(**{n: _listed(session, n, ids) for n, ids in self.lists}), []


def _listed(session: Session, name: str, ids: tuple[int, ...]) -> str:
    if len(ids) <= CHUNK:
        return "(" + ",".join(str(int(i)) for i in ids) + ")"
    # A long list goes to a temporary table, filled once per transaction (each part of a
    # point asks for it twice: to read and to delete).
    filled = session.info.setdefault("reach_lists", {})
    if filled.get(name) is not ids:
        raw_rows.fill_ids(session, name, ids)
        filled[name] = ids
    return f"(SELECT id FROM {name})"


def reach(roots: Sequence[Root]) -> list[Reach]:
    """The parts holding the `roots` and every row pointing at them, parents first."""
    lists: dict[str, tuple[int, ...]] = {}
    conditions: dict[str, list[str]] = {}
    for n, root in enumerate(r for r in roots if r.ids):
        name = f"reach_{n}"
        lists[name] = tuple(root.ids)
        conditions.setdefault(root.table, []).append(f'"{root.column}" IN {{{name}}}')
    for table in Base.metadata.sorted_tables:  # parents before children
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
            parent = fk.column.table.name
            if parent == table.name or parent not in conditions:
                continue
            above = " OR ".join(f"({c})" for c in conditions[parent])
            conditions.setdefault(table.name, []).append(
                f'"{fk.parent.name}" IN (SELECT "{fk.column.name}" FROM "{parent}" WHERE {above})'
            )
    parts = []
    for table in Base.metadata.sorted_tables:
        if table.name in conditions:
            clause = " OR ".join(f"({c})" for c in conditions[table.name])
            used = tuple((n, ids) for n, ids in lists.items() if f"{{{n}}}" in clause)
            parts.append(Reach(table.name, clause, used))
    return parts


__all__ = ["Reach", "Root", "reach"]
