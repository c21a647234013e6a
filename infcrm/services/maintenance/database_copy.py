"""Copying a whole database between a file and a PostgreSQL server (`infcrm copy`, File ›
Move this database to a server…), and proving that every table arrived.

The destination must hold nothing yet: it gets the migrations first, then every table in
the schema's dependency order in one transaction (a server through COPY, a file through one
executemany a batch with its indexes built once at the end, db/table_copy.py). Before the
commit each table is read back and its row count and checksum compared with the source's
(db/table_copy.py); any difference rolls everything back. Ids keep their numbers and the next
id handed out at the destination is the one the source would have handed out. The search
indexes are built again at the destination. A file one person kept, moved to a server, then
has the records it signed with the computer's login name signed with the name the mover
chose, or with none (db/authors.py `sign_login_lines`), as the file showed them.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, Table, create_engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError

from infcrm.db import authors, location, schema, search_index, sequences, table_copy
from infcrm.db.bulk_indexes import indexes_set_aside
from infcrm.db.engine import (
    Database,
    inspect_file,
    open_database,
    open_read_only,
    read_only_uri,
)
from infcrm.db.main_account import insert_trigger_paused
from infcrm.services.errors import Refused
from infcrm.services.progress import Progress


class CopyRefused(Refused):
    """The copy cannot start (no source, a destination holding data) or did not verify;
    nothing was changed at the destination."""


@dataclass(frozen=True)
class TableCopied:
    """One table as it arrived: its rows and the checksum both sides agreed on."""

    name: str
    rows: int
    checksum: str


@dataclass(frozen=True)
class CopyResult:
    """What was copied where; every table's count and checksum matched the source's."""

    source: str
    destination: str
    tables: tuple[TableCopied, ...]

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


def check_address(where: Path | str) -> None:
    """Refuse a server address that cannot be read (a bad port, no database named)."""
    if not location.is_server(where):
        return
    try:
        url = location.server_url(str(where))
        url.port  # noqa: B018  (a port that is not a number only shows when read)
    except (ValueError, ArgumentError):
        url = None
    if url is None or not url.database:
        raise CopyRefused(
            f"“{where}” is not a database address. Write it like "
            "postgresql://USER@HOST:5432/DATABASE (the port may be left out)."
        )


def shown(where: Path | str) -> str:
    """A location as the user gives it, never with a password."""
    if location.is_server(where):
        check_address(where)
        return location.display_url(location.server_url(str(where)))
    return str(location.file_path(where))


def open_source(where: Path | str) -> Database:
    """The database to copy from: it must exist and be infcrm's. A file is read without
    being changed (an older one is first upgraded, after a backup, as any opening does)."""
    if location.is_server(where):
        from infcrm.db import server

        check_address(where)
        engine = server.make_server_engine(str(where))
        try:
            revision = server.inspect_server(engine)
        finally:
            engine.dispose()
        if revision is None:
            raise CopyRefused(f"The database {shown(where)} is empty: there is nothing to copy.")
        return server.open_server(str(where))
    path = location.file_path(where).expanduser().resolve()
    if not path.is_file():
        raise CopyRefused(f"There is no database at {path}, so there is nothing to copy.")
    revision = inspect_file(path)
    if revision is None:
        raise CopyRefused(f"“{path.name}” is empty: there is nothing to copy.")
    if revision == schema.head_revision():
        return open_read_only(path)
    from infcrm.db import backups

    return open_database(path, backup_dir=backups.default_folder(path))


def _same_place(source: Database, destination: Path | str) -> bool:
    if location.is_server(destination):
        return not source.is_file and source.url == shown(destination)
    return source.is_file and Path(source.path).resolve() == Path(shown(destination)).resolve()


@functools.cache
def _seeded_rows() -> dict[str, int]:
    """How many rows the migrations themselves write into each table (the pipeline's stages,
    the outreach templates): a database holding just those is empty."""
    with tempfile.TemporaryDirectory(prefix="infcrm-fresh-") as folder:
        fresh = open_database(Path(folder) / "fresh.sqlite")
        try:
            with fresh.engine.connect() as conn:
                counts = _counts(conn)
        finally:
            fresh.close()
    return {name: rows for name, rows in counts.items() if rows}


def _counts(conn: Connection) -> dict[str, int]:
    present = set(inspect(conn).get_table_names())
    return {
        table.name: table_copy.row_count(conn, table)
        for table in table_copy.copied_tables()
        if table.name in present
    }


@contextmanager
def _peek(where: Path | str) -> Iterator[Engine | None]:
    """An engine reading the destination as it is (None when there is nothing there yet),
    after the usual checks: reachable, infcrm's (or empty), not newer than this app."""
    if location.is_server(where):
        from infcrm.db import server

        engine = server.make_server_engine(str(where))
        try:
            revision = server.inspect_server(engine)
            yield engine if revision is not None else None
        finally:
            engine.dispose()
        return
    path = location.file_path(where)
    if inspect_file(path) is None:
        yield None
        return
    uri = read_only_uri(path)
    import sqlite3

    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    try:
        yield engine
    finally:
        engine.dispose()


def _held(where: Path | str) -> dict[str, int]:
    """The tables of `where` holding rows beyond what the migrations write. Reads only."""
    with _peek(where) as engine:
        if engine is None:
            return {}
        with engine.connect() as conn:
            counts = _counts(conn)
    seeded = _seeded_rows()
    return {name: rows for name, rows in counts.items() if rows > seeded.get(name, 0)}


