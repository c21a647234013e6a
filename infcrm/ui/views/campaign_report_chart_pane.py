"""The pane under the campaign report's table: notes on the figures, the chart, post orders."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from infcrm.services.campaigns.report_types import CampaignReport
from infcrm.ui import theme
from infcrm.ui.events import events
from infcrm.ui.models.campaign_report_chart import METRICS, chart_bars
from infcrm.ui.widgets.bar_chart import BarChart
from infcrm.ui.widgets.headings import heading
from infcrm.ui.widgets.post_orders_grid import PostOrdersGrid


class CampaignReportChartPane(QScrollArea):
    """What the figures leave out, then results per influencer as bars and the shop's orders."""

    def __init__(self) -> None:
        super().__init__()
        self.report: CampaignReport | None = None
        self.notes = QLabel()
        self.notes.setObjectName("report_notes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.metric_box = QComboBox()
        self.metric_box.setObjectName("chart_metric")
        self.metric_box.setToolTip("What the bars show")
        for key, label in METRICS:
            self.metric_box.addItem(label, key)
        self.metric_box.currentIndexChanged.connect(self._on_metric_changed)
        self.chart = BarChart(empty_text="No influencers in this campaign yet.")
        self.chart.setAccessibleName("Results per influencer, as bars")
        self.chart.bar_clicked.connect(events.open_influencer.emit)
        self.chart_caption = QLabel()
        self.chart_caption.setWordWrap(True)
        theme.set_role(self.chart_caption, "secondary")  # quiet, yet readable (WCAG AA)
        chart_top = QHBoxLayout()
        chart_top.addWidget(heading("Results per influencer"))
        chart_top.addStretch(1)
        show = QLabel("&Show:")
        show.setBuddy(self.metric_box)
        chart_top.addWidget(show)
        chart_top.addWidget(self.metric_box)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 6, 0, 0)
        # What the figures leave out and why: read after the rows, so the rows come first.
        chart_layout.addWidget(self.notes)
        self.chart_part = chart_part = QWidget()
        chart_part_layout = QVBoxLayout(chart_part)
        chart_part_layout.setContentsMargins(0, 0, 0, 0)
        chart_part_layout.addLayout(chart_top)
        chart_part_layout.addWidget(self.chart)
        chart_part_layout.addWidget(self.chart_caption)
        self.post_orders = PostOrdersGrid()
        chart_part_layout.addWidget(self.post_orders)
        chart_layout.addWidget(chart_part)
        chart_layout.addStretch(1)
        self.setWidget(chart_box)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def clear(self, report: CampaignReport | None = None) -> None:
        """No bars and no post orders (no report, or `report` with nobody in it)."""
        self.report = report
        self.chart.set_bars([])
        self.post_orders.set_posts((), set())

    def show_report(self, report: CampaignReport, notes: list[str]) -> None:
        self.report = report
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.draw_chart()
        shop_deals = {row.deal_id for row in report.rows if row.from_shop}
        self.post_orders.set_posts(report.posts, shop_deals)
        # Bars of zeros say nothing: the chart appears with the first recorded post.
        self.chart_part.setVisible(report.has_posts)
        self.setVisible(report.has_posts or bool(notes))

    def draw_chart(self) -> None:
        if self.report is None:
            self.chart.set_bars([])
            self.chart_caption.hide()
            return
        bars, caption = chart_bars(self.report, self.metric_box.currentData())
        self.chart.set_bars(bars)
        self.chart_caption.setText(caption)
        self.chart_caption.setVisible(bool(caption))

    def _on_metric_changed(self, _index: int) -> None:
        self.draw_chart()


__all__ = ["CampaignReportChartPane"]
