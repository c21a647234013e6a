"""Drawing shared by the hand-painted charts (the Dashboard's weeks, a person's growth, the
sparkline, the report's orders around each post): the two series colours, the legend, the
baseline, a line scaled to a box and columns standing on it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPolygonF

from infcrm.ui import theme

LEGEND_HEIGHT = 22


def series_colours() -> tuple[QColor, QColor]:
    """The first and second series of every chart: the theme's accent and success colours."""
    look = theme.current()
    return QColor(look.colour("accent")), QColor(look.colour("success"))


def draw_legend(
    painter: QPainter,
    metrics: QFontMetrics,
    top: int,
    entries: Sequence[tuple[QColor, str]],
    text: QColor,
) -> None:
    """A swatch and a word for each series, left to right, in a band `LEGEND_HEIGHT` tall."""
    line = metrics.height()
    x = 0
    y = top + (LEGEND_HEIGHT - line) // 2
    for colour, words in entries:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(x, y + line / 2 - 5, 10, 10), 2, 2)
        painter.setPen(text)
        width = metrics.horizontalAdvance(words)
        painter.drawText(QRect(x + 15, y, width + 2, line), Qt.AlignmentFlag.AlignLeft, words)
        x += 15 + width + 18


def scaled_line(
    values: Sequence[float], box: QRectF, positions: Sequence[float] | None = None
) -> QPolygonF:
    """`values` as points in `box`: lowest at the bottom, highest at the top; across, evenly
    spaced or at `positions` (0 = left edge, 1 = right edge)."""
    low, high = min(values), max(values)
    span = (high - low) or 1
    count = len(values)
    spots = positions if positions is not None else [i / max(count - 1, 1) for i in range(count)]
    return QPolygonF(
        [
            QPointF(box.left() + at * box.width(), box.bottom() - (v - low) * box.height() / span)
            for at, v in zip(spots, values, strict=True)
        ]
    )


def column_rects(values: Sequence[float], box: QRectF, highest: float) -> list[QRectF]:
    """A column per value standing on `box`'s bottom, side by side across its width, each as
    tall as its share of `highest` (zero gives a column of no height); a gap between them."""
    count = len(values)
    if count == 0:
        return []
    slot = box.width() / count
    gap = min(4.0, slot * 0.25)
    top = highest or 1
    return [
        QRectF(
            box.left() + index * slot + gap / 2,
            box.bottom() - value * box.height() / top,
            slot - gap,
            value * box.height() / top,
        )
        for index, value in enumerate(values)
    ]


def draw_columns(painter: QPainter, rects: Sequence[QRectF], colour: QColor) -> None:
    """Columns in `colour` with slightly rounded tops; empty ones are not drawn."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    for rect in rects:
        if rect.height() > 0:
            painter.drawRoundedRect(rect, 1.5, 1.5)


__all__ = [
    "LEGEND_HEIGHT",
    "column_rects",
    "draw_columns",
    "draw_legend",
    "scaled_line",
    "series_colours",
]
