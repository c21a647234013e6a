"""Demo growth: monthly figures between an account's first record and today, for the first
few hundred people, so a person's page has a growth chart worth reading."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from infcrm.db.models import MetricSnapshot, SocialAccount
from infcrm.demo import generate as demo

PEOPLE_WITH_HISTORY = 300  # enough to see; the 100,000-person bench stays quick to build


def add_growth_history(session: Session, rng: random.Random, ids: list[int]) -> None:
    """A snapshot about every month between the two the generator wrote, on a noisy trend."""
    chosen = ids[:PEOPLE_WITH_HISTORY]
    if not chosen:
        return
    ends = session.execute(
        select(
            MetricSnapshot.account_id,
            MetricSnapshot.taken_at,
            MetricSnapshot.followers,
            MetricSnapshot.avg_likes,
            MetricSnapshot.avg_comments,
        )
        .join(SocialAccount, SocialAccount.id == MetricSnapshot.account_id)
        .where(SocialAccount.influencer_id.in_(chosen))
        .order_by(MetricSnapshot.account_id, MetricSnapshot.taken_at)
    ).all()
    by_account: dict[int, list] = {}
    for row in ends:
        by_account.setdefault(row.account_id, []).append(row)
    added = []
    for account_id, rows in by_account.items():
        first, last = rows[0], rows[-1]
        months = (last.taken_at - first.taken_at).days // 30
        if months < 2 or first.followers is None or last.followers is None:
            continue
        for month in range(1, months):
            share = month / months
            followers = (
                first.followers + (last.followers - first.followers) * share
            ) * rng.uniform(0.98, 1.02)
            # Likes and comments follow the audience, with a month's usual ups and downs.
            scale = followers / max(last.followers, 1)
            added.append(
                {
                    "account_id": account_id,
                    "taken_at": first.taken_at + timedelta(days=30 * month),
                    "followers": max(0, int(followers)),
                    "avg_likes": int((last.avg_likes or 0) * scale * rng.uniform(0.9, 1.1)),
                    "avg_comments": int((last.avg_comments or 0) * scale * rng.uniform(0.9, 1.1)),
                    "avg_views": None,
                }
            )
    if added:
        session.execute(insert(MetricSnapshot.__table__), added)


demo.EXTRA_STEPS.append(add_growth_history)
