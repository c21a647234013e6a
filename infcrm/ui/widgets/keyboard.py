"""Keyboard conventions shared by every screen: Tab leaves tables, Down leaves a search box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

_SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class _CtrlTabMovesInside(QObject):
    """Ctrl+Tab and Ctrl+Shift+Tab step through a table's cells, as Tab did before."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        """Take Ctrl+Tab before Qt does; everything else passes."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        backwards = event.key() == Qt.Key.Key_Backtab or bool(
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        self._step(-1 if backwards else 1)
        return True

    def _step(self, by: int) -> None:
        model = self._view.model()
        if model is None or model.rowCount() == 0:
            return
        columns = max(model.columnCount(), 1)
        current = self._view.currentIndex()
        place = current.row() * columns + current.column() if current.isValid() else -by
        place = min(max(place + by, 0), model.rowCount() * columns - 1)
        self._view.setCurrentIndex(model.index(place // columns, place % columns))


def tab_leaves(view: QAbstractItemView) -> None:
    """Tab moves on to the next control instead of the next cell; Ctrl+Tab moves inside."""
    view.setTabKeyNavigation(False)
    view.installEventFilter(_CtrlTabMovesInside(view))


class _DownEntersResults(QObject):
    """Down in a search box moves into the results, on the first row if none is chosen."""

    def __init__(self, box: QLineEdit, results: QAbstractItemView) -> None:
        super().__init__(box)
        self._results = results

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        """Take Down (and Page Down) when there are results to go to."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) or event.modifiers():
            return False
        model = self._results.model()
        if model is None or model.rowCount() == 0:
            return False
        self._results.setFocus(Qt.FocusReason.TabFocusReason)
        current = self._results.currentIndex()
        if not current.isValid() or not self._results.selectionModel().hasSelection():
            first = model.index(0, 0)
            self._results.selectionModel().setCurrentIndex(first, _SELECT_ROW)
        return True


def down_enters_results(box: QLineEdit, results: QAbstractItemView) -> None:
    """Let Down in `box` move the keyboard into `results`."""
    box.installEventFilter(_DownEntersResults(box, results))


__all__ = ["down_enters_results", "tab_leaves"]
