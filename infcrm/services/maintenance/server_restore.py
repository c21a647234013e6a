"""File › Restore from backup… and `infcrm import DUMP` on a server's database: the dumps
made from this computer, and putting one back for the whole team.

A restore first dumps the database as it is now (kept as "before-restore", so the restore can
itself be undone by restoring that), then replaces every table by the chosen dump in one
transaction, upgrades it if the dump is of an older schema, and tells the other computers
that everything changed so their screens reload.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from infcrm.db import change_notices, schema, server_backup, server_password, server_restore
from infcrm.db.backup_files import NAME_PATTERN, STAMP_FORMAT
from infcrm.db.backups import BackupInfo
from infcrm.db.engine import Database, StorageError


@dataclass(frozen=True)
class ServerRestored:
    """What a restore did: the dump put back and the dump of the data it replaced."""

    restored: Path
    kept: Path


def describe_dump(path: Path) -> BackupInfo:
    """One dump as the restore list shows it (no count of people: reading one means reading
    the whole dump); its schema revision is None when pg_restore cannot read it."""
    made_at, reason = None, ""
    if match := NAME_PATTERN.match(path.name.removesuffix(server_backup.SUFFIX) + ".sqlite"):
        with contextlib.suppress(ValueError):
            made_at = datetime.strptime(match["stamp"], STAMP_FORMAT).astimezone()
        reason = match["reason"]
    made = made_at or datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return BackupInfo(path, made, path.stat().st_size, None, server_restore.revision(path), reason)


def server_backups(db: Database) -> list[BackupInfo]:
    """The dumps of this server database made from this computer, newest first."""
    found = []
    for path in server_backup.dumps(server_backup.folder(), db.engine.url):
        with contextlib.suppress(OSError):  # deleted while we looked
            found.append(describe_dump(path))
    return sorted(found, key=lambda info: info.made_at, reverse=True)


def _present_extensions(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return set(conn.execute(text("SELECT extname FROM pg_extension")).scalars())


def restore_dump(db: Database, dump: Path) -> ServerRestored:
    """Put `dump` back into the server database `db` for everyone (see the module).

    Raises StorageError saying what to do; the database is then unchanged.
    """
    if server_restore.pg_restore() is None:
        raise StorageError(server_restore.no_pg_restore_message())
    dump = Path(dump)
    revision = server_restore.revision(dump)
    if revision is None:
        raise StorageError(
            f"“{dump.name}” is not a backup of an infcrm database that pg_restore can read. "
            "Nothing was changed; choose another backup."
        )
    if revision not in schema.known_revisions():
        raise StorageError(
            f"“{dump.name}” was made by a newer infcrm (schema {revision}). Nothing was "
            "changed; update infcrm, then restore it."
        )
    url = server_password.with_password(db.engine.url)
    kept = server_backup.back_up(url, "before-restore")
    present = _present_extensions(db)
    db.engine.dispose()  # this computer's idle connections hold nothing the restore waits for
    server_restore.restore(url, dump, present)
    db.engine.dispose()
    schema.upgrade(db.engine)  # a dump of an older schema is brought up to this infcrm's
    with db.engine.begin() as conn:
        change_notices.announce_everything(conn, db.author, db.instance)
    return ServerRestored(dump, kept)


__all__ = ["ServerRestored", "describe_dump", "restore_dump", "server_backups"]
