"""Undoing an edit of a deal, a payment or a campaign never writes over what a teammate saved
since: two copies of the app on one database (the test's own signs as Sam, `ana` as Ana), on
a file and on a server."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaign_edits, campaigns, deal_edits, deals
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    DealTermsInput,
    IncentiveInput,
    PaymentInput,
)
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.restore_points import restore
from tests.deal_forms import terms_form
from tests.order_setup import bake_off


def _terms(db: Database, deal: int, **values: object) -> DealTermsInput:
    """The deal's terms as a form opened now holds them, with `values` typed over them."""
    return terms_form(deals.get_deal(db, deal), **values)


def _campaign_form(db: Database, campaign: int, **values: object) -> CampaignInput:
    info = campaigns.get_campaign(db, campaign)
    form = CampaignInput(
        info.name,
        brand=info.brand,
        brief=info.brief,
        currency=info.currency,
        status=info.status,
        version=info.version,
    )
    return dataclasses.replace(form, **values)


def test_undo_of_a_deal_edit_refuses_after_a_teammate_saved_the_deal(
    db: Database, ana: Database
) -> None:
    lena = bake_off(ana).lena
    mine = deal_edits.edit_terms(db, lena, _terms(db, lena, notes="Ships in May"))
    deal_edits.edit_terms(ana, lena, _terms(ana, lena, usage_rights="Repost 3 months"))

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, mine.undo)

    message = str(refused.value)
    assert "Ana changed the deal of “Lena Bakes” in “Spring Bake-Off”" in message
    assert "open the deal" in message
    now = deals.get_deal(db, lena)
    assert (now.notes, now.usage_rights, now.changed_by) == (
        "Ships in May",
        "Repost 3 months",
        "Ana",
    ), "nothing was changed"


def test_own_deal_edits_undo_and_redo_in_turn_as_before(db: Database, ana: Database) -> None:
    lena = bake_off(ana).lena
    first = deal_edits.edit_terms(db, lena, _terms(db, lena, notes="Ships in May"))
    second = deal_edits.edit_terms(db, lena, _terms(db, lena, usage_rights="Repost 1 month"))

    redo_second = restore(db, second.undo)
    redo_first = restore(db, first.undo)
    assert (deals.get_deal(db, lena).notes, deals.get_deal(db, lena).usage_rights) == (None, None)
    restore(db, redo_first)
    restore(db, redo_second)
    now = deals.get_deal(db, lena)
    assert (now.notes, now.usage_rights) == ("Ships in May", "Repost 1 month")


def test_a_teammates_payment_on_the_deal_does_not_hold_back_the_undo_of_its_terms(
    db: Database, ana: Database
) -> None:
    """Payments are rows of their own: the terms' undo leaves them, so it need not refuse."""
    lena = bake_off(ana).lena
    mine = deal_edits.edit_terms(
        db, lena, _terms(db, lena, incentives=(IncentiveInput("fee", value="300"),))
    )
    deal_edits.add_payment(ana, lena, PaymentInput(date(2026, 4, 2), "100"))

    restore(db, mine.undo)

    now = deals.get_deal(db, lena)
    assert now.incentives == () and [p.amount.plain() for p in now.payments] == ["100.00"]


def test_undo_of_a_payment_edit_refuses_after_a_teammate_changed_that_payment(
    db: Database, ana: Database
) -> None:
    lena = bake_off(ana).lena
    paid = int(deal_edits.add_payment(ana, lena, PaymentInput(date(2026, 4, 2), "100")).value)
    mine = deal_edits.edit_payment(db, paid, PaymentInput(date(2026, 4, 2), "120"), 1)
    deal_edits.edit_payment(ana, paid, PaymentInput(date(2026, 4, 3), "120", method="PayPal"), 2)

    with pytest.raises(ChangedSinceStep, match="Ana changed a payment on the deal of “Lena"):
        restore(db, mine.undo)

    (payment,) = deals.get_deal(db, lena).payments
    assert (payment.amount.plain(), payment.method) == ("120.00", "PayPal")


def test_undo_of_a_campaign_edit_refuses_after_a_teammate_saved_the_campaign(
    db: Database, ana: Database
) -> None:
    summer = campaigns.create_campaign(ana, CampaignInput("Summer launch", brief="Sunny"))
    mine = campaign_edits.edit(db, summer, _campaign_form(db, summer, brief="Rainy"))
    campaign_edits.edit(ana, summer, _campaign_form(ana, summer, brand="Oat & Honey"))

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, mine.undo)

    assert "Ana changed the campaign “Summer launch”" in str(refused.value)
    now = campaigns.get_campaign(db, summer)
    assert (now.brief, now.brand) == ("Rainy", "Oat & Honey")


