"""File › Restore from backup… on a server's database: choose one of the dumps made on this
computer, then put it back for the whole team (services/maintenance/server_restore.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from infcrm.db import server_backup, server_restore
from infcrm.services.changes import EVERYTHING
from infcrm.services.maintenance.server_restore import restore_dump, server_backups
from infcrm.ui import operations

if TYPE_CHECKING:
    from infcrm.ui.main_window import MainWindow

TITLE = "Restore from backup"


def restore_server_backup(window: MainWindow, before: Callable[[], None]) -> bool:
    """Let the user pick a dump, confirm, then restore it; every screen reloads. `before`
    runs just before the restore (let background work finish). Returns whether it worked."""
    from infcrm.ui.dialogs.restore_dialog import RestoreDialog, describe_backup

    if server_restore.pg_restore() is None:
        QMessageBox.warning(window, TITLE, server_restore.no_pg_restore_message())
        return False
    db = window.db
    chosen = RestoreDialog.choose(
        window, None, dumps=server_backups(db), folder=server_backup.folder()
    )
    if chosen is None:
        return False
    before()
    restored = operations.run_in_background(
        window,
        TITLE,
        lambda _progress: restore_dump(db, chosen.path),
        label="Backing up the data as it is now, then restoring…",
        cancellable=False,
        changes=EVERYTHING,  # every screen shows the data as the backup had it
    )
    if not restored.ok:
        return False
    # Undo steps describe the data that was just replaced; they no longer apply.
    window.undo_stack.clear()
    QMessageBox.information(
        window,
        TITLE,
        f"Your team's data is back to {describe_backup(chosen)}; everyone's screens reload. "
        f"The data as it was before is kept as a backup ({restored.value.kept.name}): choose "
        "it in File › Restore from backup… to go back to it.",
    )
    return True
