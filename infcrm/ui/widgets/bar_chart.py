"""A labelled horizontal bar per item, painted by hand (no chart library needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from infcrm.ui.widgets.chart_labels import horizontal_bars, labels_after

ROW_HEIGHT = 26
LABEL_GAP = 10
TOP = 2


@dataclass(frozen=True)
class Bar:
    """One bar: its label, the value that sets its length and the text shown after it."""

    label: str
    value: float
    text: str
    tooltip: str = ""
    key: int | None = None  # emitted by `bar_clicked` (e.g. an influencer id)


class BarChart(QWidget):
    """Bars in the order given; a click on a bar with a key emits `bar_clicked(key)`."""

    bar_clicked = Signal(int)

    def __init__(
        self, parent: QWidget | None = None, *, empty_text: str = "Nothing to show."
    ) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._empty_text = empty_text
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Show these bars, longest value drawn full width."""
        self._bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text}" for b in self._bars))
        clickable = any(b.key is not None for b in self._bars)
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        )
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        """The bars on show."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        """One row per bar."""
        return QSize(420, max(len(self._bars), 1) * ROW_HEIGHT + 2 * TOP)

    def minimumSizeHint(self) -> QSize:
        """As tall as its rows, narrow enough for a small window."""
        return QSize(240, self.sizeHint().height())

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(b.label) for b in self._bars), default=0)
        # A few pixels spare: eliding measures a little differently from horizontalAdvance.
        return min(widest + 4, self.width() // 3)

    def _text_width(self) -> int:
        # Up to half the chart: a long amount (€1,548,230.50) reads whole beside its bar at
        # the narrowest, the bars share what is left.
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(b.text) for b in self._bars), default=0)
        return min(widest, self.width() // 2)

    def row_at(self, point: QPoint) -> int | None:
        """The row under `point`, if any."""
        row = (point.y() - TOP) // ROW_HEIGHT
        return row if 0 <= row < len(self._bars) else None

    def bar_rect(self, row: int) -> QRect:
        """Where row `row`'s bar (at full length) may be drawn."""
        left = self._label_width() + LABEL_GAP
        room = self.width() - left - self._text_width() - LABEL_GAP - 4
        return QRect(left, TOP + row * ROW_HEIGHT + 5, max(room, 0), ROW_HEIGHT - 10)

    def bar_rects(self) -> list[QRectF]:
        """Each row's bar as drawn, longest for the highest value."""
        rooms = [self.bar_rect(row) for row in range(len(self._bars))]
        return horizontal_bars(rooms, [bar.value for bar in self._bars])

    def value_labels(self) -> list[tuple[QRect, str]]:
        """The values after the bars, where they are drawn (the charts' one placement rule)."""
        texts = [bar.text for bar in self._bars]
        values = [bar.value for bar in self._bars]
        metrics = QFontMetrics(self.font())
        return labels_after(self.bar_rects(), texts, values, metrics, self.rect())

    def paintEvent(self, event: QEvent) -> None:
        """Draw a label, a bar and its value per row; a hint when there is nothing to draw."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        soft = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        metrics = QFontMetrics(self.font())
        if not self._bars:
            painter.setPen(soft)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._empty_text,
            )  # fmt: skip
            painter.end()
            return
        label_width = self._label_width()
        for row, (bar, rect) in enumerate(zip(self._bars, self.bar_rects(), strict=True)):
            painter.setPen(text)
            painter.drawText(
                QRect(0, TOP + row * ROW_HEIGHT, label_width, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width),
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(rect, 3, 3)
        for rect, words in self.value_labels():
            row = self.row_at(rect.center())
            painter.setPen(text if row is not None and self._bars[row].value > 0 else soft)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on a bar with a key emits `bar_clicked`."""
        row = self.row_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and row is not None:
            key = self._bars[row].key
            if key is not None:
                self.bar_clicked.emit(key)
                return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tooltips name the bar under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos())
            if row is None:
                QToolTip.hideText()
            else:
                bar = self._bars[row]
                QToolTip.showText(
                    event.globalPos(), bar.tooltip or f"{bar.label}: {bar.text}", self
                )
            return True
        return super().event(event)


__all__ = ["ROW_HEIGHT", "Bar", "BarChart"]
