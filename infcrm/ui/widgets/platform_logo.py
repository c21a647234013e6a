"""A network's logo as a small icon, for handles in lists and on cards.

The app's icon set (`infcrm.ui.icons.network_icon`) draws the real logos; until a build ships
it, each network gets a badge drawn here — its brand colour with its first letter — so
screens show the same shape either way and never depend on the icon set being present.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from infcrm.domain.enums import Platform

# Brand colours, used only by the drawn badges.
_BRAND = {
    Platform.INSTAGRAM: "#d62976",
    Platform.TIKTOK: "#111111",
    Platform.YOUTUBE: "#e62117",
    Platform.X: "#14171a",
    Platform.TWITCH: "#9146ff",
    Platform.PINTEREST: "#bd081c",
    Platform.FACEBOOK: "#1877f2",
    Platform.THREADS: "#333333",
    Platform.LINKEDIN: "#0a66c2",
    Platform.SNAPCHAT: "#e6c700",
    Platform.OTHER: "#6b7280",
}
_cache: dict[str, QIcon] = {}


def platform_icon(platform: str | None) -> QIcon | None:
    """The logo of `platform` (a stored value such as "instagram"); None when unknown."""
    if not platform:
        return None
    icon = _cache.get(platform)
    if icon is None:
        try:
            member = Platform(platform)
        except ValueError:
            return None
        icon = _set_icon(member) or _badge(member)
        _cache[platform] = icon
    return icon


def _set_icon(platform: Platform) -> QIcon | None:
    """The icon set's logo, when this build has the icon set."""
    try:
        from infcrm.ui.icons import network_icon
    except ImportError:
        return None
    icon = network_icon(platform)
    return icon if isinstance(icon, QIcon) and not icon.isNull() else None


def _badge(platform: Platform) -> QIcon:
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_BRAND[platform]))
        radius = size / 4
        painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), radius, radius)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.62))
        painter.setFont(font)
        painter.setPen(QColor("black" if platform is Platform.SNAPCHAT else "white"))
        letter = "•" if platform is Platform.OTHER else platform.label[0]
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


__all__ = ["platform_icon"]
