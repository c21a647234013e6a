"""Builds the QApplication, opens storage and shows the MainWindow (the glue of Qt and storage)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from infcrm import APP_NAME, __version__, paths
from infcrm.db.engine import Database, StorageError, open_database


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with infcrm's names (QSettings keys hang on them)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName("infcrm")
    return app  # type: ignore[return-value]


def open_storage(db_path: Path) -> Database:
    """Open the database for the app (migrating it after a backup)."""
    return open_database(db_path, backup_dir=paths.backup_dir(db_path))


def save_screenshot(window, target: Path, view: str, size: tuple[int, int]) -> None:
    """Render `view` of `window` at `size` to a PNG file."""
    window.resize(*size)
    window.show_view(view)
    window.show()
    QApplication.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target)):
        raise OSError(f"Could not write the screenshot to {target}.")


def run_app(args: argparse.Namespace) -> int:
    """Open the app (or render a screenshot and exit); returns the exit code."""
    app = make_application()
    db_path = paths.database_path(args.db)
    try:
        db = open_storage(db_path)
    except StorageError as exc:
        if args.screenshot:
            print(str(exc), file=sys.stderr)
        else:
            QMessageBox.critical(None, "infcrm cannot open your data", str(exc))
        return 1
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(db)
    try:
        if args.screenshot:
            save_screenshot(window, Path(args.screenshot), args.view, args.size)
            print(f"Saved {args.screenshot}")
            return 0
        window.show_view(args.view)
        window.show()
        QTimer.singleShot(0, window.raise_)
        return app.exec()
    finally:
        window.deleteLater()
        db.close()
