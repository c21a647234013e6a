"""A deal's promo code and tracking link: suggested, checked against every other deal, saved.

A code belongs to one deal: a shop's order that used it must name one creator. Codes are
compared as shops compare them (`domain.tracking.code_key`), across the deals' own codes and
the codes written into their commission terms.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Campaign, Deal
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.domain.enums import Platform
from infcrm.domain.tracking import (
    CODE_MAX,
    TrackingError,
    check_landing_url,
    code_key,
    suggest_code,
    tracking_link,
)
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns.deal_rows import deal_row
from infcrm.services.campaigns.order_matching import codes_in_use, rematch_orders


@dataclass(frozen=True)
class TrackingInput:
    """The code and landing page as the deal form gives them (blank for none)."""

    promo_code: str | None = None
    landing_url: str | None = None


@dataclass(frozen=True)
class DealTracking:
    """A deal's code and link as the form, the agreement and the lists show them."""

    deal_id: int
    promo_code: str | None
    landing_url: str | None
    link: str | None  # the landing page with UTM parameters; None without a landing page
    suggested_code: str  # a free code made from the handle, for the Suggest button


def _who(session: Session, deal: Deal) -> tuple[Influencer, Campaign]:
    return session.get(Influencer, deal.influencer_id), session.get(Campaign, deal.campaign_id)


def link_for(landing_url: str | None, person: Influencer, campaign: Campaign) -> str | None:
    """The tracking link of a deal, or None without a landing page."""
    if not landing_url:
        return None
    network = person.main_platform or Platform.OTHER.value
    handle = person.main_handle or person.display_name
    return tracking_link(landing_url, network, campaign.name, handle)


def _free_code(session: Session, deal: Deal, person: Influencer) -> str:
    taken = codes_in_use(session, except_deal=deal.id)
    base = suggest_code(person.main_handle, person.display_name)
    candidate, letter = base, ord("A")
    while code_key(candidate) in taken and letter <= ord("Z"):
        candidate, letter = f"{base}{chr(letter)}", letter + 1
    return candidate


def read_tracking(session: Session, deal_id: int) -> DealTracking:
    """The deal's tracking, read inside `session`."""
    deal = deal_row(session, deal_id)
    person, campaign = _who(session, deal)
    return DealTracking(
        deal_id=deal.id,
        promo_code=deal.promo_code,
        landing_url=deal.landing_url,
        link=link_for(deal.landing_url, person, campaign),
        suggested_code=deal.promo_code or _free_code(session, deal, person),
    )


def get_tracking(db: Database, deal_id: int) -> DealTracking:
    """The deal's promo code, landing page, tracking link and a suggested code."""
    with db.reader() as session:
        return read_tracking(session, deal_id)


def clean_tracking(
    session: Session, deal_id: int, data: TrackingInput, check: FieldChecker
) -> dict:
    """The deal's columns for `data`; a code another deal holds is refused under promo_code."""
    code = check.text("promo_code", data.promo_code, label="Promo code", max_length=CODE_MAX)
    values: dict = {"promo_code": None, "promo_key": None, "landing_url": None}
    if code:
        key = code_key(code)
        other = codes_in_use(session, except_deal=deal_id).get(key)
        if other is not None:
            taken = deal_row(session, other)
            person, campaign = _who(session, taken)
            check.add(
                "promo_code",
                f"The code {code} is already {person.display_name}'s in “{campaign.name}”: "
                "a shop's order must name one creator. Choose another code.",
            )
        values.update(promo_code=code, promo_key=key)
    try:
        values["landing_url"] = check_landing_url(data.landing_url)
    except TrackingError as exc:
        check.add("landing_url", str(exc))
    return values


def save_tracking(db: Database, deal_id: int, data: TrackingInput) -> DealTracking:
    """Save the deal's code and landing page in one go; InvalidInput names the field at fault."""
    with db.transaction() as session:
        check = FieldChecker()
        values = clean_tracking(session, deal_id, data, check)
        check.raise_if_errors()
        deal = deal_row(session, deal_id)
        for name, value in values.items():
            setattr(deal, name, value)
        session.flush()
        rematch_orders(session)  # orders imported before the code was given follow it
        return read_tracking(session, deal_id)


__all__ = [
    "DealTracking",
    "TrackingInput",
    "codes_in_use",
    "get_tracking",
    "link_for",
    "save_tracking",
]
