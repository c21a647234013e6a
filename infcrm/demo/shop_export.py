"""Writing a Shopify orders export (its real column set) for the demo database and the benchmark.

Shopify writes one row per line item; the first row of an order carries the order's figures,
the others repeat its Name and their own line item. Made-up orders only: customers are
"Customer 12" at example.com addresses.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SHOPIFY_COLUMNS = (
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
    "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
    "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
    "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
    "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip",
    "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City",
    "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone", "Notes",
    "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount",
    "Vendor", "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags",
    "Risk Level", "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name",
    "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name", "Tax 4 Value", "Tax 5 Name",
    "Tax 5 Value", "Phone", "Receipt Number", "Duties", "Billing Province Name",
    "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At",
    "Payment References",
)  # fmt: skip
_INDEX = {name: i for i, name in enumerate(SHOPIFY_COLUMNS)}


@dataclass(frozen=True)
class DemoOrder:
    """One made-up order: its number, when, its items and what it paid."""

    number: int
    placed: datetime  # aware, in the shop's time zone
    currency: str
    items: tuple[tuple[str, int, str], ...]  # (name, quantity, unit price "12.50")
    discount_code: str = ""
    discount: str = "0.00"
    refunded: str = "0.00"
    status: str = "paid"
    cancelled: bool = False
    utm: tuple[tuple[str, str], ...] = ()


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _cents(text: str) -> int:
    units, _, frac = text.partition(".")
    return int(units) * 100 + int((frac or "0").ljust(2, "0"))


def shopify_rows(order: DemoOrder) -> list[list[str]]:
    """The export's rows of one order (the first with the order's figures)."""
    gross = sum(q * _cents(p) for _n, q, p in order.items)
    subtotal = gross - _cents(order.discount)
    shipping = 490
    stamp = order.placed.strftime("%Y-%m-%d %H:%M:%S %z")
    rows = []
    for index, (name, quantity, price) in enumerate(order.items):
        row = [""] * len(SHOPIFY_COLUMNS)
        row[_INDEX["Name"]] = f"#{order.number}"
        row[_INDEX["Email"]] = f"customer{order.number}@example.com"
        row[_INDEX["Created at"]] = stamp
        row[_INDEX["Lineitem quantity"]] = str(quantity)
        row[_INDEX["Lineitem name"]] = name
        row[_INDEX["Lineitem price"]] = price
        row[_INDEX["Lineitem requires shipping"]] = "true"
        row[_INDEX["Lineitem taxable"]] = "true"
        row[_INDEX["Lineitem fulfillment status"]] = "fulfilled"
        row[_INDEX["Vendor"]] = "Demo Bakery Supplies"
        row[_INDEX["Lineitem discount"]] = "0.00"
        if index == 0:
            values = {
                "Financial Status": order.status,
                "Paid at": stamp,
                "Fulfillment Status": "fulfilled",
                "Accepts Marketing": "no",
                "Currency": order.currency,
                "Subtotal": _money(subtotal),
                "Shipping": _money(shipping),
                "Taxes": "0.00",
                "Total": _money(subtotal + shipping),
                "Discount Code": order.discount_code,
                "Discount Amount": order.discount,
                "Shipping Method": "Standard",
                "Billing Name": f"Customer {order.number}",
                "Billing City": "Lyon",
                "Billing Country": "FR",
                "Note Attributes": "\n".join(f"{k}: {v}" for k, v in order.utm),
                "Cancelled at": stamp if order.cancelled else "",
                "Payment Method": "Shopify Payments",
                "Refunded Amount": order.refunded,
                "Outstanding Balance": "0.00",
                "Id": str(5_000_000_000 + order.number),
                "Risk Level": "Low",
                "Source": "web",
            }
            for key, value in values.items():
                row[_INDEX[key]] = value
        rows.append(row)
    return rows


def write_shopify_export(path: Path, orders: Iterable[DemoOrder]) -> int:
    """Write the orders as Shopify exports them; returns the number of lines written."""
    lines = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(SHOPIFY_COLUMNS)
        for order in orders:
            rows = shopify_rows(order)
            writer.writerows(rows)
            lines += len(rows)
    return lines
