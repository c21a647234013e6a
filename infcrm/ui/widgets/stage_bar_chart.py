"""A horizontal bar per pipeline stage, painted by hand (no chart library needed)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from infcrm.services.outreach.outreach_types import StageCount
from infcrm.ui.widgets.chart_labels import horizontal_bars, labels_after

ROW_HEIGHT = 28
LABEL_GAP = 10


class StageBarChart(QWidget):
    """How many people stand in each stage; clicking a bar emits `stage_clicked(stage id)`."""

    stage_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: list[StageCount] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("People per pipeline stage")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_counts(self, counts: Sequence[StageCount]) -> None:
        """Show these stages in this order."""
        self._counts = list(counts)
        self.setAccessibleDescription(
            "; ".join(f"{c.stage.name}: {c.count:,}" for c in self._counts)
        )
        self.updateGeometry()
        self.update()

    def counts(self) -> list[StageCount]:
        """The stages and counts on show."""
        return list(self._counts)

    def sizeHint(self) -> QSize:
        """One row per stage."""
        return QSize(360, max(len(self._counts), 1) * ROW_HEIGHT + 4)

    def minimumSizeHint(self) -> QSize:
        """As tall as its rows, narrow enough for a small window."""
        return QSize(220, self.sizeHint().height())

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(c.stage.name) for c in self._counts), default=0)
        return min(widest, self.width() // 3)

    def row_at(self, point: QPoint) -> int | None:
        """The row under `point`, if any."""
        row = (point.y() - 2) // ROW_HEIGHT
        return row if 0 <= row < len(self._counts) else None

    def bar_rect(self, row: int) -> QRect:
        """Where row `row`'s bar (at full length) may be drawn: the widest count (a million
        and more in a big file) still fits after the longest bar."""
        left = self._label_width() + LABEL_GAP
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(f"{c.count:,}") for c in self._counts), default=0)
        count_room = max(widest, metrics.horizontalAdvance("000,000")) + LABEL_GAP + 4
        return QRect(
            left, 2 + row * ROW_HEIGHT + 5, self.width() - left - count_room, ROW_HEIGHT - 10
        )

    def bars(self) -> list[QRectF]:
        """Each stage's bar as drawn, longest for the most people."""
        rooms = [self.bar_rect(row) for row in range(len(self._counts))]
        return horizontal_bars(rooms, [entry.count for entry in self._counts])

    def value_labels(self) -> list[tuple[QRect, str]]:
        """The counts after the bars, where they are drawn (the charts' one placement rule)."""
        texts = [f"{entry.count:,}" for entry in self._counts]
        values = [entry.count for entry in self._counts]
        metrics = QFontMetrics(self.font())
        return labels_after(self.bars(), texts, values, metrics, self.rect())

    def paintEvent(self, event: QEvent) -> None:
        """Draw a name, a bar and a count per stage; closed stages in a quieter colour."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        soft = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        quiet = QColor(soft)
        quiet.setAlpha(110)
        label_width = self._label_width()
        metrics = QFontMetrics(self.font())
        for row, (entry, bar) in enumerate(zip(self._counts, self.bars(), strict=True)):
            label = QRect(0, 2 + row * ROW_HEIGHT, label_width, ROW_HEIGHT)
            painter.setPen(soft if entry.stage.is_closed else text)
            painter.drawText(
                label,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(entry.stage.name, Qt.TextElideMode.ElideRight, label_width),
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(quiet if entry.stage.is_closed else accent)
            painter.drawRoundedRect(bar, 3, 3)
        for rect, words in self.value_labels():
            row = self.row_at(rect.center())
            closed = row is not None and self._counts[row].stage.is_closed
            painter.setPen(soft if closed else text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on a row opens that stage on the board."""
        row = self.row_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and row is not None:
            self.stage_clicked.emit(self._counts[row].stage.id)
            return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tooltips name the stage under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos())
            if row is None:
                QToolTip.hideText()
            else:
                entry = self._counts[row]
                people = "person" if entry.count == 1 else "people"
                QToolTip.showText(
                    event.globalPos(),
                    f"{entry.stage.name}: {entry.count:,} {people}. Click to open the board.",
                    self,
                )
            return True
        return super().event(event)


__all__ = ["StageBarChart"]
