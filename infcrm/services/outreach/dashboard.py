"""The dashboard: what is due, where the pipeline stands, and what happened lately."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from infcrm.db import dialect
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import KIND_MESSAGE, KIND_STAGE_CHANGE, Interaction
from infcrm.domain.authorship import stage_move
from infcrm.domain.enums import Channel, Direction
from infcrm.services import common
from infcrm.services.outreach import bulk_moves, follow_up_lists
from infcrm.services.outreach.outreach_types import (
    ENTRY_MESSAGE,
    ENTRY_STAGE_CHANGE,
    ActivityEntry,
    DashboardSummary,
    StageCount,
    WeekActivity,
)
from infcrm.services.people.influencer_types import StageInfo

WEEKS_SHOWN = 8  # the dashboard's chart: about two months of outreach and replies


def _pairs(result) -> dict:
    """(key, value) rows as a dict."""
    return {key: value for key, value in result}


def week_start(today: date, now: datetime | None = None) -> datetime:
    """Monday 00:00 of today's ISO week, as naive UTC, in the time zone of `now`.

    `now` (aware) gives the zone; without it the computer's own zone is used.
    """
    monday = today - timedelta(days=today.isoweekday() - 1)
    zone = now.tzinfo if now is not None and now.tzinfo is not None else None
    start = datetime.combine(monday, time(), tzinfo=zone)
    # A naive datetime means local time to astimezone(): the computer's zone.
    return start.astimezone(UTC).replace(tzinfo=None)


def _weeks(
    session, today: date, now: datetime | None, moment: datetime, count: int = WEEKS_SHOWN
) -> tuple[WeekActivity, ...]:
    """Messages sent and received in each of the last `count` weeks, this one last."""
    first_monday = today - timedelta(days=today.isoweekday() - 1 + 7 * (count - 1))
    start = week_start(first_monday, now)
    # Whole weeks since the first Monday (local midnight, stored as UTC); one GROUP BY.
    week = dialect.whole(dialect.days_between(Interaction.occurred_at, start) / 7).label("week")
    rows = session.execute(
        select(week, Interaction.direction, func.count())
        .where(
            common.not_trashed(Interaction.influencer_id),
            Interaction.kind == KIND_MESSAGE,
            Interaction.occurred_at >= start,
            Interaction.occurred_at <= common.as_utc(moment),
        )
        .group_by(week, Interaction.direction)
    ).all()
    sent = [0] * count
    received = [0] * count
    for index, direction, number in rows:
        if 0 <= index < count:
            target = sent if direction == Direction.OUTBOUND.value else received
            target[index] += number
    return tuple(
        WeekActivity(first_monday + timedelta(weeks=i), sent[i], received[i]) for i in range(count)
    )


def _title(kind: str, channel: str | None, direction: str | None, subject: str | None,
           from_name: str | None, to_name: str | None, person: str,
           author: str | None = None) -> str:  # fmt: skip
    if kind == KIND_STAGE_CHANGE:
        # "Ana moved Lena to Agreed" when who did it is known; else as it always read.
        said = stage_move(author, person, to_name, from_name)
        if said:
            return said
        return f"{person} moved to {to_name or 'a removed stage'}" + (
            f" (from {from_name})" if from_name else ""
        )
    try:
        label = Channel(channel).label if channel else "Interaction"
    except ValueError:
        label = channel or "Interaction"
    arrow = "to" if direction == Direction.OUTBOUND.value else "from"
    return f"{label} {arrow} {person}" + (f": {subject}" if subject else "")


def _bulk_entry(
    move: bulk_moves.RecentMove, stage_names: dict[int, str], named: bool
) -> ActivityEntry:
    """A bulk move as one line ("Ana moved 31 people to Contacted"), opening its first mover."""
    people = f"{move.people_count:,} people"
    to_name = stage_names.get(move.to_stage_id) if move.to_stage_id else None
    author = move.created_by if named else None
    title = stage_move(author, people, to_name, None) or (
        f"{people} moved to {to_name or 'a removed stage'}"
    )
    return ActivityEntry(
        influencer_id=move.opens,
        influencer_name=move.opens_name,
        interaction_id=0,  # a bulk move is no interaction (bulk_moves.py)
        kind=ENTRY_STAGE_CHANGE,
        when=move.occurred_at.replace(tzinfo=UTC),
        title=title,
        author=author,
    )


def summary(
    db: Database, today: date, *, now: datetime | None = None, recent_limit: int = 15
) -> DashboardSummary:
    """Follow-ups due today and overdue, people per stage, messages of the last 7 days and of
    each recent week, and recent activity.

    `today` is the user's local date; `now` (aware, default the current time) sets the zone the
    week starts in and hides activity logged for the future. Trashed people are not counted.
    """
    moment = now or datetime.now(UTC)
    due_today, overdue = follow_up_lists.due_counts(db, today)
    from_stage, to_stage = aliased(Stage), aliased(Stage)
    with db.reader() as session:
        stages = list(
            session.execute(
                select(Stage).where(~Stage.archived).order_by(Stage.position, Stage.id)
            ).scalars()
        )
        counts = _pairs(
            session.execute(
                select(Influencer.stage_id, func.count())
                .where(common.not_trashed(Influencer.id))
                .group_by(Influencer.stage_id)
            )
        )
        # The last seven days, not the calendar week: on a Monday morning the calendar week
        # has barely begun and the tile read 0 however busy the week before had been.
        last_7_days = session.execute(
            select(func.count())
            .select_from(Interaction)
            .where(
                common.not_trashed(Interaction.influencer_id),
                Interaction.kind == KIND_MESSAGE,
                Interaction.occurred_at > common.as_utc(moment - timedelta(days=7)),
                Interaction.occurred_at <= common.as_utc(moment),
            )
        ).scalar_one()
        weeks = _weeks(session, today, now, moment)
        recent_rows = session.execute(
            select(
                Interaction.id,
                Interaction.influencer_id,
                Interaction.kind,
                Interaction.occurred_at,
                Interaction.channel,
                Interaction.direction,
                Interaction.subject,
                Interaction.created_by,
                Influencer.display_name,
                from_stage.name.label("from_name"),
                to_stage.name.label("to_name"),
            )
            .join(Influencer, Influencer.id == Interaction.influencer_id)
            .outerjoin(from_stage, from_stage.id == Interaction.from_stage_id)
            .outerjoin(to_stage, to_stage.id == Interaction.to_stage_id)
            .where(
                common.not_trashed(Interaction.influencer_id),
                Interaction.occurred_at <= common.as_utc(moment),
            )
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .limit(recent_limit)
        ).all()
        moves = bulk_moves.recent(session, common.as_utc(moment), recent_limit)
        stage_names = {r.id: r.name for r in session.execute(select(Stage.id, Stage.name))}
    named = db.names_tell  # a file one person keeps names nobody (Database.names_tell)
    recent = tuple(
        ActivityEntry(
            influencer_id=r.influencer_id,
            influencer_name=r.display_name,
            interaction_id=r.id,
            kind=ENTRY_STAGE_CHANGE if r.kind == KIND_STAGE_CHANGE else ENTRY_MESSAGE,
            when=r.occurred_at.replace(tzinfo=UTC),
            title=_title(
                r.kind,
                r.channel,
                r.direction,
                r.subject,
                r.from_name,
                r.to_name,
                r.display_name,
                r.created_by if named else None,
            ),
            author=r.created_by if named else None,
        )
        for r in recent_rows
    )
    recent = tuple(
        sorted(
            recent + tuple(_bulk_entry(move, stage_names, named) for move in moves),
            key=lambda entry: entry.when,
            reverse=True,
        )[:recent_limit]
    )
    return DashboardSummary(
        due_today=due_today,
        overdue=overdue,
        stage_counts=tuple(
            StageCount(
                StageInfo(s.id, s.name, s.position, s.is_closed, s.archived), counts.get(s.id, 0)
            )
            for s in stages
        ),
        interactions_last_7_days=int(last_7_days),
        recent=recent,
        weeks=weeks,
    )


__all__ = ["summary", "week_start"]
