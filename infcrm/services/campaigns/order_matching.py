"""Which deal each shop order belongs to, kept true whenever codes, links or currencies change.

An order finds its deal by a discount code the deal holds (compared as shops compare codes),
else by the UTM tags of the deal's tracking link (utm_campaign = the campaign's slug,
utm_content = the handle). The import matches the orders it reads; `rematch_orders` matches
the stored ones again after a deal's code, a campaign's name or currency changed, so orders
imported before their code was given to a deal count at once, and orders whose code was taken
away stop counting.

An order whose export named no currency (WooCommerce's) has its deal's campaign currency, and
its amounts are turned from what the store wrote (`domain.store_amounts`), here only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Campaign, Deal, Incentive
from infcrm.db.models import Influencer
from infcrm.db.order_models import ShopOrder
from infcrm.domain.store_amounts import store_minor
from infcrm.domain.tracking import code_key, slug


def codes_in_use(session: Session | Connection, except_deal: int | None = None) -> dict[str, int]:
    """Every code a deal holds (its own and its commission terms'), by key, with the deal's id."""
    used: dict[str, int] = {}
    for deal_id, code in session.execute(
        select(Incentive.deal_id, Incentive.promo_code).where(Incentive.promo_code.is_not(None))
    ):
        used.setdefault(code_key(code), deal_id)
    for deal_id, key in session.execute(
        select(Deal.id, Deal.promo_key).where(Deal.promo_key.is_not(None))
    ):
        used[key] = deal_id  # the deal's own code is the one orders are matched by
    if except_deal is not None:
        used = {k: d for k, d in used.items() if d != except_deal}
    return used


class TaggedOrder(Protocol):
    """What matching reads of an order: its codes and its link's tags."""

    codes: tuple[str, ...]
    utm_campaign: str | None
    utm_content: str | None


@dataclass(frozen=True)
class DealKey:
    """A deal as orders are matched to it and the import names it."""

    deal_id: int
    campaign: str
    currency: str
    person: str  # the creator's name, for the import's conflicts and its preview


@dataclass(frozen=True)
class _Stored:
    codes: tuple[str, ...]
    utm_campaign: str | None
    utm_content: str | None


class OrderMatcher:
    """Finds the deal of an order; knows every deal's codes and link tags."""

    def __init__(self, conn: Connection) -> None:
        rows = conn.execute(
            select(Deal.id, Campaign.name, Campaign.currency, Influencer.main_handle,
                   Influencer.display_name)
            .join(Campaign, Campaign.id == Deal.campaign_id)
            .join(Influencer, Influencer.id == Deal.influencer_id)
        ).all()  # fmt: skip
        self.deals = {r.id: DealKey(r.id, r.name, r.currency, r.display_name) for r in rows}
        self.by_tags = {
            (slug(r.name), (r.main_handle or r.display_name).lstrip("@").lower()): r.id
            for r in rows
        }
        self.by_code = codes_in_use(conn)

    def deal_of(self, order: TaggedOrder) -> tuple[int | None, str | None, list[int]]:
        """(deal id, the code that matched or the first code, every deal the codes name)."""
        named = [self.by_code[k] for k in map(code_key, order.codes) if k in self.by_code]
        named = list(dict.fromkeys(named))
        if named:
            matched = next(c for c in order.codes if self.by_code.get(code_key(c)) == named[0])
            return named[0], matched, named
        first = order.codes[0] if order.codes else None
        if order.utm_campaign and order.utm_content:
            key = (
                order.utm_campaign.strip().lower(),
                order.utm_content.strip().lstrip("@").lower(),
            )
            return self.by_tags.get(key), first, []
        return None, first, []


def rematch_orders(session: Session) -> int:
    """Match every stored order again, inside the caller's transaction (after a deal's codes,
    a campaign's name or currency changed); returns how many orders changed deal."""
    conn = session.connection()
    matcher = OrderMatcher(conn)
    tagged = (ShopOrder.code, ShopOrder.utm_campaign, ShopOrder.utm_content, ShopOrder.deal_id)
    moved, count = [], 0
    # Orders are matched by what they share (codes repeat a lot), each group once.
    for code, utm_campaign, utm_content, deal_id, orders in conn.execute(
        select(*tagged, func.count()).group_by(*tagged)
    ):
        # The order keeps the code that matched it (else its first): codes name one deal each.
        found, _code, _named = matcher.deal_of(
            _Stored((code,) if code else (), utm_campaign, utm_content)
        )
        if found != deal_id:
            moved.append({"c": code, "uc": utm_campaign, "ut": utm_content, "old": deal_id,
                          "new": found})  # fmt: skip
            count += orders
    if moved:
        conn.execute(
            update(ShopOrder)
            .where(*(column.is_not_distinct_from(bindparam(name))
                     for column, name in zip(tagged, ("c", "uc", "ut", "old"), strict=True)))
            .values(deal_id=bindparam("new")),
            moved,
        )  # fmt: skip
    settle_store_amounts(conn)
    return count


def settle_store_amounts(conn: Connection) -> None:
    """Give each order whose export named no currency its deal's campaign currency, its amounts
    turned from what the store wrote; without a deal, no currency and the store's amounts."""
    wanted = func.coalesce(Campaign.currency, "")
    rows = conn.execute(
        select(ShopOrder.id, wanted, ShopOrder.store_places, ShopOrder.store_mark,
               ShopOrder.store_revenue, ShopOrder.store_discount, ShopOrder.store_refunded)
        .outerjoin(Deal, Deal.id == ShopOrder.deal_id)
        .outerjoin(Campaign, Campaign.id == Deal.campaign_id)
        .where(ShopOrder.store_places.is_not(None), ShopOrder.currency != wanted)
    ).all()  # fmt: skip
    if not rows:
        return
    settled = []
    for order_id, currency, places, mark, *amounts in rows:
        if currency:
            amounts = [store_minor(a or 0, places, mark, currency) for a in amounts]
        revenue, discount, refunded = (a or 0 for a in amounts)
        settled.append({"order": order_id, "cur": currency, "rev": revenue, "disc": discount,
                        "ref": refunded})  # fmt: skip
    conn.execute(
        update(ShopOrder)
        .where(ShopOrder.id == bindparam("order"))
        .values(
            currency=bindparam("cur"),
            revenue_minor=bindparam("rev"),
            discount_minor=bindparam("disc"),
            refunded_minor=bindparam("ref"),
        ),
        settled,
    )


def codes_not_found(
    session: Session, placed_from: datetime | None = None, placed_before: datetime | None = None
) -> tuple[tuple[str, int], ...]:
    """The codes of stored orders that no deal holds, most used first: ("SUMMER10", 14); only
    of orders placed from `placed_from` and before `placed_before`, when given."""
    unmatched = [ShopOrder.deal_id.is_(None), ShopOrder.code.is_not(None)]
    if placed_from is not None:
        unmatched.append(ShopOrder.placed_at >= placed_from)
    if placed_before is not None:
        unmatched.append(ShopOrder.placed_at < placed_before)
    codes = session.execute(select(ShopOrder.code).where(*unmatched)).scalars()
    found: Counter[str] = Counter(code.strip().upper() for code in codes)
    return tuple(found.most_common())


__all__ = [
    "OrderMatcher",
    "codes_in_use",
    "codes_not_found",
    "rematch_orders",
    "settle_store_amounts",
]
