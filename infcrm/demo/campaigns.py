"""The demo's campaigns: deals of every kind, agreements in every state, posts and payments.

A small (fictional) shop, Fern & Crumb, runs four campaigns: one live now, one coming up, one
finished and one cancelled. Their influencers are people the demo placed in fitting pipeline
stages; products ship, content comes in with believable results, some posts are late, some
fees are paid and some still owed, and one creator in the US is paid in dollars so the report
shows how infcrm keeps currencies apart. Rows are written with Core inserts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from infcrm.db.base import utcnow
from infcrm.db.campaign_models import (
    Agreement,
    Campaign,
    Content,
    Deal,
    Deliverable,
    Incentive,
    Payment,
)
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import KIND_MESSAGE, Interaction
from infcrm.demo import agreements as demo_agreements
from infcrm.demo import results as demo_results
from infcrm.domain.campaign_enums import (
    CampaignStatus,
    ContentFormat,
    Disclosure,
    IncentiveKind,
    ShippingStatus,
)
from infcrm.domain.enums import Platform

CARRIERS = ("DHL", "PostNL", "Royal Mail", "Deutsche Post", "UPS", "Colissimo")
USAGE_RIGHTS = (
    "We may repost it on our Instagram and website for 6 months, with credit.",
    "Reposts with credit on our own channels only; no paid ads.",
    "We may use it in our newsletter and on our website for 12 months.",
    None,
)
DEAL_NOTES = (
    None,
    None,
    "Prefers to post on weekend mornings.",
    "Asked for the brief in English and Spanish.",
    "Their audience loves behind-the-scenes stories.",
)
SERVICES = (("Online baking class for two", 9000), ("Personal gift-wrapping for a year", 4500))
EXPERIENCES = (
    ("Bakery tour and tasting afternoon", 18000),
    ("Candle-making workshop for two", 12000),
)
# Mixes of incentives; the first five between them use every kind.
MIXES: tuple[tuple[IncentiveKind, ...], ...] = (
    (IncentiveKind.PRODUCT, IncentiveKind.FEE),
    (IncentiveKind.PRODUCT, IncentiveKind.COMMISSION),
    (IncentiveKind.EXPERIENCE,),
    (IncentiveKind.SERVICE, IncentiveKind.PRODUCT),
    (IncentiveKind.FEE,),
    (IncentiveKind.PRODUCT,),
    (IncentiveKind.PRODUCT, IncentiveKind.FEE, IncentiveKind.COMMISSION),
    (IncentiveKind.EXPERIENCE, IncentiveKind.FEE),
)
# What each platform's deliverables look like: (format, how many).
FORMATS: dict[str, tuple[tuple[ContentFormat, int], ...]] = {
    Platform.INSTAGRAM.value: ((ContentFormat.REEL, 1), (ContentFormat.STORY, 3)),
    Platform.TIKTOK.value: ((ContentFormat.VIDEO, 2),),
    Platform.YOUTUBE.value: ((ContentFormat.VIDEO, 1), (ContentFormat.SHORT, 2)),
    Platform.TWITCH.value: ((ContentFormat.LIVE, 1),),
    Platform.SNAPCHAT.value: ((ContentFormat.STORY, 3),),
    Platform.OTHER.value: ((ContentFormat.BLOG_POST, 1),),
}


@dataclass(frozen=True)
class Plan:
    """One demo campaign: its facts, dates relative to today, size and who fits it."""

    name: str
    brand: str
    status: CampaignStatus
    starts_in: int  # days from today
    days: int
    budget_minor: int
    deals: int
    stages: tuple[int, ...]  # preferred open stages, by position among the open ones
    products: tuple[tuple[str, int], ...]  # (item, retail value in cents)
    hashtags: str
    goal: str


PLANS = (
    Plan("Oat Cookie Launch", "Fern & Crumb oat cookies", CampaignStatus.ACTIVE, -35, 60, 600_000,
         14, (4, 3, 5), (("Oat cookie tasting box", 2400), ("Linen tote", 1800)),
         "#FernAndCrumb, #OatCookieLaunch", "Launch the new oat cookies with home bakers."),
    Plan("Picnic Hamper Giveaway", "Fern & Crumb picnic hamper", CampaignStatus.PLANNED, 40, 30,
         250_000, 8, (3, 2), (("Picnic hamper", 6500), ("Linen tote", 1800)),
         "#FernAndCrumb, #PicnicGiveaway", "Grow the newsletter with a hamper giveaway."),
    Plan("Cosy Candle Nights", "Fern & Crumb candle set", CampaignStatus.COMPLETED, -190, 45,
         400_000, 10, (5, 4), (("Candle set", 3900), ("Tea sampler", 2200)),
         "#FernAndCrumb, #CosyCandleNights", "Sell out the candle sets before the holidays."),
    Plan("Market Stall Pop-up", "Fern & Crumb at the makers' market", CampaignStatus.CANCELLED,
         20, 2, 150_000, 6, (2, 3, 1), (("Vegan granola trio", 2100),),
         "#FernAndCrumb, #MakersMarket", "Bring followers to our market stall."),
)  # fmt: skip


def _candidates(session: Session, ids: list[int]) -> dict[int, list]:
    """People of this demo who may take part, by their position among the open stages."""
    open_stages = [
        s
        for s in session.execute(
            select(Stage.id).where(~Stage.archived, ~Stage.is_closed).order_by(Stage.position)
        ).scalars()
    ]
    position = {stage_id: i for i, stage_id in enumerate(open_stages)}
    rows = session.execute(
        select(
            Influencer.id,
            Influencer.display_name,
            Influencer.real_name,
            Influencer.email,
            Influencer.country,
            Influencer.stage_id,
            Influencer.main_platform,
            Influencer.main_handle,
            Influencer.main_followers,
        )
        .where(
            Influencer.id.between(min(ids), max(ids)),
            Influencer.deleted_at.is_(None),
            ~Influencer.do_not_contact,
        )
        .order_by(Influencer.id)
    ).all()
    wanted = set(ids)
    by_stage: dict[int, list] = {}
    for row in rows:
        if row.id in wanted and row.stage_id in position:
            by_stage.setdefault(position[row.stage_id], []).append(row)
    return by_stage


def _pick(rng: random.Random, by_stage: dict[int, list], plan: Plan, used: set[int]) -> list:
    """The campaign's people: preferred stages first, newcomers before people already booked."""
    chosen: list = []
    for stage in plan.stages:
        people = list(by_stage.get(stage, ()))
        rng.shuffle(people)
        people.sort(key=lambda p: p.id in used)  # stable: shuffled, the unbooked first
        chosen.extend(people)
    picked = list(dict.fromkeys(chosen))[: plan.deals]
    used.update(p.id for p in picked)
    return picked


