"""Every chart's figures follow one placement rule: the Pipeline's people per stage, the
campaign report's results per influencer and the orders around each post never draw a figure
over another, over someone else's bar or off the edge — at narrow widths, light and dark; the
figures that matter most always read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtWidgets import QWidget

from infcrm.services.campaigns.post_orders import DAYS_BEFORE, PostOrders
from infcrm.services.outreach.outreach_types import StageCount
from infcrm.services.people.influencer_types import StageInfo
from infcrm.ui.widgets.bar_chart import Bar, BarChart
from infcrm.ui.widgets.post_orders_chart import PostOrdersChart, post_orders_labels
from infcrm.ui.widgets.stage_bar_chart import StageBarChart

THEMES = ["light", "dark"]

# A big file's pipeline: one stage holds more than a million people.
STAGES = (
    ("Prospect", 1_204_377, False),
    ("Contacted", 48_120, False),
    ("In talks", 9_876, False),
    ("Agreed", 7, False),
    ("Content live with a very long stage name", 0, False),
    ("Declined", 311, True),
)

# Orders per day from a week before a post to two weeks after: close figures side by side.
ORDERS = (0, 1, 0, 2, 3, 1, 0, 138, 142, 139, 97, 71, 55, 48, 31, 22, 21, 9, 4, 1, 0, 1)

RESULTS = (
    ("Vera Kowalski-Lindqvist", 1_548_230.5, "€1,548,230.50"),
    ("Hugo Coffee", 12_345.67, "€12,345.67"),
    ("Mei Mensah", 687.5, "€687.50"),
    ("Olga Berg", 0, "—"),
)


def assert_apart(chart: QWidget, labels: Sequence[tuple[QRect, str]], bars: list[QRectF]) -> None:
    """No figure touches another, runs off the chart, or covers a bar (its own included)."""
    for (one, one_text), (other, other_text) in combinations(labels, 2):
        assert not one.intersects(other), f"{one_text} is drawn over {other_text}"
    for rect, text in labels:
        assert chart.rect().contains(rect), f"{text} is cut off at {chart.width()} pixels"
        covered = [bar for bar in bars if QRectF(rect).intersects(bar)]
        assert not covered, f"{text} is drawn over a bar"


@pytest.fixture(params=THEMES)
def scheme(request, qapp, themed) -> str:
    themed.apply(qapp, request.param)
    return request.param


@pytest.mark.parametrize("width", [220, 300, 420])
def test_people_per_stage_read_beside_their_bars(qtbot, scheme: str, width: int) -> None:
    chart = StageBarChart()
    qtbot.addWidget(chart)
    chart.set_counts(
        [
            StageCount(StageInfo(i, name, i, closed, False), count)
            for i, (name, count, closed) in enumerate(STAGES)
        ]
    )
    chart.resize(width, chart.sizeHint().height())
    labels = chart.value_labels()
    assert_apart(chart, labels, chart.bars())
    shown = {text for _rect, text in labels}
    assert {"1,204,377", "48,120", "7", "0"} <= shown  # one row each: every count reads


@pytest.mark.parametrize("width", [220, 240, 320, 480])
def test_results_per_influencer_read_beside_their_bars(qtbot, scheme: str, width: int) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars([Bar(name, value, text) for name, value, text in RESULTS])
    chart.resize(width, chart.sizeHint().height())
    labels = chart.value_labels()
    assert_apart(chart, labels, chart.bar_rects())
    assert {text for _rect, text in labels} == {text for _n, _v, text in RESULTS}


def _post() -> PostOrders:
    return PostOrders(1, 1, 1, "Lena Bakes", "lenabakes", "instagram", "reel",
                      date(2026, 4, 6), -DAYS_BEFORE, ORDERS)  # fmt: skip


@pytest.mark.parametrize("width", [220, 320, 480, 700])
def test_orders_over_the_columns_never_overlap(qtbot, scheme: str, width: int) -> None:
    chart = PostOrdersChart(_post(), "")
    qtbot.addWidget(chart)
    chart.resize(width, chart.sizeHint().height())
    labels = chart.value_labels()
    assert_apart(chart, labels, chart.columns())
    shown = {text for _rect, text in labels}
    assert "138" in shown  # the post's own day; the scale at the left tells the highest
    assert width < 480 or "142" in shown


def test_a_wide_orders_chart_shows_every_days_orders(qtbot, themed) -> None:
    chart = PostOrdersChart(_post(), "")
    qtbot.addWidget(chart)
    chart.resize(900, chart.sizeHint().height())
    shown = sorted(text for _rect, text in chart.value_labels())
    assert shown == sorted(str(n) for n in ORDERS if n)


def test_the_pdfs_orders_chart_places_its_figures_the_same_way(qapp) -> None:
    from PySide6.QtGui import QFontMetrics

    labels = post_orders_labels(480, _post(), QFontMetrics(qapp.font()))
    for (one, _a), (other, _b) in combinations(labels, 2):
        assert not one.intersects(other)
    assert {"142", "138"} <= {text for _rect, text in labels}  # the PDF's is 480 units wide
