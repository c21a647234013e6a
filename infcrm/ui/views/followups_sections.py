"""The Follow-ups screen's sections, what one read of them finds, and its keyboard table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView

from infcrm.db.engine import Database
from infcrm.services.outreach import follow_up_lists
from infcrm.services.outreach.outreach_types import FollowUpRow
from infcrm.ui.models.follow_up_table_model import PAGE

# (bucket, tab title, what an empty section says) in tab order.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("overdue", "Overdue", "Nothing overdue. Well done!"),
    ("today", "Today", "Nothing due today."),
    ("this_week", "This week", "Nothing else due this week."),
    ("later", "Later", "Nothing planned after this week."),
    ("done_recent", "Done", "Nothing ticked off in the last 14 days."),
)
SECTION_KEYS = tuple(key for key, _title, _empty in SECTIONS)
SNOOZES: tuple[tuple[str, int], ...] = (("+1 day", 1), ("+3 days", 3), ("+1 week", 7))


class FollowUpTable(QTableView):
    """The table, with Space to tick off and Enter to open (before the view's own handling)."""

    space_pressed = Signal()
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space marks done, Enter opens the influencer; other keys move as usual."""
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.space_pressed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
        else:
            super().keyPressEvent(event)


@dataclass(frozen=True)
class SectionRead:
    """What one read of the screen found: every section's count and the first page of one."""

    now: datetime
    totals: dict[str, int]
    section: str
    rows: tuple[FollowUpRow, ...]


def read_sections(db: Database, section: str, now: datetime) -> SectionRead:
    """Count every section and read the first page of `section` (runs in the background)."""
    counts = follow_up_lists.buckets(db, now.date(), now=now, per_bucket=0)
    totals = {key: getattr(counts, key).total for key in SECTION_KEYS}
    rows = (
        follow_up_lists.bucket_rows(db, section, now.date(), 0, PAGE, now=now)
        if totals[section]
        else ()
    )
    return SectionRead(now, totals, section, tuple(rows))


__all__ = ["SECTIONS", "SECTION_KEYS", "SNOOZES", "FollowUpTable", "SectionRead", "read_sections"]
