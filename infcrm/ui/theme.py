"""The look: Fusion with a palette and one stylesheet built from the visual system's tokens.

Light or dark follows the system's colour scheme (and its live changes) unless the user chose
one in Settings (stored in QSettings under "appearance/theme"). Widgets that paint themselves
read `current()`; the palette and stylesheet reach every other widget.
"""

from __future__ import annotations

from functools import cache
from string import Template
from typing import Literal

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from infcrm.paths import resource_path
from infcrm.ui.theme_tokens import Scheme, Tokens, tokens

Preference = Literal["system", "light", "dark"]
PREFERENCES: tuple[tuple[Preference, str], ...] = (
    ("system", "Match the system"),
    ("light", "Light"),
    ("dark", "Dark"),
)
_SETTING = "appearance/theme"

# Typographic roles a label can take (`set_role(label, "title")`): the type scale's size (None:
# body text) and weight. Set as a font and a palette role, not as stylesheet rules: a rule on
# QLabel is matched against every label the app makes, a measurable share of start-up.
_ROLE_FONTS: dict[str, tuple[str | None, QFont.Weight]] = {
    "caption": ("caption", QFont.Weight.Normal),
    "secondary": (None, QFont.Weight.Normal),
    "subtitle": ("subtitle", QFont.Weight.DemiBold),
    "title": ("title", QFont.Weight.DemiBold),
    "headline": ("headline", QFont.Weight.DemiBold),
    "display": ("display", QFont.Weight.Bold),
}
ROLES = tuple(_ROLE_FONTS)
# Roles drawn in the quieter text colour: the palette's placeholder role is text_secondary.
_QUIET_ROLES = ("caption", "secondary")


class _Notifier(QObject):
    changed = Signal(str)  # the scheme now in use: "light" or "dark"


_state: dict[str, object] = {
    "scheme": "light",
    "forced": None,
    "notifier": None,
    "installed": False,
}


def current() -> Tokens:
    """The tokens of the scheme in use (light until a theme is applied)."""
    return tokens(_state["scheme"])  # type: ignore[arg-type]


def qcolor(token: str) -> QColor:
    """A colour token of the scheme in use as a QColor (for models and painted widgets)."""
    return _qcolor(_state["scheme"], token)  # type: ignore[arg-type]


@cache
def _qcolor(scheme: Scheme, token: str) -> QColor:
    return QColor(tokens(scheme).colour(token))


def notifier() -> _Notifier:
    """Emits `changed(scheme)` after the look switched between light and dark."""
    if _state["notifier"] is None:
        _state["notifier"] = _Notifier()
    return _state["notifier"]  # type: ignore[return-value]


def preference() -> Preference:
    """What the user chose in Settings: "system" (the default), "light" or "dark"."""
    value = QSettings().value(_SETTING, "system")
    return value if value in ("system", "light", "dark") else "system"  # type: ignore[return-value]


def set_preference(value: Preference) -> None:
    """Remember the user's choice and switch to it at once."""
    QSettings().setValue(_SETTING, value)
    _state["forced"] = None
    refresh()


def system_scheme() -> Scheme:
    """The system's colour scheme; light when the system does not say."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def wanted_scheme() -> Scheme:
    """The scheme to show: forced (--theme), else the user's choice, else the system's."""
    forced = _state["forced"]
    if forced in ("light", "dark"):
        return forced  # type: ignore[return-value]
    chosen = preference()
    return system_scheme() if chosen == "system" else chosen


def install(app: QApplication, forced: Scheme | None = None) -> None:
    """Give `app` the look and follow the system's scheme from now on.

    `forced` ("light" or "dark", from `--theme`) wins over the setting and the system.
    """
    _state["forced"] = forced
    if not _state["installed"]:
        _state["installed"] = True
        app.setStyle(QStyleFactory.create("Fusion"))
        QGuiApplication.styleHints().colorSchemeChanged.connect(_on_system_scheme_changed)
    refresh()


def _on_system_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    refresh()


def refresh() -> None:
    """Apply the scheme that should show now (after a setting or the system changed)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply(app, wanted_scheme())


def apply(app: QApplication, scheme: Scheme) -> None:
    """Put `scheme`'s palette and stylesheet on the whole application."""
    changed = scheme != _state["scheme"]
    _state["scheme"] = scheme
    look = tokens(scheme)
    app.setPalette(palette(look))
    app.setStyleSheet(stylesheet(look))
    if changed:
        notifier().changed.emit(scheme)


