"""Restoring a backup: check it, keep the current file (moved aside when damaged), copy it in."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from infcrm.db.backup_files import backup_name, free_name, named_backups
from infcrm.db.backups import (
    BackupDamaged,
    BackupInfo,
    backup_copy,
    backup_failed,
    default_folder,
    integrity_problems,
    list_backups,
    make_private,
    read_only_connection,
)
from infcrm.db.engine import StorageError, inspect_file


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
                raise backup_failed(folder / db_path.name, exc) from exc
        else:
            kept = backup_copy(
                db_path,
                free_name(folder, backup_name(db_path, "before restore")),
                check=False,  # just checked
                unique=True,
            )
    try:
        source = read_only_connection(backup_path)
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
