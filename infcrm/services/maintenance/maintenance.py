"""Keeping the data safe: health checks, backing up now, restoring, and where the data lives.

Checks read the file through their own read-only connection, so they are safe alongside the
app (and from a worker thread) and never change a byte of a damaged file.
"""

from __future__ import annotations

import functools
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from infcrm import paths
from infcrm.db import backup_restore, backups, schema, schema_tables
from infcrm.db.engine import Database, StorageError, inspect_file, make_engine, read_only_uri
from infcrm.services.maintenance.health_report import HealthReport, sent_agreements_checked

_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


@dataclass(frozen=True)
class DataLocations:
    """Where the data lives, for Help › Where is my data?"""

    database: Path
    backups_folder: Path
    last_backup: datetime | None
    size: int


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")}
    return sorted(
        name
        for name, _sql in rows
        if not name.startswith("sqlite_")
        and name != "alembic_version"
        and name not in virtual
        and not any(name == v + s for v in virtual for s in _SHADOW_SUFFIXES)
    )


def check_file(path: Path, *, full: bool = False) -> HealthReport:
    """Check the database file at `path` read-only: integrity, schema revision, counts."""
    path = Path(path)
    started = time.perf_counter()
    problems: list[str] = []
    counts: dict[str, int] = {}
    revision = None
    in_trash = sent = 0
    changed: list[str] = []
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            pragma = "integrity_check" if full else "quick_check"
            found = [row[0] for row in conn.execute(f"PRAGMA {pragma}(20)")]
            if found != ["ok"]:
                problems.extend(found)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
            for table in _tables(conn):
                counts[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if "influencer" in counts:
                in_trash = conn.execute(
                    "SELECT count(*) FROM influencer WHERE deleted_at IS NOT NULL"
                ).fetchone()[0]
            if full and "agreement" in counts:
                sent, changed = sent_agreements_checked(lambda sql: conn.execute(sql).fetchall())
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problems.append(str(exc))
    return HealthReport(
        path=path,
        ok=not problems,
        problems=tuple(problems),
        schema_revision=revision,
        counts=counts,
        in_trash=in_trash,
        full=full,
        seconds=time.perf_counter() - started,
        changed_agreements=tuple(changed),
        sent_agreements=sent,
    )


def tables_at(revision: str) -> frozenset[str]:
    """The tables a file of schema `revision` holds (the newest revision's are known)."""
    if revision == schema_tables.REVISION:
        return schema_tables.TABLES
    return migrated_tables(revision)


@functools.cache
def migrated_tables(revision: str) -> frozenset[str]:
    """The tables the migrations up to `revision` make, run on a scratch file."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder) / "probe.sqlite")
        try:
            schema.upgrade(engine, revision)
        finally:
            engine.dispose()
        conn = sqlite3.connect(Path(folder) / "probe.sqlite")
        try:
            return frozenset(_tables(conn))
        finally:
            conn.close()


def schema_mismatch(report: HealthReport) -> str | None:
    """Say so when the database's tables are not those of the version it records (an upgrade
    that was cut short by an older infcrm, or a database edited by another program)."""
    if report.schema_revision not in schema.known_revisions() or not report.counts:
        return None
    expected = tables_at(report.schema_revision)
    extra = sorted(set(report.counts) - expected)
    missing = sorted(expected - set(report.counts))
    if not extra and not missing:
        return None
    found = []
    if extra:
        found.append("tables it should not have yet: " + ", ".join(extra))
    if missing:
        found.append("missing tables: " + ", ".join(missing))
    return (
        f"The database says it is version {report.schema_revision} but holds "
        + "; ".join(found)
        + ". An upgrade was probably cut short; restore a backup (File › Restore from backup…)."
    )


def quick_check(db: Database) -> HealthReport:
    """The start-up check (PRAGMA quick_check on a file): fast, catches most damage."""
    if not db.is_file:
        from infcrm.services.maintenance import server_check

        return server_check.check_engine(db.engine, full=False)
    return check_file(db.path, full=False)


def back_up_now(db: Database) -> Path:
    """Back up the open database into its backups folder now; returns the copy (a server's:
    a pg_dump file, or StorageError saying how the server should be backed up)."""
    if not db.is_file:
        from infcrm.db import server_backup

        return server_backup.back_up(db.engine.url, "manual")
    return backups.make_backup(db.path, "manual")


def server_data_advice(db: Database) -> str:
    """Help › Where is my data? for a server's database: on the server, and the backups
    made from this computer (its pg_dump files)."""
    from infcrm.db import server_backup

    made = server_backup.dumps(server_backup.folder(), db.engine.url)
    last = (
        f"the newest is {made[0].name}"
        if made
        else "none yet (File › Back up now makes one, with PostgreSQL's pg_dump)"
    )
    return (
        f"Your data is in the database {db.name} on a PostgreSQL server your team shares; "
        "this computer keeps none of it, and the server's administrator backs it up there. "
        f"Backups made from this computer go to {server_backup.folder()}: {last}."
    )


def server_daily_backup(db: Database) -> tuple[Path | None, str | None, bool]:
    """The start-up backup of a server's database from this computer: a pg_dump in the
    backups folder when none of today is there, rotated as a file's copies are.

    Returns (the new dump or None, why none could be made or None, whether the reason is
    only that this computer has no pg_dump — said once, not at every start).
    """
    from infcrm.db import server_backup

    if server_backup.pg_dump() is None:
        return None, server_backup.no_pg_dump_message(db.name), True
    try:
        return server_backup.daily_dump_if_due(db.engine.url), None, False
    except StorageError as exc:
        return None, str(exc), False


def is_current(path: Path) -> bool:
    """Whether the file at `path` exists and opens without an upgrade (read-only look)."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    return inspect_file(path) == schema.head_revision()