def _incentives(
    rng: random.Random, plan: Plan, mix: tuple[IncentiveKind, ...], person, in_dollars: bool,
    today: date, ship_on: date | None,
) -> list[dict]:  # fmt: skip
    """What the person gets; products go out on `ship_on` (None: not shipped yet)."""
    rows = []
    followers = person.main_followers or 15_000
    for position, kind in enumerate(mix):
        row = {
            "position": position,
            "kind": kind.value,
            "description": None,
            "quantity": 1,
            "value_minor": None,
            "currency": "EUR",
            "promo_code": None,
            "commission_bp": None,
            "shipping_status": None,
            "carrier": None,
            "tracking_number": None,
            "shipped_on": None,
            "delivered_on": None,
        }
        if kind is IncentiveKind.PRODUCT:
            item, value = rng.choice(plan.products)
            row.update(description=item, quantity=rng.choice((1, 1, 2)), value_minor=value)
            if ship_on is None:
                row["shipping_status"] = ShippingStatus.TO_SHIP.value
            else:
                row.update(
                    shipping_status=ShippingStatus.SHIPPED.value,
                    carrier=rng.choice(CARRIERS),
                    tracking_number=f"{rng.choice(('JD', 'LX', 'RR', '1Z'))}"
                    f"{rng.randint(10**9, 10**10 - 1)}",
                    shipped_on=ship_on,
                )
                arrived = ship_on + timedelta(days=rng.randint(2, 5))
                if arrived <= today:
                    row.update(shipping_status=ShippingStatus.DELIVERED.value, delivered_on=arrived)
        elif kind in (IncentiveKind.SERVICE, IncentiveKind.EXPERIENCE):
            item, value = rng.choice(SERVICES if kind is IncentiveKind.SERVICE else EXPERIENCES)
            row.update(description=item, value_minor=value)
        elif kind is IncentiveKind.FEE:
            fee = min(max(round(followers * 0.012 / 25) * 25, 100), 1500) * 100
            row.update(value_minor=fee, currency="USD" if in_dollars else "EUR")
            row["description"] = "paid within 14 days of the post" if rng.random() < 0.5 else None
        else:
            first = person.display_name.split()[0].upper()
            percent = rng.choice((10, 10, 15))
            row.update(
                currency=None,
                promo_code=f"{first}{percent}"[:20],
                commission_bp=percent * 100,
            )
        rows.append(row)
    return rows


