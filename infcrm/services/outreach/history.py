"""A person's history: what happened with them, newest first, and each message in full."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import KIND_STAGE_CHANGE, FollowUp, Interaction
from infcrm.domain.authorship import stage_move
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Channel, Direction
from infcrm.services.campaigns.deal_history import deal_entries
from infcrm.services.common import from_storage
from infcrm.services.outreach.bulk_moves import moves_of
from infcrm.services.outreach.outreach_types import (
    ENTRY_FOLLOW_UP_DONE,
    ENTRY_FOLLOW_UP_SET,
    ENTRY_MESSAGE,
    ENTRY_STAGE_CHANGE,
    InteractionDetail,
    TimelineEntry,
)
from infcrm.services.people.influencers import NotFound, existing_person

PREVIEW_LENGTH = 140


def _channel_label(value: str | None) -> str:
    try:
        return Channel(value).label if value else "Interaction"
    except ValueError:
        return value or "Interaction"


def _preview(text: str | None) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= PREVIEW_LENGTH else line[: PREVIEW_LENGTH - 1] + "…"


def _message_entry(row: Interaction, author: str | None) -> TimelineEntry:
    channel = _channel_label(row.channel)
    arrow = "to them" if row.direction == Direction.OUTBOUND.value else "from them"
    title = f"{channel} {arrow}" + (f": {row.subject}" if row.subject else "")
    parts = [row.subject or "", row.summary or ""]
    if row.outcome:
        parts.append(f"Outcome: {row.outcome}")
    return TimelineEntry(
        kind=ENTRY_MESSAGE,
        when=from_storage(row.occurred_at),
        title=title,
        text=_preview(row.summary or row.outcome),
        full_text="\n\n".join(p for p in parts if p),
        interaction_id=row.id,
        channel=row.channel,
        direction=row.direction,
        has_email=row.source_eml is not None,
        author=author,
    )


def _stage_title(from_name: str | None, to_name: str | None) -> str:
    target = to_name or "a stage that was removed"
    return f"Moved from {from_name} to {target}" if from_name else f"Moved to {target}"


def _bulk_entries(
    session: Session, influencer_id: int, person: str, named: bool
) -> list[tuple[datetime, int, TimelineEntry]]:
    """The person's part in each bulk move, titled as a single move is, plus how many more
    it moved: “Ana moved Lena from Prospect to Contacted (bulk, with 30 others)”."""
    names = dict(session.execute(select(Stage.id, Stage.name)).all())
    found = []
    for move in moves_of(session, influencer_id):
        from_name, to_name = names.get(move.from_stage_id), names.get(move.to_stage_id)
        author = move.created_by if named else None
        title = stage_move(author, person, to_name, from_name) or _stage_title(from_name, to_name)
        others = "1 other" if move.others == 1 else f"{move.others:,} others"
        title += f" (bulk, with {others})"
        entry = TimelineEntry(
            kind=ENTRY_STAGE_CHANGE,
            when=from_storage(move.occurred_at),
            title=title,
            text="",
            full_text=title,
            author=author,
        )
        # Sorted among interactions of the same moment as if it came just before them.
        found.append((move.occurred_at, 0, entry))
    return found


def timeline(db: Database, influencer_id: int) -> list[TimelineEntry]:
    """Everything that happened with an influencer, newest first.

    Messages, stage changes, follow-ups set (when they were set) and done (when ticked off),
    and what happened in their deals (agreements, posts, payments).
    """
    from_stage, to_stage = aliased(Stage), aliased(Stage)
    entries: list[tuple[datetime, int, TimelineEntry]] = []
    named = db.names_tell  # a file one person keeps names nobody (Database.names_tell)

    def who(name: str | None) -> str | None:
        return name if named else None

    with db.reader() as session:
        person = existing_person(session, influencer_id).display_name
        rows = session.execute(
            select(Interaction, from_stage.name, to_stage.name)
            .outerjoin(from_stage, from_stage.id == Interaction.from_stage_id)
            .outerjoin(to_stage, to_stage.id == Interaction.to_stage_id)
            .where(Interaction.influencer_id == influencer_id)
        ).all()
        for row, from_name, to_name in rows:
            if row.kind == KIND_STAGE_CHANGE:
                # "Ana moved Lena to Agreed" when who did it is known; else as it always read.
                title = stage_move(who(row.created_by), person, to_name, from_name) or _stage_title(
                    from_name, to_name
                )
                entry = TimelineEntry(
                    kind=ENTRY_STAGE_CHANGE,
                    when=from_storage(row.occurred_at),
                    title=title,
                    text=_preview(row.summary),
                    full_text=row.summary or title,
                    interaction_id=row.id,
                    author=who(row.created_by),
                )
            else:
                entry = _message_entry(row, who(row.created_by))
            entries.append((row.occurred_at, row.id * 2 + 1, entry))
        entries.extend(_bulk_entries(session, influencer_id, person, named))
        for item in session.execute(
            select(FollowUp).where(FollowUp.influencer_id == influencer_id)
        ).scalars():
            due = day_text(item.due_date, weekday=True) + (
                f", {item.due_time:%H:%M}" if item.due_time else ""
            )
            set_entry = TimelineEntry(
                kind=ENTRY_FOLLOW_UP_SET,
                when=from_storage(item.created_at),
                title=f"Follow-up set for {due}",
                text=_preview(item.note),
                full_text=item.note or f"Follow up on {due}.",
                follow_up_id=item.id,
                author=who(item.created_by),
            )
            # Set together with an interaction: shown just above it, not before it.
            entries.append((item.created_at, item.id * 2, set_entry))
            if item.done_at is not None:
                done_entry = TimelineEntry(
                    kind=ENTRY_FOLLOW_UP_DONE,
                    when=from_storage(item.done_at),
                    title=f"Follow-up done (was due {due})",
                    text=_preview(item.note),
                    full_text=item.note or "Follow-up done.",
                    follow_up_id=item.id,
                    # Ticking off is the last change a done follow-up gets (reopening clears
                    # done_at), so whoever changed it last is who ticked it off.
                    author=who(item.changed_by),
                )
                entries.append((item.done_at, item.id * 2, done_entry))
        entries.extend(deal_entries(session, influencer_id))
    entries.sort(key=lambda e: (e[0], e[2].kind == ENTRY_FOLLOW_UP_SET, e[1]), reverse=True)
    return [entry for *_, entry in entries]


def interaction_detail(db: Database, interaction_id: int) -> InteractionDetail:
    """One interaction in full."""
    from_stage, to_stage = aliased(Stage), aliased(Stage)
    with db.reader() as session:
        found = session.execute(
            select(Interaction, Influencer.display_name, from_stage.name, to_stage.name)
            .join(Influencer, Influencer.id == Interaction.influencer_id)
            .outerjoin(from_stage, from_stage.id == Interaction.from_stage_id)
            .outerjoin(to_stage, to_stage.id == Interaction.to_stage_id)
            .where(Interaction.id == interaction_id)
        ).first()
        if found is None:
            raise NotFound("This interaction no longer exists.")
        row, name, from_name, to_name = found
        return InteractionDetail(
            id=row.id,
            influencer_id=row.influencer_id,
            influencer_name=name,
            kind=row.kind,
            occurred_at=from_storage(row.occurred_at),
            channel=row.channel,
            direction=row.direction,
            subject=row.subject,
            summary=row.summary,
            outcome=row.outcome,
            campaign_id=row.campaign_id,
            from_stage=from_name,
            to_stage=to_name,
            has_email=row.source_eml is not None,
            created_at=from_storage(row.created_at),
            created_by=row.created_by,
        )


def source_email(db: Database, interaction_id: int) -> bytes | None:
    """The original .eml file an interaction was logged from, byte for byte (None if typed)."""
    with db.reader() as session:
        return session.execute(
            select(Interaction.source_eml).where(Interaction.id == interaction_id)
        ).scalar_one_or_none()


__all__ = ["interaction_detail", "source_email", "timeline"]
