"""WooCommerce writes amounts by the store's own settings (decimals and thousands marks), with
no currency column: yen without decimals, dinars with three, commas or dots per country."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.money import Money
from infcrm.files.orders.order_reader import read_orders
from infcrm.files.orders.order_values import NumberStyle, number_style, store_amount
from infcrm.files.orders.shop_formats import OrderFileError
from infcrm.services.exchange.orders_import import import_orders
from tests.order_setup import one_deal, woocommerce_export


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
    one_deal(db, "JPY", "LENA10")
    assert _revenue(db, woocommerce_export(tmp_path, *amounts)) == {"JPY": Money(expected, "JPY")}


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
    one_deal(db, "KWD", "LENA10")
    assert _revenue(db, woocommerce_export(tmp_path, *amounts)) == {"KWD": Money(expected, "KWD")}


def test_a_refund_row_in_the_stores_own_style_subtracts(db: Database, tmp_path: Path) -> None:
    one_deal(db, "JPY", "LENA10")
    assert _revenue(db, woocommerce_export(tmp_path, "12,000", "-2,000")) == {
        "JPY": Money(10000, "JPY")
    }


def test_euros_with_a_decimal_comma_and_dots_for_thousands(db: Database, tmp_path: Path) -> None:
    one_deal(db, "EUR", "LENA10")
    revenue = _revenue(db, woocommerce_export(tmp_path, "1.234,50", "12,50"))
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
        read_orders(woocommerce_export(tmp_path, "1,200", "soon"))
