"""The demo shop's orders: each creator of a running or finished campaign gets a promo code and
a tracking link, and the shop's export — orders around each post, some cancelled or partly
refunded, a few with a code no deal holds — is imported like a user's, so the campaign report
shows orders, revenue, average order and cost per order from the shop.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select, update

from infcrm.db.campaign_models import Campaign, Content, Deal, Incentive
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.domain.tracking import code_key, slug, suggest_code
from infcrm.services.exchange.order_types import ShopOrderInput
from infcrm.services.exchange.orders_import import import_orders

EXPORT_NAME = "fern-and-crumb-orders.csv"
LANDING = "https://fernandcrumb.example.com/spring"
PRICES = (1200, 1850, 2400, 3200, 4500, 5900)  # cents: the shop's products
# Orders a post brings on the days around it: a peak the day after, a tail for a week.
DAY_WEIGHTS = {-1: 1, 0: 6, 1: 9, 2: 5, 3: 3, 4: 2, 5: 1, 6: 1, 7: 1}


def _give_codes(db: Database) -> tuple[list, dict[int, str], dict[int, list]]:
    """Codes and links for the deals of running and finished campaigns; their posts' dates."""
    with db.transaction() as session:
        deals = session.execute(
            select(Deal.id, Campaign.name, Influencer.main_handle, Influencer.display_name,
                   Influencer.main_followers, Influencer.main_platform)
            .join(Campaign, Campaign.id == Deal.campaign_id)
            .join(Influencer, Influencer.id == Deal.influencer_id)
            .where(Campaign.status.in_((CampaignStatus.ACTIVE.value,
                                        CampaignStatus.COMPLETED.value)))
            .order_by(Deal.id)
        ).all()  # fmt: skip
        commission = dict(
            session.execute(
                select(Incentive.deal_id, Incentive.promo_code).where(
                    Incentive.promo_code.is_not(None)
                )
            ).all()
        )
        used = {code_key(c) for c in commission.values()}
        posts: dict[int, list] = {}
        for deal_id, posted in session.execute(select(Content.deal_id, Content.posted_on)):
            posts.setdefault(deal_id, []).append(posted)
        chosen: dict[int, str] = {}
        for deal in deals:
            code = commission.get(deal.id)
            if code is None or code_key(code) in chosen.values():
                code = suggest_code(deal.main_handle, deal.display_name)
                while code_key(code) in used:
                    code += "X"
                used.add(code_key(code))
            chosen[deal.id] = code_key(code)
            session.execute(
                update(Deal)
                .where(Deal.id == deal.id)
                .values(promo_code=code, promo_key=code_key(code), landing_url=LANDING)
            )
        return deals, chosen, posts


def _orders(
    rng: random.Random, deals: list, codes: dict[int, str], posts: dict[int, list]
) -> list[ShopOrderInput]:
    orders: list[ShopOrderInput] = []
    number = 1001
    for deal in deals:
        for posted in posts.get(deal.id, []):
            expected = min(6, max(1, (deal.main_followers or 10_000) // 6000))
            for offset, weight in DAY_WEIGHTS.items():
                for _ in range(rng.randint(0, expected * weight // 4)):
                    day = posted + timedelta(days=offset)
                    moment = datetime.combine(day, time(rng.randint(7, 22), rng.randint(0, 59)))
                    items = sum(rng.choice(PRICES) for _ in range(rng.randint(1, 3)))
                    discount = items // 10
                    by_link = rng.random() < 0.2  # followed the link, typed no code
                    roll = rng.random()
                    orders.append(ShopOrderInput(
                        order_number=f"#{number}",
                        placed_at=moment,
                        currency="EUR",
                        revenue_minor=items - (0 if by_link else discount),
                        discount_minor=0 if by_link else discount,
                        refunded_minor=(items - discount) // 2 if 0.9 < roll < 0.95 else 0,
                        counted=roll <= 0.95,
                        codes=() if by_link else (codes[deal.id],),
                        utm_campaign=slug(deal.name) if by_link else None,
                        utm_content=(deal.main_handle or deal.display_name).lower()
                        if by_link else None,
                    ))  # fmt: skip
                    number += 1
    for _ in range(14):  # a summer code the shop ran on its own: no creator's
        orders.append(ShopOrderInput(f"#{number}", datetime(2026, 1, 15, 12), "EUR", 3000,
                                     300, codes=("SUMMER10",)))  # fmt: skip
        number += 1
    return orders


def add_shop_orders(db: Database, rng: random.Random) -> int:
    """Give the demo's deals codes and import the demo shop's orders; returns how many."""
    deals, codes, posts = _give_codes(db)
    orders = _orders(rng, deals, codes, posts)
    if not orders:
        return 0
    lines = len(orders) + len(orders) // 3  # some orders had several line items
    import_orders(db, EXPORT_NAME, ("shopify", "Shopify"), orders, lines)
    return len(orders)
