"""The demo's campaign results: posts with believable figures, and the fees paid for them.

Figures follow the creator's audience: reach is a share of followers (stories reach fewer),
engagement falls gently as audiences grow, a small share of viewers click and a few of those
buy. Live campaigns have some posts missing past their due date and fees partly owed.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from infcrm.domain.campaign_enums import CampaignStatus, ContentFormat, IncentiveKind
from infcrm.domain.enums import Platform

DEFAULT_FOLLOWERS = 15_000  # for someone whose follower count is not known
_VIDEO = (ContentFormat.REEL, ContentFormat.VIDEO, ContentFormat.SHORT, ContentFormat.LIVE)


def _code(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits, k=n))


def _post_url(rng: random.Random, platform: str, handle: str | None) -> str | None:
    if platform == Platform.INSTAGRAM.value:
        return f"https://www.instagram.com/p/{_code(rng, 11)}/"
    if platform == Platform.TIKTOK.value and handle:
        return f"https://www.tiktok.com/@{handle}/video/{rng.randint(10**18, 10**19 - 1)}"
    if platform == Platform.YOUTUBE.value:
        return f"https://www.youtube.com/watch?v={_code(rng, 11)}"
    if platform == Platform.OTHER.value and handle and handle.startswith("https://"):
        return f"{handle.rstrip('/')}/fern-and-crumb"
    return None


def _results(rng: random.Random, followers: int, fmt: ContentFormat) -> dict[str, int | None]:
    """Believable figures for one post by someone with `followers` followers."""
    story = fmt is ContentFormat.STORY
    reach = int(followers * (rng.uniform(0.06, 0.16) if story else rng.uniform(0.25, 0.85)))
    rate = rng.uniform(0.012, 0.06) * (10_000 / max(followers, 1000)) ** 0.15
    likes = None if story else int(followers * rate)
    clicks = int(reach * rng.uniform(0.004, 0.025))
    conversions = int(clicks * rng.uniform(0.02, 0.09))
    video = fmt in _VIDEO
    return {
        "likes": likes,
        "comments": int(followers * rate * rng.uniform(0.03, 0.08)),
        "shares": int(followers * rate * rng.uniform(0.01, 0.06)),
        "saves": None if story else int(followers * rate * rng.uniform(0.02, 0.12)),
        "views": int(reach * rng.uniform(1.1, 1.9)) if video else None,
        "reach": reach,
        "clicks": clicks,
        "conversions": conversions,
        "revenue_minor": conversions * rng.randint(1800, 3600),
        "currency": "EUR",
    }


def post_rows(
    rng: random.Random,
    status: CampaignStatus,
    deal_id: int,
    person: Any,
    deliverables: Sequence[tuple[int, dict]],
    today: date,
    now: datetime,
) -> list[dict]:
    """The posts delivered for a deal: all of them once finished, most of those due when live."""
    if status not in (CampaignStatus.ACTIVE, CampaignStatus.COMPLETED):
        return []
    posts: list[dict] = []
    for deliverable_id, row in deliverables:
        due: date = row["due_date"]
        for _ in range(row["count"]):
            if status is CampaignStatus.ACTIVE:
                chance = 0.8 if due < today else 0.25  # some late, a few early
                if rng.random() >= chance:
                    continue
            posted = min(due - timedelta(days=rng.randint(-2, 4)), today - timedelta(days=1))
            fmt = ContentFormat(row["format"])
            posts.append(
                {
                    "deal_id": deal_id,
                    "deliverable_id": deliverable_id,
                    "url": _post_url(rng, row["platform"], person.main_handle),
                    "platform": row["platform"],
                    "format": fmt.value,
                    "posted_on": posted,
                    **_results(rng, person.main_followers or DEFAULT_FOLLOWERS, fmt),
                    "created_at": min(
                        datetime.combine(posted, datetime.min.time()) + timedelta(days=2), now
                    ),
                }
            )
    return posts


def payment_rows(
    rng: random.Random,
    status: CampaignStatus,
    deal_id: int,
    incentives: Sequence[dict],
    posts: Sequence[dict],
    start: date,
    today: date,
) -> list[dict]:
    """Fees paid: in full after a finished campaign; half up front, in full or not yet when live."""
    payments: list[dict] = []
    last_post = max((p["posted_on"] for p in posts), default=None)
    for fee in (i for i in incentives if i["kind"] == IncentiveKind.FEE.value):
        amount, currency = fee["value_minor"], fee["currency"]
        reference = f"FC-{rng.randint(1000, 9999)}"
        if status is CampaignStatus.COMPLETED and last_post is not None:
            paid_on = last_post + timedelta(days=rng.randint(3, 12))
            payments.append(_payment(deal_id, paid_on, amount, currency, reference, today))
        elif status is CampaignStatus.ACTIVE:
            roll = rng.random()
            if roll < 0.4:  # half up front, the rest owed until the posts are in
                payments.append(_payment(deal_id, start, amount // 2, currency, reference, today))
            elif roll < 0.7 and last_post is not None:
                paid_on = last_post + timedelta(days=2)
                payments.append(_payment(deal_id, paid_on, amount, currency, reference, today))
    return payments


def _payment(
    deal_id: int, paid_on: date, amount: int, currency: str, reference: str, today: date
) -> dict:
    return {
        "deal_id": deal_id,
        "paid_on": min(paid_on, today),
        "amount_minor": amount,
        "currency": currency,
        "method": "Bank transfer" if currency == "EUR" else "PayPal",
        "reference": reference,
        "created_at": datetime.combine(min(paid_on, today), datetime.min.time()),
    }


__all__ = ["DEFAULT_FOLLOWERS", "payment_rows", "post_rows"]
