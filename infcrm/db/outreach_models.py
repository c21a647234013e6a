"""The outreach tables: interactions (messages and stage changes) and follow-ups."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.authors import LONGEST, column_default
from infcrm.db.base import Base, utcnow
from infcrm.db.models import Influencer

KIND_MESSAGE = "message"
KIND_STAGE_CHANGE = "stage_change"
STATUS_OPEN = "open"
STATUS_DONE = "done"


class Interaction(Base):
    """One thing that happened with an influencer: a message either way, or a stage change."""

    __tablename__ = "interaction"
    __table_args__ = (
        Index("ix_interaction_influencer_occurred", "influencer_id", "occurred_at"),
        # The dashboard's recent activity and this week's count read the newest rows first.
        Index("ix_interaction_occurred_at", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    influencer_id: Mapped[int] = mapped_column(ForeignKey("influencer.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, without tzinfo
    kind: Mapped[str] = mapped_column(String(20), default=KIND_MESSAGE)
    channel: Mapped[str | None] = mapped_column(String(20))
    direction: Mapped[str | None] = mapped_column(String(10))
    subject: Mapped[str | None] = mapped_column(String(300))
    summary: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(300))
    # Campaigns arrive in a later schema; the column waits for them without a foreign key.
    campaign_id: Mapped[int | None] = mapped_column(Integer)
    from_stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id", ondelete="SET NULL"))
    to_stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id", ondelete="SET NULL"))
    source_eml: Mapped[bytes | None] = mapped_column(LargeBinary)  # the dropped file, verbatim
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Who created and last changed the row (migration 0019; db/authors.py): NULL before then.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )


class BulkMove(Base):
    """One bulk stage change: everyone it moved (packed ascending ids, domain/id_packs.py), the
    stage each came from (packed, in the same order) and the one stage they went to.

    What a stage-change interaction is to one person, in one row for all of them: writing one
    timeline row per person cost more than the move itself at 100,000 people. A person's
    history reads the moves whose id range holds them (services/outreach/bulk_moves.py).
    """

    __tablename__ = "bulk_move"
    __table_args__ = (
        Index("ix_bulk_move_first_person", "first_person", "last_person"),
        {"sqlite_autoincrement": True},  # ids are never reused
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, without tzinfo
    to_stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id", ondelete="SET NULL"))
    people_count: Mapped[int] = mapped_column(Integer)
    # The lowest and highest id among them: a person's history reads only the moves whose
    # range holds them (index), and unpacks those.
    first_person: Mapped[int] = mapped_column(Integer)
    last_person: Mapped[int] = mapped_column(Integer)
    people: Mapped[bytes] = mapped_column(LargeBinary)
    from_stages: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)


class FollowUp(Base):
    """A reminder to get back to an influencer on a (local) calendar date."""

    __tablename__ = "follow_up"
    __table_args__ = (
        # Carries the person too, so the follow-up counts never read the table itself.
        Index("ix_follow_up_status_due", "status", "due_date", "influencer_id"),
        Index("ix_follow_up_status_done", "status", "done_at"),
        # The next open follow-up of a person, and the cascade when they are forgotten.
        Index("ix_follow_up_influencer_status_due", "influencer_id", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    influencer_id: Mapped[int] = mapped_column(ForeignKey("influencer.id", ondelete="CASCADE"))
    due_date: Mapped[date] = mapped_column(Date)
    due_time: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=STATUS_OPEN)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    snoozed_from: Mapped[date | None] = mapped_column(Date)  # the due date before any snooze
    # Cleared when its interaction is deleted, by a trigger rather than ON DELETE SET NULL
    # (migration 0017): SQLite runs that action for every interaction deleted.
    interaction_id: Mapped[int | None] = mapped_column(ForeignKey("interaction.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Who created and last changed the row (migration 0019; db/authors.py): NULL before then.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )


# The board lists each stage's most recently changed people first; without this index every
# column would sort all the people in its stage.
Index("ix_influencer_stage_updated", Influencer.stage_id, Influencer.updated_at)
