"""Bulk outreach: add many people to a campaign, log the same interaction with each, set the
same follow-up for each — one transaction and one restore point per action (see bulk.py).

People marked “Do not contact” break a rule here: they are not added to a campaign and no
message to them is logged, unless the user chooses to skip them (then everyone else is done).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time

from sqlalchemy import DateTime, insert, literal, select
from sqlalchemy.orm import Session

from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.outreach_models import STATUS_OPEN, FollowUp, Interaction
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Direction
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns.campaign_types import AddResult
from infcrm.services.campaigns.campaigns import _campaign
from infcrm.services.outreach import followups, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people.bulk import (
    Reporter,
    chosen,
    keep_or_refuse,
    live_ids,
    next_row_id,
    problem,
    report,
    skipped_note,
    update_people,
    with_new_rows,
)
from infcrm.services.people.bulk_remade import record_moves
from infcrm.services.people.bulk_types import BulkResult, people_count
from infcrm.services.restore_points import Columns, capture, rows_left

DO_NOT_CONTACT = "Marked “Do not contact”"


def _marked(session: Session, ids: list[int]) -> list[int]:
    marked = set(
        session.execute(
            select(Influencer.id).where(
                Influencer.id.in_(chosen(session, ids)), Influencer.do_not_contact
            )
        ).scalars()
    )
    return [i for i in ids if i in marked]


def add_to_campaign(
    db: Database,
    ids: Sequence[int],
    campaign_id: int,
    *,
    skip_problems: bool = False,
    progress: Reporter | None = None,
) -> BulkResult:
    """Put everyone in the campaign (one deal each); those already in it are left alone."""
    from infcrm.db.campaign_models import Deal

    with db.transaction() as session:
        campaign = _campaign(session, campaign_id)
        people = live_ids(session, ids)
        marked = problem(session, DO_NOT_CONTACT, _marked(session, people))
        people, skipped = keep_or_refuse(people, [marked], skip_problems)
        present = set(
            session.execute(
                select(Deal.influencer_id).where(
                    Deal.campaign_id == campaign_id, Deal.influencer_id.in_(chosen(session, people))
                )
            ).scalars()
        )
        new = [i for i in people if i not in present]
        report(progress, 1, 2, f"Adding to {campaign.name}…")
        first = next_row_id(session, "deal")
        now = utcnow()
        joining = chosen(session, new).add_columns(
            literal(campaign_id), literal(now, DateTime), literal(now, DateTime)
        )
        session.execute(
            insert(Deal.__table__).from_select(
                ["influencer_id", "campaign_id", "created_at", "updated_at"],
                joining.order_by("id"),
            )
        )
        point = with_new_rows(capture(session, []), "deal", first, next_row_id(session, "deal") - 1)
        result = AddResult(added=len(new), already_in=len(present))
        summary = f"Added {result.added:,} to “{campaign.name}”."
        if result.already_in:
            summary = summary[:-1] + f"; {result.already_in:,} {_were(result.already_in)} in it."
        return BulkResult(
            summary + skipped_note(skipped),
            f"adding {people_count(len(new))} to “{campaign.name}”",
            tuple(new),
            len(present),
            skipped,
            point,
        )


def _were(count: int) -> str:
    return "was already" if count == 1 else "were already"


def log_interaction(
    db: Database,
    ids: Sequence[int],
    data: InteractionInput,
    *,
    skip_problems: bool = False,
    progress: Reporter | None = None,
    messages: Mapping[int, Mapping[str, object]] | None = None,
) -> BulkResult:
    """Log the same interaction (and follow-up, if `data` asks for one) with everyone.

    `data.influencer_id` is ignored. As for one person, an outbound message to someone in the
    first stage moves them to the next open stage when that rule is on. `messages` gives
    columns that differ per person (Compose: each one's own subject, text and channel).
    """
    values, follow_up = interactions._clean(data)
    advance = interactions.auto_advance_enabled(db)
    with db.transaction() as session:
        people = live_ids(session, ids)
        outbound = values["direction"] == Direction.OUTBOUND.value
        marked = _marked(session, people) if outbound else []
        people, skipped = keep_or_refuse(
            people, [problem(session, DO_NOT_CONTACT, marked)], skip_problems
        )
        stages = interactions._first_and_next_stage(session) if advance and outbound else None
        advancing = _in_stage(session, people, stages[0]) if stages else []
        point = capture(
            session, [Columns("influencer", ("stage_id", "updated_at"), tuple(advancing))]
        )
        first = next_row_id(session, "interaction")
        first_follow_up = next_row_id(session, "follow_up")
        own = messages or {}
        rows = [
            {**values, **own.get(person, {}), "influencer_id": person, "created_at": utcnow()}
            for person in people
        ]
        report(progress, 1, 3, "Logging…")
        session.execute(insert(Interaction.__table__), rows)
        last = next_row_id(session, "interaction") - 1
        if follow_up is not None:
            _insert_follow_ups(session, people, follow_up, first)
        if advancing and stages:
            report(progress, 2, 3, "Moving to the next stage…")
            who = Influencer.id.in_(chosen(session, advancing))
            record_moves(session, who, stages[1], when=values["occurred_at"])
            update_people(session, advancing, stage_id=stages[1], updated_at=utcnow())
            last = next_row_id(session, "interaction") - 1
        point = with_new_rows(
            point, "follow_up", first_follow_up, next_row_id(session, "follow_up") - 1
        )
        point = with_new_rows(point, "interaction", first, last)
        # Those it moved on: their undo must not move back one a teammate moved since.
        point = rows_left(session, point, ("influencer",))
        summary = f"Logged the {_what(values)} with {people_count(len(people))}."
        if follow_up is not None:
            summary = summary[:-1] + f", with a follow-up on {day_text(follow_up['due'])}."
        if advancing:
            summary += f" {len(advancing):,} moved to the next stage."
        return BulkResult(
            summary + skipped_note(skipped),
            f"{_what(values)} logged with {people_count(len(people))}",
            tuple(people),
            0,
            skipped,
            point,
        )


def _what(values: dict) -> str:
    from infcrm.domain.enums import Channel

    return Channel(values["channel"]).in_sentence if values.get("channel") else "interaction"


def _in_stage(session: Session, ids: list[int], stage_id: int) -> list[int]:
    query = select(Influencer.id).where(
        Influencer.id.in_(chosen(session, ids)), Influencer.stage_id == stage_id
    )
    found = set(session.execute(query).scalars())
    return [i for i in ids if i in found]


def _insert_follow_ups(
    session: Session, people: list[int], follow_up: dict, first_interaction: int | None
) -> None:
    """One open follow-up per person; with `first_interaction`, each points at the person's
    interaction (inserted in the same order, so the ids run alongside)."""
    rows = [
        {
            "influencer_id": person,
            "due_date": follow_up["due"],
            "due_time": follow_up["due_time"],
            "note": follow_up["note"],
            "status": STATUS_OPEN,
            "interaction_id": None if first_interaction is None else first_interaction + n,
            "created_at": utcnow(),
        }
        for n, person in enumerate(people)
    ]
    if rows:
        session.execute(insert(FollowUp.__table__), rows)


def add_follow_up(
    db: Database,
    ids: Sequence[int],
    due: date,
    note: str | None = None,
    *,
    due_time: time | None = None,
    progress: Reporter | None = None,
) -> BulkResult:
    """Set the same follow-up with everyone."""
    check = FieldChecker()
    due, due_time, note = followups.check_follow_up(check, due, due_time, note)
    check.raise_if_errors()
    with db.transaction() as session:
        people = live_ids(session, ids)
        first = next_row_id(session, "follow_up")
        report(progress, 1, 2, "Setting follow-ups…")
        _insert_follow_ups(session, people, {"due": due, "due_time": due_time, "note": note}, None)
        point = with_new_rows(
            capture(session, []), "follow_up", first, next_row_id(session, "follow_up") - 1
        )
        assert due is not None
        return BulkResult(
            f"Set a follow-up on {day_text(due)} with {people_count(len(people))}.",
            f"follow-up with {people_count(len(people))}",
            tuple(people),
            0,
            0,
            point,
        )


__all__ = ["DO_NOT_CONTACT", "add_follow_up", "add_to_campaign", "log_interaction"]
