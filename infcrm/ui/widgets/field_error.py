"""The red sentence under a form field that says what is wrong, and the field's red outline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from infcrm.ui import theme

_OUTLINED = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox)


def error_colour(_widget: QWidget | None = None) -> str:
    """The theme's error red: readable (WCAG AA) on light and on dark backgrounds alike."""
    return theme.current().colour("danger")


def set_invalid(field: QWidget, invalid: bool) -> None:
    """Outline `field` in red while it holds a refused value; restore its own look after.

    The outline is the stylesheet's `[invalid="true"]` rule, so it keeps the field's shape.
    """
    field.setProperty("invalid", invalid)
    style = field.style()
    style.unpolish(field)
    style.polish(field)
    field.update()


class FieldError(QLabel):
    """A hidden label showing one error sentence for `field`; it clears when the field changes."""

    def __init__(self, field: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setStyleSheet(f"color: {error_colour(self)};")
        self.hide()
        if field is not None:
            self._clear_when_edited(field)

    def _clear_when_edited(self, field: QWidget) -> None:
        # Once the user touches the field, the old complaint no longer describes what is there.
        if isinstance(field, QLineEdit):
            field.textEdited.connect(self.clear_error)
        elif isinstance(field, QComboBox):
            field.currentIndexChanged.connect(self.clear_error)
            if field.isEditable():
                field.editTextChanged.connect(self.clear_error)
        elif isinstance(field, QPlainTextEdit):
            field.textChanged.connect(self.clear_error)
        elif isinstance(field, QAbstractSpinBox):
            field.editingFinished.connect(self.clear_error)
        elif isinstance(field, QAbstractButton):
            field.toggled.connect(self.clear_error)

    @property
    def message(self) -> str:
        """The sentence on show, or "" when the field is fine."""
        return self.text()

    def show_error(self, message: str) -> None:
        """Show `message` and outline the field."""
        self.setText(message)
        self.show()
        if self.field is not None:
            set_invalid(self.field, True)
            self.field.setAccessibleDescription(message)

    def clear_error(self) -> None:
        """Hide the message and give the field its normal look back."""
        if not self.text():
            return
        self.setText("")
        self.hide()
        if self.field is not None:
            set_invalid(self.field, False)
            self.field.setAccessibleDescription("")


def with_error(
    key: str, widget: QWidget, errors: dict[str, FieldError], outlined: QWidget | None = None
) -> QWidget:
    """`widget` with its error sentence under it, registered in `errors` under `key`.

    `outlined` (by default `widget` itself when it is a field) turns red while it is wrong.
    """
    if outlined is None and isinstance(widget, _OUTLINED):
        outlined = widget
    error = FieldError(outlined)
    error.setObjectName(f"error_{key}")
    errors[key] = error
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(error)
    return box
