"""The order exports infcrm reads, each known by its header, and how each row becomes an order.
Column names are the shops' own (see tests/fixtures/orders/README.md for the sources). The
exports of WooCommerce's order export plugins are described in `woo_plugin_formats`.

- Shopify (Orders › Export, CSV): one row per line item. The first row of an order carries the
  order's figures; the rows after it repeat only its Name and their line item.
  Revenue = Subtotal (after discounts, before shipping and taxes), minus Refunded Amount (at
  most the Subtotal: a refund gives back the shipping and taxes too).
- WooCommerce (Analytics › Orders › Download): one row per order; a refund is a row of its own
  with negative Net sales. No currency column: the matched campaign's currency is used, and
  amounts are read as the store's settings wrote them (its decimal and thousands marks, 0
  decimals for JPY, 3 for KWD), found from the whole column.
- Etsy (Shop Manager › Settings › Options › Download Data › Orders): one row per order.
  Revenue = Order Value − Discount Amount; a refund shows as Adjusted Order Total below Order Total.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from infcrm.files.orders.order_cells import Cells, Header, OrderFileError, Rows, ShopFormat
from infcrm.files.orders.order_values import (
    WOO_NOT_COUNTED,
    codes,
    number_style,
    utm_values,
    woo_status,
)
from infcrm.files.orders.woo_plugin_formats import PLUGIN_FORMATS, PLUGIN_NAMES
from infcrm.services.exchange.order_types import ShopOrderInput


def _shopify(columns: Header, rows: Rows) -> Iterator[ShopOrderInput]:
    cells = Cells(columns)
    current: ShopOrderInput | None = None
    for number, row in rows:
        cells.cells, cells.row = row, number
        name = cells.text("name")
        if not name:
            raise OrderFileError(f"Row {number}, column “Name”: the order number is missing.")
        if current is not None and name == current.order_number:
            extra = codes(cells.text("discount code"))
            if extra:  # a code repeated on a later line counts once
                current = replace(current, codes=tuple(dict.fromkeys(current.codes + extra)))
            continue
        if current is not None:
            yield current
        if not cells.text("currency"):
            raise OrderFileError(
                f"Row {number}: order {name} starts without its first line (its Currency, "
                "Subtotal and Total are empty), so the file was probably cut or edited. "
                "Export the orders from Shopify again; nothing was imported."
            )
        currency = cells.currency("currency")
        status = cells.text("financial status").lower()
        utm = utm_values(cells.text("note attributes"))
        revenue = cells.money("subtotal", currency)
        current = ShopOrderInput(
            order_number=name,
            placed_at=cells.instant("created at"),
            currency=currency,
            revenue_minor=revenue,
            discount_minor=cells.money("discount amount", currency),
            # What went back to the buyer counts shipping and taxes too: never more than sold.
            refunded_minor=min(revenue, cells.money("refunded amount", currency)),
            counted=not cells.text("cancelled at") and status != "voided",
            codes=codes(cells.text("discount code")),
            utm_campaign=utm.get("utm_campaign"),
            utm_content=utm.get("utm_content"),
            row=number,
        )
    if current is not None:
        yield current


def _woocommerce(columns: Header, rows: Rows) -> Iterator[ShopOrderInput]:
    cells = Cells(columns)
    rows = list(rows)  # read twice: the store's way of writing amounts, then the orders
    net_index = columns.index["net sales"]
    style = number_style(row[net_index] for _number, row in rows)
    orders: dict[str, ShopOrderInput] = {}
    refunds: list[tuple[int, str, int]] = []
    for number, row in rows:
        cells.cells, cells.row = row, number
        name = cells.text("order #").lstrip("#")
        if not name:
            raise OrderFileError(f"Row {number}, column “Order #”: the order number is missing.")
        # No currency column: amounts stay as the store wrote them (its decimals) until the
        # matched campaign's currency is known.
        net = cells.stored("net sales", style)
        if net < 0:
            refunds.append((number, name, -net))
            continue
        status = woo_status(cells.text("status"))
        orders.setdefault(name, ShopOrderInput(
            order_number=name,
            placed_at=cells.instant("date"),
            currency=None,
            revenue_minor=net,
            refunded_minor=net if status == "refunded" else 0,
            counted=status not in WOO_NOT_COUNTED,
            codes=codes(cells.text("coupon(s)")),
            row=number,
            scale=style.places,
            undecided_mark=style.undecided,
        ))  # fmt: skip
    for _number, name, amount in refunds:
        order = orders.get(name)
        if order is not None and order.refunded_minor < order.revenue_minor:
            orders[name] = replace(
                order, refunded_minor=min(order.revenue_minor, order.refunded_minor + amount)
            )
    yield from orders.values()


def _etsy(columns: Header, rows: Rows) -> Iterator[ShopOrderInput]:
    cells = Cells(columns)
    for number, row in rows:
        cells.cells, cells.row = row, number
        name = cells.text("order id")
        if not name:
            raise OrderFileError(f"Row {number}, column “Order ID”: the order number is missing.")
        currency = cells.currency("currency")
        value = cells.money("order value", currency)
        discount = cells.money("discount amount", currency)
        total = cells.money("order total", currency)
        adjusted = cells.money("adjusted order total", currency)
        refunded = total - adjusted if 0 < adjusted < total else 0
        yield ShopOrderInput(
            order_number=name,
            placed_at=cells.instant("sale date"),
            currency=currency,
            revenue_minor=value - discount,
            discount_minor=discount,
            refunded_minor=min(refunded, value - discount),
            counted="cancel" not in cells.text("status").lower(),
            codes=codes(cells.text("coupon code")),
            row=number,
        )


FORMATS: tuple[ShopFormat, ...] = (
    ShopFormat(
        "shopify", "Shopify",
        ("Name", "Financial Status", "Created at", "Currency", "Subtotal", "Discount Code",
         "Discount Amount", "Refunded Amount", "Cancelled at"),
        ("Name", "Financial Status", "Lineitem name"),
        _shopify,
    ),
    ShopFormat(
        "woocommerce", "WooCommerce",
        ("Date", "Order #", "Status", "Coupon(s)", "Net sales"),
        ("Order #", "Net sales"),
        _woocommerce,
    ),
    ShopFormat(
        "etsy", "Etsy",
        ("Sale Date", "Order ID", "Currency", "Order Value", "Coupon Code", "Discount Amount",
         "Order Total", "Adjusted Order Total"),
        ("Sale Date", "Order ID", "Order Value"),
        _etsy,
    ),
    *PLUGIN_FORMATS,
)  # fmt: skip


def recognise(header: tuple, file_name: str) -> tuple[ShopFormat, Header]:
    """The export `header` belongs to and each column's index (by lower-case name)."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        columns.setdefault((cell or "").strip().lower(), index)
    for shop in FORMATS:
        known = dict(columns)
        for name, others in shop.aliases.items():  # another spelling stands for the name
            found = [known[o] for o in others if o in known]
            if name not in known and found:
                known[name] = found[0]
        if all(m.lower() in known for m in shop.marks):
            missing = [c for c in shop.required if c.lower() not in known]
            if missing:
                raise OrderFileError(
                    f"“{file_name}” looks like {shop.label}'s order export but lacks the "
                    f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)}. Export all "
                    "columns from your shop and try again."
                )
            names = tuple((cell or "").strip() for cell in header)
            return shop, Header(names, known)
    looked_for = "; ".join(f"{s.label}: {', '.join(s.required)}" for s in FORMATS)
    raise OrderFileError(
        f"“{file_name}” is not an order export infcrm knows. It reads the orders CSV of "
        f"Shopify, WooCommerce (Analytics › Orders › Download, or the order export of "
        f"{PLUGIN_NAMES}) and Etsy (sold orders), recognised by their columns — {looked_for}."
    )
