"""A table's last row (its totals) pinned below it, so it stays in view however far the rows
scroll; the pinned row shares the table's model, column widths, order and sideways scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView, QVBoxLayout, QWidget


class PinnedTotals(QWidget):
    """`table` above, its last row (always the totals) fixed underneath it."""

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.footer = QTableView()
        self.footer.setObjectName("totals_row")
        self.footer.setModel(table.model())
        self.footer.setAccessibleName("Totals")
        self.footer.horizontalHeader().hide()
        self.footer.horizontalHeader().setStretchLastSection(
            table.horizontalHeader().stretchLastSection()
        )
        self.footer.verticalHeader().hide()
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.footer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.footer.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.footer.setHorizontalScrollMode(table.horizontalScrollMode())
        self.footer.setWordWrap(False)
        self.footer.setFrameShape(QFrame.Shape.NoFrame)
        self.footer.verticalHeader().setDefaultSectionSize(
            table.verticalHeader().defaultSectionSize()
        )
        self.footer.setFixedHeight(table.verticalHeader().defaultSectionSize() + 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(table, 1)
        layout.addWidget(self.footer)

        header = table.horizontalHeader()
        header.sectionResized.connect(lambda i, _old, new: self.footer.setColumnWidth(i, new))
        header.sectionMoved.connect(lambda *_a: self._copy_columns())
        table.horizontalScrollBar().valueChanged.connect(self.footer.horizontalScrollBar().setValue)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._split_rows)
        self._split_rows()

    def _copy_columns(self) -> None:
        source, target = self.table.horizontalHeader(), self.footer.horizontalHeader()
        for visual in range(source.count()):
            logical = source.logicalIndex(visual)
            target.moveSection(target.visualIndex(logical), visual)
            target.resizeSection(logical, source.sectionSize(logical))

    def _split_rows(self, *_args: object) -> None:
        """The rows above, the totals below (a report has tens of rows: a loop is cheap)."""
        rows = self.table.model().rowCount()
        for row in range(rows):
            last = row == rows - 1
            self.table.setRowHidden(row, last)
            self.footer.setRowHidden(row, not last)
        self.footer.setVisible(rows > 0)
        self._copy_columns()


__all__ = ["PinnedTotals"]
