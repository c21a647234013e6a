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
from infcrm.db import location
from infcrm.db.engine import (
    Database,
    NotAnInfcrmDatabase,
    StorageError,
    open_database,
    starts_as_a_database,
)
from infcrm.db.lock import DatabaseLock


def make_application(argv: list[str] | None = None, theme: str | None = None) -> QApplication:
    """The QApplication with infcrm's names (QSettings keys hang on them), icon and look.

    `theme` ("light" or "dark") overrides the user's choice and the system's scheme.
    """
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    # The name of infcrm.desktop: Wayland desktops match the window to its menu entry and icon.
    QApplication.setDesktopFileName(APP_NAME)
    # No display name: Qt would append it to every title ("infcrm — shop.sqlite — infcrm").
    from infcrm.ui import gc_guard

    gc_guard.install(app)  # Qt objects are never collected on a background thread
    from infcrm.ui.interface_locale import use_interface_locale

    use_interface_locale()  # English dates and numbers in the English interface
    from PySide6.QtGui import QIcon

    from infcrm.ui import theme as look

    app.setWindowIcon(QIcon(str(paths.resource_path("icons", "infcrm.svg"))))
    look.install(app, forced=theme)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def open_storage(db_path: Path) -> Database:
    """Open the database for the app (migrating it after a backup)."""
    return open_database(db_path, backup_dir=paths.backup_dir(db_path))


def new_window(db: Database):  # -> MainWindow (its module is imported here, when needed)
    """The main window on `db`, built so that it paints before anything else runs.

    Background reads and the sidebar's counts wait until it has painted (ui/paint_gate.py):
    the user sees the window half a second sooner on a busy computer.
    """
    from infcrm.ui import paint_gate
    from infcrm.ui.main_window import MainWindow

    paint_gate.hold()
    try:
        window = MainWindow(db)
    except BaseException:
        paint_gate.release()
        raise
    paint_gate.open_after_first_paint(window)
    return window


def _wait_for_screen(window, timeout: float = 30.0) -> None:
    """Let the screen on show finish reading in the background, so the picture shows data."""
    from infcrm.ui.models.latest_loader import LatestLoader

    view = window.current_view()
    deadline = time.monotonic() + timeout
    QApplication.processEvents()
    while time.monotonic() < deadline:
        busy = any(loader.busy for loader in window.findChildren(LatestLoader))
        if not busy and not view.is_loading():
            break
        time.sleep(0.01)
        QApplication.processEvents()
    # New data changes size hints (a chart with one more stage is taller); each layout passes
    # the change to its parent in a posted event, so settle every level before the grab.
    for _ in range(8):
        QApplication.sendPostedEvents()
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
        if not interactive or not starts_as_a_database(db_path):
            raise
        from infcrm.db import backup_restore
        from infcrm.ui.dialogs.restore_dialog import ask_to_restore

        newest = backup_restore.newest_good_backup(db_path)
        if not ask_to_restore(None, db_path, str(exc), newest) or newest is None:
            return None
        backup_restore.restore(db_path, newest.path)
        return open_storage(db_path)


