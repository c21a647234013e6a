"""The campaign report's table of influencers: sortable, read-only, its columns sized to fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from infcrm.services.campaigns.report_types import CampaignReport
from infcrm.ui.models.campaign_report_table_model import (
    COLUMN_KEYS,
    COLUMNS,
    SHOP_KEYS,
    CampaignReportTableModel,
    cell_text,
)
from infcrm.ui.widgets.keyboard import tab_leaves

# What each column should have room for at least, besides its title.
_SAMPLES = {
    "name": "Camille O'Neill",
    "account": "@camille.home",
    "cost": "€12,345.00",
    "engagements": "123,456",
    "reach": "1,234,567",
    "revenue": "€12,345.00",
    "roi": "+1,234%",
    "deliverables": "10 of 12 · 2 late",
}
_FIT_TO_TEXT = ("cost", "revenue")  # widened to fit amounts in several currencies


class CampaignReportTable(QTableView):
    """Results per influencer, a row each and the totals last."""

    def __init__(self, model: CampaignReportTableModel, row_height: int) -> None:
        super().__init__()
        tab_leaves(self)
        self.setObjectName("report_table")
        self.setAccessibleName("Results per influencer")
        self.setModel(model)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(row_height)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self._base_widths = self._column_widths()
        for column, width in enumerate(self._base_widths):
            self.setColumnWidth(column, width)

    def show_report(self, report: CampaignReport) -> None:
        """Show `report`'s rows in the order chosen, the shop's columns only when it sold."""
        header = self.horizontalHeader()
        model = self.model()
        model.set_report(report)
        for column, key in enumerate(COLUMN_KEYS):
            self.setColumnHidden(column, key in SHOP_KEYS and not report.total.from_shop)
        model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _column_widths(self) -> list[int]:
        """Room for each column's title (with the sort arrow) and a typical value."""
        metrics = self.fontMetrics()
        bold = self.horizontalHeader().font()
        bold.setBold(True)
        title_metrics = QFontMetrics(bold)
        return [
            max(
                title_metrics.horizontalAdvance(title) + 22,
                metrics.horizontalAdvance(_SAMPLES.get(key, "")) + 16,
            )
            for key, title, _tip in COLUMNS
        ]

    def fit(self, report: CampaignReport) -> int:
        """Widen the money columns for amounts in several currencies; the height of its rows.

        A campaign has tens of influencers, not thousands, so measuring its rows is cheap.
        """
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        total_metrics = QFontMetrics(bold)
        for key in _FIT_TO_TEXT:
            column = COLUMN_KEYS.index(key)
            texts = [cell_text(r, key) for r in report.rows]
            total = cell_text(report.total, key)
            widest = max(
                [metrics.horizontalAdvance(t) for t in texts]
                + [total_metrics.horizontalAdvance(total)]
            )
            self.setColumnWidth(column, max(self._base_widths[column], widest + 18))
        return (
            self.horizontalHeader().sizeHint().height()
            + self.model().rowCount() * self.verticalHeader().defaultSectionSize()
            + self.horizontalScrollBar().sizeHint().height()
            + 2 * self.frameWidth()
            + 4
        )


__all__ = ["CampaignReportTable"]
