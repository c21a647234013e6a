"""How the campaign screen's two tables use their width: whole incentives, roomy campaign rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from infcrm.domain.campaign_enums import AgreementStatus, IncentiveKind

ROW_AIR = 10  # pixels above and below the text of a campaign's two lines, together
INCENTIVE_COLUMN = 1
# The longest kind of incentive: a mix wraps between kinds, never inside one.
INCENTIVE_SAMPLE = max((kind.label for kind in IncentiveKind), key=len) + ","
CELL_PADDING = 12
TITLE_PADDING = 20  # a title sits between the header's borders and its sort arrow's room
# Each column's widest usual text (besides its title): the columns of fixed words get just
# that, so the incentive — free text — takes the rest of the width. At 1280 × 800 every
# column, Fees owed and Code included, fits without scrolling sideways: the agreement's
# “Sent, awaiting reply” and a late delivery's “· 1 late” wrap onto a second line instead.
_SAMPLES = {
    0: "Camille Schmidt",
    2: "€1,555.00",
    3: AgreementStatus.SENT.label.split(", ")[-1],  # never "Replaced by…": the newest version
    4: "Delivered",
    5: "0 of 1 ·",
    6: "€1,000.00",
    7: "HUGO10",  # longer codes end in “…”; the deal's window shows them whole
}


class RoomyRowsDelegate(QStyledItemDelegate):
    """Rows a few pixels taller than their text."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + ROW_AIR)


class _IncentiveFit(QObject):
    """Stretches the incentive column to the table's free width, down to `least` pixels."""

    def __init__(self, table: QTableView, least: int) -> None:
        super().__init__(table)
        self._table, self._least = table, least
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Resize:
            table = self._table
            header = table.horizontalHeader()
            others = sum(
                header.sectionSize(c)
                for c in range(header.count())
                if c != INCENTIVE_COLUMN and not header.isSectionHidden(c)
            )
            roomy = table.viewport().width() - others >= self._least
            mode = QHeaderView.ResizeMode.Stretch if roomy else QHeaderView.ResizeMode.Interactive
            if header.sectionResizeMode(INCENTIVE_COLUMN) != mode:
                header.setSectionResizeMode(INCENTIVE_COLUMN, mode)
                if not roomy:
                    header.resizeSection(INCENTIVE_COLUMN, self._least)
        return False


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
        needed = max(
            metrics.horizontalAdvance(sample) + CELL_PADDING,
            title_metrics.horizontalAdvance(title) + TITLE_PADDING,
        )
        table.setColumnWidth(column, needed)
    # The incentive takes what the others leave, never less than its longest kind: narrower
    # than that, the table scrolls sideways rather than break “Commission / promo code”.
    header.setStretchLastSection(False)
    _IncentiveFit(table, table.columnWidth(INCENTIVE_COLUMN))
    table.setWordWrap(True)
    # A campaign holds tens of people, not the whole list: rows may follow their text.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


__all__ = ["CELL_PADDING", "INCENTIVE_COLUMN", "RoomyRowsDelegate", "fit_deal_columns"]
