"""Campaigns: create, edit and delete them, add influencers, and list who is in which."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Campaign, Content, Deal
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.outreach_models import Interaction
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.domain.deal_terms import deal_cost
from infcrm.domain.money import MoneyError, check_currency, describe_totals, parse_amount
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns.agreements import latest_status
from infcrm.services.campaigns.campaign_types import (
    AddResult,
    CampaignInput,
    CampaignSummary,
    InfluencerCampaign,
)
from infcrm.services.campaigns.campaign_types import Campaign as CampaignInfo
from infcrm.services.campaigns.deal_rows import CampaignNotFound, incentive_terms_by_deal, money
from infcrm.services.campaigns.order_matching import rematch_orders
from infcrm.services.changes import Changes
from infcrm.services.common import not_trashed
from infcrm.services.errors import EditConflict

NAME_MAX = 200
LONG_TEXT_MAX = 20_000
# Active campaigns first, then those to come, then finished ones.
_STATUS_ORDER = {"active": 0, "planned": 1, "completed": 2, "cancelled": 3}


def _clean(data: CampaignInput) -> dict:
    """The campaign's columns, or InvalidInput naming each field at fault."""
    check = FieldChecker()
    values = {
        "name": check.text("name", data.name, label="Name", required=True, max_length=NAME_MAX),
        "brand": check.text("brand", data.brand, label="Brand or product", max_length=NAME_MAX),
        "goal": check.text("goal", data.goal, label="Goal", max_length=2000, multiline=True),
        "hashtags": check.text("hashtags", data.hashtags, label="Hashtags", max_length=1000),
        "mentions": check.text("mentions", data.mentions, label="Mentions", max_length=1000),
        "brief": check.text(
            "brief", data.brief, label="Brief", max_length=LONG_TEXT_MAX, multiline=True
        ),
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "budget_minor": None,
    }
    status = check.choice("status", data.status, CampaignStatus, label="Status", required=True)
    values["status"] = status.value if status else None
    for field in ("starts_on", "ends_on"):
        if values[field] is not None and not isinstance(values[field], date):
            check.add(field, "Choose a date from the calendar.")
    if (
        isinstance(data.starts_on, date)
        and isinstance(data.ends_on, date)
        and data.ends_on < data.starts_on
    ):
        check.add("ends_on", "The campaign ends before it starts; choose a later end date.")
    try:
        values["currency"] = check_currency(data.currency)
    except MoneyError as exc:
        check.add("currency", str(exc))
    else:
        if data.budget is not None and str(data.budget).strip():
            try:
                values["budget_minor"] = parse_amount(
                    data.budget, values["currency"], what="The budget"
                )
            except MoneyError as exc:
                check.add("budget", str(exc))
    check.raise_if_errors()
    return values


def validate(data: CampaignInput) -> None:
    """Check a campaign form without saving; raises InvalidInput."""
    _clean(data)


def create_campaign(db: Database, data: CampaignInput) -> int:
    """Save a new campaign; returns its id."""
    with db.transaction() as session:
        return write_campaign(session, None, data)


def write_campaign(session: Session, campaign_id: int | None, data: CampaignInput) -> int:
    """Add a campaign (`campaign_id` None) or save its edited fields, inside an open
    transaction; returns its id. InvalidInput names each field at fault."""
    values = _clean(data)
    if campaign_id is None:
        campaign = Campaign(**values)
        session.add(campaign)
        session.flush()
        return campaign.id
    _campaign(session, campaign_id)
    which = [Campaign.id == campaign_id]
    if data.version is not None:  # only over the version the form was made from
        which.append(Campaign.version == data.version)
    if not session.execute(update(Campaign).where(*which).values(**values)).rowcount:
        # Saved by someone else since the form read it (on a server this WHERE is checked
        # again once their transaction commits, so the later of two saves always fails).
        session.expire_all()
        theirs = _info(_campaign(session, campaign_id))
        seen = data.version if data.version is not None else theirs.version
        raise EditConflict(
            f"the campaign “{theirs.name}”", seen, theirs.version, theirs.changed_by, theirs
        )
    rematch_orders(session)  # its name is in the links' tags; its currency is the orders'
    return campaign_id


def update_campaign(db: Database, campaign_id: int, data: CampaignInput) -> Changes:
    """Save a campaign's edited fields."""
    with db.transaction() as session:
        write_campaign(session, campaign_id, data)
    return Changes(campaigns=(campaign_id,))


def delete_campaign(db: Database, campaign_id: int) -> Changes:
    """Delete a campaign with its deals, agreements, content and payments.

    Interactions logged for it stay in the people's timelines, no longer tied to a campaign.
    """
    with db.transaction() as session:
        return remove_campaign(session, campaign_id)


def remove_campaign(session: Session, campaign_id: int) -> Changes:
    """`delete_campaign` inside an open transaction."""
    _campaign(session, campaign_id)
    session.execute(
        update(Interaction).where(Interaction.campaign_id == campaign_id).values(campaign_id=None)
    )
    session.execute(delete(Campaign).where(Campaign.id == campaign_id))
    # The people's timelines lose the campaign's name on interactions logged for it.
    return Changes(campaigns=(campaign_id,), outreach=())


def _campaign(session: Session, campaign_id: int) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise CampaignNotFound(f"This campaign (#{campaign_id}) no longer exists.")
    return campaign