def back_up_before(db: Database, reason: str) -> Path | None:
    """Back up the open database before a risky action (e.g. "import"); returns the copy
    (None on a server, which is backed up on the server)."""
    return backups.backup_before(db, reason)


def startup_backup_and_check(db_path: Path) -> tuple[Path | None, str | None, HealthReport]:
    """What the app does after its window shows: the daily backup if due, then a quick check.

    Returns (the new backup or None, why the backup failed or None, the health report).
    """
    made, failure = None, None
    clean_leftovers_of(db_path)
    report = check_file(db_path, full=False)
    if report.ok:  # never copy a damaged file over the rotation of good ones
        try:
            made = backups.daily_backup_if_due(db_path)
        except StorageError as exc:
            failure = str(exc)
    return made, failure, report


def clean_leftovers(folder: Path) -> list[Path]:
    """Delete what killed backups and exports left half-written in `folder`."""
    return backups.clean_leftovers(folder)


def clean_leftovers_of(db_path: Path) -> list[Path]:
    """At start-up: clean the database's own folder and its backups folder."""
    db_path = Path(db_path)
    removed = backups.clean_leftovers(db_path.parent)
    folder = paths.backup_dir_path(db_path)
    if folder.is_dir():
        removed += backups.clean_leftovers(folder)
    return removed


def restore_backup(db: Database, backup_path: Path) -> Path | None:
    """Replace the open database's data by a backup, keeping the current data as a backup.

    The same Database object keeps working afterwards (its connections are reopened), upgraded
    if the backup is of an older schema. Returns where the previous data was kept.
    """
    backup_restore.verify_backup(backup_path)  # refuse before closing anything
    db.close()
    kept = backup_restore.restore(db.path, backup_path)
    revision = inspect_file(db.path)
    if revision != schema.head_revision():
        schema.upgrade(db.engine)
    return kept


def data_locations(db: Database) -> DataLocations:
    """The data file, the backups folder and when the last backup was made."""
    folder = backups.default_folder(db.path)
    size = db.path.stat().st_size if db.path.exists() else 0
    return DataLocations(db.path, folder, backups.last_backup_time(db.path, folder), size)
