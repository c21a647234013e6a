"""Importing a shop's orders: each matched to a deal, written in one transaction, undoable.

An order finds its deal by a discount code the deal holds (compared as shops compare codes),
else by the UTM tags of the deal's tracking link (utm_campaign = the campaign's slug,
utm_content = the handle). An order already imported from an earlier, overlapping export
(same shop, same order number) adds nothing; if it had found no deal then and does now, it is
matched. The import is recorded in the import history, so Edit › Undo last import removes
the orders it added (they belong to its batch, ON DELETE CASCADE).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.import_models import ImportBatch
from infcrm.db.order_models import ShopOrder
from infcrm.domain.money import Money, totals_by_currency
from infcrm.services.campaigns.order_matching import OrderMatcher, settle_store_amounts
from infcrm.services.exchange.bulk_insert import tuple_inserter
from infcrm.services.exchange.order_types import OrdersImportResult, ShopOrderInput
from infcrm.services.exchange.people_import import _stored
from infcrm.services.progress import Progress

CHUNK = 20_000
_KEYS = (
    "batch_id", "shop", "order_number", "placed_at", "currency", "revenue_minor",
    "discount_minor", "refunded_minor", "counted", "code", "utm_campaign", "utm_content",
    "deal_id", "store_places", "store_mark", "store_revenue", "store_discount", "store_refunded",
)  # fmt: skip


def import_orders(
    db: Database,
    file_name: str,
    shop: tuple[str, str],
    orders: Sequence[ShopOrderInput],
    lines: int,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> OrdersImportResult:
    """Add the orders of one export (`shop` = (key, label)); one transaction, or none if dry."""
    key, label = shop
    with db.transaction() as session:
        conn = session.connection()
        matcher = OrderMatcher(conn)
        known = dict(
            conn.execute(
                select(ShopOrder.order_number, ShopOrder.deal_id).where(ShopOrder.shop == key)
            ).all()
        )
        new_rows: list[tuple] = []
        rematch: dict[int, list[str]] = {}
        seen: set[str] = set()
        not_found: Counter[str] = Counter()
        warnings: list[str] = []
        revenue: list[Money] = []
        matched = not_counted = already = 0
        for order in orders:
            if order.order_number in seen:
                continue  # the same order twice in one file counts once
            seen.add(order.order_number)
            deal_id, code, named = matcher.deal_of(order)
            if order.order_number in known:
                already += 1
                if known[order.order_number] is None and deal_id is not None:
                    rematch.setdefault(deal_id, []).append(order.order_number)
                continue
            deal = matcher.deals.get(deal_id) if deal_id is not None else None
            currency = order.currency or (deal.currency if deal else "")
            store = (None,) * 5
            if order.scale is not None:  # WooCommerce: the store's own decimals, kept
                store = (order.scale, order.undecided_mark, order.revenue_minor,
                         order.discount_minor, order.refunded_minor)  # fmt: skip
                if currency:
                    order = order.in_currency(currency)
            if len(named) > 1:
                names = " and ".join(matcher.deals[d].campaign for d in named[:2])
                warnings.append(
                    f"Row {order.row}: order {order.order_number} uses the codes of "
                    f"{len(named)} deals ({names}); it counts for the first, {code}."
                )
            if deal is not None and order.currency and order.currency != deal.currency:
                warnings.append(
                    f"Row {order.row}: order {order.order_number} is in {order.currency} but "
                    f"“{deal.campaign}” is in {deal.currency}; it is reported in "
                    f"{order.currency} (infcrm does not convert)."
                )
            if deal is None and code:
                not_found[code.strip().upper()] += 1
            if not order.counted:
                not_counted += 1
            elif deal is not None:
                matched += 1
                net = order.revenue_minor - order.refunded_minor
                revenue.append(Money(net, currency))
            new_rows.append((
                order.order_number, _stored(order.placed_at), currency, order.revenue_minor,
                order.discount_minor, order.refunded_minor, 1 if order.counted else 0,
                code[:200] if code else None,
                (order.utm_campaign or None), (order.utm_content or None), deal_id, *store,
            ))  # fmt: skip
        batch_id = None
        if not dry_run and (new_rows or rematch):
            batch_id = _write(conn, file_name, key, label, new_rows, rematch, progress)
        if dry_run:
            session.rollback()
        return OrdersImportResult(
            file_name=file_name,
            shop=label,
            lines=lines,
            orders=len(seen),
            added=len(new_rows),
            already_known=already,
            matched=matched,
            not_counted=not_counted,
            revenue=totals_by_currency(revenue),
            codes_not_found=tuple(not_found.most_common()),
            warnings=tuple(warnings[:50]),
            dry_run=dry_run,
            batch_id=batch_id,
        )


def _write(
    conn: Connection,
    file_name: str,
    key: str,
    label: str,
    rows: list[tuple],
    rematch: dict[int, list[str]],
    progress: Progress | None,
) -> int:
    batch_id = conn.execute(
        insert(ImportBatch)
        .values(file_name=file_name[:260], sheet=f"{label} orders", imported_at=utcnow())
        .returning(ImportBatch.id)
    ).scalar_one()
    write = tuple_inserter(conn, ShopOrder, _KEYS)
    for start in range(0, len(rows), CHUNK):
        if progress is not None:
            progress.report(start, len(rows), f"Adding orders {start + 1:,} of {len(rows):,}…")
        write([(batch_id, key, *row) for row in rows[start : start + CHUNK]])
    for deal_id, numbers in rematch.items():
        for start in range(0, len(numbers), 500):
            conn.execute(
                update(ShopOrder)
                .where(
                    ShopOrder.shop == key, ShopOrder.order_number.in_(numbers[start : start + 500])
                )
                .values(deal_id=deal_id)
            )
    if rematch:  # orders without a currency take their new deal's campaign currency
        settle_store_amounts(conn)
    if progress is not None:
        progress.report(len(rows), len(rows), "Saving…")
    return batch_id


__all__ = ["import_orders"]
