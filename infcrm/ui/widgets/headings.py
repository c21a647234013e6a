"""A section's heading: its text in bold, a little larger than the text under it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def heading(text: str, scale: float = 1.15) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


__all__ = ["heading"]
