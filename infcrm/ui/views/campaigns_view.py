"""The Campaigns screen: the campaigns on the left; the chosen one's people, report and brief."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignSummary, DealSummary
from infcrm.ui.events import events
from infcrm.ui.icons import icon
from infcrm.ui.models.campaign_columns import CAMPAIGN_COLUMNS, DEAL_COLUMNS, campaign_dates
from infcrm.ui.models.record_table_model import RecordTableModel, record_table
from infcrm.ui.views.campaign_actions import CampaignActions
from infcrm.ui.views.empty_state import empty_page
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.views.screen import Screen
from infcrm.ui.widgets.deal_table_layout import RoomyRowsDelegate, fit_deal_columns
from infcrm.ui.widgets.narrow_split import StackWhenNarrow

EMPTY_SENTENCE = (
    "A campaign keeps what you offered each influencer, what you agreed, what they posted "
    "and what it brought, in one place."
)


def _icon_button(name: str, label: str, tip: str) -> QPushButton:
    button = QPushButton(icon(name), "")
    button.setAccessibleName(label)
    button.setToolTip(f"{label.rstrip('…')}: {tip[0].lower()}{tip[1:]}")
    return button


class CampaignsView(CampaignActions, Screen):
    """Campaigns, and for the chosen one: its influencers and deals, its report, its brief."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # Between the screen's right edge and the deal table's columns, until measured.
        self._table_margins = 60
        self.campaign_model: RecordTableModel[CampaignSummary] = RecordTableModel(
            CAMPAIGN_COLUMNS, self
        )
        self.campaign_table = record_table(self.campaign_model)
        self.campaign_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.campaign_table.setAccessibleName("Campaigns")
        self.campaign_table.selectionModel().currentRowChanged.connect(self._on_campaign_chosen)
        self.campaign_table.doubleClicked.connect(lambda _i: self.edit_campaign())
        new = QPushButton("New campaign…")
        new.setToolTip("Start a campaign: name, brand, dates, budget, hashtags and brief")
        new.clicked.connect(self.new_campaign)
        # Edit and Delete are icons (named by their tooltips): the list stays narrow enough
        # for every column of the deal table to fit beside it at 1280 px.
        self.edit_button = _icon_button(
            "edit", "Edit campaign…", "Change the chosen campaign's details"
        )
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_campaign())
        self.delete_button = _icon_button(
            "delete", "Delete campaign…", "Delete the chosen campaign with its deals and agreements"
        )
        self.delete_button.clicked.connect(self.delete_campaign)
        self.campaign_pane = left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(8, 8, 4, 8)
        buttons = QHBoxLayout()
        for button in (new, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_column.addLayout(buttons)
        left_column.addWidget(self.campaign_table, 1)
        # Whole names, wrapped if need be: rows grow to their text (a handful of campaigns).
        self.campaign_table.setWordWrap(True)
        self.campaign_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.campaign_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        # Two lines a campaign need air between them, or they read as one list of lines.
        self.campaign_table.setItemDelegate(RoomyRowsDelegate(self.campaign_table))
        header = self.campaign_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Never narrower than its buttons: “New campaign…” must read whole at 1024 px.
        left.setMinimumWidth(max(240, buttons.sizeHint().width() + 12))

        self.right = QStackedWidget()
        self.right.addWidget(QWidget())  # nothing chosen (there always is, once one exists)
        self.right.addWidget(self._build_detail())

        self.splitter = splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(0, 0)
        splitter.setChildrenCollapsible(False)
        # Too narrow for the list beside every deal column (1024 px): the list goes on top.
        self.layout_switch = StackWhenNarrow(
            self, splitter, self._side_by_side_width, side_width=520, stacked_height=170
        )
        self.layout_switch.watch(self.deal_table.viewport())
        # No campaign yet: the whole screen says what a campaign is and starts one.
        self.start_button = QPushButton("New campaign…")
        self.start_button.setToolTip(new.toolTip())
        self.start_button.clicked.connect(lambda _checked=False: self.new_campaign())
        self.empty = empty_page("No campaigns yet", EMPTY_SENTENCE, self.start_button)
        self.screen_pages = QStackedWidget()
        self.screen_pages.addWidget(splitter)
        self.screen_pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen_pages)
        self.freshness = KeepFresh(self, self.refresh)
        for signal in (events.campaigns_changed, events.deals_changed, events.influencers_changed):
            signal.connect(self.freshness.data_changed)

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(4, 8, 8, 8)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        column.addWidget(self.heading)
        self.tabs = QTabWidget()
        column.addWidget(self.tabs, 1)

        people = QWidget()
        people_column = QVBoxLayout(people)
        toolbar = QHBoxLayout()
        add = QPushButton("Add influencers…")
        add.setToolTip("Choose people to add to this campaign")
        add.clicked.connect(self.add_influencers)
        self.open_button = QPushButton("Open deal…")
        self.open_button.setToolTip("Terms, content and payments of the selected influencer")
        self.open_button.clicked.connect(self.open_deal)
        self.agreement_button = QPushButton("Agreement…")
        self.agreement_button.setToolTip("Write, send and confirm the agreement email")
        self.agreement_button.clicked.connect(self.open_agreement)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setToolTip("Take the selected influencers out of this campaign")
        self.remove_button.clicked.connect(self.remove_selected)
        self.same_terms_button = QPushButton("Same terms…")
        self.same_terms_button.setToolTip(
            "Give everyone without terms yet (or the selected people) the same product, fee "
            "and posts in one go"
        )
        self.same_terms_button.clicked.connect(self.same_terms)
        for button in (add, self.same_terms_button, self.open_button, self.agreement_button,
                       self.remove_button):  # fmt: skip
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        people_column.addLayout(toolbar)
        self.deal_model: RecordTableModel[DealSummary] = RecordTableModel(DEAL_COLUMNS, self)
        self.deal_table = record_table(self.deal_model)
        self.deal_table.setAccessibleName("Influencers in this campaign")
        self.deal_table.doubleClicked.connect(lambda _i: self.open_deal())
        self.deal_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.deal_table.customContextMenuRequested.connect(self._on_deal_menu)
        self.deal_fit = fit_deal_columns(self.deal_table)
        people_column.addWidget(self.deal_table, 1)
        self.people_hint = QLabel()
        self.people_hint.setWordWrap(True)
        people_column.addWidget(self.people_hint)
        self.tabs.addTab(people, "Influencers")

        from infcrm.ui.views.campaign_report_view import CampaignReportView

        self.report = CampaignReportView(self.db, titled=False)  # the heading names it
        self.tabs.addTab(self.report, "Report")
        self.brief = QTextBrowser()
        self.brief.setOpenExternalLinks(True)
        self.edit_brief_button = QPushButton("Edit brief…")
        self.edit_brief_button.setToolTip("Write or change the campaign's goal, brief and mentions")
        self.edit_brief_button.clicked.connect(lambda _checked=False: self.edit_campaign("brief"))
        self.brief_page = QWidget()
        brief_column = QVBoxLayout(self.brief_page)
        brief_top = QHBoxLayout()
        brief_top.addWidget(self.edit_brief_button)
        brief_top.addStretch(1)
        brief_column.addLayout(brief_top)
        brief_column.addWidget(self.brief, 1)
        self.tabs.addTab(self.brief_page, "Brief")
        return detail

    def _side_by_side_width(self) -> int:
        """The screen's least width with the campaign list beside every deal column."""
        table = self.deal_table
        bar = table.verticalScrollBar()
        if table.isVisible():  # what lies between the screen's edge and the table's columns
            self._table_margins = self.right.width() - table.viewport().width()
            if not bar.isVisible():
                self._table_margins += table.style().pixelMetric(
                    QStyle.PixelMetric.PM_ScrollBarExtent, None, bar
                )
        beside = self.campaign_pane.minimumWidth() + self.splitter.handleWidth()
        return beside + self._table_margins + self.deal_fit.least_width()

    # Loading -----------------------------------------------------------------------------

    def show_screen(self) -> None:
        """Chosen from the sidebar: the screen keeps itself current (KeepFresh)."""

    def refresh(self) -> None:
        """Reload the campaigns, keeping the chosen one."""
        self.freshness.stale = False
        chosen = self.current_campaign_id()
        self.campaign_model.set_records(campaigns.list_campaigns(self.db))
        ids = [c.id for c in self.campaign_model.records]
        self.screen_pages.setCurrentWidget(self.empty if not ids else self.screen_pages.widget(0))
        if not ids:
            self.right.setCurrentIndex(0)
            self._show_campaign(None)
            return
        self.right.setCurrentIndex(1)
        row = ids.index(chosen) if chosen in ids else 0
        self.campaign_table.selectionModel().setCurrentIndex(
            self.campaign_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._show_campaign(ids[row])

    def current_campaign_id(self) -> int | None:
        """The campaign on show, or None."""
        record = self.campaign_model.record(self.campaign_table.currentIndex().row())
        return record.id if record else None

    def select_campaign(self, campaign_id: int) -> None:
        """Show this campaign."""
        ids = [c.id for c in self.campaign_model.records]
        if campaign_id in ids:
            self.campaign_table.selectRow(ids.index(campaign_id))

    def _on_campaign_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.campaign_model.record(current.row())
        self._show_campaign(record.id if record else None)

    def _show_campaign(self, campaign_id: int | None) -> None:
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(campaign_id is not None)
        self.report.show_campaign(campaign_id)
        if campaign_id is None:
            self.deal_model.set_records([])
            return
        campaign = campaigns.get_campaign(self.db, campaign_id)
        facts = [CampaignStatus(campaign.status).label]
        if campaign.starts_on or campaign.ends_on:
            facts.append(campaign_dates(campaign.starts_on, campaign.ends_on))
        if campaign.budget:
            facts.append(f"budget {campaign.budget}")
        if campaign.hashtags:
            facts.append(campaign.hashtags)
        brand = f" — {html.escape(campaign.brand)}" if campaign.brand else ""
        self.heading.setText(
            f"<h2 style='margin:0'>{html.escape(campaign.name)}{brand}</h2>"
            f"<p style='margin:2px 0'>{html.escape(' · '.join(facts))}</p>"
        )
        self.brief.setPlainText(
            "\n\n".join(
                part
                for part in (
                    f"Goal\n{campaign.goal}" if campaign.goal else "",
                    f"Brief\n{campaign.brief}" if campaign.brief else "",
                    f"Mentions: {campaign.mentions}" if campaign.mentions else "",
                )
                if part
            )
            or "No goal or brief written yet: click Edit brief… to add them."
        )
        self.deal_model.set_records(deals.deal_summaries(self.db, campaign_id, date.today()))
        count = len(self.deal_model.records)
        self.people_hint.setText(
            "No influencers in this campaign yet. Click Add influencers…, or right-click "
            "people in the Influencers list or on the Pipeline board."
            if not count
            else f"{count:,} influencer{'s' if count != 1 else ''}. Double-click one to set "
            "what they get and deliver, record their posts and payments."
        )
