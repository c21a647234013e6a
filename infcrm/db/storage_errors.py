"""What can go wrong with a data file, in words the user understands: the errors, their
sentences, and the checks that tell them (busy, read-only)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

BUSY_TIMEOUT_MS = 5000  # how long SQLite waits for another program's write lock


class StorageError(Exception):
    """A database problem explained in words the user understands."""


class NotAnInfcrmDatabase(StorageError):
    """The file is not a database, or is a database of some other program."""


class DatabaseTooNew(StorageError):
    """The file was written by a newer infcrm; opening it could damage it."""


class DiskFull(StorageError):
    """A change could not be saved because the disk (or the database's size limit) is full."""


class DatabaseBusy(StorageError):
    """Another program kept the database busy for longer than infcrm waits."""


class DatabaseDamaged(NotAnInfcrmDatabase):
    """The file failed SQLite's quick check; nothing may write to it or copy it as a backup."""


class ReadOnlyDatabase(StorageError):
    """The file (or its folder) cannot be written to, so infcrm can only read it."""


def damaged_message(path: Path) -> str:
    """The one sentence every command and the app use for a damaged data file."""
    return (
        f"infcrm found damage in your data file “{Path(path).name}”, so it has not changed it. "
        "Open infcrm and restore a backup (File › Restore from backup…); the damaged file will "
        "be kept."
    )


def busy_message(path: Path) -> str:
    """What to say when another program held the database's write lock for too long."""
    return (
        f"“{Path(path).name}” is busy: another program has been changing it for more than "
        f"{BUSY_TIMEOUT_MS // 1000} seconds. Nothing was changed; try again once it has finished."
    )


def is_busy(error: BaseException) -> bool:
    """Whether `error` is SQLite's "database is locked" (or "busy") after the busy timeout."""
    original = getattr(error, "orig", error)
    return getattr(original, "sqlite_errorcode", None) in (
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    ) or "database is locked" in str(original)


def folder_writable(path: Path) -> bool:
    """Whether SQLite can create its side files (-wal, -shm) beside `path`."""
    return os.access(Path(path).parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """An SQLite URI that reads `path` without writing a byte, even on read-only media.

    A WAL database needs its -shm side file even to read; where the folder cannot be written
    to, SQLite may only read it as immutable (nobody can be changing it there anyway).
    """
    uri = f"file:{quote(str(Path(path)))}?mode=ro"
    return uri if folder_writable(path) else uri + "&immutable=1"


def refuse_read_only(path: Path) -> None:
    """Raise ReadOnlyDatabase when `path` (or its folder) cannot be written to."""
    path = Path(path)
    if not folder_writable(path):
        raise ReadOnlyDatabase(
            f"The folder “{path.parent}” is read-only, so infcrm can read “{path.name}” but "
            "not change it. Copy the file to a folder you can write to; checking, exporting "
            "and backing up to another place work as they are."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyDatabase(
            f"“{path.name}” is a read-only file, so infcrm can read it but not change it. "
            "Allow changes to the file (its properties or permissions) and try again; checking, "
            "exporting and backing up work as it is."
        )


__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseTooNew",
    "DiskFull",
    "NotAnInfcrmDatabase",
    "ReadOnlyDatabase",
    "StorageError",
    "busy_message",
    "damaged_message",
    "folder_writable",
    "is_busy",
    "read_only_uri",
    "refuse_read_only",
]
