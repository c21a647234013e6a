"""Promo codes compared as shops compare them, suggested from handles; tracking links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from infcrm.domain.tracking import (
    TrackingError,
    check_landing_url,
    code_key,
    slug,
    suggest_code,
    tracking_link,
)


def test_codes_are_the_same_whatever_their_capitals_and_spaces() -> None:
    assert code_key(" lena bakes10 ") == code_key("LENABAKES10") == "LENABAKES10"
    assert code_key("LENA10") != code_key("LENABAKES10")


@pytest.mark.parametrize(
    ("handle", "name", "code"),
    [("@lena.bakes", "Lena", "LENABAKES10"), (None, "Zoë Martin", "ZOEMARTIN10"),
     ("", "", "CREATOR10")],
)  # fmt: skip
def test_a_code_is_suggested_from_the_handle_else_the_name(handle, name, code) -> None:
    assert suggest_code(handle, name) == code


def test_the_link_carries_network_medium_campaign_and_handle() -> None:
    link = tracking_link(
        "https://shop.example.com/cake-tin?ref=home&utm_source=old",
        "instagram", "Spring Bake-Off 2026", "@Lena.Bakes",
    )  # fmt: skip
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("shop.example.com", "/cake-tin")
    assert parse_qs(parts.query) == {
        "ref": ["home"],
        "utm_source": ["instagram"],
        "utm_medium": ["influencer"],
        "utm_campaign": ["spring-bake-off-2026"],
        "utm_content": ["lena.bakes"],
    }


def test_a_landing_page_without_scheme_gets_one_and_nonsense_is_refused() -> None:
    assert check_landing_url("shop.example.com/tin") == "https://shop.example.com/tin"
    assert check_landing_url("  ") is None
    with pytest.raises(TrackingError, match="not a web address"):
        check_landing_url("my shop")
    assert slug("Crème Brûlée!") == "creme-brulee"
