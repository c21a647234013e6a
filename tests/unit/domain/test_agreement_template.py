"""Agreement templates: every placeholder renders, mistakes are refused with a sentence."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from urllib.parse import unquote

import pytest

from infcrm.domain.agreement_template import (
    PLACEHOLDERS,
    AgreementFacts,
    TemplateError,
    check_template,
    render,
)
from infcrm.domain.campaign_enums import ContentFormat, Disclosure, IncentiveKind
from infcrm.domain.deal_terms import DeliverableTerms, IncentiveTerms
from infcrm.domain.mailto import mailto_url
from infcrm.domain.money import Money

FACTS = AgreementFacts(
    influencer_name="Anna Bakes",
    real_name="Anna Müller",
    campaign="Spring Bake-Off",
    handle="@anna.bakes",
    platform="Instagram",
    brand="Crumb & Co",
    start=date(2026, 3, 1),
    end=date(2026, 4, 30),
    hashtags="crumbspring, #bakeoff",
    mentions="crumbandco",
    incentives=(
        IncentiveTerms(IncentiveKind.PRODUCT, "Linen apron", 2, Money(4500, "EUR")),
        IncentiveTerms(IncentiveKind.FEE, value=Money(15000, "EUR")),
        IncentiveTerms(
            IncentiveKind.COMMISSION, promo_code="ANNA10", commission_percent=Decimal("10")
        ),
    ),
    deliverables=(
        DeliverableTerms("Instagram", ContentFormat.REEL, 2, date(2026, 3, 14)),
        DeliverableTerms("Instagram", ContentFormat.STORY, 1, date(2026, 3, 10)),
    ),
    disclosure=Disclosure.AD_HASHTAG,
    usage_rights="We may repost on our account for 6 months",
    sender_name="Lena from Crumb & Co",
    promo_code="ANNA10",
    tracking_link="https://crumb.example.com/apron?utm_content=anna.bakes",
)


def test_every_placeholder_renders_to_readable_text() -> None:
    template = "\n".join(f"{name}=[{{{name}}}]" for name in PLACEHOLDERS)
    text = render(template, FACTS)
    values = dict(re.findall(r"^(\w+)=\[(.*?)\]", text, flags=re.M | re.S))
    assert set(values) == set(PLACEHOLDERS)
    assert "{" not in text and "}" not in text
    assert values["first_name"] == "Anna"
    assert values["handle"] == "@anna.bakes"
    assert values["hashtags"] == "#crumbspring #bakeoff"
    assert values["mentions"] == "@crumbandco"
    assert values["incentive"] == (
        "2 × Linen apron (worth €45.00 each), a fee of €150.00 and 10% commission on sales "
        "and your own promo code ANNA10"
    )
    assert values["deliverable_list"] == (
        "- 2 Instagram reels by 14 March 2026\n- 1 Instagram story by 10 March 2026"
    )
    assert values["due_date"] == "10 March 2026"  # the earliest content is due first
    assert values["start_date"] == "1 March 2026" and values["end_date"] == "30 April 2026"
    assert values["disclosure"] == "please add #ad at the start of the caption"
    assert values["sender_name"] == "Lena from Crumb & Co"


def test_missing_facts_still_read_like_a_sentence() -> None:
    bare = AgreementFacts(influencer_name="Tom", campaign="Autumn")
    text = render("Hi {first_name}, you get {incentive} for {deliverables}.", bare)
    assert text == "Hi Tom, you get our thanks for content of your choice."


def test_a_line_whose_facts_are_empty_disappears_cleanly() -> None:
    facts = AgreementFacts(influencer_name="Tom", campaign="Autumn", hashtags="sunnyoats")
    template = (
        "Hi {first_name},\n\nA few small things:\n- Please tag {mentions} and use {hashtags}.\n"
        "- Please use {hashtags}.\n- Usage: {usage_rights}.\n- {disclosure}.\n\nThanks!"
    )
    assert render(template, facts) == (
        "Hi Tom,\n\nA few small things:\n- Please use #sunnyoats.\n\nThanks!"
    )


def test_nothing_is_promised_that_the_user_did_not_write() -> None:
    from infcrm.services.campaigns.agreement_templates import shipped_default

    _subject, body = shipped_default()
    text = render(body, AgreementFacts(influencer_name="Tom Berg", campaign="Autumn"))
    assert "Please tag  " not in text and "use  " not in text
    assert "only share your post" not in text  # no invented usage promise
    assert "Usage:" not in text and "ad label" not in text
    assert "A few small things:" not in text  # the heading goes with its emptied list
    assert "\n\n\n" not in text
    full = render(body, FACTS)
    assert "- Please tag @crumbandco." in full and "- Please use #crumbspring #bakeoff." in full


def test_unknown_placeholder_is_refused_by_name() -> None:
    with pytest.raises(TemplateError, match=r"\{fee_amount\}"):
        check_template("Hello {first_name}, you get {fee_amount}.")
    with pytest.raises(TemplateError, match=r"\{nmae\}"):
        render("Hi {nmae}", FACTS)


def test_doubled_braces_are_literal_braces() -> None:
    assert check_template("{{not a placeholder}} {first_name}") == ["first_name"]
    assert render("{{ {first_name} }}", FACTS) == "{ Anna }"


@pytest.mark.parametrize(("text", "line"), [("Hi {first_name", 1), ("ok\nthen } alone", 2)])
def test_a_lone_brace_is_refused_with_its_line(text: str, line: int) -> None:
    with pytest.raises(TemplateError, match=f"Line {line} has a lone"):
        check_template(text)


def test_mailto_link_carries_subject_and_every_line_of_the_body() -> None:
    body = "Hi Anna,\n\nWhat you get: 2 × apron & a fee of €150.\n#ad please"
    url = mailto_url("anna@example.com", "Crumb & Co x Anna: what we agreed?", body)
    assert url.startswith("mailto:anna@example.com?subject=")
    query = url.split("?", 1)[1]
    assert " " not in url and "\n" not in url and query.count("&") == 1  # the one separator
    subject, text = (unquote(part.split("=", 1)[1]) for part in query.split("&"))
    assert subject == "Crumb & Co x Anna: what we agreed?"
    assert text == body.replace("\n", "\r\n")
