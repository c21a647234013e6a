"""No silent overwrites for what a deal brought and cost: two users (two `Database` objects on
one file or server; Sam is `db`, Ana is `ana`) change, delete or record a deal's payments,
posts and gift shipping at once. The later save writes nothing and carries both versions;
nothing the first saved is lost."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import event

from infcrm.db.engine import Database
from infcrm.services.campaigns import deal_edits, deal_results, deals, result_edits
from infcrm.services.campaigns.campaign_types import (
    ContentInput,
    DealTermsInput,
    IncentiveInput,
    PaymentInput,
)
from infcrm.services.errors import EditConflict, PaymentsRecordedMeanwhile
from infcrm.services.restore_points import restore
from tests.order_setup import bake_off
from tests.table_dump import undone_and_redone

MAY = date(2026, 5, 3)


def _payment(db: Database) -> tuple[int, int]:
    """Lena's deal and a payment of €200 on it, recorded by Sam: (deal, payment)."""
    lena = bake_off(db).lena
    paid = deal_results.record_payment(db, lena, PaymentInput(MAY, "200", "EUR", "bank transfer"))
    return lena, paid


def _post(db: Database) -> tuple[int, int]:
    lena = bake_off(db).lena
    post = deal_results.record_content(
        db, lena, ContentInput("instagram", MAY, url="https://instagram.com/p/1", likes="300")
    )
    return lena, post


def _form(db: Database, deal: int, payment: int):
    """The payment as a form opened now holds it, with the version it was read at."""
    item = next(p for p in deals.get_deal(db, deal).payments if p.id == payment)
    typed = PaymentInput(item.paid_on, item.amount.plain(), "EUR", item.method, item.reference)
    return typed, item.version


def test_a_payment_is_signed_and_counted(ana: Database, db: Database) -> None:
    lena, _paid = _payment(db)
    [item] = deals.get_deal(ana, lena).payments
    assert (item.version, item.recorded_by, item.changed_by) == (1, "Sam", "Sam")
    assert item.recorded_at is not None and item.recorded_at.tzinfo is not None


def test_the_second_change_of_one_payment_is_refused_and_overwrites_nothing(
    ana: Database, db: Database
) -> None:
    lena, paid = _payment(db)
    sams, seen = _form(db, lena, paid)
    anas, anas_seen = _form(ana, lena, paid)
    deal_edits.edit_payment(ana, paid, dataclasses.replace(anas, amount="250"), anas_seen)

    with pytest.raises(EditConflict) as refused:
        deal_edits.edit_payment(db, paid, dataclasses.replace(sams, reference="INV-7"), seen)

    conflict = refused.value
    assert "Ana changed the payment of €250.00 made on 3 May 2026 while you were" in str(conflict)
    assert (conflict.seen, conflict.current, conflict.changed_by) == (1, 2, "Ana")
    assert str(conflict.theirs.amount) == "€250.00"
    [now] = deals.get_deal(db, lena).payments
    assert (str(now.amount), now.reference, now.version) == ("€250.00", None, 2), "Ana's stands"

    # Sam keeps his reference on top of the version he has now seen, and Ana's amount.
    merged = dataclasses.replace(sams, amount="250", reference="INV-7")
    deal_edits.edit_payment(db, paid, merged, conflict.current)
    [now] = deals.get_deal(ana, lena).payments
    assert (str(now.amount), now.reference, now.changed_by, now.version) == (
        "€250.00", "INV-7", "Sam", 3,
    )  # fmt: skip


def test_the_second_change_of_one_post_is_refused_and_overwrites_nothing(
    ana: Database, db: Database
) -> None:
    lena, post = _post(db)
    saved = deals.get_deal(db, lena).content[0]
    form = ContentInput("instagram", MAY, url=saved.url, likes="300")
    result_edits.change_post(ana, post, dataclasses.replace(form, likes="1.2k"), saved.version)

    with pytest.raises(EditConflict) as refused:
        result_edits.change_post(db, post, dataclasses.replace(form, views="9k"), saved.version)

    assert "Ana changed the post of 3 May 2026 while you were editing" in str(refused.value)
    assert refused.value.theirs.likes == 1200
    [now] = deals.get_deal(db, lena).content
    assert (now.likes, now.views, now.version) == (1200, None, 2), "Ana's results stand"


