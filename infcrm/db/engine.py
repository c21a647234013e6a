"""Opening a database file: checks, backup, migrations, and the SQLite connection settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from infcrm.db import schema

BUSY_TIMEOUT_MS = 5000


class StorageError(Exception):
    """A database problem explained in words the user understands."""


class NotAnInfcrmDatabase(StorageError):
    """The file is not a database, or is a database of some other program."""


class DatabaseTooNew(StorageError):
    """The file was written by a newer infcrm; opening it could damage it."""


@dataclass
class Database:
    """An open infcrm database: the engine and a way to run one transaction."""

    path: Path
    engine: Engine
    _sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits on success, rolls everything back on any error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reads; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        """Release the file (checkpoints the WAL)."""
        self.engine.dispose()


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # WAL lets the UI read while a worker writes; NORMAL is durable at every checkpoint and
    # cannot corrupt the file in WAL mode; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """A SQLAlchemy engine on `path` with infcrm's connection settings."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


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


def backup_copy(path: Path, dest: Path) -> Path:
    """A consistent copy of the database at `dest`, safe while it is open (online backup API)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return dest


def open_database(path: Path, *, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    An existing file that needs a migration is first copied to `backup_dir`.
    """
    path = Path(path)
    revision = inspect_file(path)
    if revision is not None and revision != schema.head_revision() and backup_dir is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_copy(path, backup_dir / f"{path.stem}-before-upgrade-{revision}-{stamp}.sqlite")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    if revision != schema.head_revision():
        schema.upgrade(engine)
    return Database(
        path=path, engine=engine, _sessions=sessionmaker(engine, expire_on_commit=False)
    )