class AppSession:
    """The open database, its lock and its window; opening another file swaps all three.

    The new file is opened (and locked) before anything of the old one is let go, so a file
    that cannot be opened leaves the window as it was.
    """

    def __init__(self, *, interactive: bool = True) -> None:
        self.interactive = interactive
        self.window = None  # MainWindow once a file is open
        self.db: Database | None = None
        self.lock: DatabaseLock | None = None

    def open(self, db_path: Path | str, how: str = "open") -> bool:
        """Open `db_path` ("open", "new" or "sample") in a fresh window; False, told why, if not.

        A postgresql:// URL opens a server's database: no lock (the server serves a team),
        no recovery from backups (the server keeps its own)."""
        from infcrm.ui.database_menu import SAMPLE, remember_database

        if location.is_server(db_path):
            return self._open_server(str(db_path))
        db_path = Path(db_path).expanduser().resolve()
        if self.interactive and how == "open":
            from infcrm.ui import moved_files

            moved = moved_files.moved_to(db_path)
            if moved is not None and moved_files.ask_which(self.window, db_path, *moved):
                return self._open_server(moved[0])
        if self.db is not None and self.db.path is not None and db_path == self.db.path.resolve():
            return True
        lock = DatabaseLock(db_path)
        try:
            lock.acquire()
            db = open_or_recover(db_path, interactive=self.interactive)
        except StorageError as exc:
            lock.release()
            self._tell(str(exc))
            return False
        if db is None:
            lock.release()
            return False
        if how == SAMPLE:
            try:
                self._fill_sample(db)
            except Exception:
                db.close()
                lock.release()
                raise
        remember_database(db_path)
        self._swap(db, lock)
        return True

    def _open_server(self, url: str) -> bool:
        try:
            db = open_database(url)
        except StorageError as exc:
            if self.interactive:
                # A missing password or a refused sign-in is typed in right here, in the
                # Connect dialog filled in from the address: a refusal box at start-up would
                # leave no window, hence no File menu to type it in.
                from infcrm.ui.dialogs.server_dialog import ask_again

                connected = ask_again(self.window, url)
                return connected is not None and self._open_server(connected)
            self._tell(str(exc))
            return False
        from infcrm.ui.database_menu import remember_database

        remember_database(db.url)  # the address without its password: reopened next start
        self._swap(db, None)
        return True

    def _fill_sample(self, db: Database) -> None:
        """Make made-up people in a new sample file, behind a progress dialog."""
        from infcrm.demo import generate as demo
        from infcrm.services.maintenance import settings
        from infcrm.ui.workers import run_with_progress

        def job(_progress) -> None:
            demo.populate(db)
            settings.mark_sample_data(db)

        run_with_progress(
            self.window, "Sample data", job, label="Making sample people…", cancellable=False
        )

    def _swap(self, db: Database, lock: DatabaseLock | None) -> None:
        from infcrm.ui import your_name

        # Signed from the first change on; a team database asks for the name once, first.
        your_name.sign(db, ask=self.interactive, parent=self.window)
        old = (self.window, self.db, self.lock)
        window = new_window(db)
        window.database_menu.opener = self.open
        self.window, self.db, self.lock = window, db, lock
        if old[0] is not None:
            window.show()  # before the old one closes, so the app never has no window
            QTimer.singleShot(300, window.data_safety.start_background_checks)
            window.reminders.start()
            self._close(*old)

    def _close(self, window, db: Database | None, lock: DatabaseLock | None) -> None:
        """Let a window's background reads finish, then close its file and free the lock."""
        from infcrm.ui.models.latest_loader import LatestLoader

        window.data_safety.close()
        loaders = window.findChildren(LatestLoader)
        for loader in loaders:
            loader.skip_pending()
        deadline = time.monotonic() + 30
        while any(loader.busy for loader in loaders) and time.monotonic() < deadline:
            time.sleep(0.01)
        window.close()
        window.deleteLater()
        if db is not None:
            db.close()
        if lock is not None:
            lock.release()

    def close(self) -> None:
        """Close the window on show and its file."""
        if self.window is not None:
            self._close(self.window, self.db, self.lock)
        self.window = self.db = self.lock = None

    def _tell(self, message: str) -> None:
        if not self.interactive:
            print(message, file=sys.stderr)
        elif self.window is None:
            QMessageBox.critical(None, "infcrm cannot open your data", message)
        else:
            QMessageBox.warning(self.window, "This database cannot be opened", message)


def _database_to_open(named: str | None) -> Path | str:
    """--db or INFCRM_DB when given, else the database open last (a server's included),
    else the file in the user's data folder."""
    if named or os.environ.get(paths.DB_ENV_VAR):
        return paths.database_path(named)
    from infcrm.ui.database_menu import last_database

    return last_database() or paths.database_path()


def run_app(args: argparse.Namespace) -> int:
    """Open the app (or render a screenshot and exit); returns the exit code."""
    if args.screenshot:
        # A screenshot needs no screen: render offscreen, so it works over SSH and in CI too.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application(theme=args.theme)
    from infcrm.ui import error_report

    error_report.install()  # every unexpected error is logged and shown, never lost
    # The lock is taken before opening: a second copy is told at once instead of "database is
    # locked" five seconds later.
    session = AppSession(interactive=not args.screenshot)
    if not session.open(_database_to_open(args.db)):
        return 1
    try:
        window = session.window
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
        window.reminders.start()
        return app.exec()
    finally:
        session.close()
