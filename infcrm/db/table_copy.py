"""Copying every table of one infcrm database into another, and proving each arrived.

The backends store the same values differently (SQLite keeps a time as text, PostgreSQL as a
timestamp; a flag is 0/1 or a boolean), so rows are read through the models' typed columns and
written as Python values, and a table's checksum is computed over normalised values the same
way on both sides. The checksum does not depend on row order (the two backends may sort text
differently): it is the sum of one SHA-256 per row.

The search indexes are not copied: they are built again at the destination from the copied
rows (FTS5 and the server's tsvector/trigram tables have nothing in common).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, Table, func, select
from sqlalchemy.engine import Connection

from infcrm.db import models  # noqa: F401  (registers every table with the metadata)
from infcrm.db.base import Base
from infcrm.db.search import INDEX_TABLE, PART_TABLE, TAG_TABLE

# Kept by the backends themselves or built again at the destination, never copied.
SEARCH_TABLES = (INDEX_TABLE, PART_TABLE, TAG_TABLE)
BOOKKEEPING_TABLES = ("alembic_version", "sqlite_sequence")

_MODULUS = 1 << 128
# A text that is a date or a time (as SQLite stores them) reads as the value it names.
_TEMPORAL_TEXT = re.compile(r"\d{4}-\d\d-\d\d([ T]\d\d:\d\d(:\d\d(\.\d+)?)?)?")


def copied_tables() -> list[Table]:
    """Every table of the models, each after the tables it refers to."""
    return list(Base.metadata.sorted_tables)


def is_rebuilt_or_internal(table_name: str) -> bool:
    """Whether a table found in a database is one the copy leaves alone on purpose: the
    search indexes (and FTS5's own tables behind them) and the backends' bookkeeping."""
    return table_name in BOOKKEEPING_TABLES or table_name.startswith(SEARCH_TABLES)


@dataclass(frozen=True)
class TableSum:
    """How many rows a table holds and a checksum of their values."""

    rows: int
    checksum: str


def _normalised(value: Any) -> Any:
    """One spelling of a value whichever backend it came from."""
    if value is None or (isinstance(value, str) and _TEMPORAL_TEXT.fullmatch(value) is None):
        return value
    if isinstance(value, str):  # a date or time kept as text (a column typed as text)
        try:
            value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:  # shaped like one but no real date: text it stays
            return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        return int(value) if value == int(value) else repr(float(value))
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def row_digest(row: Iterable[Any]) -> int:
    """A row's SHA-256 as a number (values normalised, so both backends agree)."""
    text = json.dumps([_normalised(v) for v in row], default=str, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:16], "big")


class _Summer:
    def __init__(self) -> None:
        self.rows = 0
        self.total = 0

    def add(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.rows += 1
            self.total = (self.total + row_digest(row)) % _MODULUS

    def result(self) -> TableSum:
        return TableSum(self.rows, f"{self.total:032x}")


def _ordered(table: Table):
    return select(*table.columns).order_by(*table.primary_key.columns)


def table_sum(conn: Connection, table: Table, batch: int = 2000) -> TableSum:
    """Row count and checksum of `table` as `conn` sees it."""
    summer = _Summer()
    result = conn.execute(_ordered(table), execution_options=_streamed(batch))
    for rows in result.partitions():
        summer.add(rows)
    return summer.result()


def _streamed(batch: int) -> dict[str, object]:
    """Options that stream one statement's rows (a server-side cursor on PostgreSQL).

    Given per statement: set on the connection they would last and wrap every later statement
    in a cursor too, which a statement such as LOCK TABLE cannot be.
    """
    return {"stream_results": True, "yield_per": batch}


def row_count(conn: Connection, table: Table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()


class RowsRefused(Exception):
    """The destination refused some rows (a value its column cannot hold)."""


def copy_table(
    source: Connection,
    destination: Connection,
    table: Table,
    *,
    batch: int = 1000,
    copied: Callable[[int], None] | None = None,
) -> TableSum:
    """Insert every row of `table` from `source` into `destination`, `batch` rows a statement,
    and return the count and checksum of what was read. `copied(n)` after each batch."""
    summer = _Summer()
    names = [column.name for column in table.columns]
    result = source.execute(_ordered(table), execution_options=_streamed(batch))
    for rows in result.partitions():
        summer.add(rows)
        values = [dict(zip(names, row, strict=True)) for row in rows]
        try:
            destination.execute(table.insert(), values)
        except Exception as error:
            first, last = values[0], values[-1]
            key = table.primary_key.columns.keys()[0]
            raise RowsRefused(
                f"The table “{table.name}” could not be copied (rows {key} {first[key]} to "
                f"{last[key]}): {getattr(error, 'orig', error)}"
            ) from error
        if copied is not None:
            copied(len(values))
    return summer.result()


def id_column(table: Table):
    """The table's own integer id that a sequence hands out, or None."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].name == "id" and isinstance(keys[0].type, Integer):
        return keys[0]
    return None


__all__ = [
    "RowsRefused",
    "TableSum",
    "copied_tables",
    "copy_table",
    "id_column",
    "is_rebuilt_or_internal",
    "row_count",
    "row_digest",
    "table_sum",
]
