"""A campaign with two creators, as the order-import tests need it: Lena has the code
LENABAKES10, Mia only a tracking link (her orders carry her UTM tags); and a one-deal campaign
with a WooCommerce download written in a store's own number style."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from infcrm.db.engine import Database
from infcrm.db.order_models import ShopOrder
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.campaigns.deal_tracking import TrackingInput, save_tracking
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

ORDERS = Path(__file__).parent / "fixtures" / "orders"
SHOPIFY = ORDERS / "shopify_orders_export.csv"
WOOCOMMERCE = ORDERS / "woocommerce_orders_analytics.csv"
ETSY = ORDERS / "etsy_sold_orders.csv"
# WooCommerce order export plugins (see the README there)
WOO_ADVANCED = ORDERS / "woocommerce_advanced_order_export.csv"
WOO_CUSTOMER_ORDER = ORDERS / "woocommerce_customer_order_export.csv"
WP_ALL_EXPORT = ORDERS / "wp_all_export_orders.csv"
REAL = Path(__file__).parent / "fixtures" / "real"
REAL_WOO_ADVANCED = REAL / "woocommerce-advanced-order-export.csv"


@dataclass(frozen=True)
class BakeOff:
    campaign: int
    lena: int  # deal ids
    mia: int


def bake_off(db: Database) -> BakeOff:
    """“Spring Bake-Off” (EUR) with Lena (code LENABAKES10) and Mia (link only)."""
    people = [
        influencers.create(db, InfluencerInput(
            display_name=name, accounts=(AccountInput("instagram", handle, followers=20_000),)
        ))
        for name, handle in (("Lena Bakes", "lena.bakes"), ("Mia Cooks", "mia.cooks"))
    ]  # fmt: skip
    campaign = campaigns.create_campaign(
        db, CampaignInput(name="Spring Bake-Off", currency="EUR", starts_on=date(2026, 4, 1))
    )
    campaigns.add_influencers(db, campaign, people)
    by_person = {
        d.influencer_id: d.id for d in deals.deal_summaries(db, campaign, date(2026, 4, 1))
    }
    lena, mia = by_person[people[0]], by_person[people[1]]
    save_tracking(db, lena, TrackingInput("LENABAKES10", "shop.example.com/cake-tin"))
    save_tracking(db, mia, TrackingInput(None, "https://shop.example.com/starter"))
    return BakeOff(campaign, lena, mia)


WOOCOMMERCE_HEADER = (
    "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net sales,Origin"
)


def one_deal(db: Database, currency: str, code: str | None = None) -> tuple[int, int]:
    """A campaign “Launch” in `currency` with Lena Bakes, her deal holding `code` (or none
    yet): (campaign id, deal id)."""
    person = influencers.create(db, InfluencerInput(
        display_name="Lena Bakes", accounts=(AccountInput("instagram", "lena.bakes"),)
    ))  # fmt: skip
    campaign = campaigns.create_campaign(db, CampaignInput(name="Launch", currency=currency))
    campaigns.add_influencers(db, campaign, [person])
    [deal] = deals.deal_summaries(db, campaign, date(2026, 4, 1))
    if code:
        save_tracking(db, deal.id, TrackingInput(code, None))
    return campaign, deal.id


def woocommerce_export(folder: Path, *amounts: str) -> Path:
    """A WooCommerce orders download: one completed LENA10 order per amount, written as the
    store's settings write it (a negative one refunds the order before it)."""
    lines, number = [WOOCOMMERCE_HEADER], 3000
    for amount in amounts:
        if not amount.startswith("-"):
            number += 1
        lines.append(
            f"2026-04-06T10:15:00,{number},completed,Customer {number},new,1× Tea set,1,LENA10,"
            f'"{amount}",Source: Instagram'
        )
    path = folder / "wc-orders-report-export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shopify_file(path: Path, orders: list[dict[str, str]]) -> Path:
    """A Shopify orders export (the sample's columns) holding `orders`, one line each."""
    with SHOPIFY.open(encoding="utf-8", newline="") as sample:
        header = next(csv.reader(sample))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        for order in orders:
            row = dict.fromkeys(header, "")
            row.update({"Created at": "2026-04-05 21:06:21 +0200", "Currency": "EUR",
                        "Financial Status": "paid", **order})  # fmt: skip
            writer.writerow(row)
    return path


def orders_of(db: Database, deal_id: int) -> dict[str, tuple[int, int, bool]]:
    """The deal's orders: order number → (revenue, refunded, counted), in minor units."""
    with db.reader() as session:
        rows = session.execute(
            select(ShopOrder.order_number, ShopOrder.revenue_minor, ShopOrder.refunded_minor,
                   ShopOrder.counted).where(ShopOrder.deal_id == deal_id)
        ).all()  # fmt: skip
    return {r[0]: (r[1], r[2], r[3]) for r in rows}
