"""The report's “Codes not found” note: said only where there is something to say about this
campaign — it sells by code, and orders placed while it ran name a code no deal holds."""

from __future__ import annotations

from datetime import date, datetime

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.exchange.order_types import ShopOrderInput
from infcrm.services.exchange.orders_import import import_orders
from tests.order_setup import bake_off, one_deal

TODAY = date(2026, 5, 20)


def _orders(db: Database, *orders: tuple[str, datetime]) -> None:
    """Import one order per (code, when), each of €30.00."""
    read = [
        ShopOrderInput(f"#{n}", placed, "EUR", 3000, 300, codes=(code,))
        for n, (code, placed) in enumerate(orders, start=1001)
    ]
    import_orders(db, "orders.csv", ("shopify", "Shopify"), read, len(read))


def _codes_note(db: Database, campaign_id: int) -> list[str]:
    notes = campaign_report(db, campaign_id, TODAY).notes
    return [n for n in notes if "Codes not found" in n]


def test_a_campaign_without_discount_codes_says_nothing_of_codes(db: Database) -> None:
    campaign, _deal = one_deal(db, "EUR")  # Lena holds no code
    _orders(db, ("SUMMER10", datetime(2026, 4, 6, 12)))
    assert _codes_note(db, campaign) == []


def test_every_code_found_says_nothing_of_codes(db: Database) -> None:
    setup = bake_off(db)  # Lena holds LENABAKES10, from 1 April
    _orders(db, ("LENABAKES10", datetime(2026, 4, 6, 12)), ("lenabakes10", datetime(2026, 4, 7)))
    report = campaign_report(db, setup.campaign, TODAY)
    assert report.total.orders == 2
    assert _codes_note(db, setup.campaign) == []


def test_only_codes_of_orders_placed_while_the_campaign_ran_are_listed(db: Database) -> None:
    setup = bake_off(db)
    _orders(
        db,
        ("SUMMER10", datetime(2026, 1, 15, 12)),  # the shop's own code, before the campaign
        ("LENABAKE10", datetime(2026, 4, 6, 12)),  # a typo of Lena's code, while it ran
        ("LENABAKE10", datetime(2026, 4, 8, 9)),
    )
    [note] = _codes_note(db, setup.campaign)
    assert note.startswith("Codes not found: LENABAKE10 ×2.")
    assert "SUMMER10" not in note


def test_a_finished_campaign_leaves_out_codes_of_orders_long_after_its_end(db: Database) -> None:
    setup = bake_off(db)
    campaigns.update_campaign(
        db,
        setup.campaign,
        CampaignInput(name="Spring Bake-Off", currency="EUR", starts_on=date(2026, 4, 1),
                      ends_on=date(2026, 4, 30)),
    )  # fmt: skip
    _orders(
        db,
        ("LENABAKE10", datetime(2026, 5, 20, 12)),  # three weeks after: still its posts' orders
        ("AUTUMN20", datetime(2026, 9, 1, 12)),  # months later: nothing to do with it
    )
    [note] = _codes_note(db, setup.campaign)
    assert "LENABAKE10 ×1" in note and "AUTUMN20" not in note
