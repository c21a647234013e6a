"""A deal's code: suggested free, refused when another deal holds it, quoted in the agreement."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns import deal_tracking, deals
from infcrm.services.campaigns.campaign_types import DealTermsInput, IncentiveInput
from infcrm.services.campaigns.deal_tracking import TrackingInput
from tests.order_setup import bake_off


def test_the_saved_code_and_link_come_back_with_utm_tags(db: Database) -> None:
    setup = bake_off(db)
    tracking = deal_tracking.get_tracking(db, setup.lena)
    assert tracking.promo_code == "LENABAKES10"
    assert tracking.link == (
        "https://shop.example.com/cake-tin?utm_source=instagram&utm_medium=influencer"
        "&utm_campaign=spring-bake-off&utm_content=lena.bakes"
    )


def test_a_code_another_deal_holds_is_refused_whatever_its_capitals(db: Database) -> None:
    setup = bake_off(db)
    with pytest.raises(InvalidInput) as refused:
        deal_tracking.save_tracking(db, setup.mia, TrackingInput(" lenabakes10 ", None))
    assert "already Lena Bakes's in “Spring Bake-Off”" in refused.value.errors["promo_code"]
    assert deal_tracking.get_tracking(db, setup.mia).promo_code is None


def test_a_code_in_another_deals_commission_terms_is_refused_too(db: Database) -> None:
    setup = bake_off(db)
    deals.save_terms(db, setup.lena, DealTermsInput(
        incentives=(IncentiveInput("commission", promo_code="LENA15", commission_percent="10"),)
    ))  # fmt: skip
    with pytest.raises(InvalidInput):
        deals.save_terms(db, setup.mia, DealTermsInput(), TrackingInput("Lena15", None))


def test_the_suggestion_is_free_and_made_from_the_handle(db: Database) -> None:
    setup = bake_off(db)
    assert deal_tracking.get_tracking(db, setup.mia).suggested_code == "MIACOOKS10"
    deal_tracking.save_tracking(db, setup.lena, TrackingInput("MIACOOKS10", None))
    assert deal_tracking.get_tracking(db, setup.mia).suggested_code == "MIACOOKS10A"


def test_the_agreement_email_can_quote_the_code_and_the_link(db: Database) -> None:
    setup = bake_off(db)
    template = "Hi {first_name}, your code is {promo_code}.\nYour link: {tracking_link}\nBye"
    from infcrm.domain.agreement_template import render
    from infcrm.services.campaigns.agreement_facts import facts

    with db.reader() as session:
        text = render(template, facts(session, setup.lena))
    assert "your code is LENABAKES10." in text
    assert "utm_content=lena.bakes" in text
    with db.reader() as session:
        without = render(template, facts(session, setup.mia))
    assert "your code is" not in without  # a line needing a missing code is left out