def test_own_campaign_edits_undo_as_before(db: Database, ana: Database) -> None:
    summer = campaigns.create_campaign(ana, CampaignInput("Summer launch", brief="Sunny"))
    first = campaign_edits.edit(db, summer, _campaign_form(db, summer, brief="Rainy"))
    second = campaign_edits.edit(db, summer, _campaign_form(db, summer, brand="Oat & Honey"))

    restore(db, second.undo)
    restore(db, first.undo)

    now = campaigns.get_campaign(db, summer)
    assert (now.brief, now.brand) == ("Sunny", None)


def test_undo_of_a_payment_recorded_keeps_the_one_a_teammate_recorded_after_it(
    db: Database, ana: Database
) -> None:
    lena = bake_off(ana).lena
    mine = deal_edits.add_payment(db, lena, PaymentInput(date(2026, 4, 2), "100"))
    deal_edits.add_payment(ana, lena, PaymentInput(date(2026, 4, 3), "50"))

    redo_point = restore(db, mine.undo)

    paid = [(p.amount.plain(), p.changed_by) for p in deals.get_deal(db, lena).payments]
    assert paid == [("50.00", "Ana")], "only Sam's own payment goes"
    restore(db, redo_point)
    assert len(deals.get_deal(db, lena).payments) == 2


def test_undo_of_a_payment_recorded_refuses_after_a_teammate_changed_it(
    db: Database, ana: Database
) -> None:
    lena = bake_off(ana).lena
    mine = deal_edits.add_payment(db, lena, PaymentInput(date(2026, 4, 2), "100"))
    deal_edits.edit_payment(ana, int(mine.value), PaymentInput(date(2026, 4, 2), "110"), 1)

    with pytest.raises(ChangedSinceStep, match="Ana changed a payment on the deal of “Lena"):
        restore(db, mine.undo)

    assert [p.amount.plain() for p in deals.get_deal(db, lena).payments] == ["110.00"]


def test_undo_of_a_new_campaign_keeps_the_one_a_teammate_created_after_it(
    db: Database, ana: Database
) -> None:
    mine = campaign_edits.create(db, CampaignInput("Summer launch"))
    campaigns.create_campaign(ana, CampaignInput("Autumn box"))

    restore(db, mine.undo)

    assert [c.name for c in campaigns.list_campaigns(db)] == ["Autumn box"]


def test_undo_of_a_new_campaign_refuses_once_a_teammate_put_people_in_it(
    db: Database, ana: Database
) -> None:
    lena = bake_off(ana)
    mine = campaign_edits.create(db, CampaignInput("Summer launch"))
    person = deals.get_deal(ana, lena.lena).influencer_id
    campaign_edits.add_people(ana, int(mine.value), [person])

    with pytest.raises(ChangedSinceStep) as refused:
        restore(db, mine.undo)

    message = str(refused.value)
    assert "Since the campaign “Summer launch” was added, Ana added 1 campaign deal" in message
    assert "open the campaign" in message
    assert len(deals.deal_summaries(db, int(mine.value), date(2026, 4, 1))) == 1


def test_undo_of_people_put_in_a_campaign_refuses_once_a_teammate_paid_one_of_them(
    db: Database, ana: Database
) -> None:
    setup = bake_off(ana)
    person = deals.get_deal(ana, setup.lena).influencer_id
    summer = campaigns.create_campaign(ana, CampaignInput("Summer launch"))
    added = campaign_edits.add_people(db, summer, [person])
    (deal,) = deals.deal_summaries(db, summer, date(2026, 4, 1))
    deal_edits.add_payment(ana, deal.id, PaymentInput(date(2026, 4, 2), "80"))

    with pytest.raises(ChangedSinceStep, match="Ana recorded 1 payment"):
        restore(db, added.undo)

    assert [p.amount.plain() for p in deals.get_deal(db, deal.id).payments] == ["80.00"]


def test_own_people_and_payment_in_a_new_campaign_undo_in_turn_as_before(
    db: Database, ana: Database
) -> None:
    setup = bake_off(ana)
    person = deals.get_deal(ana, setup.lena).influencer_id
    created = campaign_edits.create(db, CampaignInput("Summer launch"))
    summer = int(created.value)
    added = campaign_edits.add_people(db, summer, [person])
    (deal,) = deals.deal_summaries(db, summer, date(2026, 4, 1))
    paid = deal_edits.add_payment(db, deal.id, PaymentInput(date(2026, 4, 2), "80"))

    for step in (paid, added, created):
        restore(db, step.undo)

    assert [c.name for c in campaigns.list_campaigns(db)] == ["Spring Bake-Off"]
