"""Backup files in a folder: their names, finding them, claiming a unique name for a new
copy, and removing what a killed backup or export left half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from infcrm.db.lock import process_alive

STAMP_FORMAT = "%Y%m%d-%H%M%S"
# A copy in progress: hidden, named after the process writing it (pid), so a later start can
# tell the leftovers of a killed copy (remove) from a copy still being made (keep).
# Exports use the same shape ending in .part (files.export_target).
_PARTIAL = re.compile(
    r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]+\.(?:partial|part)(?:-journal|-wal|-shm)?$"
)
NAME_PATTERN = re.compile(
    r"^(?P<stem>.+?)-(?P<reason>daily|manual|damaged|before-[a-z0-9-]+?)"
    r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$"
)


def slug(reason: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")[:40].strip("-")
    # Only these shapes are recognised as backups when the folder is read back.
    return cleaned if re.fullmatch(r"daily|manual|damaged|before-[a-z0-9-]+", cleaned) else "manual"


def backup_name(db_path: Path, reason: str, when: datetime | None = None) -> str:
    """The file name of a backup of `db_path` made for `reason` at `when` (default: now)."""
    stamp = (when or datetime.now()).strftime(STAMP_FORMAT)
    return f"{Path(db_path).stem}-{slug(reason)}-{stamp}.sqlite"


def chosen_folder(dest: str) -> Path | None:
    """The folder a backup's destination names, made if needed, or None for a file name.

    A folder is one that exists, or a name ending in a slash: `backup bk/` means “into bk”,
    and writing a file called bk instead left the user looking for a folder.
    """
    path = Path(dest).expanduser()
    if dest.endswith(("/", os.sep)) or path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        return path
    return None


def free_name(folder: Path, name: str) -> Path:
    target = folder / name
    number = 2
    while target.exists():
        target = folder / f"{name.removesuffix('.sqlite')}-{number}.sqlite"
        number += 1
    return target


def claim_name(partial: Path, dest: Path, *, unique: bool) -> Path:
    """Give the finished copy its name; with `unique`, the next free one even if another
    process finishes a copy of the same second at the same moment (never overwritten)."""
    if not unique:
        os.replace(partial, dest)
        return dest
    stem = dest.name.removesuffix(".sqlite")
    for number in range(1, 1000):
        target = dest if number == 1 else dest.with_name(f"{stem}-{number}.sqlite")
        try:
            os.link(partial, target)  # fails if the name is taken: atomic, unlike exists()
        except FileExistsError:
            continue
        except OSError:
            # A file system without hard links: reserve the name, then move the copy onto it.
            try:
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                continue
            os.replace(partial, target)
            return target
        partial.unlink()
        return target
    raise FileExistsError(errno.EEXIST, "no free backup name", str(dest))


def clean_leftovers(folder: Path) -> list[Path]:
    """Delete the half-made copies (and their journals) that a killed backup or export left in
    `folder`; those of a process that still runs are kept."""
    removed = []
    try:
        candidates = [p for p in Path(folder).iterdir() if p.name.startswith(".")]
    except OSError:
        return []
    for path in candidates:
        match = _PARTIAL.match(path.name)
        if match is None or process_alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)  # an export's private folder of row streams
            else:
                path.unlink()
            removed.append(path)
    return removed


@dataclass(frozen=True)
class NamedBackup:
    """A file in the backups folder whose name says whose backup it is, when and why."""

    path: Path
    made_at: datetime
    reason: str


def _mtime(path: Path) -> int:
    """Orders backups made within the same second."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def named_backups(folder: Path, stem: str | None) -> list[NamedBackup]:
    """The backups of database `stem` (or of any) in `folder`, newest first; other files are
    ignored, so a user's own copies there are never rotated away."""
    found = []
    try:
        candidates = list(Path(folder).glob("*.sqlite"))
    except OSError:
        return []
    for path in candidates:
        match = NAME_PATTERN.match(path.name)
        if match is None or (stem is not None and match["stem"] != stem):
            continue
        made = datetime.strptime(match["stamp"], STAMP_FORMAT).astimezone()
        found.append(NamedBackup(path, made, match["reason"]))
    found.sort(key=lambda b: (b.made_at, _mtime(b.path), b.path.name), reverse=True)
    return found
