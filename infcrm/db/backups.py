"""Backups: consistent copies of the database, their rotation, listing and restoring one.

Copies go through SQLite's online backup API, so they are consistent even while the app is
writing. Every copy is written under a temporary name and renamed when complete, so a crash or a
full disk never leaves a half-written file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from infcrm import paths
from infcrm.db.backup_files import (
    NAME_PATTERN,
    STAMP_FORMAT,
    backup_name,
    claim_name,
    clean_leftovers,
    free_name,
    named_backups,
    slug,
)
from infcrm.db.engine import (
    Database,
    DatabaseDamaged,
    StorageError,
    damaged_message,
    inspect_file,
    read_only_uri,
)

# No space left, the file-size limit, the user's disk quota: to the user all are a full disk.
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
KEEP_DAILY = 7
KEEP_WEEKLY = 4
# Backups younger than this are never rotated away, so the copy made just before an import or a
# restore is still there when the user wants to undo it.
KEEP_EVERYTHING_YOUNGER_THAN = timedelta(hours=24)


class BackupFailed(StorageError):
    """A backup could not be written (folder read-only, disk full, file damaged)."""


class BackupDamaged(StorageError):
    """A backup failed its integrity check and was not restored."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the restore list shows it."""

    path: Path
    made_at: datetime  # local time, aware
    size: int  # bytes
    influencer_count: int | None  # None when the file cannot be read
    schema_revision: str | None
    reason: str  # daily, manual, before-import, before-restore, before-upgrade-0001…


def make_private(path: Path) -> None:
    """Make `path` readable and writable by the user alone (POSIX mode 0600)."""
    if os.name != "posix":
        return
    # A file owned by someone else cannot be changed; it still opens, so this is not an error.
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def default_folder(db_path: Path) -> Path:
    """The backups folder of the database at `db_path`."""
    try:
        folder = paths.backup_dir(Path(db_path))
    except OSError as exc:
        raise BackupFailed(
            f"infcrm cannot create its backups folder ({exc.strerror or exc}). "
            "Your data is safe, but no backup was made; check that the folder beside your data "
            "file can be written to."
        ) from exc
    if os.name == "posix":
        with contextlib.suppress(OSError):  # backups are as private as the data itself
            os.chmod(folder, 0o700)
    return folder


def refuse_if_damaged(path: Path) -> None:
    """Raise DatabaseDamaged when SQLite's quick check finds damage in `path`."""
    if integrity_problems(path, quick=True):
        raise DatabaseDamaged(damaged_message(path))


def _failure(dest: Path, exc: Exception) -> BackupFailed:
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) in _DISK_FULL:
        why = "the disk is full"
    elif isinstance(exc, OSError) or "readonly" in text or "unable to open" in text:
        why = f"the folder “{dest.parent}” cannot be written to"
    else:
        why = str(exc)
    return BackupFailed(
        f"The backup could not be made: {why}. Your data itself is unchanged. "
        "Free some space or choose another folder, then try again."
    )


