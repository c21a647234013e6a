"""How the campaign screen's two tables use their width: whole incentives, roomy campaign rows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from infcrm.domain.campaign_enums import AgreementStatus, IncentiveKind

ROW_AIR = 10  # pixels above and below the text of a campaign's two lines, together
INCENTIVE_COLUMN = 1
# The longest kind of incentive: a mix wraps between kinds, never inside one.
INCENTIVE_SAMPLE = max((kind.label for kind in IncentiveKind), key=len) + ","
CELL_PADDING = 18
# Each column's widest usual text (besides its title): the columns of fixed words get just
# that, so the incentive — free text — takes the rest of the width.
_SAMPLES = {
    0: "Camille Schmidt",
    2: "€10,000.00",
    3: AgreementStatus.SENT.label,  # a deal shows its newest version: never "Replaced by…"
    4: "Delivered",
    5: "0 of 1 · 1 late",
    6: "€1,000.00",
}


class RoomyRowsDelegate(QStyledItemDelegate):
    """Rows a few pixels taller than their text."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + ROW_AIR)


def fit_deal_columns(table: QTableView) -> None:
    """Fixed-word columns as wide as their words; the incentive as wide as its longest kind,
    wrapping a mix onto more lines rather than cutting “Free product, Fee, Co…” short."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    model = table.model()
    bold = header.font()
    bold.setBold(True)
    title_metrics = QFontMetrics(bold)
    for column in range(model.columnCount()):
        title = str(model.headerData(column, header.orientation()) or "")
        sample = INCENTIVE_SAMPLE if column == INCENTIVE_COLUMN else _SAMPLES.get(column, "")
        needed = max(metrics.horizontalAdvance(sample), title_metrics.horizontalAdvance(title))
        table.setColumnWidth(column, needed + CELL_PADDING)
    header.setStretchLastSection(True)
    table.setWordWrap(True)
    # A campaign holds tens of people, not the whole list: rows may follow their text.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


__all__ = ["CELL_PADDING", "INCENTIVE_COLUMN", "RoomyRowsDelegate", "fit_deal_columns"]
