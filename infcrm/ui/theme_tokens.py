"""The visual system's tokens (resources/theme/tokens.json) and WCAG contrast, without Qt.

Kept apart from ui/theme.py so the contrast rules can be checked, and read by anything that
draws, without building a palette.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

from infcrm.paths import resource_path

Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")


@dataclass(frozen=True)
class Tokens:
    """One scheme's colours with the shared type scale, spacing grid and radii."""

    scheme: Scheme
    colours: MappingProxyType[str, str]
    brands: MappingProxyType[str, str]
    avatar_colours: tuple[str, ...]
    on_avatar: str
    type_scale: MappingProxyType[str, float]
    spacing: MappingProxyType[str, int]
    radius: MappingProxyType[str, int]

    @property
    def is_dark(self) -> bool:
        return self.scheme == "dark"

    def colour(self, name: str) -> str:
        """A colour token as "#rrggbb"."""
        return self.colours[name]

    def brand_colour(self, platform: str) -> str:
        """A network's logo colour; brands set to a token name take that token's colour."""
        value = self.brands.get(platform, "text_secondary")
        return value if value.startswith("#") else self.colours[value]

    def avatar_colour(self, name: str) -> str:
        """The background for a person's initials: the same name always gets the same colour."""
        # crc32, not hash(): Python salts str hashes per process.
        key = zlib.crc32(name.strip().casefold().encode("utf-8"))
        return self.avatar_colours[key % len(self.avatar_colours)]


def _public(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if not k.startswith("_")}


@cache
def _raw() -> dict:
    return json.loads(resource_path("theme", "tokens.json").read_text("utf-8"))


@cache
def tokens(scheme: Scheme) -> Tokens:
    """The tokens of `scheme` ("light" or "dark")."""
    raw = _raw()
    return Tokens(
        scheme=scheme,
        colours=MappingProxyType(raw["schemes"][scheme]),
        brands=MappingProxyType(_public(raw["brands"][scheme])),
        avatar_colours=tuple(raw["avatars"]["colours"]),
        on_avatar=raw["avatars"]["on_avatar"],
        type_scale=MappingProxyType(raw["type"]),
        spacing=MappingProxyType(raw["spacing"]),
        radius=MappingProxyType(raw["radius"]),
    )


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of "#rrggbb"."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours, from 1 to 21."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
