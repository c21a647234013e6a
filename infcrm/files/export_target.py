"""Where an export is written: never over the database or its backups, through a private
temporary file beside the destination that a crash cannot leave behind for long."""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from infcrm import paths
from infcrm.services.maintenance import maintenance

# No space left, the file-size limit, the user's disk quota: to the user all are a full disk.
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_SIDE_FILES = ("", "-wal", "-shm", "-journal", ".lock")


class ExportError(Exception):
    """An export could not be written; the message says why in plain words."""


def temp_path(destination: Path) -> Path:
    """A hidden, unique temporary name beside `destination`, naming this process (pid), so a
    later start can tell a killed export's leftover from one still being written."""
    destination = Path(destination)
    return destination.with_name(f".{destination.stem}.{os.getpid()}-{secrets.token_hex(4)}.part")


def refuse_unsafe(db_path: Path | None, destination: Path) -> None:
    """Raise ExportError when `destination` is the database, a file of it, or in its backups.

    Compared by identity, so another spelling, a symbolic or hard link, or a different case
    on a case-insensitive disk is caught too.
    """
    if db_path is None:
        return
    db_path, destination = Path(db_path), Path(destination)
    if destination.exists():
        for suffix in _SIDE_FILES:
            own = db_path.with_name(db_path.name + suffix)
            with suppress(OSError):
                if own.exists() and os.path.samefile(own, destination):
                    raise ExportError(
                        f"“{destination.name}” is your database itself, so the export was not "
                        "written (it would have replaced your data). Choose another file name."
                    )
    backups = paths.backup_dir_path(db_path)
    folder = destination.parent
    with suppress(OSError):
        if backups.exists() and (
            os.path.samefile(folder, backups) or folder.resolve().is_relative_to(backups.resolve())
        ):
            raise ExportError(
                f"“{folder}” is where infcrm keeps the backups of your data, so the export was "
                "not written there. Choose another folder."
            )


def destination_problem(
    destination: Path, db_path: Path | str, what: str = "export from"
) -> str | None:
    """Why a command cannot write to `destination` from the database at `db_path` (a file, or
    a server's URL), in a sentence, or None when it can. Checked before the database opens."""
    if not destination.parent.is_dir():
        return f"{destination.parent} is not an existing folder; choose another place."
    if destination.is_dir():
        return f"{destination} is a folder; give a file name ending in {destination.suffix}."
    if not isinstance(db_path, Path):  # a server's database: no file to protect
        return None
    if not db_path.exists():
        return f"There is no database at {db_path} to {what}."
    try:
        refuse_unsafe(db_path, destination)  # never over the data
    except ExportError as exc:
        return str(exc)
    return None


def _disk_sentence(exc: OSError, folder: Path) -> str:
    if exc.errno in _DISK_FULL:
        return (
            f"The disk is full, so the export was not saved (nothing was left in {folder}). "
            "Free some space or choose another place, then export again."
        )
    return f"The export could not be written in {folder} ({exc.strerror or exc})."


@contextmanager
def atomic_file(path: Path, db_path: Path | None = None) -> Iterator[Path]:
    """A private temporary path beside `path` that replaces it on success and vanishes on
    any error. With `db_path`, refuses a destination that is that database or its backups."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"{folder} is not an existing folder. Choose another place to save.")
    refuse_unsafe(db_path, path)
    maintenance.clean_leftovers(folder)
    temp = temp_path(path)
    try:
        # Private while it holds half an export of personal data.
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise ExportError(
            f"infcrm cannot write in {folder} ({exc.strerror or exc}). Choose another folder."
        ) from exc
    try:
        try:
            yield temp
        except OSError as exc:
            raise ExportError(_disk_sentence(exc, folder)) from exc
        try:
            # The finished file gets the permissions any new file of the user gets.
            os.chmod(temp, 0o666 & ~_umask())
            os.replace(temp, path)
        except OSError as exc:
            raise ExportError(
                f"{path.name} could not be replaced ({exc.strerror or exc}). If it is open in "
                "another program, close it there and export again."
            ) from exc
    finally:
        temp.unlink(missing_ok=True)


def _umask() -> int:
    """The process's file-creation mask, read without changing it (where the system says)."""
    with suppress(OSError, ValueError, StopIteration):
        status = Path("/proc/self/status").read_text().splitlines()
        return int(next(line for line in status if line.startswith("Umask:")).split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it straight back
    os.umask(mask)
    return mask


__all__ = [
    "ExportError",
    "atomic_file",
    "destination_problem",
    "refuse_unsafe",
    "temp_path",
]
