"""The parts of a restore point: where an action writes, each able to say which rows it holds.

`Rows` (a scope of a table by one column's values or range), `WholeTable`, `Columns` (some
columns of some rows by id), and the two kinds that find their rows themselves — `Where` (a
scope reached from other rows) and `Remade` (rows an action can write again in one
statement, `SameColumns` among them). services/restore_points.py reads, keeps and puts them
back; kept apart so that module holds the swap and its checks only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Table
from sqlalchemy.orm import Session

from infcrm.db import dialect, raw_rows
from infcrm.db.authors import signed_columns
from infcrm.db.base import Base
from infcrm.db.record_versions import raised

CHUNK = 900  # stays under SQLite's oldest limit on bound values (999)
ID_TABLE = "restore_ids"  # the temporary table of a long id list (db/id_lists.id_table)


def chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """`values` in pieces of at most `size`."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@dataclass(frozen=True)
class Rows:
    """The rows of `table` whose `column` is one of `values` or lies in `between` (inclusive),
    and whose `also` columns hold one of the given (short) lists of values."""

    table: str
    column: str
    values: tuple = ()
    between: tuple[int, int] | None = None
    also: tuple[tuple[str, tuple], ...] = ()
    # (table, key, column): pick by `column IN (SELECT key FROM table WHERE column' IN values)`,
    # read afresh each time — a person's metric snapshots hang on whatever accounts they have.
    via: tuple[str, str, str] | None = None

    def where(self, session: Session) -> tuple[str, list]:
        """The WHERE clause picking the rows and its values (long lists go to a temporary
        table of ids)."""
        params: list = []
        if self.between is not None:
            mark = dialect.placeholder(session)
            clause = f'"{self.column}" BETWEEN {mark} AND {mark}'
            params.extend(self.between)
        elif self.via is not None:
            table, key, column = self.via
            inner = _in(session, column, self.values, params)
            clause = f'"{self.column}" IN (SELECT "{key}" FROM "{table}" WHERE {inner})'
        else:
            clause = _in(session, self.column, self.values, params)
        for name, allowed in self.also:
            clause += " AND " + _in(session, name, allowed, params)
        return clause, params


@dataclass(frozen=True)
class WholeTable(Rows):
    """Every row of `table`. Picked by no column at all: a table whose key is text (the
    settings) has no range of ids holding every row, and SQLite's rowid, which does, is not
    there on a server."""

    column: str = ""

    def where(self, session: Session) -> tuple[str, list]:
        """A WHERE clause every row meets."""
        return "1 = 1", []


def id_list(session: Session, values: tuple) -> str:
    """The temporary table holding `values` (ids), for `IN (SELECT id FROM …)`.

    One list serves reading, deleting and writing back each part of a point (often the same
    people): filled again only when it changes, within this transaction's session.
    """
    if session.info.get(ID_TABLE) != values:
        raw_rows.fill_ids(session, ID_TABLE, values)
        session.info[ID_TABLE] = values
    return ID_TABLE


def _in(session: Session, column: str, values: tuple, params: list) -> str:
    if len(values) > CHUNK:
        return f'"{column}" IN (SELECT id FROM {id_list(session, values)})'
    params.extend(values)
    marks = ", ".join(dialect.placeholder(session) for _ in values)
    return f'"{column}" IN ({marks})' if values else "0 = 1"


@dataclass(frozen=True)
class Columns:
    """Some columns of the rows of `table` with these ids (their key column is `id`).

    A signed table's `changed_by` is always one of them: whoever changed a row last is part
    of what an undo puts back, as its update time is (db/authors.py)."""

    table: str
    columns: tuple[str, ...]
    ids: tuple[int, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", signed_columns(self.table, self.columns))


class Where:
    """Any other scope of rows (see services/exchange/reach.py): it names its table and says, when
    asked inside the transaction, which rows it holds."""

    table: str

    def where(self, session: Session) -> tuple[str, list]:
        """The WHERE clause picking the rows and its values."""
        raise NotImplementedError


class Remade:
    """Rows an action added in one statement that can write them again exactly (see
    services/people/bulk_remade.py): undo deletes them without reading them first, and redo
    writes them again in one statement instead of inserting each row it read. Only while they
    are all still there as written (`intact`, asked before undo): otherwise they are read and
    put back like any other rows."""

    table: str

    def where(self, session: Session) -> tuple[str, list]:
        """The WHERE clause picking the rows and its values."""
        raise NotImplementedError

    def intact(self, session: Session) -> bool:
        """Whether every row is there exactly as `write` writes it."""
        raise NotImplementedError

    def write(self, session: Session) -> None:
        """Write the rows again, as they were."""
        raise NotImplementedError


# What a point keeps of a Remade part whose rows were intact: nothing but the note to remake.
AS_MADE: tuple[tuple[str, ...], tuple[tuple, ...]] = (("(as made)",), ())


@dataclass(frozen=True)
class SameColumns(Columns, Remade):
    """Columns that an action set to the same `values` on every row (a stage and an update
    time): redo sets them again with one UPDATE instead of writing back each row it read, and
    undo need not read them first — while every row still holds exactly those values (as
    stored, read back after the action wrote them)."""

    values: tuple = ()

    def intact(self, session: Session) -> bool:
        """Whether every row is there with exactly `values`."""
        where, params = Rows(self.table, "id", self.ids).where(session)
        same_as, mark = dialect.same_as(session), dialect.placeholder(session)
        same = " AND ".join(f'"{name}" {same_as} {mark}' for name in self.columns)
        sql = f'SELECT count(*) FROM "{self.table}" WHERE {where} AND {same}'
        (found,) = raw_rows.read_one(session, sql, [*params, *self.values])
        return found == len(self.ids)

    def write(self, session: Session) -> None:
        """Set the values again on every row."""
        where, params = Rows(self.table, "id", self.ids).where(session)
        mark = dialect.placeholder(session)
        sets = ", ".join(f'"{name}" = {mark}' for name in self.columns) + raised(self.table)
        raw_rows.execute(
            session, f'UPDATE "{self.table}" SET {sets} WHERE {where}', [*self.values, *params]
        )


Part = Rows | Columns | Where | Remade


__all__ = [
    "AS_MADE",
    "CHUNK",
    "ID_TABLE",
    "Columns",
    "Part",
    "Remade",
    "Rows",
    "SameColumns",
    "Where",
    "WholeTable",
    "chunks",
    "id_list",
]
