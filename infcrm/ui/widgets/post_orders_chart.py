"""Orders per day around one post: a column per day from a week before the post to two weeks
after, the post's own day in the second colour. Painted with the charts' shared pieces
(`chart_paint`), on screen by `PostOrdersChart` and for the PDF by `post_orders_image`."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from infcrm.domain.campaign_enums import ContentFormat
from infcrm.domain.enums import Platform, label_of
from infcrm.services.campaigns.post_orders import DAYS_AFTER, DAYS_BEFORE, PostOrders
from infcrm.ui.widgets.chart_labels import place_labels, wish_above
from infcrm.ui.widgets.chart_paint import (
    LEGEND_HEIGHT,
    column_rects,
    draw_columns,
    draw_legend,
    series_colours,
)

CHART_HEIGHT = 150  # the columns, their scale and the days below them, then the legend
EMPTY_HEIGHT = 44  # the sentence instead, on up to two lines
NO_ORDERS_TEXT = (
    "No shop orders for this post yet — import your shop's orders (File › Import orders…)."
)
NONE_IN_VIEW_TEXT = (
    f"No shop orders through this creator's code or link from {DAYS_BEFORE} days before "
    f"this post to {DAYS_AFTER} days after."
)
CAPTION = (
    f"Orders per day through each creator's promo code or tracking link, from {DAYS_BEFORE} "
    f"days before each post to {DAYS_AFTER} days after; the post's day is marked. A creator's "
    "posts a few days apart show the same orders."
)


def empty_sentence(deals_with_orders: set[int], post: PostOrders) -> str:
    """Why a post has no columns: no shop orders imported for its deal, or none near it."""
    return NONE_IN_VIEW_TEXT if post.deal_id in deals_with_orders else NO_ORDERS_TEXT


def day_words(post: PostOrders, offset: int) -> str:
    """“8 Apr (2 days after)”: a day of the chart as a date and its distance from the post."""
    day = post.posted_on + timedelta(days=offset)
    when = (
        "the post's day"
        if offset == 0
        else f"{abs(offset)} day{'s' if abs(offset) != 1 else ''} "
        f"{'after' if offset > 0 else 'before'}"
    )
    return f"{day.day} {day:%b} ({when})"


def post_title(post: PostOrders) -> str:
    """“Lena Bakes · Instagram reel · 6 Apr 2026 · 4 orders”."""
    what = label_of(Platform, post.platform) or post.platform
    if post.format:
        what += f" {(label_of(ContentFormat, post.format) or post.format).lower()}"
    count = f"{post.total} order{'s' if post.total != 1 else ''}"
    day = post.posted_on
    return f"{post.name} · {what} · {day.day} {day:%b %Y} · {count}"


def _plot(width: float, metrics: QFontMetrics) -> QRectF:
    """The box the columns stand in: room for the scale at the left, the days below and a
    line above, where the tallest column's count stands."""
    left = metrics.horizontalAdvance("000") + 6
    top = metrics.height() + 4
    bottom = CHART_HEIGHT - metrics.height() - 6
    return QRectF(left, top, max(10.0, width - left - 2), bottom - top)


def _columns(width: float, post: PostOrders, metrics: QFontMetrics) -> list[QRectF]:
    return column_rects(post.orders, _plot(width, metrics), max(post.orders, default=0))


def post_orders_labels(
    width: float, post: PostOrders, metrics: QFontMetrics
) -> list[tuple[QRect, str]]:
    """The day's orders over each column that has any, where they are drawn: none overlaps
    another or a column. The post's own day is placed first (the scale at the left already
    tells the highest), then the highest and the busiest days."""
    highest = max(post.orders, default=0)
    wishes = [
        wish_above(rect, str(count), metrics, (day == 0, count == highest, count, -abs(day)))
        for rect, count, day in zip(_columns(width, post, metrics), post.orders, post.days,
                                    strict=True)
        if count
    ]  # fmt: skip
    return place_labels(wishes, QRect(0, 0, int(width), CHART_HEIGHT))


