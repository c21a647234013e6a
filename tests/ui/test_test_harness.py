"""The UI test harness itself: what one test leaves behind must not change the next one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from tests.ui.conftest import release_held_keys


def _table(qtbot) -> QTableView:
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(QStandardItemModel(4, 2))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.resize(300, 200)
    return table


def _rows(table: QTableView) -> list[int]:
    return sorted(index.row() for index in table.selectionModel().selectedRows())


def _leave_shift_held(qtbot) -> None:
    """What Ctrl+Shift+S on a shortcut that opens a dialog leaves behind: Qt believes Shift is
    still down after the test's key events are over."""
    target = QWidget()
    qtbot.addWidget(target)
    QTest.keyPress(target, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier


def test_a_held_shift_turns_select_row_into_a_range(qtbot) -> None:
    """Why the guard exists: the symptom the campaign and follow-up tests showed."""
    table = _table(qtbot)
    table.selectRow(2)
    _leave_shift_held(qtbot)
    table.selectRow(0)
    assert _rows(table) == [0, 1, 2]
    release_held_keys()


def test_after_the_guard_select_row_selects_one_row(qtbot) -> None:
    table = _table(qtbot)
    table.selectRow(2)
    _leave_shift_held(qtbot)
    release_held_keys()
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    table.selectRow(0)
    assert _rows(table) == [0]
