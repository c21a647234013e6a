"""Backups: consistent copies of the database, and listing them (rotation and restoring are in
backup_rotation.py and backup_restore.py).

Copies go through SQLite's online backup API, so they are consistent even while the app is
writing. Every copy is written under a temporary name and renamed when complete, so a crash or a
full disk never leaves a half-written file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime
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
from infcrm.db.backup_rotation import rotate
from infcrm.db.engine import (
    Database,
    DatabaseDamaged,
    StorageError,
    damaged_message,
    read_only_uri,
)

# No space left, the file-size limit, the user's disk quota: to the user all are a full disk.
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


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


# Files the quick check found sound, with how they stood on disk then: a writing command checks
# its file when it opens it and again before its backup, seconds apart with the file locked; the
# second check (a tenth of a second per 20,000 people) is skipped when not one byte was written
# since. Any write changes the file's or its write-ahead log's size, modification time or inode
# (not its change time: opening the file makes it private, which touches only that).
_FOUND_SOUND: dict[Path, tuple[object, ...]] = {}


def _disk_state(path: Path) -> tuple[object, ...]:
    state: list[object] = []
    for part in (path, path.with_name(f"{path.name}-wal")):
        try:
            st = part.stat()
        except OSError:
            state.append(None)
        else:
            state.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(state)


def refuse_if_damaged(path: Path) -> None:
    """Raise DatabaseDamaged when SQLite's quick check finds damage in `path` (not checked
    again while the file is exactly as it was at its last sound check)."""
    key = Path(path).resolve()
    before = _disk_state(key)
    if _FOUND_SOUND.get(key) == before:
        return
    if integrity_problems(path, quick=True):
        _FOUND_SOUND.pop(key, None)
        raise DatabaseDamaged(damaged_message(path))
    if _disk_state(key) == before and _fine_times(before):  # nothing wrote meanwhile
        _FOUND_SOUND[key] = before


def _fine_times(state: tuple[object, ...]) -> bool:
    """False on a file system keeping whole seconds only (FAT, some network shares): two
    writes within one second look alike there, so such files are checked every time."""
    return all(part is None or part[2] % 1_000_000_000 for part in state)  # type: ignore[index]


def backup_failed(dest: Path, exc: Exception) -> BackupFailed:
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
        raise backup_failed(dest, exc) from exc
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
        conn = read_only_connection(path)
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


def backup_before(db: Database, reason: str) -> Path | None:
    """Back up the open database before `reason` (e.g. "import"); returns the copy's path.

    A server's database is backed up on the server (None): a copy of it on this computer
    would be one user's snapshot of everyone's data.
    """
    if db.path is None:
        return None
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


def read_only_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True)


def describe(path: Path, made_at: datetime | None = None, reason: str = "") -> BackupInfo:
    """What one backup holds, read without writing to it."""
    path = Path(path)
    count = revision = None
    try:
        conn = read_only_connection(path)
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
        conn = read_only_connection(path)
        try:
            rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}(20)")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def last_backup_time(db_path: Path, folder: Path | None = None) -> datetime | None:
    """When the newest backup of `db_path` was made (None if there is none)."""
    try:
        folder = Path(folder) if folder is not None else default_folder(db_path)
    except BackupFailed:
        return None
    backups = named_backups(folder, Path(db_path).stem)
    return backups[0].made_at if backups else None
