"""Backing up a server's database from this computer: PostgreSQL's pg_dump, when installed.

A dump in pg_dump's custom format lands in the same backups folder as the copies of the
default file, named like them (`crm-manual-20260501-093000.dump`), private (0600), written
under a hidden partial name first so a killed dump never looks like a backup. pg_dump runs
with the address of the engine; a password found in the keyring goes through its environment
(PGPASSWORD), never its command line, which other users of the computer can see.

db/server_restore.py puts a dump back (File › Restore from backup…, `infcrm import DUMP`).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infcrm.db.backup_files import STAMP_FORMAT, slug
from infcrm.db.backup_rotation import to_keep
from infcrm.db.backups import BackupFailed, make_private
from infcrm.db.engine import StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

SUFFIX = ".dump"
# The names dump_name gives (and free_dump_name numbers): database, reason, moment.
_NAME = re.compile(r"^(?P<database>.+?)-(?P<reason>daily|manual|before-[a-z0-9-]+?)"
                   r"-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.dump$")  # fmt: skip


def pg_dump() -> str | None:
    """Where pg_dump is (on PATH), or None."""
    return shutil.which("pg_dump")


def no_pg_dump_message(shown: str) -> str:
    """What to do when this computer cannot dump the server's database."""
    return (
        f"The database {shown} is on a server, and this computer has no pg_dump (PostgreSQL's "
        "backup program), so infcrm cannot back it up from here. Install PostgreSQL's client "
        "programs (Debian or Ubuntu: sudo apt install postgresql-client; macOS: brew install "
        "libpq; Windows: the PostgreSQL installer's command line tools) and back up again, or "
        "have the server backed up where it runs: pg_dump every night, or the automatic "
        "backups of the company hosting it."
    )


def dump_name(url: URL, reason: str, when: datetime | None = None) -> str:
    """The backup's file name: the database's name, the reason and the moment."""
    stamp = (when or datetime.now()).strftime(STAMP_FORMAT)
    return f"{url.database or 'server'}-{slug(reason)}-{stamp}{SUFFIX}"


def _plain(url: URL) -> str:
    """The address as libpq reads it, without the password (which goes in PGPASSWORD, out of
    the process list and of the printed restore command)."""
    from infcrm.db.location import libpq_url

    return libpq_url(url)


def dump(url: URL, dest: Path) -> Path:
    """Dump the server database at `url` into `dest` (custom format); returns the file.

    Raises StorageError saying what to do when pg_dump is missing or fails.
    """
    from infcrm.db.location import display_url

    program = pg_dump()
    if program is None:
        raise StorageError(no_pg_dump_message(display_url(url)))
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        done = subprocess.run(
            [program, "--format=custom", f"--file={partial}", f"--dbname={_plain(url)}"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            said = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
            if "permission denied for" in said:  # a sign-in not acting as the tables' owner
                raise StorageError(f"{_tables_refused(url)} Nothing was backed up.")
            raise StorageError(
                f"pg_dump could not back up {display_url(url)}: {said}. Nothing was written; "
                "check that pg_dump is at least as new as the server, and the address."
            )
        os.replace(partial, dest)
    except OSError as exc:
        raise BackupFailed(f"infcrm could not write the backup {dest}: {exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    make_private(dest)
    return dest


def _tables_refused(url: URL) -> str:
    from infcrm.db.server import tables_refused

    return tables_refused(url)


def folder() -> Path:
    """The backups folder a server's dumps go to: that of the default database file."""
    from infcrm import paths
    from infcrm.db.backups import default_folder

    return default_folder(paths.data_dir() / paths.DB_FILENAME)


def back_up(url: URL, reason: str = "manual", dest: Path | None = None) -> Path:
    """Dump the server database at `url` into `dest` (a file or a folder; default: the
    backups folder), under a new backup name; returns the file."""
    where = folder() if dest is None else Path(dest).expanduser()
    if dest is None or where.is_dir():
        where = free_dump_name(where, dump_name(url, reason))
    elif where.exists():
        raise StorageError(f"{where} already exists; choose another name.")
    return dump(url, where)


def free_dump_name(folder: Path, name: str) -> Path:
    """`folder/name`, numbered (-2, -3…) if a backup of the same second is there."""
    target, number = folder / name, 2
    while target.exists():
        target = folder / f"{name.removesuffix(SUFFIX)}-{number}{SUFFIX}"
        number += 1
    return target


def dumps(folder: Path, url: URL) -> list[Path]:
    """The dumps of the database at `url` in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = folder.glob(f"{url.database or 'server'}-*{SUFFIX}")
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


def made_at(path: Path, url: URL) -> datetime | None:
    """When the dump at `path` of the database at `url` was made (its name says), or None
    when the file is not one of its dumps (a user's own file is never rotated away)."""
    match = _NAME.match(Path(path).name)
    if match is None or match["database"] != (url.database or "server"):
        return None
    return datetime.strptime(match["stamp"], STAMP_FORMAT).astimezone()


def daily_dump_if_due(
    url: URL, where: Path | None = None, now: datetime | None = None
) -> Path | None:
    """The daily backup of a server's database, as a file gets it: a dump when none of today
    is in the backups folder, then the same rotation as the file's copies. Returns the new
    dump or None; raises StorageError when pg_dump is missing or fails."""
    where = folder() if where is None else Path(where)
    now = now or datetime.now().astimezone()
    made = [t for t in (made_at(p, url) for p in dumps(where, url)) if t is not None]
    if any(t.date() == now.date() for t in made):
        return None
    dumped = dump(url, free_dump_name(where, dump_name(url, "daily", now)))
    rotate(where, url, now)
    return dumped


def rotate(where: Path, url: URL, now: datetime | None = None) -> list[Path]:
    """Delete the dumps of `url` in `where` that rotation does not keep (db/backup_rotation)."""
    dated = {p: t for p in dumps(where, url) if (t := made_at(p, url)) is not None}
    keep = to_keep(dated.values(), now or datetime.now().astimezone())
    removed = []
    for path, made in dated.items():
        if made not in keep:
            with contextlib.suppress(OSError):  # a file we cannot delete just stays
                path.unlink()
                removed.append(path)
    return removed


__all__ = [
    "back_up",
    "daily_dump_if_due",
    "dump",
    "dump_name",
    "dumps",
    "folder",
    "made_at",
    "no_pg_dump_message",
    "pg_dump",
    "rotate",
]
