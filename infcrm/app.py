"""Builds the QApplication, opens storage and shows the MainWindow (the glue of Qt and storage)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from infcrm import APP_NAME, __version__, paths
from infcrm.db.engine import Database, NotAnInfcrmDatabase, StorageError, open_database
from infcrm.db.lock import DatabaseLock


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with infcrm's names (QSettings keys hang on them)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName("infcrm")
    from infcrm.ui import gc_guard

    gc_guard.install(app)  # Qt objects are never collected on a background thread
    return app  # type: ignore[return-value]


def open_storage(db_path: Path) -> Database:
    """Open the database for the app (migrating it after a backup)."""
    return open_database(db_path, backup_dir=paths.backup_dir(db_path))


def _wait_for_screen(window, timeout: float = 30.0) -> None:
    """Let the screen on show finish reading in the background, so the picture shows data."""
    from infcrm.ui.models.latest_loader import LatestLoader

    view = window.stack.currentWidget()
    deadline = time.monotonic() + timeout
    QApplication.processEvents()
    while time.monotonic() < deadline:
        loading = getattr(view, "is_loading", None)
        busy = any(loader.busy for loader in window.findChildren(LatestLoader))
        if not busy and not (callable(loading) and loading()):
            break
        time.sleep(0.01)
        QApplication.processEvents()
    QApplication.processEvents()


def save_screenshot(window, target: Path, view: str | None, size: tuple[int, int]) -> None:
    """Render `view` of `window` (None: the screen it opened on) at `size` to a PNG file."""
    window.resize(*size)
    if view:
        window.show_view(view)
    window.show()
    _wait_for_screen(window)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target)):
        raise OSError(f"Could not write the screenshot to {target}.")


def open_or_recover(db_path: Path, *, interactive: bool) -> Database | None:
    """Open the database; a damaged one is never overwritten, but its newest good backup is
    offered. None when the user declined the offer."""
    try:
        return open_storage(db_path)
    except NotAnInfcrmDatabase as exc:
        # Only a file that was an SQLite database can be a damaged infcrm file.
        with db_path.open("rb") as file:
            was_a_database = file.read(16) == b"SQLite format 3\x00"
        if not interactive or not was_a_database:
            raise
        from infcrm.db import backups
        from infcrm.ui.dialogs.restore_dialog import ask_to_restore

        newest = backups.newest_good_backup(db_path)
        if not ask_to_restore(None, db_path, str(exc), newest) or newest is None:
            return None
        backups.restore(db_path, newest.path)
        return open_storage(db_path)


def run_app(args: argparse.Namespace) -> int:
    """Open the app (or render a screenshot and exit); returns the exit code."""
    if args.screenshot:
        # A screenshot needs no screen: render offscreen, so it works over SSH and in CI too.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    db_path = paths.database_path(args.db)
    # Taken before opening: a second copy is told at once instead of "database is locked"
    # five seconds later.
    lock = DatabaseLock(db_path)
    try:
        lock.acquire()
        db = open_or_recover(db_path, interactive=not args.screenshot)
    except StorageError as exc:
        lock.release()
        if args.screenshot:
            print(str(exc), file=sys.stderr)
        else:
            QMessageBox.critical(None, "infcrm cannot open your data", str(exc))
        return 1
    if db is None:
        lock.release()
        return 1
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(db)
    try:
        if args.screenshot:
            save_screenshot(window, Path(args.screenshot), args.view, args.size)
            print(f"Saved {args.screenshot}")
            return 0
        if args.view:
            window.show_view(args.view)
        window.show()
        QTimer.singleShot(0, window.raise_)
        # The daily backup and the health check wait until the window is painted.
        QTimer.singleShot(300, window.data_safety.start_background_checks)
        return app.exec()
    finally:
        window.data_safety.wait_for_background()
        window.deleteLater()
        db.close()
        lock.release()
