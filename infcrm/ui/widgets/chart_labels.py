"""Value labels of a chart's bars that never overlap, one rule for every chart: each wants its
spot (centred above a column, or just after the end of a horizontal bar); one that would touch
a label already placed or a bar, or run out of the chart, is nudged sideways (still by
its own bar), and left out when no nudge clears it — its figure stays in the tooltip and the
accessible description. The labels that matter most are placed first; one that must read
(`rises`) goes higher over its own bar when no nudge clears it."""

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
    """A label as it would like to be drawn: `rect` centred above `bar`; higher `rank` first;
    `rises`: blocked at its height, it may go higher (a column's figure that must read)."""

    text: str
    rect: QRect
    bar: QRectF
    rank: tuple[float, ...]
    rises: bool = False


def wish_above(
    bar: QRectF, text: str, metrics: QFontMetrics, rank: tuple[float, ...], rises: bool = False
) -> LabelWish:
    """`text` centred over the top of column `bar`, a pixel clear of it."""
    width = metrics.horizontalAdvance(text) + 4
    line = metrics.height()
    rect = QRect(round(bar.center().x() - width / 2), round(bar.top()) - line - 1, width, line)
    return LabelWish(text, rect, bar, rank, rises)


def wish_after(
    bar: QRectF, text: str, metrics: QFontMetrics, rank: tuple[float, ...], gap: int = 6
) -> LabelWish:
    """`text` just after the right end of horizontal bar `bar`, centred on it."""
    width = metrics.horizontalAdvance(text) + 4
    line = metrics.height()
    rect = QRect(round(bar.right()) + gap, round(bar.center().y() - line / 2), width, line)
    return LabelWish(text, rect, bar, rank)


def horizontal_bars(rooms: Sequence[QRect], values: Sequence[float]) -> list[QRectF]:
    """Each row's bar drawn from the left of its room, longest for the highest value; a value
    above zero is never drawn as none (2 px at least)."""
    top = max(values, default=0)
    found = []
    for room, value in zip(rooms, values, strict=True):
        length = round(room.width() * value / top) if top > 0 and value > 0 else 0
        if value > 0 and length < 2:
            length = 2
        found.append(QRectF(room.left(), room.top(), length, room.height()))
    return found


def labels_after(
    bars: Sequence[QRectF],
    texts: Sequence[str],
    values: Sequence[float],
    metrics: QFontMetrics,
    bounds: QRect,
) -> list[tuple[QRect, str]]:
    """The figures after horizontal `bars`, placed by the one rule: the highest value first,
    then from the top row down."""
    wishes = [
        wish_after(bar, text, metrics, (value, -row))
        for row, (bar, text, value) in enumerate(zip(bars, texts, values, strict=True))
    ]
    return place_labels(wishes, bounds)


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
        spot = _first_clear(wish, bounds, bars, [rect for rect, _text in placed])
        if spot is not None:
            placed.append((spot, wish.text))
    return placed


def _first_clear(
    wish: LabelWish, bounds: QRect, bars: list[QRectF], taken: list[QRect]
) -> QRect | None:
    """The nearest spot for `wish` clear of the labels `taken`, every bar (its own too: a
    figure never covers the end of the bar it tells) and the edge; one that rises tries each
    height up to the top, centred over its bar first at every height."""
    heights = range(0, wish.rect.top() - bounds.top() + 1, NUDGE_STEP) if wish.rises else (0,)
    for lift in heights:
        for shift in _nudges(wish.rect.width()):
            spot = wish.rect.translated(shift, -lift)
            if not bounds.contains(spot) or any(spot.intersects(o) for o in taken):
                continue
            if not any(QRectF(spot).intersects(bar) for bar in bars):
                return spot
    return None


__all__ = ["LabelWish", "place_labels", "wish_above", "wish_after"]