def _deliverables(rng: random.Random, platform: str | None, start: date, last: int) -> list[dict]:
    """What the person promises, due between 5 and `last` days after the start."""
    shapes = FORMATS.get(platform or "", ((ContentFormat.POST, 1),))
    rows = []
    for position, (fmt, most) in enumerate(shapes[: rng.choice((1, len(shapes)))]):
        rows.append(
            {
                "position": position,
                "platform": platform or Platform.INSTAGRAM.value,
                "format": fmt.value,
                "count": rng.randint(1, most),
                "due_date": start + timedelta(days=rng.randint(5, max(last, 6))),
            }
        )
    return rows


def _tag_interactions(session: Session, rng: random.Random, booked: dict[int, int]) -> None:
    """Link each booked person's latest message or two to the campaign it was about."""
    if not booked:
        return
    rows = session.execute(
        select(Interaction.id, Interaction.influencer_id)
        .where(Interaction.influencer_id.in_(list(booked)), Interaction.kind == KIND_MESSAGE)
        .order_by(Interaction.influencer_id, Interaction.occurred_at.desc())
    ).all()
    taken: dict[int, int] = {}
    limits: dict[int, int] = {}
    by_campaign: dict[int, list[int]] = {}
    for interaction_id, person_id in rows:
        if taken.get(person_id, 0) >= limits.setdefault(person_id, rng.choice((1, 2))):
            continue
        taken[person_id] = taken.get(person_id, 0) + 1
        by_campaign.setdefault(booked[person_id], []).append(interaction_id)
    for campaign_id, interaction_ids in by_campaign.items():
        session.execute(
            update(Interaction)
            .where(Interaction.id.in_(interaction_ids))
            .values(campaign_id=campaign_id)
        )


