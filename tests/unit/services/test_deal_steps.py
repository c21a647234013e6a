"""A payment or a post recorded or deleted, and an agreement written from a template, are each
one step of Undo: every row comes back exactly (ids and times included), and Redo writes the
change again exactly."""

from __future__ import annotations

from datetime import date

import pytest

from infcrm.db.engine import Database
from infcrm.domain.money import Money
from infcrm.services.campaigns import agreements, deal_edits, deal_results, deals
from infcrm.services.campaigns.campaign_types import ContentInput, PaymentInput
from infcrm.services.errors import InvalidInput
from tests.order_setup import bake_off
from tests.table_dump import everything, undone_and_redone


def _payment(amount: str = "120") -> PaymentInput:
    return PaymentInput(date(2026, 4, 20), amount, "EUR", "bank transfer", "INV-7")


def test_a_recorded_payment_is_undone_and_redone_with_the_same_id(db: Database) -> None:
    deal = bake_off(db).lena
    deal_results.record_payment(db, deal, _payment("50"))  # an older one stays

    done = undone_and_redone(db, lambda: deal_edits.add_payment(db, deal, _payment()))

    assert done.changes.deals == (deal,)
    assert [p.amount for p in deals.get_deal(db, deal).payments] == [Money(5000, "EUR")]


def test_a_deleted_payment_comes_back_whole(db: Database) -> None:
    deal = bake_off(db).lena
    payment = deal_results.record_payment(db, deal, _payment())

    done = undone_and_redone(db, lambda: deal_edits.delete_payment(db, payment))

    assert done.value == deal
    (back,) = deals.get_deal(db, deal).payments
    assert (back.id, back.amount, back.method, back.reference) == (
        payment,
        Money(12000, "EUR"),
        "bank transfer",
        "INV-7",
    )


def test_a_recorded_post_and_a_deleted_one_are_undone_and_redone(db: Database) -> None:
    deal = bake_off(db).mia
    post = ContentInput("instagram", date(2026, 4, 22), url="https://instagram.com/p/1", likes="80")

    added = undone_and_redone(db, lambda: deal_edits.add_post(db, deal, post))
    assert deals.get_deal(db, deal).content == ()

    kept = deal_results.record_content(db, deal, post)
    assert kept != added.value  # ids are never reused, not even an undone one's
    undone_and_redone(db, lambda: deal_edits.delete_post(db, kept))
    (back,) = deals.get_deal(db, deal).content
    assert (back.id, back.likes, back.url) == (kept, 80, "https://instagram.com/p/1")


def test_an_agreement_written_from_a_template_is_undone_and_redone(db: Database) -> None:
    deal = bake_off(db).mia

    first = undone_and_redone(db, lambda: deal_edits.write_agreement(db, deal))
    assert first.value.version == 1
    assert agreements.versions(db, deal) == []

    draft = agreements.compose(db, deal)
    agreements.update_draft(db, draft.id, "My own subject", "My own words")
    # Rewriting the draft from the template: undo brings back the words typed.
    undone_and_redone(db, lambda: deal_edits.write_agreement(db, deal))
    assert agreements.version(db, draft.id).body == "My own words"


def test_a_new_version_after_a_sent_one_goes_and_the_sent_one_stays_frozen(db: Database) -> None:
    deal = bake_off(db).lena
    sent = agreements.compose(db, deal)
    agreements.mark_sent(db, sent.id)

    done = undone_and_redone(db, lambda: deal_edits.write_agreement(db, deal))

    assert done.value.version == 2
    assert [(v.version, v.status) for v in agreements.versions(db, deal)] == [(1, "sent")]


def test_a_refused_payment_writes_nothing_and_leaves_nothing_to_undo(db: Database) -> None:
    deal = bake_off(db).lena
    before = everything(db)
    with pytest.raises(InvalidInput) as refused:
        deal_edits.add_payment(db, deal, _payment("0"))
    assert "more than zero" in refused.value.errors["amount"]
    assert everything(db) == before
