"""Reading shops' order exports: money and dates as shops write them, and refusals by row."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from infcrm.files.orders.order_reader import read_orders
from infcrm.files.orders.shop_formats import OrderFileError
from tests.order_setup import ETSY, SHOPIFY


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _edited(tmp_path: Path, source: Path, edit) -> Path:
    rows = _rows(source)
    edit(rows[0], rows)
    target = tmp_path / source.name
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return target


def _set(column: str, row: int, value: str):
    def edit(header: list[str], rows: list[list[str]]) -> None:
        rows[row][header.index(column)] = value

    return edit


def test_a_file_of_another_kind_is_refused_with_the_columns_infcrm_looks_for(tmp_path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Instagram,Followers\nLena,lena.bakes,20000\n", encoding="utf-8")
    with pytest.raises(OrderFileError) as refused:
        read_orders(path)
    message = str(refused.value)
    assert "is not an order export infcrm knows" in message
    for column in ("Discount Code", "Refunded Amount", "Coupon(s)", "Net sales", "Sale Date"):
        assert column in message
    # The WooCommerce export plugins' exports are named, with the columns each needs.
    for named in ("Advanced Order Export for WooCommerce: Order Number", "Customer/Order/Coupon "
                  "Export: order_id", "WP All Export (WooCommerce orders): Order ID"):  # fmt: skip
        assert named in message


def test_a_shopify_file_missing_a_needed_column_names_it(tmp_path) -> None:
    def drop(header, rows):
        index = header.index("Refunded Amount")
        for row in rows:
            del row[index]

    with pytest.raises(OrderFileError, match="lacks the column Refunded Amount"):
        read_orders(_edited(tmp_path, SHOPIFY, drop))


@pytest.mark.parametrize(
    ("cell", "minor"),
    [("1,234.50", 123450), ("€12,50", 1250), ("12.5", 1250), (" 7 ", 700), ("EUR 3.10", 310)],
)
def test_money_is_read_as_shops_and_spreadsheets_write_it(tmp_path, cell, minor) -> None:
    orders = read_orders(_edited(tmp_path, SHOPIFY, _set("Subtotal", 1, cell))).orders
    assert orders[0].revenue_minor == minor


def test_utm_lines_are_read_as_checkout_apps_spell_them(tmp_path) -> None:
    # As in public Shopify exports whose cart attributes come from a checkout form app.
    notes = "First name: Customer 1005\nUTM source: instagram\nUTM campaign: spring-bake-off\n"
    path = _edited(tmp_path, SHOPIFY, _set("Note Attributes", 6, notes + "UTM content: mia.cooks"))
    order = next(o for o in read_orders(path).orders if o.order_number == "#1005")
    assert (order.utm_campaign, order.utm_content) == ("spring-bake-off", "mia.cooks")


def test_a_date_with_its_offset_is_stored_in_utc() -> None:
    first = read_orders(SHOPIFY).orders[0]
    assert first.placed_at == datetime(2026, 4, 5, 17, 6, 21)  # 21:06:21 +0400


def test_an_amount_that_is_not_one_is_refused_by_row_and_column(tmp_path) -> None:
    path = _edited(tmp_path, SHOPIFY, _set("Subtotal", 3, "twelve"))
    with pytest.raises(OrderFileError, match="Row 4, column “Subtotal”: “twelve”"):
        read_orders(path)


def test_a_date_that_is_not_one_is_refused_by_row_and_column(tmp_path) -> None:
    path = _edited(tmp_path, ETSY, _set("Sale Date", 2, "soon"))
    with pytest.raises(OrderFileError, match="Row 3, column “Sale Date”: “soon” is not a date"):
        read_orders(path)


def test_an_amount_in_another_currencys_symbol_is_refused(tmp_path) -> None:
    path = _edited(tmp_path, SHOPIFY, _set("Subtotal", 1, "$54.00"))
    with pytest.raises(
        OrderFileError, match=r"Row 2, column “Subtotal”.*in USD, but this is in EUR"
    ):
        read_orders(path)


def test_a_file_cut_in_the_middle_of_an_order_is_refused(tmp_path) -> None:
    text = SHOPIFY.read_text(encoding="utf-8")
    cut = tmp_path / "cut.csv"
    cut.write_text(text[: text.index("Silicone spatula")], encoding="utf-8")
    with pytest.raises(OrderFileError, match=r"Row 3 has .* columns: “cut\.csv” looks cut off"):
        read_orders(cut)


def test_a_file_starting_inside_an_order_is_refused(tmp_path) -> None:
    def drop_first_line_of_1001(header, rows):
        del rows[1]

    path = _edited(tmp_path, SHOPIFY, drop_first_line_of_1001)
    with pytest.raises(OrderFileError, match="Row 2: order #1001 starts without its first line"):
        read_orders(path)


def test_a_code_used_twice_in_one_order_counts_once() -> None:
    by_number = {o.order_number: o for o in read_orders(SHOPIFY).orders}
    assert by_number["#1008"].codes == ("LENABAKES10",)
    assert by_number["#1008"].revenue_minor == 4500  # three lines, one order


def test_an_automatic_discount_is_no_code_to_look_for(tmp_path) -> None:
    """Shopify writes “AUTOMATIC DISCOUNTS” in Discount Code for a discount nobody typed (seen
    in a real export); the import asked the owner to give a deal that “code”."""
    row = next(n for n, r in enumerate(_rows(SHOPIFY)) if r[0] == "#1006")
    path = _edited(tmp_path, SHOPIFY, _set("Discount Code", row, "AUTOMATIC DISCOUNTS"))
    orders = {o.order_number: o for o in read_orders(path).orders}
    assert orders["#1006"].codes == ()
    assert orders["#1001"].codes == ("lenabakes10",)


def test_a_shopify_refund_with_the_shipping_takes_back_no_more_than_the_order_sold(
    tmp_path,
) -> None:
    # Refunded Amount is what went back to the buyer, shipping and taxes included: an order
    # of 54.00 (shipping 4.90) refunded whole is 58.90 back, and sold nothing, not −4.90.
    def refunded_whole(header: list[str], rows: list[list[str]]) -> None:
        first = rows[1]
        for column, value in (
            ("Subtotal", "54.00"),
            ("Shipping", "4.90"),
            ("Total", "58.90"),
            ("Refunded Amount", "58.90"),
            ("Financial Status", "refunded"),
        ):
            first[header.index(column)] = value  # fmt: skip

    order = read_orders(_edited(tmp_path, SHOPIFY, refunded_whole)).orders[0]

    assert (order.revenue_minor, order.refunded_minor) == (5400, 5400)