def backup_copy(path: Path, dest: Path, *, check: bool = True, unique: bool = False) -> Path:
    """A consistent copy of the database at `dest` (mode 0600), safe while it is open.

    A damaged database is refused (`check`): a copy of it is no backup. With `unique`, a name
    taken meanwhile gets a number (-2, -3…) instead of being overwritten. Returns the copy.
    """
    dest = Path(dest)
    if check:
        refuse_if_damaged(path)
    partial = dest.with_name(f".{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            # Created private before SQLite opens it: personal data is never world-readable.
            os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            target = sqlite3.connect(partial)
            try:
                make_private(partial)
                source.backup(target)
                # A backup is one self-contained file: no -wal beside it to lose or forget.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        dest = claim_name(partial, dest, unique=unique)
    except (OSError, sqlite3.Error) as exc:
        sides = ("", "-journal", "-wal", "-shm")  # SQLite's side files of the half-made copy
        for leftover in (partial.with_name(partial.name + side) for side in sides):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise _failure(dest, exc) from exc
    make_private(dest)
    return dest


def make_backup(db_path: Path, reason: str, folder: Path | None = None) -> Path:
    """Back up `db_path` into its backups folder (or `folder`), then rotate old copies."""
    folder = Path(folder) if folder is not None else default_folder(db_path)
    refuse_if_damaged(db_path)  # before any folder work: a damaged file is never "backed up"
    clean_leftovers(folder)
    dest = backup_copy(
        db_path, free_name(folder, backup_name(db_path, reason)), check=False, unique=True
    )
    rotate(folder, Path(db_path).stem)
    return dest


def _fingerprint(path: Path) -> tuple[object, ...] | None:
    """What tells two copies of a database apart cheaply: revision, rows per table, last edit."""
    try:
        conn = _read_only(path)
        try:
            tables = [
                name
                for name, sql in conn.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type='table'"
                )
                if not (sql or "").upper().startswith("CREATE VIRTUAL")
            ]
            counts = tuple(
                (name, conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
                for name in sorted(tables)
            )
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            edited = conn.execute("SELECT max(updated_at) FROM influencer").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return (revision, counts, edited)


def backup_before_upgrade(db_path: Path, revision: str, folder: Path) -> Path:
    """The copy made before upgrading `db_path` from `revision`, made once per file state.

    An upgrade that was interrupted leaves the file as it was, so the next start would copy
    the very same data again; the copy from the first attempt is reused instead.
    """
    reason = f"before upgrade {revision}"
    wanted = slug(reason)
    earlier = next(
        (b for b in named_backups(Path(folder), Path(db_path).stem) if b.reason == wanted), None
    )
    if earlier is not None:
        now = _fingerprint(Path(db_path))
        if now is not None and now == _fingerprint(earlier.path):
            return earlier.path
    return make_backup(db_path, reason, folder)


def backup_before(db: Database, reason: str) -> Path:
    """Back up the open database before `reason` (e.g. "import"); returns the copy's path."""
    return make_backup(db.path, f"before {reason}")


def daily_backup_if_due(
    db_path: Path, folder: Path | None = None, now: datetime | None = None
) -> Path | None:
    """The start-up backup: made when no backup of `db_path` exists from today."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = Path(folder) if folder is not None else default_folder(db_path)
    today = (now or datetime.now()).date()
    if any(b.made_at.date() == today for b in named_backups(folder, db_path.stem)):
        return None
    return make_backup(db_path, "daily", folder)


def to_keep(
    made: Iterable[datetime], now: datetime, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> set[datetime]:
    """Which backup times survive rotation: the newest of each of the last `daily` days, then
    the newest of each of the `weekly` weeks before those, and everything from the last 24 h."""
    ordered = sorted(set(made), reverse=True)
    keep = {t for t in ordered if now - t < KEEP_EVERYTHING_YOUNGER_THAN}
    days: set[object] = set()
    for t in ordered:
        if len(days) == daily:
            break
        if t.date() not in days:
            days.add(t.date())
            keep.add(t)
    oldest_day = min(days) if days else None
    weeks: set[tuple[int, int]] = set()
    for t in ordered:
        if oldest_day is not None and t.date() >= oldest_day:
            continue
        if len(weeks) == weekly:
            break
        week = tuple(t.isocalendar())[:2]
        if week not in weeks:
            weeks.add(week)  # type: ignore[arg-type]
            keep.add(t)
    return keep


def rotate(folder: Path, stem: str, now: datetime | None = None) -> list[Path]:
    """Delete the backups of `stem` that rotation does not keep; returns what was deleted."""
    backups = named_backups(folder, stem)
    now = now or datetime.now().astimezone()
    keep = to_keep((b.made_at for b in backups), now)
    removed = []
    for backup in backups:
        if backup.made_at not in keep:
            with contextlib.suppress(OSError):  # a file we cannot delete just stays
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True)


def describe(path: Path, made_at: datetime | None = None, reason: str = "") -> BackupInfo:
    """What one backup holds, read without writing to it."""
    path = Path(path)
    count = revision = None
    try:
        conn = _read_only(path)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            count = conn.execute(
                "SELECT count(*) FROM influencer WHERE deleted_at IS NULL"
            ).fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        pass  # an unreadable backup is still listed, with no counts
    if made_at is None and (match := NAME_PATTERN.match(path.name)):
        made_at = datetime.strptime(match["stamp"], STAMP_FORMAT).astimezone()
        reason = reason or match["reason"]
    made = made_at or datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return BackupInfo(path, made, path.stat().st_size, count, revision, reason)


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """Every backup in `folder` (of database `stem`, or any), newest first, read read-only."""
    infos = []
    for backup in named_backups(Path(folder), stem):
        with contextlib.suppress(OSError):  # deleted while we looked
            infos.append(describe(backup.path, backup.made_at, backup.reason))
    return infos


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """What PRAGMA integrity_check (or quick_check) finds wrong with `path`; [] when sound."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = _read_only(path)
        try:
            rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}(20)")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def verify_backup(path: Path) -> str:
    """Check that `path` is a sound infcrm backup; returns its schema revision."""
    path = Path(path)
    when = _when(path)
    problems = integrity_problems(path)
    if problems:
        raise BackupDamaged(
            f"The backup {when} is damaged ({problems[0]}), so it was not restored and "
            "nothing was changed. Choose an older backup."
        )
    try:
        revision = inspect_file(path)
    except StorageError as exc:
        raise BackupDamaged(f"The backup {when} cannot be restored: {exc}") from exc
    if revision is None:
        raise BackupDamaged(f"The backup {when} is empty, so it was not restored.")
    return revision