def test_a_save_without_a_version_saves_whatever_is_there(ana: Database, db: Database) -> None:
    lena, paid = _payment(db)
    sams, _seen = _form(db, lena, paid)
    result_edits.change_payment(ana, paid, dataclasses.replace(sams, amount="250"), None)
    result_edits.change_payment(db, paid, dataclasses.replace(sams, amount="275"), None)
    assert str(deals.get_deal(ana, lena).payments[0].amount) == "€275.00"


def test_deleting_a_payment_changed_meanwhile_deletes_nothing(ana: Database, db: Database) -> None:
    lena, paid = _payment(db)
    anas, seen = _form(ana, lena, paid)
    deal_edits.edit_payment(ana, paid, dataclasses.replace(anas, amount="250"), seen)

    with pytest.raises(EditConflict) as refused:
        deal_edits.delete_payment(db, paid, seen)  # Sam saw version 1

    assert str(refused.value.theirs.amount) == "€250.00"
    assert len(deals.get_deal(db, lena).payments) == 1, "Ana's payment is still there"
    # Told what it holds now, Sam still wants it gone.
    deal_edits.delete_payment(db, paid, refused.value.current)
    assert deals.get_deal(ana, lena).payments == ()


def test_deleting_a_post_changed_meanwhile_deletes_nothing(ana: Database, db: Database) -> None:
    lena, post = _post(db)
    seen = deals.get_deal(db, lena).content[0].version
    form = ContentInput("instagram", MAY, url="https://instagram.com/p/1", likes="2k")
    result_edits.change_post(ana, post, form, seen)

    with pytest.raises(EditConflict):
        deal_edits.delete_post(db, post, seen)

    assert [p.likes for p in deals.get_deal(db, lena).content] == [2000]


def test_recording_a_payment_after_a_teammate_recorded_one_asks_first(
    ana: Database, db: Database
) -> None:
    lena = bake_off(db).lena
    known = [p.id for p in deals.get_deal(db, lena).payments]  # Sam's list: none yet
    deal_edits.add_payment(ana, lena, PaymentInput(MAY, "200", "EUR"), known=[])

    with pytest.raises(PaymentsRecordedMeanwhile) as refused:
        deal_edits.add_payment(db, lena, PaymentInput(MAY, "200", "EUR"), known=known)

    message = str(refused.value)
    assert message.startswith("Ana recorded €200.00")
    assert message.endswith("on this deal since you opened it — record yours too?")
    assert [str(p.amount) for p in refused.value.recorded] == ["€200.00"]
    assert len(deals.get_deal(db, lena).payments) == 1, "nothing paid twice yet"
    # Sam has seen Ana's and records his all the same.
    again = [*known, *(p.id for p in refused.value.recorded)]
    deal_edits.add_payment(db, lena, PaymentInput(MAY, "50", "EUR"), known=again)
    assert sorted(str(p.amount) for p in deals.get_deal(ana, lena).payments) == [
        "€200.00",
        "€50.00",
    ]


def test_the_time_of_a_payment_recorded_meanwhile_is_local_and_dated_when_not_today() -> None:
    from datetime import UTC, datetime

    from infcrm.domain.money import Money
    from infcrm.services.campaigns.campaign_types import PaymentItem

    now = datetime(2026, 5, 4, 16, 0, tzinfo=UTC)
    today = PaymentItem(1, MAY, Money(20000, "EUR"), None, None, 1, "Ana",
                        datetime(2026, 5, 4, 14, 2, tzinfo=UTC))  # fmt: skip
    earlier = dataclasses.replace(today, recorded_by=None,
                                  recorded_at=datetime(2026, 4, 28, 9, 30, tzinfo=UTC))  # fmt: skip
    text = result_edits.recorded_meanwhile((today, earlier), now.astimezone())
    local = datetime(2026, 5, 4, 14, 2, tzinfo=UTC).astimezone()
    assert text.startswith(f"Ana recorded €200.00 at {local:%H:%M}; Someone recorded €200.00 on ")


