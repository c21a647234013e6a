"""The report's “Orders around each post”: a heading, what the charts show, and a card per
post (its creator, network, date and orders, then the chart), two to a row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from infcrm.services.campaigns.post_orders import PostOrders
from infcrm.ui import theme
from infcrm.ui.widgets.post_orders_chart import (
    CAPTION,
    PostOrdersChart,
    empty_sentence,
    post_title,
)

COLUMNS = 2


class PostOrdersGrid(QWidget):
    """A chart of orders per day for each post of the campaign, oldest post first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("post_orders")
        self.heading = QLabel("Orders around each post")
        theme.set_role(self.heading, "subtitle")
        self.caption = QLabel(CAPTION)
        self.caption.setWordWrap(True)
        theme.set_role(self.caption, "secondary")  # quiet, yet readable (WCAG AA)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.caption)
        layout.addLayout(self.grid)
        self.charts: list[PostOrdersChart] = []

    def set_posts(self, posts: Sequence[PostOrders], deals_with_orders: set[int]) -> None:
        """Show a card per post; `deals_with_orders` chooses each empty chart's sentence."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.charts = []
        for index, post in enumerate(posts):
            card = QFrame()
            theme.set_card(card)
            title = QLabel(post_title(post))
            title.setWordWrap(True)
            chart = PostOrdersChart(post, empty_sentence(deals_with_orders, post))
            inside = QVBoxLayout(card)
            inside.addWidget(title)
            inside.addWidget(chart)
            self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            self.charts.append(chart)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)
        self.setVisible(bool(posts))


__all__ = ["PostOrdersGrid"]
