"""Keeping the user's data safe from the window: back up now, restore, where the data is, and
the daily backup and health check that run in the background once the window shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QThread, Signal
from PySide6.QtWidgets import QMessageBox

from infcrm.db.backups import describe
from infcrm.db.engine import Database, StorageError
from infcrm.services.changes import EVERYTHING
from infcrm.services.maintenance import maintenance
from infcrm.ui import operations

if TYPE_CHECKING:
    from infcrm.ui.main_window import MainWindow


class StartupCheck(QThread):
    """The daily backup (if due) and a quick integrity check, off the UI thread."""

    checked = Signal(object)  # (backup made or None, why it failed or None, HealthReport)
    failed = Signal(str)

    def __init__(self, work: Callable[[], tuple], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work

    def run(self) -> None:
        """Runs in the worker thread; touches no widget."""
        try:
            self.checked.emit(self.work())
        except Exception as exc:  # reported in the status bar, never a crash at start-up
            self.failed.emit(str(exc))


class ServerBackup(QThread):
    """The daily pg_dump of a server's database (if due), off the UI thread."""

    done = Signal(object)  # maintenance.server_daily_backup's (dump, failure, no_pg_dump)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def run(self) -> None:
        """Runs in the worker thread; touches no widget."""
        self.done.emit(maintenance.server_daily_backup(self.db))


# The servers whose missing pg_dump the user was told about: said once, not at every start.
TOLD_NO_PG_DUMP_KEY = "backups/told_no_pg_dump"