def palette(look: Tokens) -> QPalette:
    """The QPalette of a scheme: what Fusion and self-painted widgets draw with."""
    c = {name: QColor(value) for name, value in look.colours.items()}
    roles = QPalette.ColorRole
    result = QPalette()
    for role, name in (
        (roles.Window, "window"),
        (roles.WindowText, "text"),
        (roles.Base, "surface"),
        (roles.AlternateBase, "surface_alt"),
        (roles.ToolTipBase, "tooltip"),
        (roles.ToolTipText, "on_tooltip"),
        (roles.PlaceholderText, "text_secondary"),
        (roles.Text, "text"),
        (roles.Button, "surface"),
        (roles.ButtonText, "text"),
        (roles.BrightText, "on_accent"),
        (roles.Light, "surface"),
        (roles.Midlight, "border"),
        (roles.Mid, "border_strong"),
        (roles.Dark, "border_strong"),
        (roles.Shadow, "shadow"),
        (roles.Highlight, "accent"),
        (roles.HighlightedText, "on_accent"),
        (roles.Link, "accent_text"),
        (roles.LinkVisited, "accent_text"),
        (roles.Accent, "accent"),
    ):
        result.setColor(role, c[name])
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        result.setColor(disabled, role, c["text_disabled"])
    result.setColor(disabled, roles.Highlight, c["border_strong"])
    # An unfocused window keeps its selection visible in the accent, as Fusion does not.
    result.setColor(QPalette.ColorGroup.Inactive, roles.Highlight, c["accent"])
    result.setColor(QPalette.ColorGroup.Inactive, roles.HighlightedText, c["on_accent"])
    return result


def stylesheet(look: Tokens) -> str:
    """The one stylesheet, with the scheme's tokens written in."""
    values: dict[str, object] = dict(look.colours)
    values.update({f"space_{k}": v for k, v in look.spacing.items()})
    values.update({f"radius_{k}": v for k, v in look.radius.items()})
    values["chevron_down"] = resource_path("theme", f"chevron-down-{look.scheme}.svg").as_posix()
    values["chevron_up"] = resource_path("theme", f"chevron-up-{look.scheme}.svg").as_posix()
    values["check"] = resource_path("theme", f"check-{look.scheme}.svg").as_posix()
    template = resource_path("theme", "style.qss").read_text("utf-8")
    return Template(template).substitute(values)


def type_size(step: str) -> float:
    """A step of the type scale in points ("title": 14 at a 10 pt system font).

    Relative to the system's font size, so a larger system font still wins."""
    scale = current().type_scale
    base = QApplication.font().pointSizeF()
    factor = base / scale["body"] if base > 0 else 1.0
    return round(scale[step] * factor, 1)


def set_role(widget: QWidget, role: str) -> None:
    """Give a label a typographic role from the type scale ("title", "caption"…)."""
    if role not in ROLES:
        raise ValueError(f"unknown text role {role!r}; use one of {', '.join(ROLES)}")
    widget.setProperty("role", role)
    step, weight = _ROLE_FONTS[role]
    font = QFont(widget.font())
    if step is not None:
        font.setPointSizeF(type_size(step))
    font.setWeight(weight)
    widget.setFont(font)
    # A palette role, not a colour: it follows a switch between light and dark by itself.
    quiet = role in _QUIET_ROLES
    widget.setForegroundRole(
        QPalette.ColorRole.PlaceholderText if quiet else QPalette.ColorRole.WindowText
    )


def set_card(widget: QWidget, on: bool = True) -> None:
    """Draw a frame as a rounded card on the surface colour."""
    widget.setProperty("card", on)
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    _repolish(widget)


def set_primary(widget: QWidget, on: bool = True) -> None:
    """Make a button the screen's one main action, filled with the accent."""
    widget.setProperty("primary", on)
    _repolish(widget)


def _repolish(widget: QWidget) -> None:
    # A property read by a stylesheet selector takes effect only after the style re-polishes;
    # a widget not polished yet (not shown) reads it at its first polish: polishing it now
    # would style it twice, which cost start-up tens of milliseconds over a screen's labels.
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
