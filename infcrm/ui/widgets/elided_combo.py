"""A drop-down whose long entries stay tellable apart: too long for the box, the chosen entry is
cut after the part where it differs from the others (“@vera.runs5552…” and “@vera.runs5553…”
read alike when cut at the end or in the middle), its whole text is the tooltip, and the open
list is as wide as its longest entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

from infcrm.ui.widgets.tell_apart import tell_apart

# The open list never grows wider than this many average characters.
LONGEST_LIST = 90


class ElidedComboBox(QComboBox):
    """A QComboBox that cuts its shown entry where it does not tell it apart from the others,
    and names it whole in the tooltip."""

    def __init__(self, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = hint  # what the box is for, under the entry in the tooltip
        self.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.currentIndexChanged.connect(self._on_changed)
        self.model().dataChanged.connect(self._on_changed)
        self.model().rowsInserted.connect(self._on_changed)
        self.model().rowsRemoved.connect(self._on_changed)
        self._on_changed()

    def shown_text(self) -> str:
        """The chosen entry as the closed box draws it (cut when too long)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        others = [self.itemText(i) for i in range(self.count()) if i != self.currentIndex()]
        return tell_apart(self.currentText(), others, self.fontMetrics(), room.width())

    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:  # Qt's name
        """Open the list as wide as its longest entry (within reason), not the box's width."""
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        most = metrics.averageCharWidth() * LONGEST_LIST
        self.view().setMinimumWidth(min(widest, most) + 40)  # room for the frame and scroll bar
        super().showPopup()

    def _on_changed(self, *_args: object) -> None:
        self.setToolTip("\n".join(x for x in (self.currentText(), self._hint) if x))


__all__ = ["ElidedComboBox"]
