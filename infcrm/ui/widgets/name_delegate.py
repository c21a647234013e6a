"""Paints a list's name cell with the person's avatar before the name (no widget per row)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from infcrm.ui.widgets.avatar import paint_avatar

AVATAR_MARGIN = 3  # above and below the avatar, inside the row
AVATAR_GAP = 6  # between the avatar and the name


def _avatar_side(row_height: int) -> int:
    return max(8, row_height - 2 * AVATAR_MARGIN)


def _text_offset(row_height: int) -> int:
    """How far right of the cell's edge the usual sign and text start."""
    return _avatar_side(row_height) + AVATAR_MARGIN + AVATAR_GAP - 2


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
        """The text's size plus the room `paint` gives the avatar in a row of the view's
        height (rows are taller than their text), so a column sized to it cuts nothing."""
        hint = super().sizeHint(option, index)
        rows = getattr(option.widget, "verticalHeader", None)
        row_height = max(hint.height(), rows().defaultSectionSize() if rows else 0)
        return QSize(hint.width() + _text_offset(row_height), hint.height())

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
        side = _avatar_side(opt.rect.height())
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        avatar = QRect(opt.rect.left() + AVATAR_MARGIN, opt.rect.top() + AVATAR_MARGIN, side, side)
        photo = self._photo_of(index)
        if name or photo is not None:  # a row still on its way stays blank, with no "?"
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_avatar(painter, avatar, name, photo)
            painter.restore()
        opt.rect = opt.rect.adjusted(_text_offset(opt.rect.height()), 0, 0, 0)
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


__all__ = ["NameDelegate"]
