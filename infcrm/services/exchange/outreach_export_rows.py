"""Rows of the Outreach and Follow-ups sheets of an "all sheets" export, for the exported people.

Interactions and follow-ups are read a chunk of people at a time, so a 100,000-person export
never holds every message in memory. Instants are naive UTC, as everywhere in an export: the
writer shows them in the computer's local time. Each row carries the ids the other sheets and a
restore need (the person's, the campaign's, the message a follow-up came from).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import func, select

from infcrm.db.campaign_models import Campaign
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import KIND_STAGE_CHANGE, FollowUp, Interaction
from infcrm.domain.enums import Channel, Direction, label_of
from infcrm.services.exchange.export_rows import CHUNK_SIZE, chunks
from infcrm.services.outreach import bulk_moves

INTERACTION_KEYS = (
    "id", "influencer", "influencer_id", "when", "kind", "from_stage", "channel", "direction",
    "subject", "summary", "outcome", "campaign", "campaign_id", "has_email",
)  # fmt: skip
FOLLOW_UP_KEYS = (
    "influencer", "influencer_id", "due", "time", "note", "status", "done_at", "snoozed_from",
    "interaction_id",
)  # fmt: skip
MOVED_TO = "Moved to "  # what a stage change says in the “What” column, before the stage
MESSAGE = "Message"


def _count(db: Database, table, ids: Sequence[int]) -> int:
    total = 0
    with db.reader() as session:
        for chunk in chunks(ids, CHUNK_SIZE):
            total += session.execute(
                select(func.count()).where(table.influencer_id.in_(list(chunk)))
            ).scalar_one()
    return total


def interaction_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Outreach sheet has (a bulk move gives each of its people one)."""
    with db.reader() as session:
        moved = sum(len(moves) for moves in bulk_moves.by_person(session, ids).values())
    return _count(db, Interaction, ids) + moved


def follow_up_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Follow-ups sheet has."""
    return _count(db, FollowUp, ids)


def interaction_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (INTERACTION_KEYS order) per interaction, person by person, oldest first."""
    to_stage = Stage.__table__.alias("to_stage")
    from_stage = Stage.__table__.alias("from_stage")
    stmt = (
        select(
            Interaction, Influencer.display_name, Campaign.name, to_stage.c.name, from_stage.c.name
        )
        .join(Influencer, Influencer.id == Interaction.influencer_id)
        .join(Campaign, Campaign.id == Interaction.campaign_id, isouter=True)
        .join(to_stage, to_stage.c.id == Interaction.to_stage_id, isouter=True)
        .join(from_stage, from_stage.c.id == Interaction.from_stage_id, isouter=True)
    )
    with db.reader() as session:
        moved = bulk_moves.by_person(session, ids)
        stages = dict(session.execute(select(Stage.id, Stage.name)).all())
        for chunk in chunks(ids, CHUNK_SIZE):
            order = {person: n for n, person in enumerate(chunk)}
            rows = session.execute(
                stmt.where(Interaction.influencer_id.in_(list(chunk))).order_by(
                    Interaction.occurred_at, Interaction.id
                )
            ).all()
            names = dict(
                session.execute(
                    select(Influencer.id, Influencer.display_name).where(
                        Influencer.id.in_([i for i in chunk if i in moved])
                    )
                ).all()
            )
            rows += [
                (_as_interaction(move), names.get(person), None, stages.get(move.to_stage_id),
                 stages.get(move.from_stage_id))
                for person in chunk
                for move in moved.get(person, ())
            ]  # fmt: skip
            # Stable: each person's rows in time order, a bulk move's (no id) as it falls.
            rows.sort(key=lambda r: (order[r[0].influencer_id], r[0].occurred_at))
            for item, name, campaign, stage, before in rows:
                stage_change = item.kind == KIND_STAGE_CHANGE
                values = {
                    "id": item.id,
                    "influencer": name,
                    "influencer_id": item.influencer_id,
                    "when": item.occurred_at,
                    "kind": f"{MOVED_TO}{stage or ''}" if stage_change else MESSAGE,
                    "from_stage": before,
                    "channel": label_of(Channel, item.channel),
                    "direction": label_of(Direction, item.direction),
                    "subject": item.subject,
                    "summary": item.summary,
                    "outcome": item.outcome,
                    "campaign": campaign,
                    "campaign_id": item.campaign_id if campaign is not None else None,
                    "has_email": item.source_eml is not None,
                }
                yield [values[key] for key in INTERACTION_KEYS]


def _as_interaction(move: bulk_moves.PersonMove) -> Interaction:
    """A person's part in a bulk move as the stage-change row the sheet has always held (no
    id: a restore writes it as a move of its own)."""
    return Interaction(
        id=None,
        influencer_id=move.influencer_id,
        occurred_at=move.occurred_at,
        kind=KIND_STAGE_CHANGE,
        to_stage_id=move.to_stage_id,
        from_stage_id=move.from_stage_id,
    )


def follow_up_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (FOLLOW_UP_KEYS order) per follow-up, person by person, by due date."""
    stmt = select(FollowUp, Influencer.display_name).join(
        Influencer, Influencer.id == FollowUp.influencer_id
    )
    with db.reader() as session:
        for chunk in chunks(ids, CHUNK_SIZE):
            order = {person: n for n, person in enumerate(chunk)}
            rows = session.execute(
                stmt.where(FollowUp.influencer_id.in_(list(chunk))).order_by(
                    FollowUp.due_date, FollowUp.id
                )
            ).all()
            rows.sort(key=lambda r: order[r[0].influencer_id])
            for item, name in rows:
                values = {
                    "influencer": name,
                    "influencer_id": item.influencer_id,
                    "due": item.due_date,
                    "time": item.due_time.strftime("%H:%M") if item.due_time else None,
                    "note": item.note,
                    "status": "Done" if item.status == "done" else "Open",
                    "done_at": item.done_at,
                    "snoozed_from": item.snoozed_from,
                    "interaction_id": item.interaction_id,
                }
                yield [values[key] for key in FOLLOW_UP_KEYS]
