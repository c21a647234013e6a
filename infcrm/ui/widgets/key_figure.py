"""A key number with its caption underneath, for report headers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

NO_VALUE = "—"


class KeyFigure(QWidget):
    """A big number (or "—") over a quiet caption; its tooltip says what it means."""

    def __init__(self, caption: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tip = tip
        self.number = QLabel(NO_VALUE)
        self.number.setObjectName("figure_number")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLabel(caption)
        self.caption.setEnabled(False)  # the quiet colour of a caption
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setToolTip(tip)
        self.setAccessibleName(caption)

    def set_text(self, text: str, tip: str | None = None) -> None:
        """Show `text`; `tip` explains this value (e.g. why there is none), else the usual tip."""
        self.number.setText(text)
        self.setToolTip(tip or self._tip)
        self.setAccessibleDescription(text)


__all__ = ["KeyFigure"]