def _when(path: Path) -> str:
    for backup in named_backups(path.parent, None):
        if backup.path == path:
            return f"of {backup.made_at:%d %b %Y, %H:%M}"
    return f"“{path.name}”"


def _move_aside(db_path: Path, folder: Path) -> Path:
    """Keep a damaged database byte for byte: move it (and its -wal) into the backups folder."""
    dest = free_name(folder, backup_name(db_path, "damaged"))
    shutil.move(str(db_path), dest)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            if suffix == "-wal":
                shutil.move(str(side), dest.with_name(dest.name + suffix))
            else:
                side.unlink()
    return dest


def restore(db_path: Path, backup_path: Path, folder: Path | None = None) -> Path | None:
    """Replace the database at `db_path` by the backup at `backup_path`.

    The backup is checked first (a damaged one is refused and nothing changes). The current
    file is kept as a backup too, so a restore can itself be undone; a damaged current file is
    moved aside unchanged rather than copied. Close every connection to `db_path` first.
    Returns where the previous file was kept (None if there was none).
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    verify_backup(backup_path)
    folder = Path(folder) if folder is not None else default_folder(db_path)
    kept = None
    if db_path.exists() and db_path.stat().st_size > 0:
        if integrity_problems(db_path, quick=True):
            try:
                kept = _move_aside(db_path, folder)
            except OSError as exc:
                raise _failure(folder / db_path.name, exc) from exc
        else:
            kept = backup_copy(
                db_path,
                free_name(folder, backup_name(db_path, "before restore")),
                check=False,  # just checked
                unique=True,
            )
    try:
        source = _read_only(backup_path)
        try:
            target = sqlite3.connect(db_path)
            try:
                make_private(db_path)
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise StorageError(
            f"The backup could not be copied in ({exc}). Your previous data was kept in “{kept}”."
            if kept
            else f"The backup could not be copied in ({exc})."
        ) from exc
    make_private(db_path)
    return kept


def newest_good_backup(db_path: Path, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of `db_path` that passes the integrity check, if any."""
    folder = Path(folder) if folder is not None else default_folder(db_path)
    for info in list_backups(folder, Path(db_path).stem):
        if info.reason == "damaged" or info.schema_revision is None:
            continue
        try:
            verify_backup(info.path)
        except BackupDamaged:
            continue
        return info
    return None


def last_backup_time(db_path: Path, folder: Path | None = None) -> datetime | None:
    """When the newest backup of `db_path` was made (None if there is none)."""
    try:
        folder = Path(folder) if folder is not None else default_folder(db_path)
    except BackupFailed:
        return None
    backups = named_backups(folder, Path(db_path).stem)
    return backups[0].made_at if backups else None
