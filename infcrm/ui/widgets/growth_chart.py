"""An account's followers and engagement over time, from its metric snapshots: two lines on
one chart, painted like the Dashboard's (same colours, legend and baseline)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from infcrm.domain.metrics import engagement_rate
from infcrm.domain.numbers import format_count, format_percent
from infcrm.services.people.influencer_types import Snapshot
from infcrm.ui.widgets.chart_paint import LEGEND_HEIGHT, draw_legend, scaled_line, series_colours
from infcrm.ui.widgets.sparkline import local_date

CHART_HEIGHT = 110
EMPTY_HEIGHT = 36
EMPTY_TEXT = "A growth chart shows once figures are recorded on two days."


@dataclass(frozen=True)
class GrowthPoint:
    """One day's figures: followers and engagement (None when not recorded)."""

    day: date
    followers: int | None
    engagement: float | None


def growth_points(snapshots: Sequence[Snapshot]) -> list[GrowthPoint]:
    """One point per day that recorded followers (the day's last record), oldest first."""
    by_day: dict[date, GrowthPoint] = {}
    for snap in snapshots:
        if snap.followers is None:
            continue
        rate = engagement_rate(snap.followers, snap.avg_likes, snap.avg_comments)
        day = local_date(snap.taken_at)
        by_day[day] = GrowthPoint(day, snap.followers, rate)
    return [by_day[day] for day in sorted(by_day)]


def point_sentence(point: GrowthPoint) -> str:
    """“3 Mar 2026: 12.3k followers, 4.1% engagement”."""
    text = f"{point.day.day} {point.day:%b %Y}: {format_count(point.followers)} followers"
    if point.engagement is not None:
        text += f", {format_percent(point.engagement)} engagement"
    return text


class GrowthChart(QWidget):
    """Followers (accent) and engagement (second colour), each on its own scale, over time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[GrowthPoint] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Followers and engagement over time")
        self.setMouseTracking(True)

    def set_snapshots(self, snapshots: Sequence[Snapshot]) -> None:
        """Chart these snapshots (fewer than two days: a sentence saying when it will show)."""
        self._points = growth_points(snapshots)
        self.setAccessibleDescription(
            "; ".join(point_sentence(p) for p in self._points) if self.has_chart() else EMPTY_TEXT
        )
        self.updateGeometry()
        self.update()

    def points(self) -> list[GrowthPoint]:
        """The points charted, oldest first."""
        return list(self._points)

    def has_chart(self) -> bool:
        """Whether there are two days or more to draw."""
        return len(self._points) >= 2

    def sizeHint(self) -> QSize:
        """Room for the lines, the dates and the legend (or the one sentence)."""
        return QSize(300, CHART_HEIGHT + LEGEND_HEIGHT if self.has_chart() else EMPTY_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for the side panel."""
        return QSize(200, self.sizeHint().height())

    def _plot(self, metrics: QFontMetrics) -> QRectF:
        """The box the lines are drawn in: room for the scales at each side and dates below."""
        left = metrics.horizontalAdvance("000.0k") + 6
        right = metrics.horizontalAdvance("00.0%") + 6
        top = metrics.height() // 2 + 2
        bottom = CHART_HEIGHT - metrics.height() - 6
        return QRectF(left, top, max(10, self.width() - left - right), bottom - top)

    def _positions(self) -> list[float]:
        first, last = self._points[0].day, self._points[-1].day
        span = (last - first).days or 1
        return [(p.day - first).days / span for p in self._points]

    def paintEvent(self, _event: object) -> None:  # Qt's name
        """Both lines with a dot on each record, their scales, first and last date, a legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        soft = palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = QFontMetrics(self.font())
        if not self.has_chart():
            painter.setPen(soft)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap,
                EMPTY_TEXT,
            )
            painter.end()
            return
        follower_colour, engagement_colour = series_colours()
        box = self._plot(metrics)
        line = metrics.height()
        painter.setPen(soft)
        painter.drawLine(QPointF(box.left(), box.bottom()), QPointF(box.right(), box.bottom()))
        positions = self._positions()
        followers = [float(p.followers or 0) for p in self._points]
        self._draw_series(painter, scaled_line(followers, box, positions), follower_colour)
        rated = [(at, p.engagement) for at, p in zip(positions, self._points, strict=True)]
        rated = [(at, rate) for at, rate in rated if rate is not None]
        if len(rated) >= 2:
            rates = [rate for _at, rate in rated]
            line_of_rates = scaled_line(rates, box, [at for at, _rate in rated])
            self._draw_series(painter, line_of_rates, engagement_colour)
            self._scale(painter, metrics, box, engagement_colour, rates, right=True)
        self._scale(painter, metrics, box, follower_colour, followers, right=False)
        painter.setPen(soft)
        below = QRect(round(box.left()), round(box.bottom()) + 3, round(box.width()), line)
        for point, align in (
            (self._points[0], Qt.AlignmentFlag.AlignLeft),
            (self._points[-1], Qt.AlignmentFlag.AlignRight),
        ):
            painter.drawText(below, align, f"{point.day.day} {point.day:%b %Y}")
        entries = [(follower_colour, "Followers")]
        if len(rated) >= 2:
            entries.append((engagement_colour, "Engagement"))
        draw_legend(painter, metrics, CHART_HEIGHT, entries, text)
        painter.end()

    @staticmethod
    def _draw_series(painter: QPainter, points: QPolygonF, colour) -> None:
        painter.setPen(QPen(colour, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(points)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for index in range(points.size()):
            painter.drawEllipse(points.at(index), 2.5, 2.5)

    @staticmethod
    def _scale(painter, metrics, box: QRectF, colour, values: list[float], *, right: bool) -> None:
        """The highest and lowest value beside the box, in the series' colour."""
        painter.setPen(colour)
        words = format_percent if right else (lambda v: format_count(round(v)))
        width = metrics.horizontalAdvance("000.0k") + 2
        x = round(box.right()) + 4 if right else round(box.left()) - width - 4
        align = (Qt.AlignmentFlag.AlignLeft if right else Qt.AlignmentFlag.AlignRight) | (
            Qt.AlignmentFlag.AlignVCenter
        )
        line = metrics.height()
        for value, y in ((max(values), box.top()), (min(values), box.bottom())):
            painter.drawText(QRect(x, round(y - line / 2), width, line), align, words(value))

    def point_at(self, where: QPoint) -> GrowthPoint | None:
        """The record nearest the pointer across, if the chart is drawn."""
        if not self.has_chart():
            return None
        box = self._plot(QFontMetrics(self.font()))
        positions = self._positions()
        nearest = min(
            range(len(positions)),
            key=lambda i: abs(box.left() + positions[i] * box.width() - where.x()),
        )
        return self._points[nearest]

    def event(self, event: object) -> bool:  # Qt's name
        """The figures of the nearest day when the pointer rests on the chart."""
        if isinstance(event, QHelpEvent):
            point = self.point_at(event.pos())
            if point is not None:
                QToolTip.showText(event.globalPos(), point_sentence(point), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


__all__ = ["GrowthChart", "GrowthPoint", "growth_points", "point_sentence"]
