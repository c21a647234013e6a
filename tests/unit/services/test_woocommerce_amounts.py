"""WooCommerce writes amounts by the store's own settings (decimals and thousands marks), with
no currency column: yen without decimals, dinars with three, commas or dots per country."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.money import Money
from infcrm.files.orders.order_reader import read_orders
from infcrm.files.orders.order_values import NumberStyle, number_style, store_amount
from infcrm.files.orders.shop_formats import OrderFileError
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.campaigns.deal_tracking import TrackingInput, save_tracking
from infcrm.services.exchange.orders_import import import_orders
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

HEADER = (
    "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net sales,Origin"
)


def _shop(db: Database, currency: str) -> int:
    """A campaign in `currency` with one creator holding the code LENA10; returns her deal."""
    person = influencers.create(db, InfluencerInput(
        display_name="Lena Bakes", accounts=(AccountInput("instagram", "lena.bakes"),)
    ))  # fmt: skip
    campaign = campaigns.create_campaign(db, CampaignInput(name="Launch", currency=currency))
    campaigns.add_influencers(db, campaign, [person])
    [deal] = deals.deal_summaries(db, campaign, date(2026, 4, 1))
    save_tracking(db, deal.id, TrackingInput("LENA10", None))
    return deal.id


def _export(tmp_path: Path, *amounts: str) -> Path:
    """A WooCommerce orders download: one completed LENA10 order per amount (a negative one
    refunds the order before it)."""
    lines, number = [HEADER], 3000
    for amount in amounts:
        if not amount.startswith("-"):
            number += 1
        lines.append(
            f"2026-04-06T10:15:00,{number},completed,Customer {number},new,1× Tea set,1,LENA10,"
            f'"{amount}",Source: Instagram'
        )
    path = tmp_path / "wc-orders-report-export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _revenue(db: Database, path: Path) -> dict[str, Money]:
    read = read_orders(path)
    return import_orders(
        db, read.name, ("woocommerce", "WooCommerce"), read.orders, read.lines
    ).revenue


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        (("1,200", "15,800"), 1200 + 15800),  # 0 decimals, thousands marked
        (("1200", "980"), 1200 + 980),
        (("¥1,200", "¥15,800"), 1200 + 15800),  # as wc_price writes them
        (("1,200.00", "980.50"), 1200 + 981),  # a store set to 2 decimals: rounded half up
        (("1.200", "15.800"), 1200 + 15800),  # a store whose thousands mark is a dot
    ],
)
def test_yen_are_read_whole_however_the_store_writes_them(
    db: Database, tmp_path: Path, amounts, expected
) -> None:
    _shop(db, "JPY")
    assert _revenue(db, _export(tmp_path, *amounts)) == {"JPY": Money(expected, "JPY")}


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        (("12.345", "1,234.500"), 12345 + 1234500),  # 3 decimals, thousands marked
        (("12.345", "8.5"), 12345 + 8500),
        (("12,345", "1.234,500"), 12345 + 1234500),  # a decimal comma
        (("12,345",), 12345),  # one mark, three digits: dinars have three decimals
        (("KD 12.345", "د.ك 1.000"), 12345 + 1000),  # with the store's symbol
    ],
)
def test_dinars_keep_their_three_decimals(db: Database, tmp_path: Path, amounts, expected) -> None:
    _shop(db, "KWD")
    assert _revenue(db, _export(tmp_path, *amounts)) == {"KWD": Money(expected, "KWD")}


def test_a_refund_row_in_the_stores_own_style_subtracts(db: Database, tmp_path: Path) -> None:
    _shop(db, "JPY")
    assert _revenue(db, _export(tmp_path, "12,000", "-2,000")) == {"JPY": Money(10000, "JPY")}


def test_euros_with_a_decimal_comma_and_dots_for_thousands(db: Database, tmp_path: Path) -> None:
    _shop(db, "EUR")
    revenue = _revenue(db, _export(tmp_path, "1.234,50", "12,50"))
    assert revenue == {"EUR": Money(123450 + 1250, "EUR")}


def test_the_style_is_found_from_the_whole_column() -> None:
    assert number_style(["1,234.50", "12.5"]) == NumberStyle(".", 2)
    assert number_style(["1.234,500"]) == NumberStyle(",", 3)
    assert number_style(["1,200", "15,800"]) == NumberStyle(None, 0, ",")
    assert number_style(["1,234,567", "980"]) == NumberStyle(None, 0)
    assert store_amount("(1,234.50)", NumberStyle(".", 2)) == -123450
    assert store_amount("-¥1,200", NumberStyle(None, 0, ",")) == -1200


def test_an_amount_that_is_not_one_is_refused_by_row_and_column(tmp_path: Path) -> None:
    with pytest.raises(OrderFileError, match="Row 3, column “Net sales”: “soon” is not an amount"):
        read_orders(_export(tmp_path, "1,200", "soon"))
