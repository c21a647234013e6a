"""What the shop's own orders say a deal sold: counted orders and net revenue per currency.

Net revenue is each order's revenue after discounts minus what was refunded; cancelled and
voided orders are kept (so a later export repeating them adds nothing) but not counted.
Nothing is converted: each currency is summed on its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Deal
from infcrm.db.order_models import ShopOrder
from infcrm.domain.money import Money, divide


@dataclass(frozen=True)
class ShopSales:
    """A deal's counted shop orders and their net revenue, per currency."""

    orders: dict[str, int] = field(default_factory=dict)
    revenue: dict[str, Money] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Orders in all currencies."""
        return sum(self.orders.values())

    @property
    def average_order(self) -> dict[str, Money]:
        """Net revenue per order, in each currency."""
        averages = {
            c: divide(self.revenue[c], n) for c, n in self.orders.items() if c in self.revenue
        }
        return {c: m for c, m in averages.items() if m is not None}


def shop_sales(session: Session, deals: ColumnElement[bool]) -> dict[int, ShopSales]:
    """The counted shop orders of the deals matching `deals` (a condition on Deal), by deal."""
    stmt = (
        select(
            ShopOrder.deal_id,
            ShopOrder.currency,
            func.count(),
            func.sum(ShopOrder.revenue_minor - ShopOrder.refunded_minor),
        )
        .join(Deal, Deal.id == ShopOrder.deal_id)
        .where(deals, ShopOrder.counted.is_(True), ShopOrder.currency != "")
        .group_by(ShopOrder.deal_id, ShopOrder.currency)
    )
    orders: dict[int, dict[str, int]] = defaultdict(dict)
    revenue: dict[int, dict[str, Money]] = defaultdict(dict)
    for deal_id, currency, count, net in session.execute(stmt):
        orders[deal_id][currency] = int(count)
        revenue[deal_id][currency] = Money(int(net or 0), currency)
    return {d: ShopSales(orders[d], revenue[d]) for d in orders}


__all__ = ["ShopSales", "shop_sales"]
