"""A person's face: their photo when the user added one, else initials on a colour of their own.

The colour is the theme's avatar colour for the name, so someone looks the same on every
screen and every run. Pixmaps are cached by what they show, so a list of 100,000 rows paints
from a few hundred small images: rows and cards draw them with `paint_avatar`, never a widget
per row.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from infcrm.ui import theme

_MAX_CACHED = 600  # a few screens of rows and cards; each pixmap is a few kilobytes
_cache: OrderedDict[tuple, QPixmap] = OrderedDict()


def initials(name: str) -> str:
    """“Mia Rossi” → “MR”, “@mia.bakes” → “MB”, “_haewon22” → “H”, “” → “?”: at most two
    letters. Handles' “@”, “.” and “_” part words; symbols are no one's initial."""
    spaced = name.replace("@", " ").replace(".", " ").replace("_", " ")
    words = [w for w in spaced.split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def colour_for(name: str) -> QColor:
    """The person's own colour in the theme in use: the same name, the same colour."""
    return QColor(theme.current().avatar_colour(name.strip()))


def _round(image: QImage, size: int, ratio: float) -> QPixmap:
    pixels = max(1, round(size * ratio))
    square = image.scaled(
        pixels,
        pixels,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(QRectF(0, 0, pixels, pixels))
    painter.setClipPath(path)
    x = (square.width() - pixels) // 2
    y = (square.height() - pixels) // 2
    painter.drawImage(0, 0, square, x, y, pixels, pixels)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _initials_pixmap(name: str, size: int, ratio: float) -> QPixmap:
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour_for(name))
    painter.drawEllipse(QRectF(0, 0, pixels, pixels))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, round(pixels * 0.4)))
    painter.setFont(font)
    painter.setPen(QColor(theme.current().on_avatar))
    painter.drawText(QRect(0, 0, pixels, pixels), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def avatar_pixmap(name: str, size: int, photo: bytes | None = None, ratio: float = 1.0) -> QPixmap:
    """A round picture `size` logical pixels across: the photo if it reads, else initials."""
    key = (name, size, ratio, zlib.crc32(photo) if photo else theme.current().scheme)
    pixmap = _cache.get(key)
    if pixmap is not None:
        _cache.move_to_end(key)
        return pixmap
    image = QImage.fromData(photo) if photo else QImage()
    pixmap = (
        _round(image, size, ratio) if not image.isNull() else _initials_pixmap(name, size, ratio)
    )
    _cache[key] = pixmap
    while len(_cache) > _MAX_CACHED:
        _cache.popitem(last=False)
    return pixmap


def paint_avatar(painter: QPainter, rect: QRect, name: str, photo: bytes | None = None) -> None:
    """Draw the avatar in the square `rect` (rows and cards: no widget per person)."""
    ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
    painter.drawPixmap(rect.topLeft(), avatar_pixmap(name, rect.width(), photo, ratio))


class Avatar(QWidget):
    """One person's avatar as a widget, for pages that show one person."""

    def __init__(self, size: int = 48, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self.name = ""
        self.photo: bytes | None = None
        self.setFixedSize(QSize(size, size))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_person(self, name: str, photo: bytes | None = None) -> None:
        """Show `name`'s photo, or their initials when there is none."""
        self.name, self.photo = name, photo
        self.setToolTip(name)
        self.setAccessibleName(f"Photo of {name}" if photo else f"Initials of {name}")
        self.update()

    def has_photo(self) -> bool:
        """True when a photo (not initials) is on show."""
        return bool(self.photo) and not QImage.fromData(self.photo).isNull()

    def paintEvent(self, _event: object) -> None:  # Qt's name
        """Draw the picture."""
        painter = QPainter(self)
        paint_avatar(painter, QRect(0, 0, self._size, self._size), self.name, self.photo)
        painter.end()


__all__ = ["Avatar", "avatar_pixmap", "colour_for", "initials", "paint_avatar"]
