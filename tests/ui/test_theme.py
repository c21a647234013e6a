"""Light and dark: the system's scheme by default, the user's choice in Settings, live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QPushButton

from infcrm.ui.theme_tokens import tokens


def window_colour(qapp) -> str:
    return qapp.palette().color(QPalette.ColorRole.Window).name()


def test_the_look_follows_the_systems_scheme_when_it_changes(qapp, themed, monkeypatch) -> None:
    monkeypatch.setattr(themed, "system_scheme", lambda: "light")
    themed.refresh()
    assert window_colour(qapp) == tokens("light").colour("window")
    monkeypatch.setattr(themed, "system_scheme", lambda: "dark")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_colour(qapp) == tokens("dark").colour("window")
    assert themed.current().is_dark


def test_a_choice_in_settings_wins_over_the_system_and_is_remembered(
    qapp, themed, monkeypatch, qtbot
) -> None:
    monkeypatch.setattr(themed, "system_scheme", lambda: "light")
    with qtbot.waitSignal(themed.notifier().changed) as switched:
        themed.set_preference("dark")
    assert switched.args == ["dark"]
    assert window_colour(qapp) == tokens("dark").colour("window")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window_colour(qapp) == tokens("dark").colour("window")  # the choice holds
    assert themed.preference() == "dark"
    themed.set_preference("system")
    assert window_colour(qapp) == tokens("light").colour("window")


def test_the_command_lines_theme_wins_over_the_setting(qapp, themed) -> None:
    themed.set_preference("light")
    themed.install(qapp, forced="dark")
    assert window_colour(qapp) == tokens("dark").colour("window")


def test_one_stylesheet_carries_the_schemes_accent_and_states(qapp, themed) -> None:
    themed.apply(qapp, "dark")
    sheet = qapp.styleSheet()
    dark = tokens("dark")
    assert f"background: {dark.colour('accent')}" in sheet
    assert ":hover" in sheet and ":focus" in sheet and ":disabled" in sheet
    assert "$" not in sheet  # every token was written in


def test_a_primary_button_is_filled_with_the_accent(qapp, themed, qtbot) -> None:
    themed.apply(qapp, "light")
    button = QPushButton("Add influencer")
    qtbot.addWidget(button)
    themed.set_primary(button)
    button.resize(160, 36)
    image = button.grab().toImage()
    centre_left = image.pixelColor(8, 18).name()
    assert centre_left == tokens("light").colour("accent")


def test_a_title_is_larger_than_body_text(qapp, themed, qtbot) -> None:
    themed.apply(qapp, "light")
    body, title = QLabel("Campaigns"), QLabel("Campaigns")
    for label in (body, title):
        qtbot.addWidget(label)
    themed.set_role(title, "title")
    assert title.sizeHint().height() > body.sizeHint().height() * 1.2


def test_quiet_labels_take_the_secondary_colour_in_either_theme(qapp, themed, qtbot) -> None:
    # Roles are a font and a palette role (no stylesheet rule on every label): the colour
    # must still follow a switch between light and dark, and a disabled label greys out.
    caption, body = QLabel("Last contacted 3 days ago"), QLabel("Mia Baker")
    for label in (caption, body):
        qtbot.addWidget(label)
    themed.set_role(caption, "caption")
    for scheme in ("light", "dark"):
        themed.apply(qapp, scheme)
        drawn = caption.palette().color(caption.foregroundRole()).name()
        assert drawn == tokens(scheme).colour("text_secondary")
        assert body.palette().color(body.foregroundRole()).name() == tokens(scheme).colour("text")
        caption.setEnabled(False)
        disabled = caption.palette().color(QPalette.ColorGroup.Disabled, caption.foregroundRole())
        assert disabled.name() == tokens(scheme).colour("text_disabled")
        caption.setEnabled(True)
    assert caption.font().pointSizeF() < body.font().pointSizeF()


def test_a_refused_value_is_outlined_in_the_themes_red(qapp, themed, qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    from infcrm.ui.widgets.field_error import set_invalid

    for scheme in ("light", "dark"):
        themed.apply(qapp, scheme)
        field = QLineEdit("12 followers?")
        qtbot.addWidget(field)
        field.resize(200, 32)
        set_invalid(field, True)
        middle_of_left_edge = field.grab().toImage().pixelColor(0, 16).name()
        assert middle_of_left_edge == tokens(scheme).colour("danger")
        set_invalid(field, False)
        assert field.grab().toImage().pixelColor(0, 16).name() != tokens(scheme).colour("danger")


def test_engagement_bands_take_the_themes_colours(qapp, themed) -> None:
    from infcrm.domain.enums import EngagementBand
    from infcrm.ui.models.influencer_columns import band_colour

    themed.apply(qapp, "dark")
    assert band_colour(EngagementBand.SUSPICIOUS).name() == tokens("dark").colour("danger")
    assert band_colour(EngagementBand.HIGH).name() == tokens("dark").colour("info")
    assert band_colour(EngagementBand.TYPICAL) is None
    themed.apply(qapp, "light")
    assert band_colour(EngagementBand.LOW).name() == tokens("light").colour("warning")
