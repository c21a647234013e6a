"""A short dashboard list whose follow-up lines carry two buttons: ✓ done and snooze.

The buttons are painted by the delegate and found by position on click (no widget per line).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from infcrm.ui.icons import icon
from infcrm.ui.models.dashboard_list_model import FOLLOW_UP_ID_ROLE

BUTTON = 22  # each painted button's side
ACTIONS = ("done", "snooze")


def action_rect(cell: QRect, action: str) -> QRect:
    """Where `action`'s button sits at the right end of the line `cell`."""
    position = len(ACTIONS) - ACTIONS.index(action)
    left = cell.right() - position * (BUTTON + 4)
    return QRect(left, cell.top() + (cell.height() - BUTTON) // 2, BUTTON, BUTTON)


class _ActionsDelegate(QStyledItemDelegate):
    """The usual line, shortened to leave room for the buttons on follow-up lines."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Text first, then the ✓ and clock buttons at the right."""
        if index.data(FOLLOW_UP_ID_ROLE) is None:
            super().paint(painter, option, index)
            return
        room = QStyleOptionViewItem(option)
        room.rect = option.rect.adjusted(0, 0, -len(ACTIONS) * (BUTTON + 4) - 4, 0)
        super().paint(painter, room, index)
        for action in ACTIONS:
            icon(action).paint(painter, action_rect(option.rect, action).adjusted(3, 3, -3, -3))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Tall enough for a button; no wider than the list, whose lines are shortened (…) to
        its width: a line as wide as its text made the list scroll sideways, the buttons
        painted out of sight and the sideways bar over the last line."""
        hint = super().sizeHint(option, index)
        return QSize(1, max(hint.height(), BUTTON + 2))


class DashboardList(QListView):
    """Emits `done_requested(id)` or `snooze_requested(id, where)` when a follow-up's button is
    clicked; a click anywhere else on a line opens the person, as before."""

    done_requested = Signal(int)
    snooze_requested = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_ActionsDelegate(self))
        # As tall as its lines (dashboard_view) and as wide as its box: nothing to scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def action_at(self, point: QPoint) -> tuple[str, int] | None:
        """The button under `point` (viewport coordinates) and its follow-up, if any."""
        index = self.indexAt(point)
        follow_up = index.data(FOLLOW_UP_ID_ROLE) if index.isValid() else None
        if follow_up is None:
            return None
        cell = self.visualRect(index)
        for action in ACTIONS:
            if action_rect(cell, action).contains(point):
                return action, int(follow_up)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt's name
        """A press on a button is the button's, not the line's."""
        if self.action_at(event.position().toPoint()) is None:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt's name
        """Run the button under the pointer, or let the line open the person."""
        point = event.position().toPoint()
        hit = self.action_at(point)
        if hit is None:
            super().mouseReleaseEvent(event)
            return
        action, follow_up = hit
        if action == "done":
            self.done_requested.emit(follow_up)
        else:
            self.snooze_requested.emit(follow_up, self.viewport().mapToGlobal(point))


__all__ = ["ACTIONS", "DashboardList", "action_rect"]
