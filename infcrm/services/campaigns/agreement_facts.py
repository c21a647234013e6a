"""What a deal's agreement email can say: the facts gathered from the deal, and who it goes to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Campaign, Deal
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.domain.agreement_template import AgreementFacts
from infcrm.domain.campaign_enums import Disclosure
from infcrm.domain.enums import Platform, label_of
from infcrm.services.campaigns.agreement_types import SENDER_NAME_SETTING, AgreementHeading
from infcrm.services.campaigns.deal_rows import (
    deliverable_terms,
    deliverables_of,
    incentive_terms,
    incentives_of,
)
from infcrm.services.campaigns.deal_tracking import link_for
from infcrm.services.errors import DealGone
from infcrm.services.maintenance import settings


def _deal(session: Session, deal_id: int) -> tuple[Deal, Campaign, Influencer]:
    found = session.execute(
        select(Deal, Campaign, Influencer)
        .join(Campaign, Campaign.id == Deal.campaign_id)
        .join(Influencer, Influencer.id == Deal.influencer_id)
        .where(Deal.id == deal_id)
    ).first()
    if found is None:
        raise DealGone(deal_id)
    return tuple(found)


def facts(session: Session, deal_id: int) -> AgreementFacts:
    """Everything the agreement email may mention about a deal, read inside `session`."""
    deal, campaign, person = _deal(session, deal_id)
    handle = person.main_handle
    if handle and person.main_platform != Platform.OTHER.value:
        handle = "@" + handle.lstrip("@")
    try:
        disclosure = Disclosure(deal.disclosure) if deal.disclosure else None
    except ValueError:
        disclosure = None
    terms = tuple(incentive_terms(row) for row in incentives_of(session, deal_id))
    return AgreementFacts(
        influencer_name=person.display_name,
        campaign=campaign.name,
        real_name=person.real_name,
        handle=handle,
        platform=label_of(Platform, person.main_platform),
        brand=campaign.brand,
        start=campaign.starts_on,
        end=campaign.ends_on,
        hashtags=campaign.hashtags,
        mentions=campaign.mentions,
        incentives=terms,
        deliverables=tuple(deliverable_terms(row) for row in deliverables_of(session, deal_id)),
        disclosure=disclosure,
        usage_rights=deal.usage_rights,
        sender_name=settings.read_setting(session, SENDER_NAME_SETTING) or None,
        # The deal's own code, else the one written into its commission terms.
        promo_code=deal.promo_code or next((t.promo_code for t in terms if t.promo_code), None),
        tracking_link=link_for(deal.landing_url, person, campaign),
    )


def heading(db: Database, deal_id: int) -> AgreementHeading:
    """The campaign, the influencer and their email address, for a deal's agreement."""
    with db.reader() as session:
        _deal_row, campaign, person = _deal(session, deal_id)
        return AgreementHeading(deal_id, campaign.name, person.display_name, person.email)


__all__ = ["facts", "heading"]
