"""The order exports of WooCommerce plugins many small shops use instead of Analytics:
Advanced Order Export for WooCommerce, Customer/Order/Coupon Export and WP All Export. Each is
recognised by its columns and imports like the other shops' exports: one order per order
number however many rows it takes, net revenue, refunds subtracted, cancelled orders not
counted, codes matched to deals."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.money import Money
from infcrm.files.orders.order_reader import read_orders
from infcrm.files.orders.shop_formats import OrderFileError
from infcrm.services.exchange.orders_import import import_orders
from tests.order_setup import (
    REAL_WOO_ADVANCED,
    WOO_ADVANCED,
    WOO_CUSTOMER_ORDER,
    WOOCOMMERCE,
    WP_ALL_EXPORT,
    bake_off,
    one_deal,
    orders_of,
)


def _import(db: Database, path: Path):
    read = read_orders(path)
    return import_orders(db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines)


def _rewritten(tmp_path: Path, source: Path, edit) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows[0], rows)
    target = tmp_path / source.name
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return target


@pytest.mark.parametrize(
    ("path", "label", "lines"),
    [
        (WOO_ADVANCED, "Advanced Order Export for WooCommerce", 8),
        (WOO_CUSTOMER_ORDER, "WooCommerce Customer/Order/Coupon Export", 6),
        (WP_ALL_EXPORT, "WP All Export (WooCommerce orders)", 7),
    ],
)
def test_each_plugin_export_is_recognised_and_read_one_order_per_number(
    path: Path, label: str, lines: int
) -> None:
    read = read_orders(path)
    assert (read.shop.label, read.lines) == (label, lines)
    assert [o.order_number for o in read.orders] == [str(n) for n in range(2041, 2047)]
    first = read.orders[0]
    assert first.codes == ("lenabakes10",)  # the second product's row adds no code
    assert first.placed_at.date() == datetime(2026, 4, 6).date()
    assert read.orders[1].codes == ("LENABAKES10", "freeship")


def test_advanced_order_export_nets_discounts_subtracts_refunds_skips_cancelled(
    db: Database,
) -> None:
    setup = bake_off(db)
    result = _import(db, WOO_ADVANCED)
    assert (result.orders, result.added, result.matched, result.not_counted) == (6, 6, 3, 1)
    lena = orders_of(db, setup.lena)
    assert lena["2041"] == (3870, 0, True)  # 43 − 4.3, shipping left out
    assert lena["2042"] == (12000, 2000, True)  # Order Refund Amount 20
    assert lena["2043"][2] is False  # Cancelled
    assert lena["2044"] == (1080, 1080, True)  # Refunded: 15.7 with shipping, capped
    # No currency column by default: the campaign's currency.
    assert result.revenue == {"EUR": Money(3870 + 10000 + 0, "EUR")}
    assert result.codes_not_found == (("SUMMER10", 1),)


def test_customer_order_coupon_export_reads_totals_refunds_and_coupon_items(db: Database) -> None:
    setup = bake_off(db)
    result = _import(db, WOO_CUSTOMER_ORDER)
    lena = orders_of(db, setup.lena)
    # order_number is empty without a sequential-numbers plugin: the order_id is the number.
    assert lena["2041"] == (3870, 0, True)  # order_total − shipping_total − tax_total
    assert lena["2042"] == (12000, 2000, True)  # refunded_total
    assert lena["2043"][2] is False and lena["2044"] == (1080, 1080, True)
    assert result.revenue == {"EUR": Money(3870 + 10000, "EUR")}
    assert result.codes_not_found == (("SUMMER10", 1),)


def test_wp_all_export_has_no_refund_column_so_only_the_status_refunds(db: Database) -> None:
    setup = bake_off(db)
    result = _import(db, WP_ALL_EXPORT)
    lena = orders_of(db, setup.lena)
    assert lena["2041"] == (3870, 0, True)  # Order Total − Shipping Cost − Total Tax Amount
    assert lena["2042"] == (12000, 0, True)  # partly refunded: the export does not say
    assert lena["2043"][2] is False and lena["2044"] == (1080, 1080, True)
    assert result.revenue == {"EUR": Money(3870 + 12000, "EUR")}


@pytest.mark.parametrize("plugin", [WOO_ADVANCED, WOO_CUSTOMER_ORDER, WP_ALL_EXPORT])
def test_the_analytics_download_and_a_plugin_export_of_one_shop_add_each_order_once(
    db: Database, plugin: Path
) -> None:
    """Both name an order by its WooCommerce number. Rounding and columns differ between the
    exports, and WP All Export writes no refunds: none of that is a change to the order."""
    setup = bake_off(db)
    _import(db, WOOCOMMERCE)
    again = _import(db, plugin)
    assert (again.added, again.already_known, again.refigured) == (0, 6, 0)
    assert "changed since" not in again.summary()
    assert orders_of(db, setup.lena)["2042"] == (12000, 2000, True)  # the refund stays


def test_a_plugin_export_brings_a_refund_made_after_the_analytics_download(
    db: Database, tmp_path: Path
) -> None:
    setup = bake_off(db)
    _import(db, WOOCOMMERCE)

    def refund_2041(header: list[str], rows: list[list[str]]) -> None:
        for row in rows[1:3]:
            row[header.index("Order Refund Amount")] = "8.1"

    later = _import(db, _rewritten(tmp_path, WOO_ADVANCED, refund_2041))
    assert later.refigured == 1
    assert orders_of(db, setup.lena)["2041"] == (3870, 810, True)


def test_product_rows_with_the_order_columns_left_empty_belong_to_the_order_above(
    tmp_path: Path,
) -> None:
    """Advanced Order Export can fill the order's columns on its first row only."""

    def first_row_only(header: list[str], rows: list[list[str]]) -> None:
        keep = {"Item #", "SKU", "Item Name", "Quantity", "Item Cost", "Coupon Code",
                "Discount Amount", "Discount Amount Tax"}  # fmt: skip
        for row in (rows[2], rows[4]):  # 2041's whisk, 2042's second coupon
            for index, name in enumerate(header):
                if name not in keep:
                    row[index] = ""

    orders = read_orders(_rewritten(tmp_path, WOO_ADVANCED, first_row_only)).orders
    assert [o.order_number for o in orders] == [str(n) for n in range(2041, 2047)]
    assert orders[1].codes == ("LENABAKES10", "freeship")


