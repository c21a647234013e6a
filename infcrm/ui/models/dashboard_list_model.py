"""A short list on the dashboard (follow-ups, recent activity): one line per thing to open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from infcrm.ui import theme

INFLUENCER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOLLOW_UP_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DashboardItem:
    """One line: what it says, a longer tooltip, whom it opens, and whether it is urgent."""

    text: str
    detail: str
    influencer_id: int
    urgent: bool = False
    follow_up_id: int | None = None  # a follow-up's line can be marked done or snoozed


class DashboardListModel(QAbstractListModel):
    """A handful of dashboard lines (the services cap how many)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[DashboardItem] = []

    def set_items(self, items: Sequence[DashboardItem]) -> None:
        """Show these lines."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> DashboardItem:
        """The line on `row`."""
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Lines on show (a list has no children)."""
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The line's text, tooltip, colour and the influencer it opens."""
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return item.detail
        if role == INFLUENCER_ID_ROLE:
            return item.influencer_id
        if role == FOLLOW_UP_ID_ROLE:
            return item.follow_up_id
        if role == Qt.ItemDataRole.ForegroundRole and item.urgent:
            return theme.qcolor("danger")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Lines can be chosen (to open them), not edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


__all__ = ["FOLLOW_UP_ID_ROLE", "INFLUENCER_ID_ROLE", "DashboardItem", "DashboardListModel"]
