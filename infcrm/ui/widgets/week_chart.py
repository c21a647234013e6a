"""Outreach and replies week by week: two bars per week, painted by hand (no chart library)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from infcrm.services.outreach.outreach_types import WeekActivity
from infcrm.ui.widgets.chart_labels import place_labels, wish_above
from infcrm.ui.widgets.chart_paint import LEGEND_HEIGHT, draw_legend, series_colours

# The legend on top, where it is read first and seen on a small window with the bars under
# it; then the bars and their dates.
CHART_HEIGHT = 136


def week_label(week: WeekActivity) -> str:
    """“23 Nov”: the Monday the week starts on."""
    return f"{week.week_start.day} {week.week_start:%b}"


def week_sentence(week: WeekActivity) -> str:
    """One week in words, for tooltips and screen readers."""
    return (
        f"Week of {week_label(week)}: {week.outreach:,} sent, "
        f"{week.replies:,} {'reply' if week.replies == 1 else 'replies'}"
    )


class WeekChart(QWidget):
    """Messages sent (accent) and replies received (second colour) in each recent week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weeks: list[WeekActivity] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Outreach and replies per week")
        self.setMouseTracking(True)

    def set_weeks(self, weeks: Sequence[WeekActivity]) -> None:
        """Show these weeks, oldest first."""
        self._weeks = list(weeks)
        self.setAccessibleDescription("; ".join(week_sentence(w) for w in self._weeks))
        self.update()

    def weeks(self) -> list[WeekActivity]:
        """The weeks on show."""
        return list(self._weeks)

    def sizeHint(self) -> QSize:
        """Room for the legend, the bars and their dates."""
        return QSize(360, CHART_HEIGHT + LEGEND_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for a small window."""
        return QSize(240, CHART_HEIGHT + LEGEND_HEIGHT)

    def legend_rect(self) -> QRect:
        """Where the legend is drawn, in the chart's own coordinates."""
        return QRect(0, 0, self.width(), LEGEND_HEIGHT)

    def colours(self) -> tuple[QColor, QColor]:
        """Sent and replies: the theme's accent and its success colour."""
        return series_colours()

    def slot(self, index: int) -> QRect:
        """The area of week `index` (both bars and its date)."""
        count = max(len(self._weeks), 1)
        width = self.width() / count
        return QRect(round(index * width), LEGEND_HEIGHT, round(width), CHART_HEIGHT)

    def _bars_bottom(self, metrics: QFontMetrics) -> int:
        return LEGEND_HEIGHT + CHART_HEIGHT - metrics.height() - 6

    def bars(self) -> list[tuple[int, QRectF, int]]:
        """(week index, rectangle, value) of each bar, sent before replies in each week."""
        metrics = QFontMetrics(self.font())
        top = max((max(w.outreach, w.replies) for w in self._weeks), default=0)
        bars_bottom = self._bars_bottom(metrics)
        # A count sits above the tallest bar.
        room = bars_bottom - LEGEND_HEIGHT - metrics.height() - 4
        found = []
        for index, week in enumerate(self._weeks):
            area = self.slot(index)
            bar_width = max(4, min(22, (area.width() - 12) // 2))
            left = area.center().x() - bar_width
            for offset, value in ((0, week.outreach), (bar_width, week.replies)):
                height = round(room * value / top) if top else 0
                bar = QRectF(left + offset + 1, bars_bottom - height, bar_width - 2, height)
                found.append((index, bar, value))
        return found

    def value_labels(self) -> list[tuple[QRect, str]]:
        """The counts drawn over the bars, where they are drawn: none overlaps another or a
        bar. Where two would collide (close figures side by side, a narrow window), the
        highest count and the latest week keep theirs (the latest week's smaller figure
        reads higher up over its bar when its neighbour blocks it); the tooltip has every
        figure."""
        metrics = QFontMetrics(self.font())
        bars = self.bars()
        top = max((value for _index, _bar, value in bars), default=0)
        last = len(self._weeks) - 1
        wishes = [
            wish_above(
                bar,
                f"{value:,}",
                metrics,
                (value == top, index == last, value, index),
                rises=index == last,
            )
            for index, bar, value in bars
            if value
        ]
        return place_labels(wishes, QRect(0, LEGEND_HEIGHT, self.width(), CHART_HEIGHT))

    def paintEvent(self, _event: object) -> None:  # Qt's name
        """A legend, then two bars per week over its date, and their counts."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        soft = palette.color(QPalette.ColorRole.PlaceholderText)
        sent_colour, reply_colour = self.colours()
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        bars_bottom = self._bars_bottom(metrics)
        painter.setPen(soft)
        painter.drawLine(0, bars_bottom, self.width(), bars_bottom)
        painter.setPen(Qt.PenStyle.NoPen)
        for number, (_index, bar, _value) in enumerate(self.bars()):
            painter.setBrush(sent_colour if number % 2 == 0 else reply_colour)
            painter.drawRoundedRect(bar, 2, 2)
        painter.setPen(text)
        for rect, words in self.value_labels():
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
        painter.setPen(soft)
        for index, week in enumerate(self._weeks):
            area = self.slot(index)
            painter.drawText(
                QRect(area.left(), bars_bottom + 3, area.width(), line),
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(week_label(week), Qt.TextElideMode.ElideRight, area.width()),
            )
        draw_legend(
            painter,
            metrics,
            0,
            ((sent_colour, "Outreach sent"), (reply_colour, "Replies")),
            text,
        )
        painter.end()

    def event(self, event: object) -> bool:  # Qt's name
        """A week's figures in words when the pointer rests on it."""
        if isinstance(event, QHelpEvent):
            index = self.week_at(event.pos())
            if index is not None:
                QToolTip.showText(event.globalPos(), week_sentence(self._weeks[index]), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def week_at(self, point: QPoint) -> int | None:
        """The week under `point`, if any."""
        for index in range(len(self._weeks)):
            if self.slot(index).contains(point):
                return index
        return None


__all__ = ["WeekChart", "week_label", "week_sentence"]
