"""A choice whose long value gives way in a narrow window: the radio button asks for room for
its whole text but can shrink, and then shows the text cut in the middle (the start and the end
of an email or address tell most), whole in its tooltip and in `text()`."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

# Squeezed, a choice still shows this many average characters.
FEWEST_CHARACTERS = 8


class ElidedRadioButton(QRadioButton):
    """A QRadioButton that shrinks below its text's width, cutting the text in the middle."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setToolTip(text)
        # A radio button never shrinks below its text by default (Minimum): let it.
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)

    def minimumSizeHint(self) -> QSize:  # Qt's name
        """The indicator and a few characters: the rest of the text may give way."""
        whole = self.sizeHint()
        text_width = self.fontMetrics().horizontalAdvance(self.text())
        fewest = self.fontMetrics().averageCharWidth() * FEWEST_CHARACTERS
        return QSize(whole.width() - max(0, text_width - fewest), whole.height())

    def shown_text(self) -> str:
        """The text as drawn: whole when it fits, else cut in the middle."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_RadioButtonContents, option, self)
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, room.width()
        )

    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_RadioButton, option)


__all__ = ["ElidedRadioButton"]
