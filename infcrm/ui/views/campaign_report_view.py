"""A campaign's report: what each influencer cost and brought, the totals, and a chart."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.deal_rows import CampaignNotFound
from infcrm.services.campaigns.report_types import CampaignReport, report_subtitle
from infcrm.ui import theme
from infcrm.ui.campaign_report_export import ReportExportButtons
from infcrm.ui.events import events
from infcrm.ui.models.campaign_report_table_model import (
    INFLUENCER_ID_ROLE,
    CampaignReportTableModel,
)
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.views.campaign_report_chart_pane import CampaignReportChartPane
from infcrm.ui.views.campaign_report_table import CampaignReportTable
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.widgets.headings import heading
from infcrm.ui.widgets.key_figure import ReportFigures
from infcrm.ui.widgets.pinned_totals import PinnedTotals

REPORT_PAGE, MESSAGE_PAGE = range(2)
EMPTY_TEXT = "Add influencers to this campaign, record their posts, and the results appear here."
NO_POSTS_TEXT = (
    "No posts recorded yet: record each influencer's posts with their results, and the "
    "engagements, cost per engagement and ROI appear here."
)
NO_CAMPAIGN_TEXT = "Choose a campaign to see what it cost and what it brought."
UNDER_ROWS_LEAST = 64  # px of the notes and chart pane left under the rows


def _load(db: Database, campaign_id: int, today: date) -> CampaignReport | str:
    """The report, or the sentence to show when the campaign is gone (deleted meanwhile)."""
    try:
        return campaign_report(db, campaign_id, today)
    except CampaignNotFound as exc:
        return str(exc)


class CampaignReportView(QWidget):
    """Cost, results, cost per engagement and ROI per influencer of one campaign."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, titled: bool = True) -> None:
        """`titled`: name the campaign over the report (not under a heading that names it)."""
        super().__init__(parent)
        self.db = db
        self.today: date | None = None  # a fixed date for tests and screenshots
        self.campaign_id: int | None = None
        self.report: CampaignReport | None = None

        self.title = heading("", 1.3)
        self.title.setObjectName("report_title")
        self.subtitle = QLabel()
        theme.set_role(self.subtitle, "secondary")  # quiet, yet readable (WCAG AA)
        self.figures = ReportFigures()
        self.model = CampaignReportTableModel(self)
        self.table = CampaignReportTable(self.model, self.fontMetrics().height() + 10)
        self.table.doubleClicked.connect(self._on_row_activated)
        self.table.activated.connect(self._on_row_activated)

        self.chart_area = chart_scroll = CampaignReportChartPane()
        # The pane's parts, as the screen's own.
        self.notes = chart_scroll.notes
        self.metric_box = chart_scroll.metric_box
        self.chart = chart_scroll.chart
        self.chart_caption = chart_scroll.chart_caption
        self.chart_part = chart_scroll.chart_part
        self.post_orders = chart_scroll.post_orders

        # The totals row is pinned under the rows: it stays in view however they scroll.
        self.totals = PinnedTotals(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.totals)
        self.splitter.addWidget(chart_scroll)
        self.splitter.setChildrenCollapsible(False)
        # The rows first: the pane under them (notes, chart) gets what they leave, at least a
        # strip that shows it is there, and the handle between them can be dragged.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        chart_scroll.setMinimumHeight(UNDER_ROWS_LEAST)

        self.exports = ReportExportButtons(lambda: self.report, db.path, self._on_saved)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("report_saved")
        self.saved_note.setWordWrap(True)
        self.saved_note.hide()
        theme.set_role(self.saved_note, "secondary")
        # The title beside the export buttons, the subtitle under it; under a heading that
        # names the campaign the subtitle takes the title's place, a line less.
        self.title.setVisible(titled)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title if titled else self.subtitle, 1)
        title_row.addWidget(self.exports, 0, Qt.AlignmentFlag.AlignTop)
        self.subtitle.setWordWrap(True)

        report_page = QWidget()
        page = QVBoxLayout(report_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addLayout(title_row)
        if titled:
            page.addWidget(self.subtitle)
        page.addWidget(self.saved_note)
        page.addSpacing(4)
        page.addWidget(self.figures)
        page.addSpacing(4)
        page.addWidget(self.splitter, 100)
        page.addStretch(1)  # takes what a short table leaves when there is no chart yet

        self.message = QLabel(NO_CAMPAIGN_TEXT)
        self.message.setObjectName("report_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMinimumWidth(360)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.message.setFont(font)
        message_page = QWidget()
        message_layout = QVBoxLayout(message_page)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message)
        message_layout.addStretch(2)

        # On a short screen (1024 × 640) the page scrolls rather than holding the window taller
        # than the screen: notes under the figures can take several lines.
        report_scroll = QScrollArea()
        report_scroll.setWidget(report_page)
        report_scroll.setWidgetResizable(True)
        report_scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.pages = QStackedWidget()
        self.pages.addWidget(report_scroll)
        self.pages.addWidget(message_page)
        self.pages.setCurrentIndex(MESSAGE_PAGE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.loader = LatestLoader("campaign report", self)
        self.loader.loaded.connect(self._on_loaded)
        self.freshness = KeepFresh(self, self._request, stale=False)
        events.deals_changed.connect(self.freshness.data_changed)
        events.campaigns_changed.connect(self.freshness.data_changed)
        events.influencers_changed.connect(self.freshness.data_changed)  # the trash drops out

    # Loading ------------------------------------------------------------------------------

    def current_date(self) -> date:
        """The user's date (late deliverables are counted against it)."""
        return self.today or date.today()

    def show_campaign(self, campaign_id: int | None) -> None:
        """Show the report of `campaign_id` (read in the background), or a hint for None."""
        self.campaign_id = campaign_id
        if campaign_id is None:
            self.loader.skip_pending()
            self._show_message(NO_CAMPAIGN_TEXT)
            return
        self._request()

    def refresh(self) -> None:
        """Read and show the report now (a few grouped queries)."""
        self.loader.skip_pending()
        if self.campaign_id is None:
            self._show_message(NO_CAMPAIGN_TEXT)
            return
        result = _load(self.db, self.campaign_id, self.current_date())
        if isinstance(result, str):
            self._show_message(result)
        else:
            self._show(result)

    def is_loading(self) -> bool:
        """True while a background read has not answered yet."""
        return self.loader.waiting

    def _request(self) -> None:
        self.freshness.stale = False
        db, campaign_id, today = self.db, self.campaign_id, self.current_date()
        if campaign_id is not None:
            self.loader.request(lambda: _load(db, campaign_id, today))

    def _on_loaded(self, serial: int, result: object, error: str) -> None:
        if serial != self.loader.latest:
            return
        if isinstance(result, CampaignReport):
            self._show(result)
        elif isinstance(result, str):
            self._show_message(result)
        else:
            self._show_message(f"The report could not be loaded: {error}")

    # Showing ------------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self.report = None
        self.model.set_report(None)
        self.chart_area.clear()
        self.message.setText(text)
        self.pages.setCurrentIndex(MESSAGE_PAGE)

    def _show(self, report: CampaignReport) -> None:
        if self.report is None or self.report.campaign_id != report.campaign_id:
            self.saved_note.hide()  # it spoke of another campaign's file
        self.report = report
        self.title.setText(report.name)
        self.subtitle.setText(report_subtitle(report))
        if report.is_empty:
            self.model.set_report(None)
            self.chart_area.clear(report)
            self.message.setText(f"{report.name}\n\n{EMPTY_TEXT}")
            self.pages.setCurrentIndex(MESSAGE_PAGE)
            return
        self.figures.show_totals(report.total)
        lines = list(report.notes)
        if not report.has_posts:
            lines.insert(0, NO_POSTS_TEXT)
        self.table.show_report(report)
        # As tall as its rows: a short campaign leaves the room to the chart.
        self.totals.setMaximumHeight(self.table.fit(report))
        self.chart_area.show_report(report, lines)
        self.pages.setCurrentIndex(REPORT_PAGE)

    def _on_saved(self, sentence: str) -> None:
        self.saved_note.setText(sentence)
        self.saved_note.show()

    def _on_row_activated(self, index: QModelIndex) -> None:
        influencer_id = index.data(INFLUENCER_ID_ROLE) if index.isValid() else None
        if influencer_id is not None:
            events.open_influencer.emit(int(influencer_id))


__all__ = [
    "EMPTY_TEXT",
    "MESSAGE_PAGE",
    "NO_CAMPAIGN_TEXT",
    "REPORT_PAGE",
    "CampaignReportView",
]
