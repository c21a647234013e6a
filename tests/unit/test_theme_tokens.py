"""The visual system's colours meet WCAG AA for text (4.5:1) in light and dark."""

from __future__ import annotations

import re

import pytest

from infcrm.paths import resource_path
from infcrm.ui.theme_tokens import SCHEMES, contrast_ratio, tokens

AA = 4.5

# (text token, background tokens it is drawn on)
TEXT_PAIRS = [
    (
        "text",
        (
            "window",
            "sidebar",
            "surface",
            "surface_alt",
            "hover",
            "accent_soft",
            "danger_soft",
            "warning_soft",
            "success_soft",
        ),
    ),
    ("text_secondary", ("window", "sidebar", "surface", "surface_alt", "hover", "accent_soft")),
    ("accent_text", ("window", "sidebar", "surface", "surface_alt", "accent_soft")),
    ("on_accent", ("accent", "accent_hover", "accent_pressed")),
    ("on_tooltip", ("tooltip",)),
    ("danger", ("window", "surface", "surface_alt", "danger_soft")),
    ("warning", ("window", "surface", "surface_alt", "warning_soft")),
    ("success", ("window", "surface", "surface_alt", "success_soft")),
    ("info", ("window", "surface", "surface_alt")),
]


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WebAIM's checker gives 4.54:1 for #767676 on white, the lightest grey that passes AA.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < AA


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("text", "backgrounds"), TEXT_PAIRS)
def test_text_tokens_are_readable_on_every_background_they_appear_on(
    scheme: str, text: str, backgrounds: tuple[str, ...]
) -> None:
    look = tokens(scheme)
    for background in backgrounds:
        ratio = contrast_ratio(look.colour(text), look.colour(background))
        assert ratio >= AA, f"{scheme}: {text} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_initials_are_readable_on_every_avatar_colour(scheme: str) -> None:
    look = tokens(scheme)
    for colour in look.avatar_colours:
        assert contrast_ratio(look.on_avatar, colour) >= AA, colour


def test_a_name_keeps_its_avatar_colour_and_names_spread_over_the_colours() -> None:
    look = tokens("light")
    assert look.avatar_colour("Ana Sato") == look.avatar_colour("ana sato")
    names = [f"Person {n}" for n in range(200)]
    assert len({look.avatar_colour(name) for name in names}) == len(look.avatar_colours)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_dark_brands_take_the_schemes_text_colour(scheme: str) -> None:
    look = tokens(scheme)
    # X, TikTok and Threads are black logos: black on a dark window would vanish.
    for platform in ("x", "tiktok", "threads"):
        assert look.brand_colour(platform) == look.colour("text")
    assert look.brand_colour("instagram").startswith("#")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_stylesheets_arrows_are_drawn_in_the_schemes_secondary_text(scheme: str) -> None:
    look = tokens(scheme)
    for name in ("chevron-down", "chevron-up"):
        svg = resource_path("theme", f"{name}-{scheme}.svg").read_text("utf-8")
        assert re.findall(r'stroke="(#[0-9a-f]{6})"', svg) == [look.colour("text_secondary")]