def test_a_wp_all_export_date_written_as_a_unix_timestamp_is_read(tmp_path: Path) -> None:
    """Exports made before WP All Export 1.4.2 write dates as Unix timestamps."""

    def unix(header: list[str], rows: list[list[str]]) -> None:
        rows[1][header.index("Order Date")] = "1775470500"  # 2026-04-06 10:15:00 UTC
        rows[2][header.index("Order Date")] = "1775470500"

    orders = read_orders(_rewritten(tmp_path, WP_ALL_EXPORT, unix)).orders
    assert orders[0].placed_at == datetime(2026, 4, 6, 10, 15)


def test_a_plugin_export_missing_a_needed_column_names_it(tmp_path: Path) -> None:
    def drop(header: list[str], rows: list[list[str]]) -> None:
        index = header.index("Order Subtotal Amount")
        for row in rows:
            del row[index]

    with pytest.raises(
        OrderFileError,
        match="looks like Advanced Order Export for WooCommerce's order export but lacks the "
        "column Order Subtotal Amount",
    ):
        read_orders(_rewritten(tmp_path, WOO_ADVANCED, drop))


def test_a_real_advanced_order_export_imports_its_four_orders(db: Database) -> None:
    """A public export (tests/fixtures/real/README.md): an older version of the plugin, whole
    amounts without decimals (“50”), an empty Coupon Code beside a 100 % discount, and no
    currency column, so the orders take the campaign's currency."""
    read = read_orders(REAL_WOO_ADVANCED)
    assert (read.shop.label, read.lines, len(read.orders)) == (
        "Advanced Order Export for WooCommerce",
        4,
        4,
    )
    assert [o.order_number for o in read.orders] == ["323", "324", "325", "326"]
    assert {o.placed_at for o in read.orders} == {datetime(2017, 10, 30, 22, 29)}
    assert all(o.counted and o.codes == () for o in read.orders)
    in_usd = [o.in_currency("USD") for o in read.orders]
    assert [(o.revenue_minor, o.discount_minor) for o in in_usd] == [
        (0, 5000), (100, 0), (0, 5000), (4000, 0)
    ]  # fmt: skip
    one_deal(db, "USD", "LDRS37")
    result = import_orders(db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines)
    assert (result.added, result.matched, result.revenue) == (4, 0, {})


def test_an_advanced_order_export_with_its_currency_field_is_read_in_that_currency(
    tmp_path: Path,
) -> None:
    """The plugin's Currency field is not exported by default; added, it names each order's."""

    def with_currency(header: list[str], rows: list[list[str]]) -> None:
        header.append("Currency")
        for row in rows[1:]:
            row.append("USD" if row[0] == "2046" else "EUR")

    orders = read_orders(_rewritten(tmp_path, WOO_ADVANCED, with_currency)).orders
    first, last = orders[0], orders[-1]
    assert (first.currency, first.revenue_minor, first.discount_minor, first.scale) == (
        "EUR", 3870, 430, None
    )  # fmt: skip
    assert (last.currency, last.revenue_minor) == ("USD", 2900)


def test_an_order_pending_in_one_export_and_paid_in_the_next_starts_counting(
    db: Database, tmp_path: Path
) -> None:
    # A payment still pending when the shop exported: the order does not count yet. Paid by
    # the next export, it must count, whatever kind of export brings it.
    setup = bake_off(db)

    def pending_2041(header: list[str], rows: list[list[str]]) -> None:
        for row in rows[1:3]:
            row[header.index("Order Status")] = "Pending payment"

    _import(db, _rewritten(tmp_path, WOO_ADVANCED, pending_2041))
    assert orders_of(db, setup.lena)["2041"][2] is False

    later = _import(db, WOO_ADVANCED)

    assert later.refigured == 1
    assert orders_of(db, setup.lena)["2041"][2] is True
