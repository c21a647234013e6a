"""Key numbers with their captions underneath, for report headers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from infcrm.services.campaigns.report_types import CAMPAIGN_RATE_DEFINITION, ReportRow
from infcrm.ui import theme
from infcrm.ui.models.campaign_report_table_model import money_text, percent_text, roi_text

NO_VALUE = "—"
CPE_TIP = "Total cost ÷ engagements."


class KeyFigure(QWidget):
    """A big number (or "—") over a quiet caption; its tooltip says what it means."""

    def __init__(self, caption: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tip = tip
        self.number = QLabel(NO_VALUE)
        self.number.setObjectName("figure_number")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLabel(caption)
        theme.set_role(self.caption, "secondary")  # quiet, yet readable (WCAG AA)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setToolTip(tip)
        self.setAccessibleName(caption)

    def set_text(self, text: str, tip: str | None = None) -> None:
        """Show `text`; `tip` explains this value (e.g. why there is none), else the usual tip."""
        self.number.setText(text)
        self.setToolTip(tip or self._tip)
        self.setAccessibleDescription(text)


__all__ = ["KeyFigure"]


class ReportFigures(QWidget):
    """The six key figures over a campaign report: cost, engagements, rate, CPE, revenue, ROI."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cost = KeyFigure(
            "Total cost", "Fees plus the retail value of products, services and experiences."
        )
        self.engagements = KeyFigure(
            "Engagements", "Likes + comments + shares + saves of every post."
        )
        self.rate = KeyFigure("Engagement rate", CAMPAIGN_RATE_DEFINITION)  # per post: the tip
        self.cpe = KeyFigure("Cost / engagement", CPE_TIP)
        self.revenue = KeyFigure("Revenue", "Revenue the posts brought.")
        self.roi = KeyFigure("ROI", "Return on investment: (revenue − cost) ÷ cost.")
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(28)
        self._figures = (self.cost, self.engagements, self.rate, self.cpe, self.revenue, self.roi)
        self._per_row = 0
        self._place(3)

    def _place(self, per_row: int) -> None:
        """The figures in rows of `per_row`: one row of six where they fit, which leaves the
        table under them a row more on a small laptop screen, else two rows of three."""
        if per_row == self._per_row:
            return
        for figure in self._figures:
            self._grid.removeWidget(figure)
        for column in range(len(self._figures) + 1):
            self._grid.setColumnStretch(column, 0)
        for number, figure in enumerate(self._figures):
            self._grid.addWidget(figure, number // per_row, number % per_row)
        self._grid.setColumnStretch(per_row, 1)
        self._per_row = per_row

    def _one_row_width(self) -> int:
        spacing = self._grid.horizontalSpacing()
        return sum(f.sizeHint().width() for f in self._figures) + spacing * len(self._figures)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        self._place(6 if event.size().width() >= self._one_row_width() else 3)

    def show_totals(self, total: ReportRow) -> None:
        """Show a report's totals row."""
        self.cost.set_text(total.cost_text)
        self.engagements.set_text(
            f"{total.engagements:,}", f"Likes + comments + shares + saves of {total.posts:,} posts."
        )
        self.rate.set_text(percent_text(total.engagement_rate))
        self.cpe.set_text(money_text(total.cost_per_engagement), total.cpe_note or CPE_TIP)
        self.revenue.set_text(total.revenue_text)
        self.roi.set_text(roi_text(total.roi), total.roi_note or None)
        self._place(6 if self.width() >= self._one_row_width() else 3)  # wider or narrower text
