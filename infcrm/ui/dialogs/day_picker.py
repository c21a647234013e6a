"""Ask for one day on a calendar (snoozing to a date, for instance)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout, QWidget


def pick_day(parent: QWidget, title: str, earliest: date, proposed: date) -> date | None:
    """The day the user picks (from `earliest` on, `proposed` chosen at first); None: cancelled.

    Nothing is edited before the answer, so closing it needs no unsaved-changes question.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget()
    calendar.setMinimumDate(earliest)
    calendar.setSelectedDate(proposed)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    calendar.activated.connect(dialog.accept)
    column = QVBoxLayout(dialog)
    column.addWidget(calendar)
    column.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return calendar.selectedDate().toPython()


__all__ = ["pick_day"]
