"""File › Export follow-ups to calendar…: choose an .ics file and write the open follow-ups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from infcrm.db.engine import Database
from infcrm.services.outreach import follow_up_lists
from infcrm.ui.save_folder import remember_saved, suggested_path
from infcrm.ui.workers import Cancelled, Progress, run_with_progress

ICS_FILTER = "Calendar files (*.ics)"
DEFAULT_NAME = "infcrm follow-ups.ics"


def export_follow_ups_to_calendar(parent: QWidget, db: Database) -> int | None:
    """Ask where to save, write the .ics in the background; returns how many were written.

    None when the user cancelled or nothing could be written (the user has been told why).
    """
    if follow_up_lists.count_open(db) == 0:
        QMessageBox.information(
            parent,
            "Export follow-ups to calendar",
            "There are no open follow-ups to export. Set one when you log an interaction "
            "(Ctrl+L), then export again.",
        )
        return None
    start = suggested_path(DEFAULT_NAME)
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Export follow-ups to calendar", start, ICS_FILTER
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".ics":
        path = path.with_name(path.name + ".ics")
    remember_saved(path)

    # Loaded here: the icalendar package is only needed when someone exports.
    from infcrm.files.ics_export import export_follow_ups

    def job(progress: Progress) -> int:
        return export_follow_ups(db, path, progress=progress)

    try:
        written = run_with_progress(
            parent, "Export follow-ups to calendar", job, label="Writing the calendar file…"
        )
    except Cancelled:
        return None
    except OSError as exc:
        QMessageBox.warning(
            parent,
            "Export follow-ups to calendar",
            f"The calendar file could not be saved to {path}: {exc.strerror or exc}. "
            "Choose another folder and try again.",
        )
        return None
    status = getattr(parent.window(), "statusBar", None)
    if callable(status):
        status().showMessage(
            f"Exported {written:,} follow-up{'s' if written != 1 else ''} to {path.name}. "
            "Import the file in your calendar app.",
            8000,
        )
    return written


__all__ = ["ICS_FILTER", "export_follow_ups_to_calendar"]
