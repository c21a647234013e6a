"""Value labels of a chart's bars that never overlap, one rule for every chart: each wants its
spot (centred above a column, or just after the end of a horizontal bar); one that would touch
a label already placed or a bar, or run out of the chart, is nudged sideways (still by
its own bar), and left out when no nudge clears it — its figure stays in the tooltip and the
accessible description. The labels that matter most are placed first, so they always read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QFontMetrics

# How far a label may move sideways, as a share of its width: it still covers its bar's middle.
MOST_NUDGE = 0.5
NUDGE_STEP = 2


@dataclass(frozen=True)
class LabelWish:
    """A label as it would like to be drawn: `rect` centred above `bar`; higher `rank` first."""

    text: str
    rect: QRect
    bar: QRectF
    rank: tuple[float, ...]


def wish_above(bar: QRectF, text: str, metrics: QFontMetrics, rank: tuple[float, ...]) -> LabelWish:
    """`text` centred over the top of column `bar`, a pixel clear of it."""
    width = metrics.horizontalAdvance(text) + 4
    line = metrics.height()
    rect = QRect(round(bar.center().x() - width / 2), round(bar.top()) - line - 1, width, line)
    return LabelWish(text, rect, bar, rank)


def wish_after(
    bar: QRectF, text: str, metrics: QFontMetrics, rank: tuple[float, ...], gap: int = 6
) -> LabelWish:
    """`text` just after the right end of horizontal bar `bar`, centred on it."""
    width = metrics.horizontalAdvance(text) + 4
    line = metrics.height()
    rect = QRect(round(bar.right()) + gap, round(bar.center().y() - line / 2), width, line)
    return LabelWish(text, rect, bar, rank)


def _nudges(width: int) -> list[int]:
    """0, then ±2, ±4… up to half the label's width: the smallest move first."""
    steps = [0]
    for distance in range(NUDGE_STEP, int(width * MOST_NUDGE) + 1, NUDGE_STEP):
        steps += [-distance, distance]
    return steps


def place_labels(wishes: Sequence[LabelWish], bounds: QRect) -> list[tuple[QRect, str]]:
    """Where to draw each label that fits (rectangle, text), most important first; none of
    them overlaps another or a bar, or goes outside `bounds`."""
    bars = [wish.bar for wish in wishes]
    placed: list[tuple[QRect, str]] = []
    for wish in sorted(wishes, key=lambda w: w.rank, reverse=True):
        for shift in _nudges(wish.rect.width()):
            spot = wish.rect.translated(shift, 0)
            if not bounds.contains(spot):
                continue
            if any(spot.intersects(other) for other, _text in placed):
                continue
            area = QRectF(spot)
            if any(area.intersects(bar) for bar in bars):  # its own too: a figure never
                continue  # covers the end of the bar it tells
            placed.append((spot, wish.text))
            break
    return placed


__all__ = ["LabelWish", "place_labels", "wish_above", "wish_after"]
