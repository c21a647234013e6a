"""A choice whose long value gives way in a narrow window: the radio button asks for room for
its whole text but can shrink, and then shows the text cut where it does not differ from the
values beside it, whole in its tooltip and in `text()`."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

from infcrm.ui.widgets.tell_apart import tell_apart

# Squeezed, a choice still shows this many average characters.
FEWEST_CHARACTERS = 8


class ElidedRadioButton(QRadioButton):
    """A QRadioButton that shrinks below its text's width, cutting its text."""

    def __init__(
        self, text: str, others: tuple[str, ...] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self._others = list(others)  # the values beside it: the cut keeps what differs
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
        """The text as drawn: whole when it fits, else cut where it does not differ from the
        values beside it."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_RadioButtonContents, option, self)
        return tell_apart(self.text(), self._others, self.fontMetrics(), room.width())

    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_RadioButton, option)


__all__ = ["ElidedRadioButton"]