def get_campaign(db: Database, campaign_id: int) -> CampaignInfo:
    """Every field of one campaign."""
    with db.reader() as session:
        return _info(_campaign(session, campaign_id))


def _info(c: Campaign) -> CampaignInfo:
    return CampaignInfo(
        id=c.id,
        name=c.name,
        brand=c.brand,
        goal=c.goal,
        starts_on=c.starts_on,
        ends_on=c.ends_on,
        budget=money(c.budget_minor, c.currency),
        currency=c.currency,
        hashtags=c.hashtags,
        mentions=c.mentions,
        brief=c.brief,
        status=c.status,
        version=c.version,
        changed_by=c.changed_by,
    )


def list_campaigns(db: Database) -> list[CampaignSummary]:
    """Every campaign: active ones first, then planned, completed and cancelled; newest first."""
    people = (
        select(Deal.campaign_id, func.count().label("n"))
        .where(not_trashed(Deal.influencer_id))
        .group_by(Deal.campaign_id)
        .subquery()
    )
    stmt = select(Campaign, func.coalesce(people.c.n, 0)).join(
        people, people.c.campaign_id == Campaign.id, isouter=True
    )
    with db.reader() as session:
        rows = session.execute(stmt).all()
    summaries = [
        CampaignSummary(
            id=c.id,
            name=c.name,
            brand=c.brand,
            status=c.status,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            budget=money(c.budget_minor, c.currency),
            currency=c.currency,
            influencers=n,
        )
        for c, n in rows
    ]
    summaries.sort(key=lambda s: (s.starts_on or date.max).toordinal(), reverse=True)
    summaries.sort(key=lambda s: _STATUS_ORDER.get(s.status, 9))
    return summaries


def add_influencers(db: Database, campaign_id: int, influencer_ids: Iterable[int]) -> AddResult:
    """Put these people in the campaign (one deal each); those already in it are left alone."""
    with db.transaction() as session:
        return add_people(session, campaign_id, influencer_ids)


def add_people(session: Session, campaign_id: int, influencer_ids: Iterable[int]) -> AddResult:
    """`add_influencers` inside an open transaction."""
    wanted = list(dict.fromkeys(influencer_ids))
    _campaign(session, campaign_id)
    present = set(
        session.execute(
            select(Deal.influencer_id).where(
                Deal.campaign_id == campaign_id, Deal.influencer_id.in_(wanted)
            )
        ).scalars()
    )
    existing = set(
        session.execute(select(Influencer.id).where(Influencer.id.in_(wanted))).scalars()
    )
    new = [i for i in wanted if i in existing and i not in present]
    if new:
        session.execute(
            insert(Deal), [{"campaign_id": campaign_id, "influencer_id": i} for i in new]
        )
    return AddResult(
        added=len(new), already_in=len(present), changes=Changes(campaigns=(campaign_id,))
    )


def remove_deals(db: Database, deal_ids: Iterable[int]) -> Changes:
    """Take people out of campaigns, with their deals' agreements, content and payments.

    Deals already gone are passed over; CampaignNotFound when none was left to remove.
    """
    with db.transaction() as session:
        return take_out(session, deal_ids)


def take_out(session: Session, deal_ids: Iterable[int]) -> Changes:
    """`remove_deals` inside an open transaction."""
    wanted = list(deal_ids)
    campaign_ids = list(
        session.scalars(delete(Deal).where(Deal.id.in_(wanted)).returning(Deal.campaign_id))
    )
    if not campaign_ids:
        raise CampaignNotFound("These people are no longer part of the campaign.")
    return Changes.of(campaigns=campaign_ids, deals=wanted)


def remove_deal(db: Database, deal_id: int) -> Changes:
    """Take one influencer out of a campaign (see remove_deals)."""
    return remove_deals(db, [deal_id])


def costs_text(session: Session, deal_ids: Iterable[int]) -> dict[int, str]:
    """Each deal's cost in words ("€120.00", "€100.00 + $20.00")."""
    ids = list(deal_ids)
    terms = incentive_terms_by_deal(session, Deal.id.in_(ids)) if ids else {}
    return {i: describe_totals(deal_cost(terms.get(i, []))) for i in ids}


def campaigns_of(db: Database, influencer_id: int) -> list[InfluencerCampaign]:
    """Every campaign this person is or was part of, newest first (for their page)."""
    posts = select(Content.deal_id, func.count().label("n")).group_by(Content.deal_id).subquery()
    stmt = (
        select(Deal.id, Campaign, func.coalesce(posts.c.n, 0))
        .join(Campaign, Campaign.id == Deal.campaign_id)
        .join(posts, posts.c.deal_id == Deal.id, isouter=True)
        .where(Deal.influencer_id == influencer_id)
        .order_by(Campaign.starts_on.desc(), Campaign.id.desc())
    )
    with db.reader() as session:
        rows = session.execute(stmt).all()
        deal_ids = [deal_id for deal_id, _c, _n in rows]
        agreements = latest_status(session, deal_ids)
        costs = costs_text(session, deal_ids)
    return [
        InfluencerCampaign(
            campaign_id=c.id,
            deal_id=deal_id,
            name=c.name,
            status=c.status,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            agreement=agreements.get(deal_id, ""),
            posts=n,
            cost=costs[deal_id],
        )
        for deal_id, c, n in rows
    ]
