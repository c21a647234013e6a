"""A campaign with two creators, as the order-import tests need it: Lena has the code
LENABAKES10, Mia only a tracking link (her orders carry her UTM tags)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.campaigns.deal_tracking import TrackingInput, save_tracking
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

ORDERS = Path(__file__).parent / "fixtures" / "orders"
SHOPIFY = ORDERS / "shopify_orders_export.csv"
WOOCOMMERCE = ORDERS / "woocommerce_orders_analytics.csv"
ETSY = ORDERS / "etsy_sold_orders.csv"


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
