"""A date field that takes a date typed in one go (“15/03/2027”), besides its calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

from infcrm.domain.typed_dates import could_become_date, parse_typed_date

DISPLAY_FORMAT = "ddd d MMM yyyy"


class TypedDateEdit(QDateEdit):
    """A QDateEdit whose text can be typed whole; a due date's passed day rolls into next year.

    Qt's own date field only edits one section at a time, so typing “15/03/2027” over its
    text was refused; here the whole text is read by the domain's date reader.
    """

    def __init__(
        self,
        value: date | QDate | None = None,
        parent: QWidget | None = None,
        *,
        due: bool = False,
        today: date | None = None,
    ) -> None:
        start = value if isinstance(value, QDate) else QDate(value or date.today())
        super().__init__(start, parent)
        self.due = due
        self._today = today
        self.setCalendarPopup(True)
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setToolTip("Type a date such as 15/03/2027 or 15 Mar, or pick one from the calendar")

    def _read(self, text: str) -> date | None:
        return parse_typed_date(text, self._today or date.today(), due=self.due)

    def validate(self, text: str, pos: int) -> object:  # Qt's virtual
        """Whole dates are acceptable; what may still become one is let through."""
        if self._read(text) is not None:
            return QValidator.State.Acceptable, text, pos
        if could_become_date(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:  # Qt's virtual
        """The date the typed text means."""
        found = self._read(text)
        if found is None:
            return super().dateTimeFromText(text)
        return QDateTime(QDate(found.year, found.month, found.day), self.time())

    def fixup(self, text: str) -> str:  # Qt's virtual
        """Half-typed text goes back to the date shown before."""
        return self.textFromDateTime(self.dateTime())


__all__ = ["DISPLAY_FORMAT", "TypedDateEdit"]
