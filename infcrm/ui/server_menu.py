"""File › Connect to a server… and File › Move this database to a server….

Connecting opens the server's database in a fresh window, as opening a file does (the
application's opener). Moving copies the open file into an empty database on the server with
the copy service (every table verified), then offers to open the server's copy; the file
stays as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from infcrm.ui import operations
from infcrm.ui.database_menu import OPEN
from infcrm.ui.question_box import ask_yes

if TYPE_CHECKING:
    from infcrm.ui.main_window import MainWindow


class ServerMenu(QObject):
    """The File menu's two server entries of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.connect_action = window.add_action(
            "file",
            "Connect to a ser&ver…",
            self.connect_to_server,
            None,
            "Open the team's shared database on a PostgreSQL server",
            "database",
        )
        self.move_action = window.add_action(
            "file",
            "&Move this database to a server…",
            self.move_to_server,
            None,
            "Copy everything in this file into an empty database on a server, checked "
            "table by table; the file stays as it is",
            "export",
        )
        self.move_action.setEnabled(window.db.is_file)

    def _open(self, url: str) -> bool:
        opener = self.window.database_menu.opener
        if opener is None:  # a window made for a test or a screenshot: say how instead
            QMessageBox.information(
                self.window, "Connect to a server", f"To use it, start infcrm with --db {url}"
            )
            return False
        return opener(url, OPEN)

    def connect_to_server(self) -> bool:
        """Ask for the server's details, try them, then open its database."""
        from infcrm.ui.dialogs.server_dialog import ServerDialog  # storage layer: on use only

        dialog = ServerDialog(self.window, action="Connect")
        known = self._known_server()
        if known:  # its certificates and settings kept: Connect signs in as before
            dialog.fill_from(known)
        if dialog.exec() != ServerDialog.DialogCode.Accepted or dialog.connected is None:
            return False
        return self._open(dialog.connected.url)

    def _known_server(self) -> str | None:
        """The address this window shows, or else the server opened last (Open recent)."""
        from infcrm.ui.database_menu import recent_databases

        if not self.window.db.is_file:
            return self.window.db.url
        return next((where for where in recent_databases() if isinstance(where, str)), None)

    def move_to_server(self) -> bool:
        """Copy this file into an empty database on a server, then offer to open it there."""
        if not self.window.db.is_file:
            return False
        from infcrm.ui.dialogs.server_dialog import ServerDialog  # storage layer: on use only

        dialog = ServerDialog(self.window, action="Move")
        if dialog.exec() != ServerDialog.DialogCode.Accepted or dialog.connected is None:
            return False
        from infcrm.services.maintenance import database_copy  # as ServerDialog, on use only

        url, source = dialog.connected.url, self.window.db
        moved = operations.run_in_background(
            self.window,
            "Move this database to a server",
            lambda progress: database_copy.copy_database(source, url, progress=progress),
            label="Copying your data to the server…",
        )
        if not moved.ok:
            return False
        result = moved.value
        from infcrm.ui.moved_files import mark_moved

        mark_moved(self.window.db.path, result.destination)  # opening the file later says so
        if ask_yes(
            self.window,
            "Move this database to a server",
            f"Copied {result.rows:,} rows in {len(result.tables)} tables to "
            f"{result.destination}, and checked every table: the counts and checksums match. "
            f"Your file {self.window.db.name} is unchanged.\n\nOpen the server's copy now?",
            cancel=False,
        ):
            return self._open(url)
        return True


__all__ = ["ServerMenu"]
