"""Typed work is never thrown away without asking: one Save / Discard / Cancel for every dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

Answer = QMessageBox.StandardButton


def ask_save_discard_cancel(parent: QWidget, question: str) -> Answer:
    """Ask what to do with unsaved edits; Esc or closing the question means Cancel."""
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        question,
        Answer.Save | Answer.Discard | Answer.Cancel,
        Answer.Save,
    )
    return answer if answer in (Answer.Save, Answer.Discard) else Answer.Cancel


def input_snapshot(root: QWidget) -> tuple[object, ...]:
    """Everything typed or chosen in the input widgets under `root`, comparable with ==."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            if not widget.isReadOnly() and widget.parent() is not None:
                values.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            if not widget.isReadOnly():
                values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QDateTimeEdit):
            values.append(widget.dateTime().toString())
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


def model_snapshot(model: QAbstractItemModel) -> tuple[object, ...]:
    """What a (small, editable) table model shows, cell by cell."""
    return tuple(
        model.index(row, column).data()
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


class AsksBeforeClosing:
    """Mixed into a QDialog (listed first): closing it with unsaved edits asks first.

    Close buttons, Esc and the window's close box all end in reject(), so this one override
    covers them. A dialog says what it holds with `form_state()` (compared with the state at
    `mark_clean()`) or overrides `has_unsaved_changes()`, and saves with `save_changes()`.
    """

    unsaved_question = "You made changes here. Save them before closing?"
    _clean_state: Any = None

    def form_state(self) -> Any:
        """What the form holds now, comparable with ==: by default every input widget."""
        assert isinstance(self, QWidget)
        return input_snapshot(self)

    def mark_clean(self) -> None:
        """What the form holds now is saved (call after loading and after each save)."""
        self._clean_state = self.form_state()

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from what was last loaded or saved."""
        return self.form_state() != self._clean_state

    def save_changes(self) -> bool:
        """Save the edits; True when saved. A dialog that closes itself on save may do so."""
        raise NotImplementedError

    def confirm_close(self) -> bool:
        """Ask about unsaved edits; True when the dialog may close now."""
        assert isinstance(self, QDialog)
        if not self.has_unsaved_changes():
            return True
        answer = ask_save_discard_cancel(self, self.unsaved_question)
        if answer == Answer.Discard:
            return True
        if answer == Answer.Save and self.save_changes():
            return self.isVisible()  # a dialog that accepted itself on save is closed already
        return False  # Cancel, or the save was refused (its reason is on show)

    def reject(self) -> None:
        """Close without saving, after asking when there are unsaved edits."""
        if self.confirm_close():
            super().reject()  # type: ignore[misc]


__all__ = ["AsksBeforeClosing", "ask_save_discard_cancel", "input_snapshot", "model_snapshot"]
