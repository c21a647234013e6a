"""Orders per day around each post: what the shop sold through a creator's code or link in the
days before and after each of their posts, for the report's chart.

Days are the orders' own calendar days as stored (UTC when the export gave an offset, else the
shop's clock), counted from the post's date: day 0 is the day it went out. Only counted orders
(not cancelled or voided) of the post's deal are taken. Two posts of one creator a few days
apart share orders: each post's window shows everything its deal sold on those days, because a
shop's export cannot tell which of the two posts brought an order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Content, Deal
from infcrm.db.dialect import day_of
from infcrm.db.models import Influencer
from infcrm.db.order_models import ShopOrder

DAYS_BEFORE = 7
DAYS_AFTER = 14


@dataclass(frozen=True)
class PostOrders:
    """One post and the orders its creator's deal brought on each day around it."""

    content_id: int
    deal_id: int
    influencer_id: int
    name: str  # the creator's display name
    handle: str | None
    platform: str  # Platform value of the post
    format: str | None
    posted_on: date
    first_day: int  # the offset of orders[0] from posted_on: -DAYS_BEFORE
    orders: tuple[int, ...]  # counted orders per day, first_day … last day

    @property
    def days(self) -> tuple[int, ...]:
        """Each bar's day counted from the post (-7 … 14)."""
        return tuple(range(self.first_day, self.first_day + len(self.orders)))

    @property
    def total(self) -> int:
        """Orders in the whole window."""
        return sum(self.orders)

    def on(self, offset: int) -> int:
        """Orders on the day `offset` days from the post (0 = the post's day)."""
        index = offset - self.first_day
        return self.orders[index] if 0 <= index < len(self.orders) else 0


def orders_around_posts(
    session: Session,
    deals: ColumnElement[bool],
    before: int = DAYS_BEFORE,
    after: int = DAYS_AFTER,
) -> tuple[PostOrders, ...]:
    """Every post of the deals matching `deals` (a condition on Deal), oldest first, with its
    deal's counted orders per day from `before` days before to `after` days after it."""
    posts = session.execute(
        select(
            Content.id, Content.deal_id, Deal.influencer_id, Influencer.display_name,
            Influencer.main_handle, Content.platform, Content.format, Content.posted_on,
        )
        .join(Deal, Deal.id == Content.deal_id)
        .join(Influencer, Influencer.id == Deal.influencer_id)
        .where(deals)
        .order_by(Content.posted_on, func.lower(Influencer.display_name), Content.id)
    ).all()  # fmt: skip
    if not posts:
        return ()
    first = min(p.posted_on for p in posts) - timedelta(days=before)
    last = max(p.posted_on for p in posts) + timedelta(days=after)
    by_day = _orders_by_day(session, {p.deal_id for p in posts}, first, last)
    result = []
    for post in posts:
        days = by_day.get(post.deal_id, {})
        counts = tuple(
            days.get(post.posted_on + timedelta(days=offset), 0)
            for offset in range(-before, after + 1)
        )
        result.append(
            PostOrders(
                post.id, post.deal_id, post.influencer_id, post.display_name,
                post.main_handle, post.platform, post.format, post.posted_on, -before, counts,
            )
        )  # fmt: skip
    return tuple(result)


def _orders_by_day(
    session: Session, deal_ids: set[int], first: date, last: date
) -> dict[int, dict[date, int]]:
    """Counted orders per deal and day between `first` and `last` (both included)."""
    day = day_of(ShopOrder.placed_at)
    stmt = (
        select(ShopOrder.deal_id, day, func.count())
        .where(
            ShopOrder.deal_id.in_(deal_ids),
            ShopOrder.counted.is_(True),
            ShopOrder.placed_at >= datetime.combine(first, time()),
            ShopOrder.placed_at < datetime.combine(last + timedelta(days=1), time()),
        )
        .group_by(ShopOrder.deal_id, day)
    )
    result: dict[int, dict[date, int]] = defaultdict(dict)
    for deal_id, on, count in session.execute(stmt):
        result[deal_id][on] = int(count)
    return result


__all__ = ["DAYS_AFTER", "DAYS_BEFORE", "PostOrders", "orders_around_posts"]
