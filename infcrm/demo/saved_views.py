"""Demo saved views in the sidebar, one of them naming a tag no one carries, so the demo
shows how a view says what it dropped and offers to fix itself."""

from __future__ import annotations

import json
import random

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from infcrm.db.base import utcnow
from infcrm.db.models import Stage
from infcrm.db.view_models import SavedView
from infcrm.demo import generate as demo
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.people.saved_views import stored_query

COLUMNS = ("name", "platform", "handle", "followers", "engagement", "stage", "country", "tags")


def add_saved_views(session: Session, _rng: random.Random, _ids: list[int]) -> None:
    """Four views a community manager would keep."""
    prospect = session.execute(select(Stage.id).where(Stage.name == "Prospect")).scalar()
    views = (
        (
            "Micro food creators, not contacted",  # 8 of the demo's 300
            ListQuery(search="food", tier="micro", stage_id=prospect),
        ),
        (
            "VIPs on TikTok",
            ListQuery(platform="tiktok", tag="vip", sort="followers", descending=True),
        ),
        ("Check engagement", ListQuery(band="suspicious", sort="engagement", descending=True)),
        ("Met at Food Fair 2025", ListQuery(tag="food-fair-2025")),  # no one carries it
    )
    now = utcnow()
    rows = []
    for position, (name, query) in enumerate(views):
        rows.append(
            {
                "name": name,
                "position": position,
                "query": stored_query(query),
                "columns": json.dumps(COLUMNS),
                "created_at": now,
                "updated_at": now,
            }
        )
    session.execute(insert(SavedView.__table__), rows)


demo.EXTRA_STEPS.append(add_saved_views)