def populate_campaigns(session: Session, rng: random.Random, ids: list[int]) -> None:
    """Write the demo campaigns, their deals, agreements, posts and payments for people `ids`."""
    if not ids:
        return
    today, now = date.today(), utcnow()
    template = demo_agreements.shipped_template()
    by_stage = _candidates(session, ids)
    used: set[int] = set()
    booked: dict[int, int] = {}  # person → the campaign their messages are tagged with
    incentive_rows: list[dict] = []
    content_rows: list[dict] = []
    payment_rows: list[dict] = []
    agreement_rows: list[dict] = []
    for plan in PLANS:
        start = today + timedelta(days=plan.starts_in)
        end = start + timedelta(days=plan.days)
        created = min(datetime.combine(start, datetime.min.time()) - timedelta(days=30), now)
        campaign_id = session.execute(
            insert(Campaign.__table__).values(
                name=plan.name,
                brand=plan.brand,
                goal=plan.goal,
                starts_on=start,
                ends_on=end,
                budget_minor=plan.budget_minor,
                currency="EUR",
                hashtags=plan.hashtags,
                mentions=demo_agreements.MENTIONS,
                status=plan.status.value,
                created_at=created,
                updated_at=created,
                brief=f"{plan.goal} Show the {plan.products[0][0].lower()} in a real moment of "
                "your day, tag @fernandcrumb and use the hashtags.",
            )
        ).inserted_primary_key[0]
        people = _pick(rng, by_stage, plan, used)
        # A live campaign is well under way: most content was due by now or is due soon.
        last_due = plan.days - 3
        if plan.status is CampaignStatus.ACTIVE:
            last_due = min(last_due, -plan.starts_in + 7)
        states = demo_agreements.agreement_states(plan.status, len(people), rng)
        # One creator in the US is paid in dollars on the finished campaign.
        dollars = next(
            (p.id for p in people if p.country == "United States"),
            people[-1].id if people else None,
        ) if plan.status is CampaignStatus.COMPLETED else None  # fmt: skip
        offset = rng.randrange(len(MIXES)) if plan.status is not CampaignStatus.ACTIVE else 0
        for n, person in enumerate(people):
            booked.setdefault(person.id, campaign_id)
            mix = MIXES[(n + offset) % len(MIXES)]
            in_dollars = person.id == dollars
            if in_dollars and IncentiveKind.FEE not in mix:
                mix = (*mix, IncentiveKind.FEE)
            deal = {
                "campaign_id": campaign_id,
                "influencer_id": person.id,
                "usage_rights": rng.choice(USAGE_RIGHTS),
                "disclosure": rng.choice(list(Disclosure)).value,
                "notes": rng.choice(DEAL_NOTES),
                "created_at": created,
                "updated_at": created,
            }
            deal_id = session.execute(insert(Deal.__table__).values(**deal)).inserted_primary_key[0]
            ship_on = None  # products of planned and cancelled campaigns wait to be sent
            if plan.status in (CampaignStatus.ACTIVE, CampaignStatus.COMPLETED):
                ship_on = start - timedelta(days=rng.randint(4, 12))
                if plan.status is CampaignStatus.ACTIVE and n in (3, 5):
                    ship_on = today - timedelta(days=1)  # joined late: the parcel is on its way
            incentives = _incentives(rng, plan, mix, person, in_dollars, today, ship_on)
            incentive_rows.extend({"deal_id": deal_id, **row} for row in incentives)
            deliverables = []
            for row in _deliverables(rng, person.main_platform, start, last_due):
                new_id = session.execute(
                    insert(Deliverable.__table__).values(deal_id=deal_id, **row)
                ).inserted_primary_key[0]
                deliverables.append((new_id, row))
            promised = [row for _id, row in deliverables]
            terms = {
                "campaign": plan.name,
                "brand": plan.brand,
                "hashtags": plan.hashtags,
                "person": person,
                "incentives": incentives,
                "deliverables": promised,
                "deal": deal,
                "start": start,
                "end": end,
            }
            agreed = datetime.combine(start, datetime.min.time()) - timedelta(
                days=rng.randint(12, 20)
            )  # a couple of weeks before the start
            agreement_rows.extend(
                demo_agreements.agreement_rows(
                    rng,
                    template,
                    deal_id,
                    states[n],
                    demo_agreements.agreement_facts(**terms),
                    demo_agreements.agreement_facts(**terms, shift_days=-7),
                    person.email or f"{person.display_name.split()[0].lower()}@example.com",
                    agreed,
                    now,
                )
            )
            posts = demo_results.post_rows(
                rng, plan.status, deal_id, person, deliverables, today, now
            )
            content_rows.extend(posts)
            payment_rows.extend(
                demo_results.payment_rows(
                    rng, plan.status, deal_id, incentives, posts, start, today
                )
            )
    for model, rows in (
        (Incentive, incentive_rows),
        (Content, content_rows),
        (Payment, payment_rows),
        (Agreement, agreement_rows),
    ):
        if rows:
            session.execute(insert(model.__table__), rows)
    _tag_interactions(session, rng, booked)


__all__ = ["PLANS", "populate_campaigns"]
