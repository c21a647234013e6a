"""Pieces the outreach services share: UTC conversion and SQL conditions on people.

Instants are stored as naive UTC and handed out as aware UTC datetimes; people in the trash
and people we are waiting on are expressed as SQL conditions so every query can reuse them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Select, exists, false, or_, select
from sqlalchemy.orm import Session, aliased

from infcrm.db import dialect
from infcrm.db.base import utcnow
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import KIND_MESSAGE, Interaction
from infcrm.domain.enums import Direction


def as_utc(moment: datetime | None) -> datetime:
    """`moment` (aware, or naive meaning local time; None for now) as naive UTC for storage."""
    if moment is None:
        return utcnow()
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_storage(moment: datetime | None) -> datetime | None:
    """A stored naive-UTC instant as an aware UTC datetime."""
    return None if moment is None else moment.replace(tzinfo=UTC)


def not_trashed(influencer_id: ColumnElement[int]) -> ColumnElement[bool]:
    """SQL: this influencer id is not in the trash.

    Written as NOT IN over the (few) trashed ids rather than a join on deleted_at, so the
    database walks the outer table's own index (due date, stage, time) instead of every person.
    """
    return influencer_id.not_in(trashed_ids())


def trashed_ids() -> Select[tuple[int]]:
    """SQL: the ids of the people in the trash (few; read from the trash's own index)."""
    trashed = aliased(Influencer, name="trashed")
    return select(trashed.id).where(trashed.deleted_at.is_not(None))


def owned_by(me: str | None) -> ColumnElement[bool]:
    """SQL: the person's owner is `me` (ignoring case, as the list's filters do); no one when
    no name is known. "Owned by me" in the list and "Mine only" on the follow-ups."""
    name = (me or "").strip()
    return dialect.nocase(Influencer.owner) == name if name else false()


def waiting_condition(influencer_id: ColumnElement[int], cutoff: datetime) -> ColumnElement[bool]:
    """SQL: we wrote to this person at or before `cutoff` (naive UTC) and they have not replied."""
    ours = aliased(Interaction, name="ours")
    reply = aliased(Interaction, name="reply")
    no_reply = ~exists().where(
        reply.influencer_id == ours.influencer_id,
        reply.kind == KIND_MESSAGE,
        reply.direction == Direction.INBOUND.value,
        reply.occurred_at > ours.occurred_at,
    )
    return exists().where(
        ours.influencer_id == influencer_id,
        ours.kind == KIND_MESSAGE,
        ours.direction == Direction.OUTBOUND.value,
        ours.occurred_at <= cutoff,
        no_reply,
    )


def waiting_among(session: Session, ids: Iterable[int], cutoff: datetime) -> set[int]:
    """Which of these influencers are waiting for a reply (see waiting_ids); inside a session."""
    wanted = list(ids)
    if not wanted:
        return set()
    stmt = (
        select(Influencer.id)
        .join(Stage, Stage.id == Influencer.stage_id, isouter=True)
        .where(
            Influencer.id.in_(wanted),
            or_(Stage.id.is_(None), ~Stage.is_closed),
            waiting_condition(Influencer.id, cutoff),
        )
    )
    return set(session.execute(stmt).scalars())
