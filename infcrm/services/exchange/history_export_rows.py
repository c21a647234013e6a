"""The rows of the "Follower history" sheet of an all-sheets export: every recorded figure.

Each account's dated figures (the growth chart on a person's page) are one row each, person by
person in the export's order, their accounts in the Social accounts sheet's order (main account
first), oldest first. A row names its account as that sheet does — the person's ID, the
platform and the handle, or the account's name when it has no handle — so a restore finds it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, MetricSnapshot, SocialAccount
from infcrm.domain.enums import Platform, label_of
from infcrm.services.exchange.export_rows import CHUNK_SIZE, chunks

HISTORY_KEYS = (
    "name", "influencer_id", "platform", "handle", "label", "taken_at", "followers",
    "avg_likes", "avg_comments", "avg_views",
)  # fmt: skip
_FIGURES = ("followers", "avg_likes", "avg_comments", "avg_views")


def history_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Follower history sheet has."""
    total = 0
    with db.reader() as session:
        for chunk in chunks(ids, CHUNK_SIZE):
            total += session.execute(
                select(func.count())
                .select_from(MetricSnapshot)
                .join(SocialAccount, SocialAccount.id == MetricSnapshot.account_id)
                .where(SocialAccount.influencer_id.in_(list(chunk)))
            ).scalar_one()
    return total


def history_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (HISTORY_KEYS order) per recorded figure of these people's accounts."""
    stmt = (
        select(
            Influencer.display_name,
            SocialAccount.influencer_id,
            SocialAccount.platform,
            SocialAccount.handle,
            SocialAccount.label,
            MetricSnapshot.taken_at,
            *(getattr(MetricSnapshot, name) for name in _FIGURES),
        )
        .join(SocialAccount, SocialAccount.id == MetricSnapshot.account_id)
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
    )
    with db.reader() as session:
        for chunk in chunks(ids, CHUNK_SIZE):
            order = {person: n for n, person in enumerate(chunk)}
            rows = session.execute(
                stmt.where(SocialAccount.influencer_id.in_(list(chunk))).order_by(
                    SocialAccount.is_primary.desc(),
                    SocialAccount.id,
                    MetricSnapshot.taken_at,
                    MetricSnapshot.id,
                )
            ).all()
            rows.sort(key=lambda r: order[r.influencer_id])  # stable: keeps the rest's order
            for row in rows:
                values = row._asdict()
                values["name"] = values.pop("display_name")
                values["platform"] = label_of(Platform, values["platform"])
                yield [values[key] for key in HISTORY_KEYS]


__all__ = ["HISTORY_KEYS", "history_count", "history_values"]
