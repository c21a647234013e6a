"""Opening a database file: checks, backup, migrations, and the SQLite connection settings."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from infcrm.db import match_keys, schema

BUSY_TIMEOUT_MS = 5000


class StorageError(Exception):
    """A database problem explained in words the user understands."""


class NotAnInfcrmDatabase(StorageError):
    """The file is not a database, or is a database of some other program."""


class DatabaseTooNew(StorageError):
    """The file was written by a newer infcrm; opening it could damage it."""


class DiskFull(StorageError):
    """A change could not be saved because the disk (or the database's size limit) is full."""


def _is_disk_full(error: exc.OperationalError) -> bool:
    original = error.orig
    return getattr(original, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or (
        "database or disk is full" in str(original)
    )


@dataclass
class Database:
    """An open infcrm database: the engine and a way to run one transaction."""

    path: Path
    engine: Engine
    _sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits on success, rolls everything back on any error."""
        try:
            with self._sessions.begin() as session:
                yield session
        except exc.OperationalError as error:
            # The one place a full disk becomes a sentence: SQLite has already rolled the
            # transaction back, so everything committed before is intact.
            if _is_disk_full(error):
                raise DiskFull(
                    "Your disk is full, so this change was not saved. Everything saved before "
                    "is safe; free some space and try again."
                ) from error
            raise

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reads; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        """Release the file (checkpoints the WAL)."""
        self.engine.dispose()


def set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    """infcrm's connection settings, applied to every new SQLite connection."""
    # WAL lets the UI read while a worker writes; NORMAL is durable at every checkpoint and
    # cannot corrupt the file in WAL mode; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    match_keys.register(dbapi_connection)


def make_engine(path: Path) -> Engine:
    """A SQLAlchemy engine on `path` with infcrm's connection settings."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", set_sqlite_pragmas)
    return engine


def _set_read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()
    match_keys.register(dbapi_connection)


def open_read_only(path: Path) -> Database:
    """Open an existing infcrm file for reading only: never created, migrated or changed.

    Refuses a missing file, a file of another program and one newer than the app.
    """
    path = Path(path)
    if not path.exists():
        raise StorageError(f"There is no database at {path}.")
    inspect_file(path)
    engine = create_engine(
        f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _set_read_only_pragmas)
    return Database(
        path=path, engine=engine, _sessions=sessionmaker(engine, expire_on_commit=False)
    )


def inspect_file(path: Path) -> str | None:
    """The schema revision of an existing file (None for a new or empty file), read-only.

    Raises NotAnInfcrmDatabase or DatabaseTooNew without ever writing to the file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotAnInfcrmDatabase(f"infcrm cannot open “{path}”: {exc}.") from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise NotAnInfcrmDatabase(
            f"“{path.name}” is not an infcrm database (it is not a database file at all). "
            "It was left untouched. Choose another file, or restore one of your backups."
        ) from exc
    finally:
        conn.close()
    if revision is None:
        if tables - {"sqlite_sequence"}:
            raise NotAnInfcrmDatabase(
                f"“{path.name}” is a database of another program, not of infcrm. "
                "It was left untouched. Choose another file."
            )
        return None
    if revision not in schema.known_revisions():
        raise DatabaseTooNew(
            f"“{path.name}” was saved by a newer version of infcrm (its data format is "
            f"“{revision}”). Update infcrm to open it; the file was left untouched."
        )
    return revision


def open_database(path: Path, *, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    An existing file that needs a migration is first copied to `backup_dir`.
    """
    path = Path(path)
    revision = inspect_file(path)
    if revision is not None and revision != schema.head_revision() and backup_dir is not None:
        from infcrm.db import backups  # backups builds on this module

        backups.backup_before_upgrade(path, revision, backup_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Created private (0600 on POSIX); SQLite gives its -wal and -shm the same mode.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif os.name == "posix":
        with suppress(OSError):  # a file owned by someone else still opens
            os.chmod(path, 0o600)
    engine = make_engine(path)
    if revision != schema.head_revision():
        schema.upgrade(engine)
    return Database(
        path=path, engine=engine, _sessions=sessionmaker(engine, expire_on_commit=False)
    )
