"""A drop-down whose long entries stay tellable apart: too long for the box, the chosen entry is
cut after the part where it differs from the others (“@vera.runs5552…” and “@vera.runs5553…”
read alike when cut at the end or in the middle), its whole text is the tooltip, and the open
list is as wide as its longest entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

# The open list never grows wider than this many average characters.
LONGEST_LIST = 90
# Entries are parts joined by this (“Name · @handle · email · country”).
SEPARATOR = " · "
ELLIPSIS = "…"


def _common_start(one: str, other: str) -> int:
    for index, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            return index
    return min(len(one), len(other))


def tell_apart(text: str, others: list[str], metrics: QFontMetrics, width: int) -> str:
    """`text` cut to `width`, keeping whole the part where it first differs from `others`
    (and all before it); what is cut is what comes after, from its middle."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    differs = max((_common_start(text, o) for o in others if o != text), default=0)
    end = text.find(SEPARATOR, differs)
    end = len(text) if end < 0 else end
    head, rest = text[:end], text[end:]
    room = width - metrics.horizontalAdvance(head)
    if rest and room > metrics.horizontalAdvance(ELLIPSIS):
        # "…" plus as much of the end as fits: the country or email still shows.
        return head + metrics.elidedText(rest, Qt.TextElideMode.ElideLeft, room)
    if room >= 0:
        return head
    # Narrower still: the start goes, the difference stays.
    return metrics.elidedText(head, Qt.TextElideMode.ElideLeft, width)


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
