"""A big number with its caption, as a button that opens the screen listing what it counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from infcrm.ui.widgets.field_error import error_colour


class CountTile(QPushButton):
    """A big number with its caption; clicking it opens the screen that lists them."""

    def __init__(self, caption: str, tip: str) -> None:
        super().__init__()
        self.setProperty("tile", True)  # one card look (style.qss), clickable or not
        self.caption = caption
        self.number = QLabel("0")
        self.number.setObjectName("tile_number")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        words = QLabel(caption)
        for label in (self.number, words):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(words)
        # Wide enough for its caption: the tiles' flow layout places them by size.
        self.setMinimumSize(max(150, words.sizeHint().width() + 28), 78)
        self.setToolTip(tip)

    def set_value(self, value: int, *, alarming: bool = False) -> None:
        """Show `value`, in red when it calls for action."""
        self.number.setText(f"{value:,}")
        self.number.setStyleSheet(f"color: {error_colour(self)};" if alarming and value else "")
        self.setAccessibleName(f"{value:,} {self.caption.lower()}")


__all__ = ["CountTile"]