def paint_post_orders(
    painter: QPainter,
    width: float,
    post: PostOrders,
    metrics: QFontMetrics,
    text: QColor,
    soft: QColor,
    empty_text: str,
) -> None:
    """The chart of `post` from the painter's origin, `width` wide and `CHART_HEIGHT` +
    `LEGEND_HEIGHT` tall; `empty_text` instead when the post's window holds no orders."""
    if post.total == 0:
        painter.setPen(soft)
        painter.drawText(
            QRectF(0, 0, width, EMPTY_HEIGHT),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            empty_text,
        )
        return
    orders_colour, post_colour = series_colours()
    box = _plot(width, metrics)
    highest = max(post.orders)
    rects = _columns(width, post, metrics)
    zero = post.days.index(0)
    draw_columns(painter, rects[:zero] + rects[zero + 1 :], orders_colour)
    draw_columns(painter, [rects[zero]], post_colour)
    marker = rects[zero].center().x()
    counts = post_orders_labels(width, post, metrics)
    # The dashed line marking the post's day stops above any count it would strike through.
    stop = min((r.top() - 1 for r, _w in counts if r.left() <= marker <= r.right()),
               default=box.bottom())  # fmt: skip
    painter.setPen(QPen(post_colour, 1, Qt.PenStyle.DashLine))
    if stop > box.top():
        painter.drawLine(QPointF(marker, box.top()), QPointF(marker, stop))
    painter.setPen(soft)
    painter.drawLine(QPointF(box.left(), box.bottom()), QPointF(box.right(), box.bottom()))
    line = metrics.height()
    scale = QRect(0, 0, round(box.left()) - 4, line)
    for value, y in ((highest, box.top()), (0, box.bottom())):
        scale.moveTop(round(y - line / 2))
        painter.drawText(scale, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         str(value))  # fmt: skip
    below = round(box.bottom()) + 3
    day = post.posted_on
    labels = (
        (rects[0].left(), Qt.AlignmentFlag.AlignLeft, f"−{DAYS_BEFORE} d"),
        (rects[-1].right(), Qt.AlignmentFlag.AlignRight, f"+{DAYS_AFTER} d"),
    )
    for x, align, words in labels:
        spot = QRect(round(x) - (metrics.horizontalAdvance(words) if align
                                 == Qt.AlignmentFlag.AlignRight else 0),
                     below, metrics.horizontalAdvance(words) + 2, line)  # fmt: skip
        painter.drawText(spot, align, words)
    painter.setPen(text)
    for rect, words in counts:
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
    posted = f"{day.day} {day:%b}"
    half = metrics.horizontalAdvance(posted) / 2 + 1
    painter.drawText(QRectF(marker - half, below, 2 * half, line), Qt.AlignmentFlag.AlignCenter,
                     posted)  # fmt: skip
    draw_legend(
        painter,
        metrics,
        CHART_HEIGHT,
        [(orders_colour, "Orders per day"), (post_colour, "Day of the post")],
        text,
    )


class PostOrdersChart(QWidget):
    """One post's orders per day; the day under the pointer is told in a tooltip."""

    def __init__(self, post: PostOrders, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.post = post
        self.empty_text = empty_text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAccessibleName(f"Orders per day around the post: {post_title(post)}")
        days = [day_words(post, d) + f": {post.on(d)}" for d in post.days if post.on(d)]
        self.setAccessibleDescription("; ".join(days) if days else empty_text)

    def has_chart(self) -> bool:
        """Whether columns are drawn (else the sentence)."""
        return self.post.total > 0

    def columns(self) -> list[QRectF]:
        """Where each day's column stands (empty days have no height)."""
        return _columns(self.width(), self.post, QFontMetrics(self.font()))

    def value_labels(self) -> list[tuple[QRect, str]]:
        """The orders drawn over the columns, where they are drawn."""
        if not self.has_chart():
            return []
        return post_orders_labels(self.width(), self.post, QFontMetrics(self.font()))

    def sizeHint(self) -> QSize:
        """Room for the columns and the legend (or the sentence)."""
        return QSize(320, CHART_HEIGHT + LEGEND_HEIGHT if self.has_chart() else EMPTY_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for two side by side."""
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, _event: object) -> None:  # Qt's name
        """The columns, their scale, the post's day and the legend (or the sentence)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        paint_post_orders(
            painter, self.width(), self.post, QFontMetrics(self.font()),
            palette.color(QPalette.ColorRole.Text),
            palette.color(QPalette.ColorRole.PlaceholderText), self.empty_text,
        )  # fmt: skip
        painter.end()

    def day_at(self, x: float) -> int | None:
        """The day (offset from the post) of the column under `x`, if columns are drawn."""
        if not self.has_chart():
            return None
        box = _plot(self.width(), QFontMetrics(self.font()))
        if not box.left() <= x <= box.right():
            return None
        index = int((x - box.left()) / box.width() * len(self.post.orders))
        return self.post.days[min(index, len(self.post.orders) - 1)]

    def event(self, event: object) -> bool:  # Qt's name
        """The day's date and orders when the pointer rests on a column."""
        if isinstance(event, QHelpEvent):
            offset = self.day_at(event.pos().x())
            if offset is None:
                QToolTip.hideText()
            else:
                count = self.post.on(offset)
                QToolTip.showText(
                    event.globalPos(),
                    f"{day_words(self.post, offset)}: {count} order{'s' if count != 1 else ''}",
                    self,
                )
            return True
        return super().event(event)


def post_orders_image(post: PostOrders, width: int, font: QFont) -> QImage:
    """The post's title and chart as one picture `width` pixels wide, for the PDF (so a page
    break never parts them): dark text on white paper, drawn at 480 units across and scaled,
    so its words keep about the page's size."""
    units = 480
    ratio = width / units
    metrics = QFontMetrics(font, QImage(1, 1, QImage.Format.Format_RGB32))
    title_height = metrics.height() + 4
    height = title_height + CHART_HEIGHT + LEGEND_HEIGHT
    image = QImage(width, round(height * ratio), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(ratio, ratio)
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor("#222222"))
    title = QFontMetrics(bold, image).elidedText(
        post_title(post), Qt.TextElideMode.ElideRight, units
    )
    painter.drawText(QRectF(0, 0, units, title_height), Qt.AlignmentFlag.AlignLeft, title)
    painter.setFont(font)
    painter.translate(0, title_height)
    paint_post_orders(
        painter, units, post, QFontMetrics(font, image), QColor("#222222"), QColor("#666666"), ""
    )
    painter.end()
    return image


__all__ = [
    "CAPTION",
    "NONE_IN_VIEW_TEXT",
    "NO_ORDERS_TEXT",
    "PostOrdersChart",
    "day_words",
    "empty_sentence",
    "paint_post_orders",
    "post_orders_image",
    "post_orders_labels",
    "post_title",
]
