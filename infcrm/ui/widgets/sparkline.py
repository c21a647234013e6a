"""Follower growth of one account: a one-line summary and a tiny line chart beside it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from infcrm.domain.numbers import format_count
from infcrm.services.people.influencer_types import Snapshot
from infcrm.ui.widgets.chart_paint import scaled_line


def local_date(instant: datetime) -> date:
    """The user's calendar day of a stored (naive UTC) instant."""
    return instant.replace(tzinfo=UTC).astimezone().date()


def short_date(day: date, today: date | None = None) -> str:
    """“today”, “3 Mar” this year, or “3 Mar 2024” for older days."""
    today = today or date.today()
    if day == today:
        return "today"
    text = f"{day.day} {day:%b}"
    return f"on {text}" if day.year == today.year else f"on {text} {day.year}"


def follower_points(snapshots: Sequence[Snapshot]) -> list[tuple[date, int]]:
    """(day, followers) of every snapshot that recorded followers, oldest first."""
    return [(local_date(s.taken_at), s.followers) for s in snapshots if s.followers is not None]


def growth_summary(snapshots: Sequence[Snapshot], today: date | None = None) -> str:
    """“Followers: 8.1k on 3 Mar → 12.3k today (+52%)”, or what is known so far."""
    points = follower_points(snapshots)
    if not points:
        return "No follower history yet."
    first_day, first = points[0]
    last_day, last = points[-1]
    if len(points) == 1 or (first_day == last_day and first == last):
        return f"Followers: {format_count(last)} {short_date(last_day, today)} (first record)"
    change = ""
    if first > 0:
        percent = round((last - first) * 100 / first)
        change = f" ({'+' if percent > 0 else '−' if percent < 0 else '±'}{abs(percent)}%)"
    return (
        f"Followers: {format_count(first)} {short_date(first_day, today)} → "
        f"{format_count(last)} {short_date(last_day, today)}{change}"
    )


class Sparkline(QWidget):
    """A small line of follower counts over time; draws nothing with fewer than two points."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[int] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Follower growth chart")

    def sizeHint(self) -> QSize:
        """Room for a readable trend next to one line of text."""
        return QSize(96, 22)

    def set_snapshots(self, snapshots: Sequence[Snapshot]) -> None:
        """Show these snapshots' follower counts."""
        self._values = [followers for _day, followers in follower_points(snapshots)]
        self.setVisible(len(self._values) >= 2)
        self.update()

    def values(self) -> list[int]:
        """The follower counts drawn, oldest first."""
        return list(self._values)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the counts as a polyline scaled to the widget, with a dot on the latest."""
        if len(self._values) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        points = scaled_line(self._values, QRectF(self.rect().adjusted(2, 3, -4, -3)))
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPolyline(points)
        painter.setBrush(colour)
        painter.drawEllipse(points.last(), 2.2, 2.2)
        painter.end()