def test_a_shipping_status_marked_meanwhile_refuses_a_terms_save_from_before(
    ana: Database, db: Database
) -> None:
    lena = bake_off(db).lena
    deals.save_terms(db, lena, DealTermsInput(incentives=(IncentiveInput("product", "Apron"),)))
    deal = deals.get_deal(db, lena)
    sams_terms = DealTermsInput(
        incentives=(IncentiveInput("product", "Apron", shipping_status="to_ship"),),
        notes="Size M",
        version=deal.version,
    )
    [apron] = deal.incentives
    deals.update_shipping(ana, apron.id, "shipped", carrier="DHL", seen=deal.version)

    with pytest.raises(EditConflict) as refused:
        deal_edits.edit_terms(db, lena, sams_terms)

    assert refused.value.theirs.incentives[0].shipping_status == "shipped"
    now = deals.get_deal(db, lena)
    assert (now.incentives[0].shipping_status, now.incentives[0].carrier) == ("shipped", "DHL")
    assert now.notes is None
    # And a shipping change made from a reading older than Sam's next save is refused too.
    shipped = IncentiveInput("product", "Apron", shipping_status="shipped", carrier="DHL")
    merged = dataclasses.replace(sams_terms, version=now.version, incentives=(shipped,))
    deal_edits.edit_terms(db, lena, merged)
    [apron] = deals.get_deal(ana, lena).incentives  # a terms save writes its lines anew
    with pytest.raises(EditConflict):
        deals.update_shipping(ana, apron.id, "delivered", seen=now.version)
    assert deals.get_deal(ana, lena).incentives[0].shipping_status == "shipped"


def test_an_undo_of_a_change_is_a_change_too(ana: Database, db: Database) -> None:
    lena, paid = _payment(db)
    anas, seen = _form(ana, lena, paid)
    done = deal_edits.edit_payment(ana, paid, dataclasses.replace(anas, amount="250"), seen)
    sams, sams_seen = _form(db, lena, paid)  # €250, version 2
    restore(ana, done.undo)  # Ana takes her change back: €200 again

    [now] = deals.get_deal(ana, lena).payments
    assert (str(now.amount), now.version) == ("€200.00", 3), "never back to an older version"
    with pytest.raises(EditConflict):
        deal_edits.edit_payment(db, paid, dataclasses.replace(sams, reference="X"), sams_seen)


def test_a_change_of_a_payment_or_post_undoes_and_redoes_exactly(db: Database) -> None:
    lena, paid = _payment(db)
    post = deal_results.record_content(db, lena, ContentInput("tiktok", MAY, views="5k"))
    form, seen = _form(db, lena, paid)
    undone_and_redone(
        db, lambda: deal_edits.edit_payment(db, paid, dataclasses.replace(form, amount="9"), seen)
    )
    undone_and_redone(
        db,
        lambda: deal_edits.edit_post(
            db, post, ContentInput("tiktok", MAY, views="6k", revenue="12"), None
        ),
    )


def test_a_change_racing_another_between_its_read_and_its_write_is_a_conflict(
    ana: Database, db: Database
) -> None:
    """Sam's change commits just before Ana's UPDATE runs: hers must not land over it."""
    lena, paid = _payment(db)
    anas, seen = _form(ana, lena, paid)
    sams, _ = _form(db, lena, paid)
    raced: list[bool] = []

    def sam_saves_first(state) -> None:
        if state.is_update and not raced:
            raced.append(True)
            result_edits.change_payment(db, paid, dataclasses.replace(sams, method="cash"), seen)

    event.listen(ana.sessions, "do_orm_execute", sam_saves_first)
    try:
        with pytest.raises(EditConflict) as refused:
            result_edits.change_payment(ana, paid, dataclasses.replace(anas, amount="250"), seen)
    finally:
        event.remove(ana.sessions, "do_orm_execute", sam_saves_first)

    assert raced
    assert (refused.value.changed_by, refused.value.theirs.method) == ("Sam", "cash")
    [now] = deals.get_deal(ana, lena).payments
    assert (str(now.amount), now.method) == ("€200.00", "cash"), "Sam's change stands whole"
