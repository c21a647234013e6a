"""Rows of the Outreach and Follow-ups sheets of an "all sheets" export, for the exported people.

Interactions and follow-ups are read a chunk of people at a time, so a 100,000-person export
never holds every message in memory; instants are written in the computer's local time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select

from infcrm.db.campaign_models import Campaign
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import KIND_STAGE_CHANGE, FollowUp, Interaction
from infcrm.domain.enums import Channel, Direction, label_of
from infcrm.services.exchange.export_rows import CHUNK_SIZE, chunks

INTERACTION_KEYS = (
    "influencer", "when", "kind", "channel", "direction", "subject", "summary", "outcome",
    "campaign", "has_email",
)  # fmt: skip
FOLLOW_UP_KEYS = ("influencer", "due", "time", "note", "status", "done_at", "snoozed_from")


def _local(moment: datetime | None) -> datetime | None:
    """A stored UTC instant as the computer's local time, without tzinfo (Excel has none)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _count(db: Database, table, ids: Sequence[int]) -> int:
    total = 0
    with db.reader() as session:
        for chunk in chunks(ids, CHUNK_SIZE):
            total += session.execute(
                select(func.count()).where(table.influencer_id.in_(list(chunk)))
            ).scalar_one()
    return total


def interaction_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Outreach sheet has."""
    return _count(db, Interaction, ids)


def follow_up_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Follow-ups sheet has."""
    return _count(db, FollowUp, ids)


def interaction_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (INTERACTION_KEYS order) per interaction, person by person, oldest first."""
    to_stage = Stage.__table__.alias("to_stage")
    stmt = (
        select(Interaction, Influencer.display_name, Campaign.name, to_stage.c.name)
        .join(Influencer, Influencer.id == Interaction.influencer_id)
        .join(Campaign, Campaign.id == Interaction.campaign_id, isouter=True)
        .join(to_stage, to_stage.c.id == Interaction.to_stage_id, isouter=True)
    )
    with db.reader() as session:
        for chunk in chunks(ids, CHUNK_SIZE):
            order = {person: n for n, person in enumerate(chunk)}
            rows = session.execute(
                stmt.where(Interaction.influencer_id.in_(list(chunk))).order_by(
                    Interaction.occurred_at
                )
            ).all()
            rows.sort(key=lambda r: order[r[0].influencer_id])  # stable: keeps time order
            for item, name, campaign, stage in rows:
                stage_change = item.kind == KIND_STAGE_CHANGE
                values = {
                    "influencer": name,
                    "when": _local(item.occurred_at),
                    "kind": f"Moved to {stage}" if stage_change else "Message",
                    "channel": label_of(Channel, item.channel),
                    "direction": label_of(Direction, item.direction),
                    "subject": item.subject,
                    "summary": item.summary,
                    "outcome": item.outcome,
                    "campaign": campaign,
                    "has_email": item.source_eml is not None,
                }
                yield [values[key] for key in INTERACTION_KEYS]


def follow_up_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (FOLLOW_UP_KEYS order) per follow-up, person by person, by due date."""
    stmt = select(FollowUp, Influencer.display_name).join(
        Influencer, Influencer.id == FollowUp.influencer_id
    )
    with db.reader() as session:
        for chunk in chunks(ids, CHUNK_SIZE):
            order = {person: n for n, person in enumerate(chunk)}
            rows = session.execute(
                stmt.where(FollowUp.influencer_id.in_(list(chunk))).order_by(FollowUp.due_date)
            ).all()
            rows.sort(key=lambda r: order[r[0].influencer_id])
            for item, name in rows:
                values = {
                    "influencer": name,
                    "due": item.due_date,
                    "time": item.due_time.strftime("%H:%M") if item.due_time else None,
                    "note": item.note,
                    "status": "Done" if item.status == "done" else "Open",
                    "done_at": _local(item.done_at),
                    "snoozed_from": item.snoozed_from,
                }
                yield [values[key] for key in FOLLOW_UP_KEYS]
