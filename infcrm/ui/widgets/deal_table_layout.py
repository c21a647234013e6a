"""How the campaign screen's two tables use their width: whole incentives, roomy campaign rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from infcrm.domain.campaign_enums import AgreementStatus, IncentiveKind

ROW_AIR = 10  # pixels above and below the text of a campaign's two lines, together
INCENTIVE_COLUMN = 1
CODE_COLUMN = 7
# The longest kind of incentive: a mix wraps between kinds, and inside one only when the
# promo codes would otherwise be cut (a code cut short is of no use; a wrapped kind reads
# whole), never inside its longest word.
INCENTIVE_SAMPLE = max((kind.label for kind in IncentiveKind), key=len) + ","


def _unbreakable(label: str) -> list[str]:
    """What of a kind stays on one line (campaign_columns.phrases_kept_whole): “Free product,”;
    “Commission /” and “promo code,”."""
    parts = label.split(" / ")
    return [f"{part} /" for part in parts[:-1]] + [f"{parts[-1]},"]


INCENTIVE_LEAST_SAMPLES = tuple(p for kind in IncentiveKind for p in _unbreakable(kind.label))
CELL_PADDING = 12
TITLE_PADDING = 20  # a title sits between the header's borders and its sort arrow's room
# Each column's widest usual text (besides its title): the columns of fixed words get just
# that; the code, then the incentive (free text) take the rest of the width. At 1280 × 800
# every column, Fees owed and whole codes included, fits without scrolling sideways (the
# screen puts its campaign list above the table when it is narrower): the agreement's
# “Sent, awaiting reply” and a late delivery's “· 1 late” wrap onto a second line instead.
_SAMPLES = {
    0: "Camille Schmidt",
    2: "€1,555.00",
    3: AgreementStatus.SENT.label.split(", ")[-1],  # never "Replaced by…": the newest version
    4: "Delivered",
    5: "0 of 1 ·",
    6: "€1,000.00",
    7: "HUGO10",  # at least; longer codes get the room there is, else end in “…” (tooltip)
}
# A usual code (a name and a percentage): the list goes above the table when the table
# beside it could not show one whole.
CODE_SAMPLE = "CAMILLEBAKES10"


class RoomyRowsDelegate(QStyledItemDelegate):
    """Rows a few pixels taller than their text."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + ROW_AIR)


class _DealColumnsFit(QObject):
    """Gives the table's free width to the code, up to its longest code, then to the incentive.

    Neither goes below its least width (`code_least`, `incentive_least`): narrower than all
    columns' least, the table scrolls sideways rather than break “Commission” in the middle.
    """

    def __init__(
        self, table: QTableView, incentive_least: int, code_least: int, code_usual: int
    ) -> None:
        super().__init__(table)
        self._table = table
        self.incentive_least, self.code_least = incentive_least, code_least
        self._code_usual = code_usual
        table.viewport().installEventFilter(self)
        table.model().modelReset.connect(self.fit)

    def least_width(self) -> int:
        """The narrowest viewport that shows every column whole, a usual code included."""
        return self._others() + self.incentive_least + max(self.code_least, self._code_usual)

    def _others(self) -> int:
        header = self._table.horizontalHeader()
        return sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c not in (INCENTIVE_COLUMN, CODE_COLUMN) and not header.isSectionHidden(c)
        )

    def _code_wanted(self) -> int:
        table = self._table
        model, metrics = table.model(), table.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(str(model.index(row, CODE_COLUMN).data() or ""))
                for row in range(model.rowCount())
            ),
            default=0,
        )
        return max(self.code_least, widest + CELL_PADDING)

    def fit(self) -> None:
        """Share the viewport's width between the code and the incentive."""
        room = self._table.viewport().width() - self._others()
        code = max(self.code_least, min(self._code_wanted(), room - self.incentive_least))
        header = self._table.horizontalHeader()
        header.resizeSection(CODE_COLUMN, code)
        header.resizeSection(INCENTIVE_COLUMN, max(self.incentive_least, room - code))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def fit_deal_columns(table: QTableView) -> _DealColumnsFit:
    """Fixed-word columns as wide as their words; the incentive as wide as its longest kind,
    wrapping a mix onto more lines rather than cutting “Free product, Fee, Co…” short."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    model = table.model()
    bold = header.font()
    bold.setBold(True)
    title_metrics = QFontMetrics(bold)

    def needed(column: int, sample: str) -> int:
        title = str(model.headerData(column, header.orientation()) or "")
        return max(
            metrics.horizontalAdvance(sample) + CELL_PADDING,
            title_metrics.horizontalAdvance(title) + TITLE_PADDING,
        )

    for column in range(model.columnCount()):
        sample = INCENTIVE_SAMPLE if column == INCENTIVE_COLUMN else _SAMPLES.get(column, "")
        table.setColumnWidth(column, needed(column, sample))
    # The incentive takes what the others leave, never less than its longest word: narrower
    # than that, the table scrolls sideways rather than break “Commission” itself.
    header.setStretchLastSection(False)
    fit = _DealColumnsFit(
        table,
        max(needed(INCENTIVE_COLUMN, sample) for sample in INCENTIVE_LEAST_SAMPLES),
        table.columnWidth(CODE_COLUMN),
        needed(CODE_COLUMN, CODE_SAMPLE),
    )
    table.setWordWrap(True)
    # Rows of two or three lines need air above and below them, as one-line rows have.
    table.setItemDelegate(RoomyRowsDelegate(table))
    # A campaign holds tens of people, not the whole list: rows may follow their text.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return fit


__all__ = ["CELL_PADDING", "INCENTIVE_COLUMN", "RoomyRowsDelegate", "fit_deal_columns"]
