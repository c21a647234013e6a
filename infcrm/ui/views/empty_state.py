"""Centred messages for a screen with nothing to show: what it is for and how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from infcrm.ui import theme

MESSAGE_WIDTH = 480


def centred(*widgets: QWidget) -> QWidget:
    """A page with `widgets` stacked in its middle, a little above the centre."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.setSpacing(12)
    for widget in widgets:
        layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)
    return page


def message(html: str) -> QLabel:
    """A centred, wrapping rich-text message."""
    label = QLabel(html)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    fit(label)
    return label


def fit(label: QLabel) -> None:
    """Give wrapped text the height it needs: a centred layout only asks for its size hint."""
    label.setFixedWidth(MESSAGE_WIDTH)
    label.setMinimumHeight(label.heightForWidth(MESSAGE_WIDTH))


def empty_page(
    title: str,
    sentence: str,
    primary: QPushButton | None,
    *others: QPushButton,
    name: str = "empty_text",
) -> QWidget:
    """A screen with nothing yet: a title, one sentence saying what the screen is for, the one
    button that starts it (accented), and quieter ways in after it."""
    text = message(f"<h2>{title}</h2><p>{sentence}</p>")
    text.setObjectName(name)
    widgets: list[QWidget] = [text]
    if primary is not None:
        theme.set_primary(primary)
        primary.setDefault(True)
        widgets.append(primary)
    if others:
        for button in others:
            button.setFlat(True)
        widgets.append(button_row(*others))
    return centred(*widgets)


def button_row(*buttons: QPushButton) -> QWidget:
    """Buttons side by side, as one widget to centre."""
    row_widget = QWidget()
    row = QHBoxLayout(row_widget)
    row.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        row.addWidget(button)
    return row_widget


__all__ = ["button_row", "centred", "empty_page", "fit", "message"]
