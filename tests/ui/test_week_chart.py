"""The Dashboard's weeks: the counts over the bars never overlap, whatever the figures and the
width; the highest count and the latest week's stay readable."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pytest
from PySide6.QtCore import QRectF

from infcrm.services.outreach.outreach_types import WeekActivity
from infcrm.ui.widgets.week_chart import WeekChart

# Eight weeks as a file of 100,000 people shows them: close figures side by side (3,576 sent,
# 3,247 replies in the week of 12 Oct) and near-equal neighbours.
FIGURES = (
    (3_576, 3_247),
    (3_521, 3_499),
    (9_120, 1_035),
    (8_754, 8_881),
    (702, 691),
    (1_678, 756),
    (1_745, 752),
    (536, 191),
)


def _chart(qtbot, width: int) -> WeekChart:
    chart = WeekChart()
    qtbot.addWidget(chart)
    monday = date(2026, 10, 12)
    chart.set_weeks(
        [
            WeekActivity(monday + timedelta(weeks=i), sent, replies)
            for i, (sent, replies) in enumerate(FIGURES)
        ]
    )
    chart.resize(width, chart.sizeHint().height())
    return chart


@pytest.mark.parametrize("width", [240, 300, 380, 520, 900])
def test_the_counts_over_the_bars_never_overlap(qtbot, width: int) -> None:
    chart = _chart(qtbot, width)
    labels = chart.value_labels()
    for (one, one_text), (other, other_text) in combinations(labels, 2):
        assert not one.intersects(other), f"{one_text} is drawn over {other_text}"
    bars = [bar for _week, bar, value in chart.bars() if value]
    for rect, text in labels:
        assert chart.rect().contains(rect), f"{text} is cut off"
        covered = [bar for bar in bars if QRectF(rect).intersects(bar)]
        assert not covered, f"{text} is drawn over a bar"
        # Each count still stands over its own bar.
        value = int(text.replace(",", ""))
        own = [bar for _w, bar, v in chart.bars() if v == value]
        assert any(rect.left() <= bar.center().x() <= rect.right() for bar in own)
    shown = {text for _rect, text in labels}
    assert "9,120" in shown  # the highest
    # The latest week's both figures, the replies' too, though its bar stands beside the
    # taller sent bar: at 240 px there is no room beside it, so it reads above.
    assert {"536", "191"} <= shown


def test_a_wide_chart_shows_every_count(qtbot) -> None:
    chart = _chart(qtbot, 900)
    shown = sorted(text for _rect, text in chart.value_labels())
    assert shown == sorted(f"{n:,}" for pair in FIGURES for n in pair)
