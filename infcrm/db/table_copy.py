"""Copying every table of one infcrm database into another, and proving each arrived.

The backends store the same values differently (SQLite keeps a time as text, PostgreSQL as a
timestamp; a flag is 0/1 or a boolean), so rows are read as the models' Python values and
written as each dialect stores them, and a table's checksum is computed over those values
the same way on both sides. The checksum does not depend on row order (the two backends may
sort text differently): it is the sum of one 128-bit BLAKE2b hash per row.

The search indexes are not copied: they are built again at the destination from the copied
rows (FTS5 and the server's tsvector/trigram tables have nothing in common).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Integer, LargeBinary, Numeric, Table, func, select
from sqlalchemy.engine import Connection

from infcrm.db import models  # noqa: F401  (registers every table with the metadata)
from infcrm.db.base import Base
from infcrm.db.search_index import INDEX_TABLE, PART_TABLE, TAG_TABLE

# Kept by the backends themselves or built again at the destination, never copied.
SEARCH_TABLES = (INDEX_TABLE, PART_TABLE, TAG_TABLE)
BOOKKEEPING_TABLES = ("alembic_version", "sqlite_sequence")

_MODULUS = 1 << 128


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


def _number(value: float | Decimal) -> Any:
    return int(value) if value == int(value) else repr(float(value))


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# The column types whose values a driver may hand over in more than one form (0/1 or a
# boolean, a float or a Decimal, bytes or a memoryview), and one spelling of each form.
_NORMALISED_TYPES = (Boolean, Float, Numeric, LargeBinary, JSON)
_SPELLINGS: dict[type, Callable[[Any], Any]] = {
    bool: int,
    float: _number,
    Decimal: _number,
    bytes: bytes.hex,
    bytearray: bytearray.hex,
    memoryview: memoryview.hex,
    dict: _json,
    list: _json,
}


def _normalised(value: Any) -> Any:
    """One spelling of a value whichever backend it came from."""
    spell = _SPELLINGS.get(type(value))
    return value if spell is None else spell(value)


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest(), "big")


class _Summer:
    """The running count and checksum of one table's rows.

    The models' types give a column the same Python values whichever backend it was read
    from (a text, a number, a datetime): their repr is the row's spelling. Only the values a
    driver may hand over in another form (a flag, a fraction, bytes, JSON) are normalised:
    the checksum sees every value of the database twice, and normalising them all cost
    twice the reading.
    """

    def __init__(self, table: Table) -> None:
        self.rows = 0
        self.total = 0
        self.spell = [
            _normalised if isinstance(column.type, _NORMALISED_TYPES) else None
            for column in table.columns
        ]
        if not any(self.spell):
            self.spell = None

    def add(self, rows: Iterable[Iterable[Any]]) -> None:
        spell = self.spell
        if spell is None:
            digests = [_digest(repr(tuple(row))) for row in rows]
        else:
            digests = [
                _digest(repr([v if s is None else s(v) for v, s in zip(row, spell, strict=True)]))
                for row in rows
            ]
        self.rows += len(digests)
        self.total = (self.total + sum(digests)) % _MODULUS

    def result(self) -> TableSum:
        return TableSum(self.rows, f"{self.total:032x}")


def _ordered(table: Table):
    return select(*table.columns).order_by(*table.primary_key.columns)


def read_batches(conn: Connection, table: Table, batch: int = 2000) -> Iterator[list[Sequence]]:
    """Every row of `table` as `conn` sees it, `batch` rows at a time, as the models' Python
    values (a time as a datetime, a flag as a bool) whichever backend holds them."""
    if conn.dialect.name == "postgresql":
        yield from _copied_out(conn, table, batch)
        return
    result = conn.execute(_ordered(table), execution_options=_streamed(batch))
    yield from result.partitions()


def _copied_out(conn: Connection, table: Table, batch: int) -> Iterator[list[Sequence]]:
    """A server's rows through COPY … TO STDOUT in binary: one statement streaming every row
    (row by row through a cursor cost 693 s for 100,000 people's database, most of it in
    fetching). The driver reads each value into the type it would give a query."""
    query = f"SELECT {_names(table)} FROM {_quoted(table.name)} ORDER BY " + ", ".join(
        _quoted(column.name) for column in table.primary_key.columns
    )
    with conn.connection.driver_connection.cursor() as cursor:
        cursor.execute(f"{query} LIMIT 0")
        types = [column.type_code for column in cursor.description]
        processors = _processors(conn, table, types)
        with cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT BINARY)") as copy:
            copy.set_types(types)
            rows: list[Sequence] = []
            for row in copy.rows():
                rows.append(_processed(row, processors) if processors else row)
                if len(rows) == batch:
                    yield rows
                    rows = []
            if rows:
                yield rows


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _names(table: Table) -> str:
    return ", ".join(_quoted(column.name) for column in table.columns)


def _processors(
    conn: Connection, table: Table, read_types: list[int] | None = None
) -> list[Callable | None] | None:
    """The dialect's conversion of each column's values, or None when there is none: from
    Python to the driver, or with `read_types` (the driver's type of each column read) back."""
    dialect = conn.dialect
    found: list[Callable | None] = []
    for number, column in enumerate(table.columns):
        impl = column.type.dialect_impl(dialect)
        if read_types is None:
            found.append(impl.bind_processor(dialect))
        else:
            found.append(impl.result_processor(dialect, read_types[number]))
    return found if any(found) else None


def _processed(row: Sequence, processors: list[Callable | None]) -> tuple:
    return tuple(
        value if process is None or value is None else process(value)
        for value, process in zip(row, processors, strict=True)
    )


def rows_sum(table: Table, batches: Iterable[Iterable[Sequence]]) -> TableSum:
    """Row count and checksum of rows of `table` given in batches."""
    summer = _Summer(table)
    for rows in batches:
        summer.add(rows)
    return summer.result()


def table_sum(conn: Connection, table: Table, batch: int = 2000) -> TableSum:
    """Row count and checksum of `table` as `conn` sees it."""
    return rows_sum(table, read_batches(conn, table, batch))


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
    """Write every row of `table` from `source` into `destination` and return the count and
    checksum of what was read. `copied(n)` after each `batch` rows.

    A server takes the rows through one COPY … FROM STDIN (a batch of INSERTs a statement
    took 1,187 s for 100,000 people's database); a file through executemany of the values
    as the dialect would store them, without SQLAlchemy's per-row work in between.
    """
    summer = _Summer(table)
    batches = read_batches(source, table, batch)
    try:
        if destination.dialect.name == "postgresql":
            _copy_in(destination, table, batches, summer, copied)
        else:
            _insert_into_file(destination, table, batches, summer, copied)
    except RowsRefused:
        raise
    except Exception as error:
        raise RowsRefused(
            f"The table “{table.name}” could not be copied: {getattr(error, 'orig', error)}"
        ) from error
    return summer.result()


def _copy_in(
    destination: Connection,
    table: Table,
    batches: Iterable[list[Sequence]],
    summer: _Summer,
    copied: Callable[[int], None] | None,
) -> None:
    processors = _processors(destination, table)
    statement = f"COPY {_quoted(table.name)} ({_names(table)}) FROM STDIN"
    with (
        destination.connection.driver_connection.cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        for rows in batches:
            summer.add(rows)
            for row in rows:
                copy.write_row(_processed(row, processors) if processors else row)
            if copied is not None:
                copied(len(rows))


def _insert_into_file(
    destination: Connection,
    table: Table,
    batches: Iterable[list[Sequence]],
    summer: _Summer,
    copied: Callable[[int], None] | None,
) -> None:
    processors = _processors(destination, table)
    marks = ", ".join("?" * len(table.columns))
    statement = f"INSERT INTO {_quoted(table.name)} ({_names(table)}) VALUES ({marks})"
    for rows in batches:
        summer.add(rows)
        values = [_processed(row, processors) for row in rows] if processors else rows
        destination.exec_driver_sql(statement, [tuple(row) for row in values])
        if copied is not None:
            copied(len(rows))


def id_column(table: Table):
    """The table's own integer id that a sequence hands out, or None."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].name == "id" and isinstance(keys[0].type, Integer):
        return keys[0]
    return None


def keep_writers_out(conn: Connection, tables: Sequence[Table]) -> None:
    """Keep every other connection from writing into `tables` until `conn`'s transaction
    ends (readers go on). A server's explicit table lock; on a file the write transaction
    already does this (SQLite has one writer at a time)."""
    if conn.dialect.name != "postgresql":
        return
    names = ", ".join(f'"{table.name}"' for table in tables)
    conn.exec_driver_sql(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")


__all__ = [
    "RowsRefused",
    "TableSum",
    "copied_tables",
    "copy_table",
    "id_column",
    "is_rebuilt_or_internal",
    "keep_writers_out",
    "read_batches",
    "row_count",
    "rows_sum",
    "table_sum",
]
