"""Paints a list's name cell with the person's avatar before the name (no widget per row)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from infcrm.ui.widgets.avatar import paint_avatar

AVATAR_MARGIN = 3  # above and below the avatar, inside the row
AVATAR_GAP = 6  # between the avatar and the name


class NameDelegate(QStyledItemDelegate):
    """The name cell: avatar, then the usual sign and text; `photo_of(index)` gives a photo."""

    def __init__(
        self,
        parent: QWidget | None = None,
        photo_of: Callable[[QModelIndex | QPersistentModelIndex], bytes | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._photo_of = photo_of or (lambda _index: None)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The text's size plus the avatar's room."""
        hint = super().sizeHint(option, index)
        side = hint.height()
        return QSize(hint.width() + side + AVATAR_GAP, hint.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Selection background over the whole cell, the avatar, then sign and name."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        name = opt.text
        side = max(8, opt.rect.height() - 2 * AVATAR_MARGIN)
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        avatar = QRect(opt.rect.left() + AVATAR_MARGIN, opt.rect.top() + AVATAR_MARGIN, side, side)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_avatar(painter, avatar, name, self._photo_of(index))
        painter.restore()
        opt.rect = opt.rect.adjusted(side + AVATAR_MARGIN + AVATAR_GAP - 2, 0, 0, 0)
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


__all__ = ["NameDelegate"]