def move_refusal(where: str) -> str | None:
    """Why the Move dialog may not copy into `where`, in people rather than tables (a user
    knows their people, not infcrm's table names), or None when it is empty. Reads only."""
    held = _held(where)
    if not held:
        return None
    people = held.get("influencer", 0)
    what = f"{people:,} {'person' if people == 1 else 'people'}" if people else "other records"
    return (
        f"{shown(where)} already holds data ({what}), so infcrm will not move this file "
        "into it. Ask for an empty database, or open this one with File › Connect to a "
        "server… instead."
    )


def destination_refusal(where: Path | str) -> str | None:
    """Why `where` cannot take a copy (it holds data: which tables), or None. Reads only."""
    held = _held(where)
    if not held:
        return None
    listed = ", ".join(f"{name} ({rows:,} rows)" for name, rows in sorted(held.items()))
    return (
        f"{shown(where)} is not empty, so nothing was copied: it already holds {listed}. "
        "Copy into a new file, or into an empty database on the server."
    )


def copy_database(
    source: Database,
    destination: Path | str,
    *,
    progress: Progress | None = None,
    batch: int = 1000,
) -> CopyResult:
    """Copy every table of `source` into the empty database at `destination` and verify it.

    Raises CopyRefused (nothing copied) when the destination holds data, is the source
    itself, or when a table did not arrive whole.
    """
    check_address(destination)
    if _same_place(source, destination):
        raise CopyRefused("The source and the destination are the same database.")
    why = destination_refusal(destination)
    if why:
        raise CopyRefused(why)
    created = not location.is_server(destination) and not location.file_path(destination).exists()
    target = open_database(destination)  # new or empty: the migrations run first
    try:
        tables = _copy_all(source, target, progress, batch)
    except BaseException:
        target.close()
        if created:  # leave no half-made file behind (the transaction wrote nothing anyway)
            for leftover in (Path(f"{target.path}{end}") for end in ("", "-wal", "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    result = CopyResult(source.url, target.url, tables)
    target.close()
    return result


def _copy_all(
    source: Database, target: Database, progress: Progress | None, batch: int
) -> tuple[TableCopied, ...]:
    tables = table_copy.copied_tables()
    with _snapshot(source) as src, target.engine.begin() as dst:
        counts = {table.name: table_copy.row_count(src, table) for table in tables}
        total, done = 2 * sum(counts.values()), 0

        def moved(rows: int, doing: str) -> None:
            nonlocal done
            done += rows
            if progress is not None:
                progress.report(done, total, doing)

        _hold_still(dst, tables, target.url)
        for table in reversed(tables):  # the rows the migrations wrote make way for the source's
            dst.execute(table.delete())
        sums = {}
        # A new file gets its indexes built once at the end, as a big import does.
        with (
            insert_trigger_paused(dst, new_database=True),
            indexes_set_aside(dst, [table.name for table in tables], total // 2),
        ):
            for table in tables:
                doing = f"Copying {table.name}…"
                moved(0, doing)
                sums[table.name] = table_copy.copy_table(
                    src, dst, table, batch=batch, copied=functools.partial(moved, doing=doing)
                )
        for table in tables:
            column = table_copy.id_column(table)
            if column is not None:
                sequences.continue_from(dst, column, sequences.next_id(src, column, 0))
        moved(0, "Building the search index…")
        search_index.reindex(dst)
        arrived = []
        for table in tables:
            moved(0, f"Checking {table.name}…")
            found = table_copy.table_sum(dst, table)
            moved(found.rows, f"Checking {table.name}…")
            expected = sums[table.name]
            if found != expected:
                raise CopyRefused(
                    f"The table “{table.name}” did not arrive whole ({found.rows:,} rows of "
                    f"{expected.rows:,}, or their values differ), so nothing was copied."
                )
            arrived.append(TableCopied(table.name, found.rows, found.checksum))
        if source.is_file and not target.is_file:  # a file moved to the team's server
            authors.sign_login_lines(dst, source.author)
    return tuple(arrived)


def _hold_still(dst: Connection, tables: Sequence[Table], where: str) -> None:
    """Keep everyone else from writing into the destination until the copy commits, then
    make sure it is still empty. Teammates may already be connected to a new server
    database: a person one of them added now would be deleted with the seeded rows, or
    collide with the copy's ids (the server then broke the deadlock by failing the copy).
    Their saves wait instead and land after the copy, with the next ids; reading goes on."""
    table_copy.keep_writers_out(dst, tables)
    seeded = _seeded_rows()
    held = {n: rows for n, rows in _counts(dst).items() if rows > seeded.get(n, 0)}
    if held:
        people = held.get("influencer", 0)
        what = f"{people:,} {'person' if people == 1 else 'people'}" if people else "records"
        raise CopyRefused(
            f"{shown(where)} is not empty any more, so nothing was copied: someone has "
            f"started working in it ({what}). Copy into another empty database, or open this "
            "one with File › Connect to a server… instead."
        )


@contextmanager
def _snapshot(source: Database) -> Iterator[Connection]:
    """One connection seeing the source as it was at one moment, however long the copy."""
    with source.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn
            return
        with conn.begin():
            conn.exec_driver_sql("BEGIN")  # the sqlite3 driver opens none for reads by itself
            conn.execute(text("SELECT count(*) FROM sqlite_master"))  # the snapshot starts here
            yield conn


__all__ = [
    "CopyRefused",
    "CopyResult",
    "TableCopied",
    "check_address",
    "copy_database",
    "destination_refusal",
    "open_source",
    "shown",
]
