"""Which codes not found a campaign's report speaks of: shop orders that name a code no deal
holds, placed while the campaign ran, and only in a campaign that sells by code. SUMMER10, a
code the shop ran on its own in January, is nothing to say in every campaign's report; the
orders import's summary lists every such code.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Deal, Incentive
from infcrm.services.campaigns.order_matching import codes_not_found

# Orders a campaign's posts bring come for weeks after its last day.
CODES_TAIL = timedelta(days=30)


def _holds_codes(session: Session, campaign_id: int) -> bool:
    """Whether a deal of the campaign holds a discount code (its own or its commission's)."""
    own = exists().where(Deal.campaign_id == campaign_id, Deal.promo_key.is_not(None))
    commission = exists().where(
        Incentive.deal_id == Deal.id,
        Deal.campaign_id == campaign_id,
        Incentive.promo_code.is_not(None),
    )
    return bool(session.execute(select(or_(own, commission))).scalar())


def codes_missed(
    session: Session, campaign_id: int, starts_on: date | None, ends_on: date | None
) -> list[str]:
    """The report's note on codes not found (none, or one sentence): of the orders placed from
    the campaign's start to `CODES_TAIL` after its end, when a deal of it holds a code."""
    if not _holds_codes(session, campaign_id):
        return []
    codes = codes_not_found(
        session,
        datetime.combine(starts_on, time.min) if starts_on else None,
        datetime.combine(ends_on + CODES_TAIL, time.min) if ends_on else None,
    )
    if not codes:
        return []
    listed = ", ".join(f"{c} ×{n:,}" for c, n in codes[:12])
    more = f" and {len(codes) - 12} more" if len(codes) > 12 else ""
    return [
        f"Codes not found: {listed}{more}. These shop orders, placed while this campaign ran, "
        "name a code no deal holds; give a deal one of these codes (Open deal… › Promo code) "
        "and its orders count at once."
    ]


__all__ = ["CODES_TAIL", "codes_missed"]