class DataSafety(QObject):
    """File › Back up now, File › Restore from backup…, Help › Where is my data?"""

    # The start-up check finished (its HealthReport); a restore replaced the data.
    startup_checked = Signal(object)
    restored = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._check: StartupCheck | None = None
        self._dump: ServerBackup | None = None  # a server's daily pg_dump
        self._closed = False  # the window is closing: no new background work
        self.back_up_action = window.add_action(
            "file",
            "&Back up now",
            self.back_up_now,
            None,
            "Copy your data into the backups folder now",
            "backup",
        )
        self.restore_action = window.add_action(
            "file",
            "&Restore from backup…",
            self.restore_from_backup,
            None,
            "Go back to an earlier copy of your data; the current data is kept as a backup",
            "restore",
        )
        self.where_action = window.add_action(
            "help",
            "&Where is my data?",
            self.show_data_location,
            None,
            "The data file, the backups folder and when the last backup was made",
            "database",
        )

    # Start-up ----------------------------------------------------------------------------

    def start_background_checks(self) -> None:
        """Run the daily backup and the quick check in a worker (after the window shows); a
        server's database is checked there, and dumped from here when pg_dump is installed."""
        if self._closed or (self._check is not None and self._check.isRunning()):
            return  # closed before its delayed start came: its database is closed too
        db = self.window.db
        if db.is_file:
            path = db.path
            self._check = StartupCheck(lambda: maintenance.startup_backup_and_check(path), self)
        else:
            self._check = StartupCheck(lambda: (None, None, maintenance.quick_check(db)), self)
            if self._dump is None or not self._dump.isRunning():
                self._dump = ServerBackup(db, self)
                self._dump.done.connect(self._on_server_backup)
                self._dump.start()
        self._check.checked.connect(self._on_startup_checked)
        self._check.failed.connect(self._on_startup_failed)
        self._check.start()

    def wait_for_background(self) -> None:
        """Let a running start-up check finish (before quitting or restoring)."""
        for thread in (self._check, self._dump):
            if thread is not None:
                thread.wait()

    def close(self) -> None:
        """The window is closing: let running work finish and start none (the start-up check
        waits a moment after the window shows, and may come after a quick close)."""
        self._closed = True
        self.wait_for_background()

    def _on_startup_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(f"The start-up check could not run: {message}", 20000)

    def _on_startup_checked(self, result: tuple) -> None:
        made, failure, report = result
        status = self.window.statusBar()
        if not report.ok and not self.window.db.is_file:  # each problem says what to do
            self.startup_checked.emit(report)
            QMessageBox.warning(
                self.window,
                "The team's database needs attention",
                "The check at start-up found:\n\n" + "\n\n".join(report.problems),
            )
            return
        if not report.ok:
            from infcrm.ui.dialogs.restore_dialog import offer_newest_good_backup

            self.startup_checked.emit(report)
            chosen = offer_newest_good_backup(self.window, self.window.db.path, report.problems[0])
            if chosen is not None:
                self._restore(chosen)
            return
        if failure:
            status.showMessage(f"Today's backup could not be made. {failure}", 30000)
        elif made is not None:
            status.showMessage("Today's backup is made.", 5000)
        self.startup_checked.emit(report)

    def _on_server_backup(self, result: tuple) -> None:
        made, failure, no_pg_dump = result
        if made is not None:
            self.window.statusBar().showMessage("Today's backup of the server is made.", 5000)
        elif no_pg_dump:
            told = QSettings().value(TOLD_NO_PG_DUMP_KEY, [], list) or []
            where = self.window.db.url
            if where not in told:  # once: the advice does not change from one start to the next
                QSettings().setValue(TOLD_NO_PG_DUMP_KEY, [*told, where])
                box = QMessageBox(
                    QMessageBox.Icon.Information,
                    "Backups of the server",
                    failure,
                    parent=self.window,
                )
                box.setObjectName("noPgDumpAdvice")
                box.open()
        elif failure:
            self.window.statusBar().showMessage(
                f"Today's backup could not be made. {failure}", 30000
            )

    # Actions -----------------------------------------------------------------------------

    def back_up_now(self) -> Path | None:
        """Back up now in a worker; says where the copy went."""
        db = self.window.db
        backed_up = operations.run_in_background(
            self.window,
            "Back up now",
            lambda _progress: maintenance.back_up_now(db),
            label="Backing up your data…",
            cancellable=False,
        )
        if not backed_up.ok:
            return None
        copy = backed_up.value
        self.window.statusBar().showMessage(f"Backed up to {copy}", 10000)
        return copy

    def restore_from_backup(self) -> None:
        """Let the user pick a backup, confirm, then restore it."""
        from infcrm.ui.dialogs.restore_dialog import RestoreDialog

        if not self.window.db.is_file:
            from infcrm.ui.server_restore_flow import restore_server_backup

            if restore_server_backup(self.window, self.wait_for_background):
                self.restored.emit()
            return
        try:
            chosen = RestoreDialog.choose(self.window, self.window.db.path)
        except StorageError as exc:
            QMessageBox.warning(self.window, "Restore from backup", str(exc))
            return
        if chosen is not None:
            self._restore(chosen.path)

    def _restore(self, backup: Path) -> bool:
        """Replace the data by `backup`; every screen reloads. Returns whether it worked."""
        from infcrm.ui.dialogs.restore_dialog import describe_backup

        self.wait_for_background()
        db = self.window.db
        what = describe_backup(describe(backup))
        restored = operations.run_in_background(
            self.window,
            "Restore from backup",
            lambda _progress: maintenance.restore_backup(db, backup),
            label="Restoring your data…",
            cancellable=False,
            changes=EVERYTHING,  # every screen shows the data as the backup had it
        )
        if not restored.ok:
            return False
        kept = restored.value
        # Undo steps describe the data that was just replaced; they no longer apply.
        self.window.undo_stack.clear()
        self.restored.emit()
        done = f"Your data is back to {what}."
        if kept is not None:
            done += (
                " The data you had before is kept as a backup: choose it in "
                "File › Restore from backup… to go back to it."
            )
        QMessageBox.information(self.window, "Restore from backup", done)
        return True

    def show_data_location(self) -> None:
        """Help › Where is my data?"""
        from infcrm.ui.dialogs.data_location_dialog import DataLocationDialog

        if not self.window.db.is_file:  # no data file here: the server holds it
            advice = maintenance.server_data_advice(self.window.db)
            QMessageBox.information(self.window, "Where is my data?", advice)
            return
        try:
            places = maintenance.data_locations(self.window.db)
        except StorageError as exc:
            QMessageBox.warning(self.window, "Where is my data?", str(exc))
            return
        dialog = DataLocationDialog(places, self.window)
        dialog.exec()
        dialog.deleteLater()
