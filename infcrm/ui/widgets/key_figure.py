"""Key numbers with their captions underneath, for report headers."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
        font.setPointSizeF(font.pointSizeF() * 1.5)
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
        self.rate = KeyFigure("Engagement rate per post", CAMPAIGN_RATE_DEFINITION)
        self.cpe = KeyFigure("Cost per engagement", CPE_TIP)
        self.revenue = KeyFigure("Revenue", "Revenue the posts brought.")
        self.roi = KeyFigure("ROI", "Return on investment: (revenue − cost) ÷ cost.")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(36)
        # Two rows of three keep the report usable in a small laptop window.
        figures = (self.cost, self.engagements, self.rate, self.cpe, self.revenue, self.roi)
        for number, figure in enumerate(figures):
            grid.addWidget(figure, number // 3, number % 3)
        grid.setColumnStretch(3, 1)

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
