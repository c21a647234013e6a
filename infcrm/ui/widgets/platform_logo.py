"""A network's logo as a small icon, for handles in lists and on cards."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from infcrm.domain.enums import Platform
from infcrm.ui.icons import network_icon

# One icon per network: it paints with the theme in use, so it never needs making again.
_cache: dict[str, QIcon] = {}


def platform_icon(platform: str | None) -> QIcon | None:
    """The logo of `platform` (a stored value such as "instagram"); None when unknown."""
    if not platform:
        return None
    icon = _cache.get(platform)
    if icon is None:
        try:
            Platform(platform)
        except ValueError:
            return None
        icon = _cache[platform] = network_icon(platform)
    return icon


__all__ = ["platform_icon"]
