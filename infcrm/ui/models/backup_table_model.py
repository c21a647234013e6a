"""The list of backups in the restore dialog: date, kind, influencers and size."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from infcrm.db.backups import BackupInfo
from infcrm.domain.dates import moment_text

DATE, KIND, INFLUENCERS, SIZE = range(4)
HEADERS = ("Made", "Why", "Influencers", "Size")

_KINDS = {
    "daily": "Daily backup",
    "manual": "Backed up by you",
    "before-restore": "Your data before a restore",
    "before-import": "Before an import",
    "damaged": "Damaged file, kept aside",
}


def kind_label(reason: str) -> str:
    """A backup's reason in words."""
    if reason in _KINDS:
        return _KINDS[reason]
    if reason.startswith("before-upgrade"):
        return "Before an update of infcrm"
    if reason.startswith("before-import"):
        return "Before an import"
    return reason.replace("-", " ").capitalize()


def size_label(size: int) -> str:
    """A file size the way a file manager shows it."""
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1):,} KB"
    return f"{size / (1024 * 1024):,.1f} MB"


class BackupTableModel(QAbstractTableModel):
    """Backups, newest first, as a table."""

    def __init__(self, backups: list[BackupInfo] | None = None) -> None:
        super().__init__()
        self._rows: list[BackupInfo] = list(backups or [])

    def backup_at(self, row: int) -> BackupInfo:
        """The backup on `row`."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of backups (the table has no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return HEADERS[section] if 0 <= section < len(HEADERS) else None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """The text of one cell; numbers align right."""
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (INFLUENCERS, SIZE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        backup = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if column == DATE:
            return moment_text(backup.made_at)
        if column == KIND:
            return kind_label(backup.reason)
        if column == INFLUENCERS:
            if backup.influencer_count is None:
                return "unreadable"
            return f"{backup.influencer_count:,}"
        if column == SIZE:
            return size_label(backup.size)
        return None
