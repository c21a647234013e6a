"""Plain values an orders import takes and gives: one order as read from a shop's export, and
what importing a file did."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from infcrm.domain.money import Money
from infcrm.domain.store_amounts import store_minor


@dataclass(frozen=True)
class ShopOrderInput:
    """One order (all its line items) as a shop's export states it.

    Amounts are minor units of `currency`; `currency` is None when the export has no currency
    column (WooCommerce's), and the matched campaign's currency is used. Then the amounts are
    as the store wrote them, whole numbers of `scale` decimals (its own setting, whatever the
    currency), and `in_currency` turns them into the currency's minor units. `revenue_minor`
    is after discounts, before shipping and taxes.
    """

    order_number: str
    placed_at: datetime  # naive UTC (or the shop's clock when the export gives no offset)
    currency: str | None
    revenue_minor: int
    discount_minor: int = 0
    refunded_minor: int = 0
    counted: bool = True  # False for cancelled and voided orders
    codes: tuple[str, ...] = ()
    utm_campaign: str | None = None
    utm_content: str | None = None
    row: int = 0  # the file's row of the order's first line, for messages
    scale: int | None = None  # decimals of the amounts when not yet in `currency`'s minor units
    undecided_mark: str | None = None  # "1,200": thousands, or a 3-decimal currency's point

    def in_currency(self, currency: str) -> ShopOrderInput:
        """The order with its amounts in `currency`'s minor units."""
        if self.scale is None:
            return replace(self, currency=currency)

        def minor(value: int) -> int:
            return store_minor(value, self.scale or 0, self.undecided_mark, currency)

        return replace(
            self,
            currency=currency,
            revenue_minor=minor(self.revenue_minor),
            discount_minor=minor(self.discount_minor),
            refunded_minor=minor(self.refunded_minor),
            scale=None,
            undecided_mark=None,
        )


@dataclass(frozen=True)
class OrdersImportResult:
    """What an orders import did (or, dry, would do)."""

    file_name: str
    shop: str  # the shop's label: "Shopify"
    lines: int  # rows read
    orders: int  # distinct orders in the file
    added: int  # orders new to infcrm
    already_known: int  # orders an earlier import brought (overlapping exports)
    matched: int  # new orders that found a deal
    not_counted: int  # new orders cancelled or voided
    revenue: dict[str, Money] = field(default_factory=dict)  # net, of new matched orders
    codes_not_found: tuple[tuple[str, int], ...] = ()  # ("SUMMER10", 14), most used first
    warnings: tuple[str, ...] = ()  # orders read but worth a look, each naming its row
    conflicts: tuple[str, ...] = ()  # orders naming two deals: which one each counts for
    rematched: int = 0  # orders imported before that found their deal only now
    refigured: int = 0  # orders imported before, refunded or cancelled since: figures updated
    dry_run: bool = False
    batch_id: int | None = None
    # A dry run's word on each order, by its number: the deal it counts for (“Lena Bakes ·
    # Spring launch”), or why none (“No deal has SUMMER10”), or “Imported before”; and
    # whether the user should look (a new order whose code no deal has).
    counts_for: dict[str, tuple[str, bool]] = field(default_factory=dict)

    def summary(self) -> str:
        """The import in a few sentences, as the dialog and the command line print it."""
        verb = "Would add" if self.dry_run else "Added"
        text = [
            f"{self.shop} export “{self.file_name}”: {self.lines:,} lines, {self.orders:,} orders.",
            f"{verb} {self.added:,} new orders; {self.matched:,} matched a deal"
            + (
                f", {self.not_counted:,} cancelled or voided (not counted)"
                if self.not_counted
                else ""
            )
            + ".",
        ]
        if self.already_known:
            kept = "" if self.refigured else " and were left as they are"
            text.append(
                f"{self.already_known:,} orders were already imported{kept}"
                + (f", except {self.rematched:,} that now match a deal." if self.rematched else ".")
            )
        if self.refigured:
            one = self.refigured == 1
            done = "would be updated" if self.dry_run else ("was" if one else "were") + " updated"
            text.append(
                f"{self.refigured:,} of them changed since (a refund, a cancellation or a "
                f"payment) and {done}: the report counts {'its' if one else 'their'} new figures."
            )
        if self.revenue:
            text.append("Revenue of the matched orders: "
                        + " + ".join(str(m) for m in self.revenue.values()) + ".")  # fmt: skip
        if self.codes_not_found:
            codes = ", ".join(f"{c} ×{n:,}" for c, n in self.codes_not_found[:12])
            more = len(self.codes_not_found) - 12
            extra = f" and {more} more" if more > 0 else ""
            text.append(f"Codes not found: {codes}{extra}. Give a deal one of these codes "
                        "(Open deal… › Promo code) and its orders count at once.")  # fmt: skip
        if self.conflicts:
            shown = self.conflicts[:12]
            more = len(self.conflicts) - len(shown)
            many = len(self.conflicts) > 1
            text.append(
                (
                    f"{len(self.conflicts):,} orders name two deals; each counts once: "
                    if many
                    else "1 order names two deals; it counts once: "
                )
                + " ".join(shown)
                + (f" And {more:,} more." if more > 0 else "")
            )
        return "\n".join(text + list(self.warnings))
