"""Restoring an all-sheets export: read it (files/backup_reader), then let the service write it.

The command line and the wizard both come here, so they say the same: what the file holds,
why it cannot be restored (the database is not empty, a row points at nothing), or what was
restored and how to undo it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.backup_reader import BackupError, looks_like_backup, read_backup
from infcrm.services.exchange import restore
from infcrm.services.exchange.people_import import LOCK_WAIT_SECONDS
from infcrm.services.exchange.restore_checks import RestoreRefused, check_backup
from infcrm.services.exchange.restore_types import Backup, RestoreResult
from infcrm.services.maintenance import maintenance
from infcrm.services.progress import Progress

UNDO_HINT = "Undo: in the app, Edit › Undo last import (it removes everything it restored)."


@dataclass(frozen=True)
class RestorePlan:
    """A backup read and checked, and whether this database can take it."""

    backup: Backup
    refused: str | None  # why it cannot be restored here, or None
    database_not_empty: bool = False  # refused because this database holds people already

    def headline(self) -> str:
        """“Restore 300 people, 4 campaigns… from an infcrm export”."""
        return f"Restore {self.backup.describe()} from an infcrm export"


def plan_restore(db: Database, path: Path | str) -> RestorePlan:
    """Read and check the workbook against this database; writes nothing.

    Raises BackupError for a cell that cannot be read; a row pointing at nothing or a database
    that is not empty comes back as the plan's `refused`.
    """
    backup = read_backup(path)
    try:
        backup = check_backup(backup)  # a first reading: counts and refusals, holding no rows
    except RestoreRefused as exc:
        return RestorePlan(backup, str(exc))
    why = restore.refusal(db)
    return RestorePlan(backup, why, database_not_empty=why is not None)


def apply_restore(
    db: Database,
    plan: RestorePlan,
    progress: Progress | None = None,
    *,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> RestoreResult:
    """Back up the database, then restore the plan in one transaction (RestoreRefused if not)."""
    if plan.refused:
        raise RestoreRefused(plan.refused)
    maintenance.back_up_before(db, "import")
    return restore.restore(db, plan.backup, progress=progress, lock_wait=lock_wait)


__all__ = [
    "UNDO_HINT",
    "BackupError",
    "RestorePlan",
    "apply_restore",
    "looks_like_backup",
    "plan_restore",
]
