"""One section of the follow-ups screen (Overdue, Today…) as a table, loaded a page at a time."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from infcrm.db.engine import Database
from infcrm.domain.authorship import by_line
from infcrm.domain.enums import Platform
from infcrm.services.outreach import follow_up_lists
from infcrm.services.outreach.outreach_types import FollowUpBucket, FollowUpRow
from infcrm.ui.models.influencer_columns import DO_NOT_CONTACT_TIP, do_not_contact_icon
from infcrm.ui.widgets.platform_logo import platform_icon

PAGE = 200  # rows fetched at a time as the user scrolls ("show more" without a button)
WAITING = "Waiting for a reply"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("due", "Due"),
    ("name", "Influencer"),
    ("account", "Main account"),
    ("note", "Note"),
    ("status", "Status"),
)
COLUMN_KEYS = tuple(key for key, _title in COLUMNS)
_HANDLED_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.DecorationRole,
)


def day_text(day: date, today: date, weekday: bool = True) -> str:
    """A due date as people say it: "Today", "Tomorrow", "Wed 25 Nov", "Fri 3 Dec 2027";
    without `weekday`, "25 Nov"."""
    gap = (day - today).days
    if gap == 0:
        return "Today"
    if gap == 1:
        return "Tomorrow"
    if gap == -1:
        return "Yesterday"
    year = f" {day.year}" if day.year != today.year else ""
    name = f"{day:%a} " if weekday else ""
    return f"{name}{day.day} {day:%b}{year}"


def _note_line(row: FollowUpRow) -> str:
    """The note on one line, then who set the follow-up ("Send the box  ·  by Ana"); the note
    column stretches, so the name never squeezes the person or the due day."""
    by = by_line(row.set_by)  # nothing for follow-ups set before names were kept
    return "  ·  ".join(p for p in (" ".join((row.note or "").split()), by) if p)


def _network(row: FollowUpRow) -> str:
    try:
        return Platform(row.platform).label if row.platform else ""
    except ValueError:
        return row.platform or ""


def _account(row: FollowUpRow, role: int = Qt.ItemDataRole.DisplayRole) -> str:
    """The handle, as the influencer list shows it: the logo beside it names the network, so
    the words do only where no logo is seen (tooltip, screen reader)."""
    if not row.handle:
        return ""
    network = _network(row)
    if role == Qt.ItemDataRole.DisplayRole or not network:
        return row.handle
    return f"{row.handle} on {network}"


class FollowUpTableModel(QAbstractTableModel):
    """The rows of one follow-ups section; more are read from the database as the view scrolls."""

    def __init__(self, db: Database, parent: object | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[FollowUpRow] = []
        self._total = 0
        self._bucket = "today"
        self._today = date.today()
        self._now: datetime | None = None
        self.only_mine = False  # “Mine only” on the screen: pages read further keep to it

    # Content -------------------------------------------------------------------------------

    def set_section(
        self, bucket: str, first: FollowUpBucket, today: date, now: datetime | None = None
    ) -> None:
        """Show section `bucket` (one of follow_up_lists.BUCKETS), from its first rows."""
        self.beginResetModel()
        self._bucket, self._today, self._now = bucket, today, now
        self._rows = list(first.rows)
        self._total = first.total
        self.endResetModel()

    @property
    def bucket(self) -> str:
        """The section on show."""
        return self._bucket

    @property
    def total(self) -> int:
        """How many follow-ups the section holds, loaded or not."""
        return self._total

    def row_data(self, row: int) -> FollowUpRow | None:
        """The follow-up on `row`, if there is one."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, follow_up_id: int) -> int | None:
        """Where a follow-up is listed (None if not loaded or not in this section)."""
        return next((i for i, r in enumerate(self._rows) if r.id == follow_up_id), None)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """True while the section holds rows not read yet."""
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Read the next page of the section."""
        if parent.isValid():
            return
        more = follow_up_lists.bucket_rows(
            self._db,
            self._bucket,
            self._today,
            len(self._rows),
            PAGE,
            now=self._now,
            only_mine=self.only_mine,
        )
        if not more:
            self._total = len(self._rows)  # rows vanished since the count: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows loaded so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One column per COLUMNS entry."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """Column titles."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """What each cell shows; the note in full as a tooltip."""
        if role not in _HANDLED_ROLES:
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DecorationRole:
            if key == "account" and row.handle:
                return platform_icon(row.platform)  # the network's logo beside the handle
            return do_not_contact_icon() if key == "name" and row.do_not_contact else None
        if role == Qt.ItemDataRole.FontRole:
            if key == "due" and row.status == "open" and row.due_date < self._today:
                font = QFont()
                font.setBold(True)  # overdue dates stand out without relying on colour
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name" and row.do_not_contact:
                return DO_NOT_CONTACT_TIP
            if key == "note" and (row.note or row.set_by):
                return "\n\n".join(p for p in (row.note, by_line(row.set_by)) if p)
            if key == "account" and row.handle:
                return _account(row, role)
            if key == "status" and row.waiting:
                return "You wrote to them and have had no reply since."
            return None
        return self._text(row, key, role)

    def _due_text(self, row: FollowUpRow) -> str:
        """ "Wed 25 Nov, 10:00"; a late one "18 Nov · 14 days late": the lateness matters more
        than the weekday, and the short form leaves a 1024-pixel window room for the name."""
        late = (self._today - row.due_date).days
        late = late if row.status == "open" and late > 1 else 0
        day = day_text(row.due_date, self._today, weekday=not late)
        if row.due_time is not None:
            day += f", {row.due_time:%H:%M}"
        return f"{day} · {late} days late" if late else day

    def _text(self, row: FollowUpRow, key: str, role: int = Qt.ItemDataRole.DisplayRole) -> str:
        if key == "due":
            return self._due_text(row)
        if key == "name":
            if row.do_not_contact and role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{row.influencer_name}, do not contact"
            return row.influencer_name
        if key == "account":
            return _account(row, role)
        if key == "note":
            return _note_line(row)
        parts = []
        if row.status == "done" and row.done_at is not None:
            done = row.done_at.astimezone()
            day = day_text(done.date(), self._today)
            day = day.lower() if day in ("Today", "Yesterday") else day
            parts.append(f"Done {day}, {done:%H:%M}")
        if row.waiting and row.status == "open":
            parts.append(WAITING)
        if row.snoozed_from is not None and row.status == "open":
            parts.append(f"Snoozed from {day_text(row.snoozed_from, self._today)}")
        return " · ".join(parts)


__all__ = ["COLUMNS", "PAGE", "WAITING", "FollowUpTableModel", "day_text"]
