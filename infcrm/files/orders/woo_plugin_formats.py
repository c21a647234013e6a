"""The order exports of WooCommerce's export plugins, which many small shops use instead of
Analytics › Orders. Column names and cell values are the plugins' own (sources in
tests/fixtures/orders/README.md); each export is described by the columns a `_Layout` names.

- Advanced Order Export for WooCommerce (AlgolPlus), its default fields: one row per product
  (and per coupon), the order's columns on every row or on the first only. Revenue = Order
  Subtotal Amount − Cart Discount Amount; statuses by name ("Completed", "Pending payment").
- WooCommerce Customer/Order/Coupon Export (SkyVerge), its Default formats: one row per order,
  or per item repeating the order. Revenue = order_total − shipping_total − tax_total; coupons
  in coupon_items ("id:7|code:LENA10|amount:4.30|description:", ";" between coupons);
  order_number is empty unless a sequential-numbers plugin fills it, and then order_id is it.
- WP All Export, WooCommerce orders, with the fields the owner picked: one row per order, or
  per product with the order's columns filled in or left empty. Revenue = Order Total −
  Shipping Cost − Total Tax Amount; Coupons Used lists the codes; Order Status is the post
  status ("wc-completed"); no refund column.

The refund column is read when the export has it, and a refunded status refunds the whole
order. Without a currency column (Advanced Order Export's default), amounts are kept as the
store wrote them, with its decimals found from all the amount columns, and take the matched
campaign's currency, as for the Analytics download.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from infcrm.files.orders.order_cells import Cells, Header, OrderFileError, Rows, ShopFormat
from infcrm.files.orders.order_values import (
    WOO_NOT_COUNTED,
    NumberStyle,
    codes,
    coupon_item_codes,
    number_style,
    woo_status,
)
from infcrm.services.exchange.order_types import ShopOrderInput


@dataclass(frozen=True)
class _Layout:
    """Which of an export's columns hold what (lower-case names, as `Header.index` has them)."""

    number: tuple[str, ...]  # the first of these not empty is the order number
    date: str
    status: str
    codes: str
    revenue: str
    less: tuple[str, ...]  # taken off `revenue`: the discount, or shipping and taxes
    discount: str | None = None  # read when the export has them
    refund: str | None = None
    currency: str | None = None
    read_codes: Callable[[str | None], tuple[str, ...]] = codes


def _reader(layout: _Layout) -> Callable[[Header, Rows], Iterator[ShopOrderInput]]:
    def read(columns: Header, rows: Rows) -> Iterator[ShopOrderInput]:
        rows = list(rows)  # read twice when amounts come without a currency
        present = columns.index
        amounts = [c for c in (layout.revenue, *layout.less, layout.discount, layout.refund)
                   if c in present]  # fmt: skip
        style = None
        if layout.currency not in present:
            style = number_style(row[present[c]] for _n, row in rows for c in amounts)
        cells = Cells(columns)
        orders: dict[str, ShopOrderInput] = {}
        last = ""
        for number, row in rows:
            cells.cells, cells.row = row, number
            name = next((n for n in (cells.text(c).lstrip("#") for c in layout.number) if n), "")
            found = layout.read_codes(cells.text(layout.codes))
            if name in orders or (not name and last):  # another product or coupon of an order
                order = orders[name or last]
                orders[order.order_number] = replace(
                    order, codes=tuple(dict.fromkeys(order.codes + found))
                )
                continue
            if not name:
                raise OrderFileError(
                    f"{cells.where(layout.number[-1])}: the order number is missing."
                )
            orders[name] = _order(cells, layout, style, name, found)
            last = name
        yield from orders.values()

    return read


def _order(
    cells: Cells, layout: _Layout, style: NumberStyle | None, name: str, found: tuple[str, ...]
) -> ShopOrderInput:
    """The order whose figures the current row holds."""
    currency = cells.currency(layout.currency) if style is None and layout.currency else None

    def amount(column: str | None) -> int:
        if column is None or column not in cells.columns:
            return 0
        return cells.stored(column, style) if style else cells.money(column, currency or "")

    status = woo_status(cells.text(layout.status))
    revenue = amount(layout.revenue) - sum(amount(c) for c in layout.less)
    refunded = revenue if status == "refunded" else abs(amount(layout.refund))
    return ShopOrderInput(
        order_number=name,
        placed_at=cells.instant(layout.date),
        currency=currency,
        revenue_minor=revenue,
        discount_minor=amount(layout.discount),
        refunded_minor=max(0, min(revenue, refunded)),
        counted=status not in WOO_NOT_COUNTED,
        codes=found,
        row=cells.row,
        scale=style.places if style else None,
        undecided_mark=style.undecided if style else None,
    )


# The key is WooCommerce's: the Analytics download and these exports of one shop name an order
# by the same number, so an order in two of them is imported once.
PLUGIN_FORMATS: tuple[ShopFormat, ...] = (
    ShopFormat(
        "woocommerce", "Advanced Order Export for WooCommerce",
        ("Order Number", "Order Status", "Order Date", "Coupon Code", "Order Subtotal Amount",
         "Cart Discount Amount"),
        ("Order Number", "Order Status", "Order Date", "Order Total Amount"),
        _reader(_Layout(
            number=("order number",), date="order date", status="order status",
            codes="coupon code", revenue="order subtotal amount",
            less=("cart discount amount",), discount="cart discount amount",
            refund="order refund amount", currency="currency",
        )),
    ),
    ShopFormat(
        "woocommerce", "WooCommerce Customer/Order/Coupon Export",
        ("order_id", "date", "status", "order_total", "shipping_total", "tax_total",
         "coupon_items"),
        ("order_id", "status", "order_total", "coupon_items"),
        _reader(_Layout(
            number=("order_number", "order_id"), date="date", status="status",
            codes="coupon_items", revenue="order_total", less=("shipping_total", "tax_total"),
            discount="discount_total", refund="refunded_total", currency="order_currency",
            read_codes=coupon_item_codes,
        )),
        aliases={"date": ("order_date",)},
    ),
    ShopFormat(
        "woocommerce", "WP All Export (WooCommerce orders)",
        ("Order ID", "Order Date", "Order Status", "Order Total", "Shipping Cost",
         "Total Tax Amount", "Coupons Used"),
        ("Order ID", "Order Status", "Order Total"),
        _reader(_Layout(
            number=("order id",), date="order date", status="order status",
            codes="coupons used", revenue="order total",
            less=("shipping cost", "total tax amount"), discount="total discount amount",
            currency="order currency",
        )),
    ),
)  # fmt: skip

PLUGIN_NAMES = (
    "Advanced Order Export for WooCommerce, Customer/Order/Coupon Export or WP All Export"
)

__all__ = ["PLUGIN_FORMATS", "PLUGIN_NAMES"]
