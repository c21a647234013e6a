"""Outreach templates share the agreement templates' placeholder rules, with their own names."""

from __future__ import annotations

import pytest

from infcrm.domain.outreach_template import (
    PLACEHOLDERS,
    OutreachFacts,
    TemplateError,
    check_outreach,
    needs_campaign,
    render_outreach,
)

FACTS = OutreachFacts(
    influencer_name="Mia Bakes",
    real_name="Mia Schulz",
    handle="@mia.bakes",
    platform="Instagram",
    campaign="Summer Box",
    product="Crumb & Co granola",
    hashtags="crumbsummer, #granola",
    signature="Lena\nCrumb & Co",
)


def test_every_placeholder_is_filled() -> None:
    text = " ".join(f"[{{{name}}}]" for name in PLACEHOLDERS)
    filled = render_outreach(text, FACTS)
    assert filled == (
        "[Mia] [Mia Bakes] [@mia.bakes] [Instagram] [Crumb & Co granola] [Summer Box] "
        "[#crumbsummer #granola] [Lena\nCrumb & Co]"
    )
    assert "{" not in filled


def test_an_unknown_placeholder_is_refused_by_name() -> None:
    with pytest.raises(TemplateError, match=r"\{discount_code\}"):
        render_outreach("Hi {first_name}, use {discount_code}!", FACTS)
    with pytest.raises(TemplateError, match=r"\{brand\}"):
        check_outreach("{brand}")  # an agreement placeholder, not an outreach one


def test_a_line_needing_missing_hashtags_is_left_out() -> None:
    text = "Hi {first_name},\nPlease use {hashtags}.\nThanks!"
    assert render_outreach(text, OutreachFacts("Kofi Runs")) == "Hi Kofi,\nThanks!"


def test_product_and_campaign_need_a_campaign_but_hashtags_do_not() -> None:
    assert needs_campaign("{product} for {first_name}", "{campaign} {hashtags}") == [
        "product",
        "campaign",
    ]
    assert needs_campaign("Hi {first_name} {hashtags}") == []


def test_without_a_name_the_greeting_still_reads() -> None:
    assert render_outreach("Hi {first_name}!", OutreachFacts("")) == "Hi there!"
