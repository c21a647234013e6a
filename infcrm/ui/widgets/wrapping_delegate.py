"""List items as tall as their text wrapped at the list's width, and never wider than it.

Qt wraps an item's text only between words, and measures the wrap a few pixels wider than it
paints it. So at some widths a title that wraps onto a second line got a row too short (its
last line ended in “…” and the line under it was not drawn), and in a narrow list a word
wider than the list (an email, a long name) made the item that wide: cut at the side, the
list scrolling sideways. Words too wide for the room are made breakable anywhere (a
zero-width space between their letters, in what is painted only), and the row is measured
at the width it is painted in.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

# What the item's frame and text margins take from the width the text wraps in, and more:
# the rows' heights are measured this much narrower than the items, so never too short.
_TEXT_MARGINS = 12
BREAK = "\u200b"  # zero-width space: a place a line may break, drawn as nothing


def breakable(text: str, metrics: QFontMetrics, room: int) -> str:
    """`text` with each word wider than `room` pixels made breakable between any letters."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        lines.append(
            " ".join(
                BREAK.join(word) if metrics.horizontalAdvance(word) > room else word
                for word in words
            )
        )
    return "\n".join(lines)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text, as wide as the list (for a `QListView` that wraps
    words, laid out again as it is resized: `wrap_in_width` sets it up)."""

    def _room(self, margins: int = _TEXT_MARGINS) -> int | None:
        """The width the text wraps in (less `margins` beside the item's), or None outside
        a list."""
        view = self.parent()
        if not isinstance(view, QListView):
            return None
        return max(view.viewport().width() - 2 * view.spacing() - margins, 40)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        """Qt's option, its words wider than the text's room breakable."""
        super().initStyleOption(option, index)
        view = self.parent()
        if option.text and isinstance(view, QListView):
            # The style paints the text inside a focus margin on each side; a word that fits
            # there stays whole (“Oldenbarnevelt” is not cut one letter before its end).
            margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
            room = self._room(2 * (margin + 1) + 2)
            if room is not None:
                option.text = breakable(option.text, option.fontMetrics, room)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        """Qt's hint, made tall enough for the text wrapped at the width it is painted in,
        and no wider than the list."""
        hint = super().sizeHint(option, index)
        text = index.data()
        room = self._room()
        if not isinstance(text, str) or room is None:
            return hint
        metrics = option.fontMetrics
        wrapped = metrics.boundingRect(
            QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, breakable(text, metrics, room)
        )
        return QSize(min(hint.width(), room), max(hint.height(), wrapped.height() + 4))


def wrap_in_width(view: QListView) -> None:
    """Make `view`'s items wrap to its width: laid out again on resize, never scrolled
    sideways."""
    view.setItemDelegate(WrappingDelegate(view))
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


__all__ = ["WrappingDelegate", "breakable", "wrap_in_width"]
