"""Importing a shop's orders: each matched to a deal, written in one transaction, undoable.

An order finds its deal by a discount code the deal holds (compared as shops compare codes),
else by the UTM tags of the deal's tracking link (utm_campaign = the campaign's slug,
utm_content = the handle). An order already imported from an earlier, overlapping export
(same shop, same order number) adds nothing; if it had found no deal then and does now, it is
matched, and if it was refunded (further), cancelled or paid since, its figures are updated.
The import is recorded in the import history, so undoing it removes the orders it added
(they belong to its batch, ON DELETE CASCADE), unmatches the older orders it matched (listed
in the batch as one REMATCHED item) and gives those it updated their earlier figures (one
REFIGURED item).

An order whose codes name two deals counts once, for the first code on the order (shops list
codes in the order they were applied); a code beats the link's tags. Either conflict is listed
in the summary, so the owner can check the deal it went to.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from infcrm.db.base import utcnow
from infcrm.db.dialect import flag_values
from infcrm.db.engine import Database
from infcrm.db.import_models import ImportBatch, ImportBatchItem
from infcrm.db.order_models import ShopOrder
from infcrm.domain.money import Money, totals_by_currency
from infcrm.services.campaigns.order_matching import DealKey, OrderMatcher, settle_store_amounts
from infcrm.services.exchange.bulk_insert import tuple_inserter
from infcrm.services.exchange.import_history import REFIGURED, REMATCHED
from infcrm.services.exchange.new_people import stored
from infcrm.services.exchange.order_figures import FIGURE_COLUMNS as _FIGURE_COLUMNS
from infcrm.services.exchange.order_figures import put_figures
from infcrm.services.exchange.order_types import OrdersImportResult, ShopOrderInput
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
        known = {
            row[1]: (row[0], row[2], row[3], tuple(row[4:]))
            for row in conn.execute(
                select(ShopOrder.id, ShopOrder.order_number, ShopOrder.deal_id,
                       ShopOrder.currency, *_FIGURE_COLUMNS).where(ShopOrder.shop == key)
            )
        }  # fmt: skip
        refigured: dict[int, tuple[tuple, tuple]] = {}  # order id → (figures before, now)
        new_rows: list[tuple] = []
        rematch: dict[int, list[int]] = {}  # deal id → ids of older orders it now gets
        conflicts: list[str] = []
        seen: set[str] = set()
        not_found: Counter[str] = Counter()
        warnings: list[str] = []
        revenue: list[Money] = []
        matched = not_counted = already = 0
        counts_for: dict[str, tuple[str, bool]] = {}  # a dry run's word on each order
        false, true = flag_values(conn)
        for order in orders:
            if order.order_number in seen:
                continue  # the same order twice in one file counts once
            seen.add(order.order_number)
            deal_id, code, named = matcher.deal_of(order)
            if order.order_number in known:
                already += 1
                order_id, had, stored_currency, before = known[order.order_number]
                if had is None and deal_id is not None:
                    rematch.setdefault(deal_id, []).append(order_id)
                now = _figures(order, stored_currency)
                if _changed_since(before, now):
                    refigured[order_id] = (before, now)
                if dry_run:
                    counts_for[order.order_number] = (
                        _known_counts_for(
                            matcher.deals.get(deal_id) if had is None and deal_id else None,
                            order_id in refigured,
                        ),
                        False,
                    )
                continue
            deal = matcher.deals.get(deal_id) if deal_id is not None else None
            if dry_run:
                look = deal is None and bool(code)  # a code no deal has
                counts_for[order.order_number] = (_new_counts_for(deal, code, order), look)
            currency = order.currency or (deal.currency if deal else "")
            store = (None,) * 5
            if order.scale is not None:  # WooCommerce: the store's own decimals, kept
                store = (order.scale, order.undecided_mark, order.revenue_minor,
                         order.discount_minor, order.refunded_minor)  # fmt: skip
                if currency:
                    order = order.in_currency(currency)
            conflict = _conflict(matcher, order, deal_id, code, named)
            if conflict:
                conflicts.append(conflict)
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
                order.order_number, stored(order.placed_at), currency, order.revenue_minor,
                order.discount_minor, order.refunded_minor, true if order.counted else false,
                code[:200] if code else None,
                (order.utm_campaign or None), (order.utm_content or None), deal_id, *store,
            ))  # fmt: skip
        batch_id = None
        if not dry_run and (new_rows or rematch or refigured):
            batch_id = _write(conn, file_name, key, label, new_rows, rematch, refigured, progress)
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
            conflicts=tuple(conflicts),
            rematched=sum(map(len, rematch.values())),
            refigured=len(refigured),
            dry_run=dry_run,
            batch_id=batch_id,
            counts_for=counts_for,
        )


def _new_counts_for(deal: DealKey | None, code: str | None, order: ShopOrderInput) -> str:
    """The deal a new order counts for, in words, or why it counts for none."""
    if deal is not None:
        return f"{deal.person} · {deal.campaign}"
    if code:
        return f"No deal has {code.strip()}"
    if order.utm_campaign or order.utm_content:
        return "No deal has these link tags"
    return "No code or link tags"


def _known_counts_for(now_matched: DealKey | None, refigured: bool) -> str:
    """What importing again does to an order an earlier import brought."""
    if now_matched is not None:
        return f"Imported before; now counts for {now_matched.person} · {now_matched.campaign}"
    return "Imported before; refunded or cancelled since" if refigured else "Imported before"


def _figures(order: ShopOrderInput, currency: str) -> tuple:
    """The order's amounts and whether it counts, as a row of `_FIGURE_COLUMNS` holds them
    for an order stored in `currency` (an export without one: the store's own amounts)."""
    store = (None, None, None)
    if order.scale is not None:
        store = (order.revenue_minor, order.discount_minor, order.refunded_minor)
        if currency:
            order = order.in_currency(currency)
    return (order.revenue_minor, order.discount_minor, order.refunded_minor, order.counted,
            *store)  # fmt: skip


def _changed_since(before: tuple, now: tuple) -> bool:
    """Whether the order was refunded (further), cancelled or paid (a pending payment, which
    did not count) since the export it came from. An export that says less refunded is no
    change, nor are other totals: another kind of export of the same shop (the Analytics
    download and a plugin's export) rounds and adds up otherwise, or writes no refunds."""
    return now[2] > before[2] or bool(before[3]) != bool(now[3])


def _refigure(conn: Connection, batch_id: int, refigured: dict[int, tuple[tuple, tuple]]) -> None:
    """Write the new figures of orders imported before; the batch keeps the old ones, so
    undoing the import puts them back."""
    put_figures(conn, {order_id: now for order_id, (_before, now) in refigured.items()})
    conn.execute(
        insert(ImportBatchItem).values(
            batch_id=batch_id,
            influencer_id=0,
            action=REFIGURED,
            previous=json.dumps({
                "orders": sorted(refigured),
                "before": {str(i): list(before) for i, (before, _now) in refigured.items()},
            }),
        )
    )  # fmt: skip


def _conflict(
    matcher: OrderMatcher,
    order: ShopOrderInput,
    deal_id: int | None,
    code: str | None,
    named: list[int],
) -> str | None:
    """Why the order could have counted for another deal too, or None."""
    if deal_id is None:
        return None
    others = [matcher.deals[d] for d in named[1:]]
    why = "the first code on the order"
    if not others and named and order.utm_campaign and order.utm_content:
        key = (order.utm_campaign.strip().lower(), order.utm_content.strip().lstrip("@").lower())
        tagged = matcher.by_tags.get(key)
        if tagged is not None and tagged != deal_id:
            others, why = [matcher.deals[tagged]], "a code counts before the link's tags"
    if not others:
        return None
    chosen = matcher.deals[deal_id]
    also = ", ".join(f"{d.person} in “{d.campaign}”" for d in others)
    return (
        f"Order {order.order_number} (row {order.row}) counts once, for {chosen.person} in "
        f"“{chosen.campaign}” (code {code}: {why}); it also names {also}."
    )


def _write(
    conn: Connection,
    file_name: str,
    key: str,
    label: str,
    rows: list[tuple],
    rematch: dict[int, list[int]],
    refigured: dict[int, tuple[tuple, tuple]],
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
    for deal_id, order_ids in rematch.items():
        for start in range(0, len(order_ids), 500):
            conn.execute(
                update(ShopOrder)
                .where(ShopOrder.id.in_(order_ids[start : start + 500]))
                .values(deal_id=deal_id)
            )
    if rematch:  # undoing the import unmatches them again
        listed = sorted(i for ids in rematch.values() for i in ids)
        conn.execute(
            insert(ImportBatchItem).values(
                batch_id=batch_id,
                influencer_id=0,
                action=REMATCHED,
                previous=json.dumps({"orders": listed}),
            )
        )
    if refigured:  # before settling: their amounts are as the order's stored currency has them
        _refigure(conn, batch_id, refigured)
    if rematch:  # orders without a currency take their new deal's campaign currency
        settle_store_amounts(conn)
    if progress is not None:
        progress.report(len(rows), len(rows), "Saving…")
    return batch_id


__all__ = ["import_orders"]
