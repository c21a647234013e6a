"""Icons: qtawesome's icon fonts (Phosphor, Font Awesome brands), tinted by the theme.

`icon("search")` gives a named app icon, `network_icon("instagram")` a network's logo. The
glyphs are painted with the colours of the theme in use at paint time, so every icon follows a
switch between light and dark without being set again.

The fonts and charmaps come from the qtawesome package, but `import qtawesome` is avoided:
it imports qtpy, which wraps every Qt module it finds and costs about half a second at
start-up (measured: 0.45–0.7 s, against a 1 s budget for the first painted window). Loading
the two fonts used here takes ~15 ms, the first time an icon is painted.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPixmap,
)

from infcrm.ui import theme

# Font prefix -> file stem in qtawesome/fonts ("phosphor-1.3.0.ttf", "phosphor-charmap-1.3.0.json").
_FONTS = {
    "ph": "phosphor",
    "fa6b": "fontawesome6-brands-webfont",
    "fa6s": "fontawesome6-solid-webfont",
}

# What each app icon means -> its glyph. Pick new ones with `qta-browser` (qtawesome's browser).
ICONS: dict[str, str] = {
    # Screens
    "dashboard": "ph.squares-four",
    "influencers": "ph.users-three",
    "pipeline": "ph.columns",
    "followups": "ph.bell-ringing",
    "campaigns": "ph.megaphone",
    "trash": "ph.trash",
    # Actions
    "add": "ph.plus",
    "add-person": "ph.user-plus",
    "edit": "ph.pencil-simple",
    "delete": "ph.trash",
    "forget": "ph.eraser",
    "search": "ph.magnifying-glass",
    "filter": "ph.funnel",
    "clear": "ph.x",
    "close": "ph.x",
    "import": "ph.download-simple",
    "export": "ph.upload-simple",
    "settings": "ph.gear-six",
    "stages": "ph.list-numbers",
    "undo": "ph.arrow-counter-clockwise",
    "redo": "ph.arrow-clockwise",
    "done": "ph.check-circle",
    "snooze": "ph.clock-clockwise",
    "log": "ph.chat-text",
    "email": "ph.envelope-simple",
    "phone": "ph.phone",
    "message": "ph.chat-circle-dots",
    "meeting": "ph.handshake",
    "send": "ph.paper-plane-tilt",
    "calendar": "ph.calendar-plus",
    "campaign-add": "ph.megaphone-simple",
    "duplicates": "ph.git-merge",
    "backup": "ph.floppy-disk",
    "restore": "ph.clock-counter-clockwise",
    "database": "ph.database",
    "open": "ph.folder-open",
    "sample": "ph.sparkle",
    "quit": "ph.sign-out",
    "keyboard": "ph.keyboard",
    "about": "ph.info",
    "log-folder": "ph.folder-open",
    "chart": "ph.chart-line-up",
    "link": "ph.link",
    "copy": "ph.copy",
    "tag": "ph.tag",
    "place": "ph.map-pin",
    "person": "ph.user-circle",
    "star": "ph.star",
    "warning": "ph.warning",
    "error": "ph.warning-circle",
    "do-not-contact": "ph.prohibit",
    "theme": "ph.circle-half",
    "light": "ph.sun",
    "dark": "ph.moon",
}

# Each network's logo (Font Awesome 6 brands); blog/other is a globe.
NETWORK_GLYPHS: dict[str, str] = {
    "instagram": "fa6b.instagram",
    "tiktok": "fa6b.tiktok",
    "youtube": "fa6b.youtube",
    "x": "fa6b.x-twitter",
    "twitch": "fa6b.twitch",
    "pinterest": "fa6b.pinterest",
    "facebook": "fa6b.facebook",
    "threads": "fa6b.threads",
    "linkedin": "fa6b.linkedin",
    "snapchat": "fa6b.snapchat",
    "other": "ph.globe",
}


# Painted icons by (glyph, colour, scheme, mode, size, pixel ratio): a few hundred at most.
_PIXMAPS: dict[tuple, QPixmap] = {}
_PIXMAPS_KEPT = 512


@dataclass(frozen=True)
class Glyph:
    """One character of an icon font."""

    family: str
    char: str


def _fonts_folder() -> Path | None:
    # find_spec locates the package without running its __init__ (which imports qtpy).
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _font(prefix: str) -> tuple[str, dict[str, str]] | None:
    """The loaded family name and charmap of one icon font, or None if it cannot be found."""
    folder = _fonts_folder()
    stem = _FONTS[prefix]
    if folder is None:
        return None
    ttf = sorted(folder.glob(f"{stem}-[0-9]*.ttf"))
    charmap = sorted(folder.glob(f"{stem}-charmap-*.json"))
    if not ttf or not charmap:
        return None
    font_id = QFontDatabase.addApplicationFont(str(ttf[-1]))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    return families[0], json.loads(charmap[-1].read_text("utf-8"))


@cache
def glyph(name: str) -> Glyph | None:
    """The glyph of "prefix.name" ("ph.gear-six"), or None if the font or name is missing."""
    prefix, _, key = name.partition(".")
    loaded = _font(prefix) if prefix in _FONTS else None
    if loaded is None or key not in loaded[1]:
        return None
    family, charmap = loaded
    return Glyph(family, chr(int(charmap[key], 16)))


class _GlyphEngine(QIconEngine):
    """Paints a glyph in the theme's colour of the moment, at any size and pixel ratio."""

    def __init__(self, name: str, colour_token: str | None, brand: str | None = None) -> None:
        super().__init__()
        self.name = name
        self.colour_token = colour_token
        self.brand = brand

    def _colour(self, mode: QIcon.Mode) -> QColor:
        tokens = theme.current()
        if self.brand is not None:
            colour = tokens.brand_colour(self.brand)
            return QColor(tokens.colour("text_disabled") if mode == QIcon.Mode.Disabled else colour)
        if mode == QIcon.Mode.Disabled:
            return QColor(tokens.colour("text_disabled"))
        if self.colour_token is not None:
            return QColor(tokens.colour(self.colour_token))
        if mode == QIcon.Mode.Selected:
            return QColor(tokens.colour("accent_text"))
        if mode == QIcon.Mode.Active:
            return QColor(tokens.colour("text"))
        return QColor(tokens.colour("text_secondary"))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        # Lists and boards paint the same few logos over and over: shaping a font glyph each
        # time cost a millisecond a card, a cached pixmap a few microseconds.
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect.topLeft(), self._cached(rect.size(), mode, ratio))

    def _draw(self, painter: QPainter, rect: QRect, mode: QIcon.Mode) -> None:
        found = glyph(self.name)
        if found is None:
            return
        font = QFont(found.family)
        font.setPixelSize(max(1, round(min(rect.width(), rect.height()) * 0.94)))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(self._colour(mode))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, found.char)
        painter.restore()

    def _cached(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        key = (self.name, self.colour_token, self.brand, theme.current().scheme, mode, size.width(),
               size.height(), scale)  # fmt: skip
        found = _PIXMAPS.get(key)
        if found is None:
            if len(_PIXMAPS) >= _PIXMAPS_KEPT:
                _PIXMAPS.clear()  # sizes and themes come and go rarely: start again
            found = _PIXMAPS[key] = self._render(size, mode, scale)
        return found

    def _render(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self._draw(painter, QRect(QPoint(0, 0), size), mode)
        painter.end()
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        return self._cached(size, mode, scale)

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self.name, self.colour_token, self.brand)

    def iconName(self) -> str:
        return self.name

    def isNull(self) -> bool:
        return glyph(self.name) is None


def icon(name: str, colour: str | None = None) -> QIcon:
    """The app icon called `name` (a key of ICONS, or "prefix.glyph" from qtawesome's fonts).

    `colour` is a theme colour token ("on_accent" on an accent button, "danger"…); by default
    the icon is secondary text, text when hovered and the accent when selected.
    """
    return QIcon(_GlyphEngine(ICONS.get(name, name), colour))


def network_icon(platform: str) -> QIcon:
    """A network's logo in its brand colour for the theme ("instagram", "x", "other"…).

    Takes a platform's value or a `Platform`; anything unknown gets the blog/other globe.
    """
    key = str(getattr(platform, "value", platform)).lower()
    key = key if key in NETWORK_GLYPHS else "other"
    return QIcon(_GlyphEngine(NETWORK_GLYPHS[key], None, brand=key))


def pixmap(name: str, size: int, colour: str | None = None) -> QPixmap:
    """`icon(name)` as a pixmap of `size` logical pixels, sharp on high-density screens."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return icon(name, colour).pixmap(QSize(size, size), ratio)
