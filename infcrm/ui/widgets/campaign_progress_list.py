"""Active campaigns on the dashboard: posts delivered and spend against budget, as bars."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from infcrm.ui.events import events

if TYPE_CHECKING:  # its module reads campaigns, loaded after the first paint
    from infcrm.services.campaigns.campaign_progress import CampaignProgress


def posts_text(entry: CampaignProgress) -> str:
    """“3 of 8 posts delivered · 1 late”."""
    text = f"{entry.posts_delivered:,} of {entry.posts_promised:,} posts delivered"
    return text + (f" · {entry.posts_late:,} late" if entry.posts_late else "")


def spend_text(entry: CampaignProgress) -> str:
    """“€2,300.00 spent of €6,000.00” (or just what was spent, without a budget), naming what
    is spent in other currencies than the budget's: the bar under it leaves that out."""
    if entry.budget_text is None:
        return f"{entry.spent_text} spent · no budget set"
    text = f"{entry.spent_text} spent of {entry.budget_text}"
    return f"{text} · {entry.not_counted} not counted against it" if entry.not_counted else text


def _bar(value: int, maximum: int, name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, max(maximum, 1))
    bar.setValue(min(value, max(maximum, 1)))
    bar.setTextVisible(False)
    bar.setFixedHeight(8)
    bar.setAccessibleName(name)
    return bar


class CampaignProgressList(QWidget):
    """One block per active campaign; its name opens the campaign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[CampaignProgress] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1)

    def set_entries(self, entries: Sequence[CampaignProgress]) -> None:
        """Show these campaigns."""
        self.entries = list(entries)
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        for row, entry in enumerate(self.entries):
            name = QLabel(f"<a href='campaign:{entry.campaign_id}'>{html.escape(entry.name)}</a>")
            name.setObjectName(f"campaign_progress_{entry.campaign_id}")
            name.setWordWrap(True)  # a long name wraps; it is never cut short
            name.setTextFormat(Qt.TextFormat.RichText)
            name.setToolTip("Open the campaign")
            name.linkActivated.connect(
                lambda link: events.open_campaign.emit(int(link.removeprefix("campaign:")))
            )
            posts = QVBoxLayout()
            posts.setSpacing(2)
            posts.addWidget(QLabel(posts_text(entry)))
            posts.addWidget(
                _bar(entry.posts_delivered, entry.posts_promised, f"Posts of {entry.name}")
            )
            spend = QVBoxLayout()
            spend.setSpacing(2)
            spent = QLabel(spend_text(entry))
            spent.setWordWrap(True)  # spend in other currencies than the budget's is named too
            spend.addWidget(spent)
            share = entry.spent_share
            spend.addWidget(
                _bar(round((share or 0) * 100), 100, f"Spend of {entry.name}")
                if share is not None
                else QLabel("")
            )
            block = QWidget()
            block_layout = QGridLayout(block)
            block_layout.setContentsMargins(0, 4, 0, 8)
            block_layout.addWidget(name, 0, 0, 1, 2)
            block_layout.addLayout(posts, 1, 0)
            block_layout.addLayout(spend, 1, 1)
            self._grid.addWidget(block, row, 0, 1, 2)
            if self.isVisible():
                block.show()


__all__ = ["CampaignProgressList", "posts_text", "spend_text"]
