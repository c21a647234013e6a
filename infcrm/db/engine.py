"""Opening a database file: checks, backup, migrations, and the SQLite connection settings."""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from infcrm.db import authors, checkpoints, location, schema

# The errors and their sentences are `storage_errors`'; callers import them from here too.
from infcrm.db.storage_errors import (  # noqa: F401
    BUSY_TIMEOUT_MS,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseTooNew,
    DiskFull,
    NotAnInfcrmDatabase,
    ReadOnlyDatabase,
    StorageError,
    busy_message,
    damaged_message,
    folder_writable,
    is_busy,
    read_only_uri,
    refuse_read_only,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine, exc
    from sqlalchemy.orm import Session, sessionmaker

# SQLAlchemy is imported when the first query runs, not when a file is opened: the window
# paints before it is loaded (it is the largest part of start-up; tests/perf/bench.py).

CACHE_KIB = 64 * 1024  # a write transaction's page cache at most (PRAGMA cache_size)
READ_CACHE_KIB = 2000  # SQLite's own default: reads are served well by the system's file cache

# sqlite3 binds an int, float or str directly and looks any other value up in its registry
# of adapters; a None, found nowhere there, then costs two failed attribute lookups, four
# times an int: the empty cells of a 100,000-row import took longer than SQLite's own work
# (tests/perf/bench.py --only import). Found at once, it is bound as NULL just the same. The
# registry is the process's; the adapter changes the time a None takes, nothing else.
sqlite3.register_adapter(type(None), {}.get)


def _is_disk_full(error: exc.OperationalError) -> bool:
    original = error.orig
    return getattr(original, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or (
        "database or disk is full" in str(original)
    )


@dataclass
class Database:
    """An open infcrm database: the engine and a way to run one transaction.

    The engine is made on first use (`make` builds it), so opening a file and painting the
    window need no SQLAlchemy; `plain_reader` serves the few reads before that.
    `path` is the file of an SQLite database and None for a server's: backups, the
    single-instance lock and recovery work on files only (`is_file`).
    """

    path: Path | None
    make: Callable[[], Engine]
    _engine: Engine | None = None
    _sessions: sessionmaker[Session] | None = None
    _making: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _checkpoints: checkpoints.Checkpointer | None = field(default=None, repr=False)
    # The name this computer's changes are signed with (db/authors.py).
    author: str | None = field(default_factory=authors.default_name)
    # This open database among all that use the same server (db/change_notices.py).
    instance: str = field(default_factory=lambda: uuid.uuid4().hex)
    _names_tell: bool | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self._engine is not None:  # a server's, made before
            authors.sign_as(self._engine, self.author)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (made on first use; background reads may ask at once)."""
        with self._making:
            if self._engine is None:
                engine = self.make()
                authors.sign_as(engine, self.author)
                self._engine = engine
            return self._engine

    def sign_as(self, name: str | None) -> None:
        """Sign this database's later changes with `name` (see db/authors.py)."""
        self.author = name
        self._names_tell = None
        with self._making:
            if self._engine is not None:
                authors.sign_as(self._engine, name)

    @property
    def names_tell(self) -> bool:
        """Whether saying who did what tells the user something: on a team's server always;
        in a file once someone other than the user signed a record (read once while it is
        open: the user's own changes never add another name)."""
        if self.path is None:
            return True
        known = self._names_tell
        if known is None:
            me = self.author
            with self.plain_reader() as conn:
                known = authors.others_signed(conn, me)
            if self.author == me:  # not kept when the name changed while reading
                self._names_tell = known
        return known

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory on `engine`."""
        engine = self.engine
        with self._making:
            if self._sessions is None:
                from sqlalchemy.orm import sessionmaker

                self._sessions = sessionmaker(engine, expire_on_commit=False)
            return self._sessions

    @contextmanager
    def plain_reader(self) -> Iterator[sqlite3.Connection]:
        """A plain read-only sqlite3 connection, for reads before the first paint.

        The window's first screen needs a count or a flag; loading SQLAlchemy for it would
        cost more than the rest of the start together. A server's database is read through
        its engine's own driver connection (use a cursor and no parameters: the two drivers
        mark parameters differently).
        """
        if self.path is None:
            raw = self.engine.raw_connection()
            try:
                yield raw
            finally:
                raw.close()
            return
        conn = sqlite3.connect(read_only_uri(self.path), uri=True)
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            yield conn
        finally:
            conn.close()

    @property
    def is_file(self) -> bool:
        """Whether this database is a file on this computer (not a server's)."""
        return self.path is not None

    @property
    def url(self) -> str:
        """Where the database is, as the user would give it to --db (no password)."""
        if self.path is not None:
            return str(self.path)
        return location.display_url(self.engine.url)

    @property
    def name(self) -> str:
        """A short name for messages: the file's name, or the server's database."""
        return self.path.name if self.path is not None else location.display_url(self.engine.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits on success, rolls everything back on any error."""
        from sqlalchemy import exc

        try:
            with self.sessions.begin() as session:
                if self.path is not None:  # a file's page cache; a server sizes its own
                    _cache_kib(session.connection().connection.driver_connection, CACHE_KIB)
                yield session
                large = checkpoints.hold_if_large(session)
        except exc.OperationalError as error:
            # The one place a full disk becomes a sentence: SQLite has already rolled the
            # transaction back, so everything committed before is intact.
            if _is_disk_full(error):
                raise DiskFull(
                    "Your disk is full, so this change was not saved. Everything saved before "
                    "is safe; free some space and try again."
                ) from error
            if is_busy(error):
                raise DatabaseBusy(busy_message(Path(self.name))) from error
            self._raise_if_unreachable(error)
            raise
        except Exception as error:
            self._raise_if_unreachable(error)
            raise
        if large:  # its commit left the log for the thread to copy (see db/checkpoints.py)
            self.checkpointer.soon()

    @property
    def checkpointer(self) -> checkpoints.Checkpointer:
        """The thread that copies a large change's log into the file after it returns."""
        with self._making:
            if self._checkpoints is None:
                self._checkpoints = checkpoints.Checkpointer(self.path, BUSY_TIMEOUT_MS)
            return self._checkpoints

    def checkpoint_done(self, timeout: float | None = None) -> bool:
        """Wait until no background checkpoint is under way (before emptying the log)."""
        with self._making:
            waiting = self._checkpoints
        return waiting is None or waiting.wait_idle(timeout)

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reads; nothing it does is committed."""
        try:
            with self.sessions() as session:
                yield session
        except Exception as error:
            self._raise_if_unreachable(error)
            raise

    @contextmanager
    def one_statement_reader(self) -> Iterator[Session]:
        """A session for a read of one statement (a list's ids), whose own snapshot is all it
        needs: on a server it runs outside a transaction (autocommit, set in the driver
        without asking the server), which saves the BEGIN and ROLLBACK sent around it,
        about half a millisecond of the server's time for each keystroke's search."""
        with self.reader() as session:
            if self.path is None:
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            yield session

    def _raise_if_unreachable(self, error: Exception) -> None:
        """A server that stopped answering becomes one plain sentence (db/connection_loss)."""
        if self.path is None:
            from infcrm.db.connection_loss import unreachable

            lost = unreachable(error, self._engine.url.host if self._engine else None)
            if lost is not None:
                raise lost from error

    def close(self) -> None:
        """Release the file (checkpoints the WAL)."""
        with self._making:
            engine, self._engine, self._sessions = self._engine, None, None
            waiting, self._checkpoints = self._checkpoints, None
        if waiting is not None:
            waiting.stop()
        if engine is not None:
            engine.dispose()


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
    _cache_kib(dbapi_connection, READ_CACHE_KIB)
    from infcrm.db import match_keys  # it builds SQL expressions: loaded with SQLAlchemy

    match_keys.register(dbapi_connection)


def _cache_kib(dbapi_connection: sqlite3.Connection, kib: int) -> None:
    """Let the connection keep up to `kib` of pages in memory.

    A write transaction gets 64 MB: a bulk edit of 100,000 people dirties some 70 MB, and a
    smaller cache writes half of it to the log mid-transaction and reads it back (a tenth of
    the edit's time). Reads get SQLite's 2 MB: an export of 100,000 people read every page
    and held 64 MB more for it (+115 MB against +49 MB), for no gain in time. Lowering the
    size frees the pages above it, so a connection goes back to the pool small.
    """
    dbapi_connection.execute(f"PRAGMA cache_size=-{kib}")


def _back_to_read_cache(dbapi_connection: sqlite3.Connection | None, _record: object) -> None:
    if dbapi_connection is not None:  # None: the connection was dropped, not returned
        _cache_kib(dbapi_connection, READ_CACHE_KIB)


def make_engine(path: Path) -> Engine:
    """A SQLAlchemy engine on `path` with infcrm's connection settings."""
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", set_sqlite_pragmas)
    event.listen(engine, "begin", checkpoints.note_begin)
    event.listen(engine, "checkin", _back_to_read_cache)
    return engine


def starts_as_a_database(path: Path) -> bool:
    """Whether the file begins with SQLite's own 16-byte header."""
    with open(path, "rb") as file:
        return file.read(16) == b"SQLite format 3\x00"


def inspect_file(path: Path) -> str | None:
    """The schema revision of an existing file (None for a new or empty file), read-only.

    Raises NotAnInfcrmDatabase or DatabaseTooNew without ever writing to the file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise NotAnInfcrmDatabase(f"“{path}” is a folder; give the database file inside it.")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise NotAnInfcrmDatabase(f"infcrm cannot open “{path}”: {exc}.") from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise DatabaseBusy(busy_message(path)) from exc
        raise NotAnInfcrmDatabase(
            f"infcrm cannot read “{path.name}” ({exc}). It was left untouched; check that the "
            "file and its folder can be read."
        ) from exc
    except sqlite3.DatabaseError as exc:
        if starts_as_a_database(path):  # SQLite's header is there: the file is damaged
            raise DatabaseDamaged(damaged_message(path)) from exc
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


def open_read_only(path: Path) -> Database:
    """Open an existing infcrm file for reading only: never created, migrated or changed.

    Refuses a missing file, a file of another program and one newer than the app. Works on
    read-only media and while the app has the file open.
    """
    if location.is_server(path):  # a server never lets one reader change anything anyway
        return open_database(path)
    path = Path(path)
    if not path.exists():
        raise StorageError(f"There is no database at {path}.")
    inspect_file(path)
    uri = read_only_uri(path)

    def make() -> Engine:
        from sqlalchemy import create_engine, event

        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
        event.listen(engine, "connect", _read_only_pragmas)
        return engine

    return Database(path=path, make=make)


def _read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()
    from infcrm.db import match_keys

    match_keys.register(dbapi_connection)


def open_server_as_it_is(where: str) -> Database | None:
    """A server's infcrm database, neither set up nor upgraded, for a plan that writes
    nothing (import --dry-run); None while it is still empty (db/server.open_as_it_is)."""
    from infcrm.db import server  # the server driver loads only when a server is used

    return server.open_as_it_is(where)


def open_database(path: Path | str, *, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    `path` is a file (or an sqlite:/// URL) or a postgresql:// URL of a server's database.
    An existing file that needs a migration is first copied to `backup_dir`.
    """
    if location.is_server(path):
        from infcrm.db import server  # the server driver loads only when a server is used

        return server.open_server(str(path))
    path = location.file_path(path)
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
    db = Database(path=path, make=lambda: make_engine(path))
    if revision != schema.head_revision():
        schema.upgrade(db.engine)
    return db
