"""The rows of an influencer's timeline as a list model: icon, local date, title and preview."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from infcrm.domain.authorship import by_line
from infcrm.domain.dates import moment_text
from infcrm.domain.enums import Channel
from infcrm.services.outreach.outreach_types import (
    ENTRY_DEAL,
    ENTRY_FOLLOW_UP_DONE,
    ENTRY_FOLLOW_UP_SET,
    ENTRY_STAGE_CHANGE,
    TimelineEntry,
)

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the TimelineEntry itself

# A symbol per kind of entry, from the symbol fonts every desktop ships (colour emoji are not
# everywhere), so they read in light and dark mode without icon files.
_KIND_ICONS = {
    ENTRY_STAGE_CHANGE: "➜",
    ENTRY_FOLLOW_UP_SET: "⚑",
    ENTRY_FOLLOW_UP_DONE: "✔",
    ENTRY_DEAL: "✎",
}
_CHANNEL_ICONS = {
    Channel.EMAIL.value: "✉",
    Channel.INSTAGRAM_DM.value: "✎",
    Channel.TIKTOK_DM.value: "✎",
    Channel.OTHER_DM.value: "✎",
    Channel.PHONE.value: "☎",
    Channel.IN_PERSON.value: "☺",
    Channel.OTHER.value: "•",
}


def entry_icon(entry: TimelineEntry) -> str:
    """The symbol shown before an entry."""
    if entry.kind in _KIND_ICONS:
        return _KIND_ICONS[entry.kind]
    return _CHANNEL_ICONS.get(entry.channel or "", "•")


def local_when(entry: TimelineEntry) -> str:
    """The entry's moment in the computer's time zone, e.g. "Tue 3 Nov 2026, 10:15"."""
    moment = entry.when.astimezone()
    return moment_text(moment)


class TimelineListModel(QAbstractListModel):
    """One influencer's timeline entries, newest first (as the service orders them)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        """Show these entries instead."""
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry | None:
        """The entry on `row`, if there is one."""
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """How many entries (a list has no children)."""
        return 0 if parent.isValid() else len(self._entries)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """Two lines per entry for display; the full text as the tooltip."""
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            ENTRY_ROLE,
        ):
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.full_text[:600] or None
        first = f"{entry_icon(entry)}  {entry.title}"
        second = local_when(entry)
        # A move's title names who made it ("Ana moved Lena to Agreed"); others say it here.
        by = by_line(entry.author) if entry.kind != ENTRY_STAGE_CHANGE else ""
        for part in (by, entry.text):
            if part:
                second += f"  ·  {part}"
        if entry.has_email:
            second += "  ·  original email kept"
        return f"{first}\n{second}"


__all__ = ["ENTRY_ROLE", "TimelineListModel", "entry_icon", "local_when"]
