"""The deal window's "Content and results" tab: the posts delivered and how far along the
promised content is."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from infcrm.domain.campaign_enums import ContentFormat, DeliverableStatus
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Platform
from infcrm.services.campaigns import deal_edits, deals
from infcrm.services.campaigns.campaign_types import ContentItem
from infcrm.services.campaigns.campaign_types import Deal as DealInfo
from infcrm.ui.dialogs.content_dialog import ContentDialog, post_title
from infcrm.ui.dialogs.seen_delete import ask_and_delete
from infcrm.ui.models.campaign_columns import CONTENT_COLUMNS
from infcrm.ui.models.record_table_model import RecordTableModel, record_table


def promised_progress(delivered: int, count: int, status: str, due: date | None) -> str:
    """E.g. "0 of 1, due 23 Apr", "1 of 2, late (was due 3 Mar)" or "2 of 2, delivered"."""
    done = f"{delivered} of {count}"
    if status == DeliverableStatus.DELIVERED.value:
        return f"{done}, delivered"
    when = day_text(due, year=False) if due else ""
    if status == DeliverableStatus.LATE.value:
        return f"{done}, late (was due {when})" if when else f"{done}, late"
    return f"{done}, due {when}" if when else done


class DealContentTab:
    """The posts of the deal window (a DealDialog part: it holds db, deal_id, person and
    reload)."""

    def _content_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        column.addWidget(self.progress)
        self.content_model: RecordTableModel[ContentItem] = RecordTableModel(CONTENT_COLUMNS, self)
        self.content_table = record_table(self.content_model)
        column.addWidget(self.content_table, 1)
        row = QHBoxLayout()
        record = QPushButton("Record a post…")
        record.setToolTip("Add a delivered post with its likes, reach, clicks and sales")
        record.clicked.connect(self._on_record_post)
        edit = QPushButton("Edit post…")
        edit.setToolTip("Change the selected post's link, day or results (also: double-click it)")
        edit.clicked.connect(self._on_edit_post)
        self.content_table.doubleClicked.connect(self._on_edit_post)
        delete = QPushButton("Delete post")
        delete.clicked.connect(self._on_delete_post)
        row.addWidget(record)
        row.addWidget(edit)
        row.addWidget(delete)
        row.addStretch(1)
        column.addLayout(row)
        return tab

    def _on_record_post(self) -> None:
        deal = deals.get_deal(self.db, self.deal_id)
        if ContentDialog(self.db, deal, self).exec():
            self.reload()

    def _on_edit_post(self) -> None:
        post = self.content_model.record(self.content_table.currentIndex().row())
        if post is None:
            return
        deal = deals.get_deal(self.db, self.deal_id)
        if ContentDialog(self.db, deal, self, post).exec():
            self.reload()

    def _on_delete_post(self) -> None:
        post = self.content_model.record(self.content_table.currentIndex().row())
        if post is None:
            return
        ask_and_delete(
            self, self.db, "Delete post",
            f"Delete the post of {day_text(post.posted_on)} and its results?",
            post.version,
            lambda seen: deal_edits.delete_post(self.db, post.id, seen),
            self.reload,
            post_title("deletion of the post", post.posted_on, self.person),
        )  # fmt: skip

    def _show_content(self, deal: DealInfo) -> None:
        """The posts and the promised content's progress of `deal` as just read."""
        self.content_model.set_records(deal.content)
        parts = []
        for item in deal.deliverables:
            parts.append(
                f"{Platform(item.platform).label} {ContentFormat(item.format).label.lower()}: "
                + promised_progress(item.delivered, item.count, item.status, item.due_date)
            )
        self.progress.setText(
            "Promised: " + "; ".join(parts)
            if parts
            else "No content promised yet: add it on "
            "the first tab. Posts recorded here still count in the campaign report."
        )


__all__ = ["DealContentTab", "promised_progress"]
