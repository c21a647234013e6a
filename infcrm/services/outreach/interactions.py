"""Logging interactions (by hand or from a saved email) and reading an influencer's timeline."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import KIND_MESSAGE, Interaction
from infcrm.domain.enums import Channel, Direction
from infcrm.domain.validation import FieldChecker, InvalidInput
from infcrm.services.changes import Changes
from infcrm.services.common import as_utc
from infcrm.services.maintenance import settings
from infcrm.services.outreach import followups
from infcrm.services.outreach.outreach_types import (
    AUTO_ADVANCE_SETTING,
    EmailFields,
    InteractionInput,
)
from infcrm.services.outreach.pipeline import record_stage_change
from infcrm.services.people.bulk import next_row_id, with_new_rows
from infcrm.services.people.influencers import existing_person
from infcrm.services.restore_points import Columns, RestorePoint, Undoable, capture, rows_left

SUBJECT_MAX = 300
OUTCOME_MAX = 300
SUMMARY_MAX = 100_000
# A little slack for clocks and time zones; beyond it a date in the future is a typing mistake.
FUTURE_SLACK = timedelta(days=1)


def auto_advance_enabled(db: Database) -> bool:
    """Whether logging outreach to someone in the first stage moves them to the next one."""
    return bool(settings.get(db, AUTO_ADVANCE_SETTING, True))


def set_auto_advance(db: Database, enabled: bool) -> None:
    """Turn the automatic move from the first stage on outreach on or off."""
    settings.put(db, AUTO_ADVANCE_SETTING, bool(enabled))


def _clean(data: InteractionInput) -> tuple[dict, dict | None]:
    """The interaction's columns and the follow-up to set (or None); raises InvalidInput."""
    check = FieldChecker()
    channel = check.choice("channel", data.channel, Channel, label="Channel", required=True)
    direction = check.choice(
        "direction", data.direction, Direction, label="Direction", required=True
    )
    occurred = None
    if data.occurred_at is not None and not isinstance(data.occurred_at, datetime):
        check.add("occurred_at", "Choose when this happened.")
    else:
        occurred = as_utc(data.occurred_at)
        if occurred > utcnow() + FUTURE_SLACK:
            check.add("occurred_at", "That date is in the future; log an interaction once it "
                      "has happened, and set a follow-up for what is planned.")  # fmt: skip
    values = {
        "influencer_id": data.influencer_id,
        "occurred_at": occurred,
        "kind": KIND_MESSAGE,
        "channel": channel.value if channel else None,
        "direction": direction.value if direction else None,
        "subject": check.text("subject", data.subject, label="Subject", max_length=SUBJECT_MAX),
        "summary": check.text(
            "summary", data.summary, label="Summary", max_length=SUMMARY_MAX, multiline=True
        ),
        "outcome": check.text("outcome", data.outcome, label="Outcome", max_length=OUTCOME_MAX),
        "campaign_id": check.int_range(
            "campaign_id", data.campaign_id, label="Campaign", minimum=1
        ),
    }
    follow_up = None
    if data.follow_up_due is not None:
        due, due_time, note = followups.check_follow_up(
            check,
            data.follow_up_due,
            data.follow_up_time,
            data.follow_up_note,
            date_field="follow_up_due",
            note_field="follow_up_note",
        )
        follow_up = {"due": due, "due_time": due_time, "note": note}
    elif data.follow_up_note and str(data.follow_up_note).strip():
        check.add("follow_up_due", "Choose a day for the follow-up, or clear its note.")
    check.raise_if_errors()
    return values, follow_up


def _first_and_next_stage(session: Session) -> tuple[int, int] | None:
    """(first active stage, the open stage after it), e.g. Prospect and Contacted."""
    stages = session.execute(
        select(Stage.id, Stage.is_closed).where(~Stage.archived).order_by(Stage.position, Stage.id)
    ).all()
    if not stages:
        return None
    following = next((s.id for s in stages[1:] if not s.is_closed), None)
    return (stages[0].id, following) if following is not None else None


def _save(
    db: Database, values: dict, follow_up: dict | None, raw_eml: bytes | None = None
) -> tuple[int, RestorePoint]:
    """Insert the interaction (and its follow-up), advancing the stage when the rule says so;
    its id, and the restore point that takes it all back."""
    advance = auto_advance_enabled(db)
    with db.transaction() as session:
        person = existing_person(session, values["influencer_id"])
        stages = _first_and_next_stage(session) if advance else None
        moves = (
            stages is not None
            and values["direction"] == Direction.OUTBOUND.value
            and person.stage_id == stages[0]
        )
        # Only a message that moves the person writes on them: its undo puts their stage
        # back, and nobody else's is touched.
        moved = (person.id,) if moves else ()
        point = capture(session, [Columns("influencer", ("stage_id", "updated_at"), moved)])
        first, first_follow_up = (
            next_row_id(session, "interaction"),
            next_row_id(session, "follow_up"),
        )
        row = Interaction(**values, source_eml=raw_eml)
        session.add(row)
        session.flush()
        if follow_up is not None:
            followups.insert_follow_up(
                session,
                person.id,
                follow_up["due"],
                follow_up["due_time"],
                follow_up["note"],
                interaction_id=row.id,
            )
        if moves and stages is not None:
            # Same instant as the message, recorded after it: the timeline shows it on top.
            record_stage_change(
                session, [person.id], stages[0], stages[1], when=values["occurred_at"]
            )
        session.flush()
        last_follow_up = next_row_id(session, "follow_up") - 1
        point = with_new_rows(point, "follow_up", first_follow_up, last_follow_up)
        point = with_new_rows(point, "interaction", first, next_row_id(session, "interaction") - 1)
        # The person it moved on: its undo must not move them back once a teammate has.
        point = rows_left(session, point, ("influencer",))
        return row.id, point


def log_interaction(db: Database, data: InteractionInput) -> int:
    """Log an interaction (and the follow-up it asks for) in one transaction; returns its id.

    With the auto_advance_on_outreach setting on (the default), an outbound interaction with
    someone in the first stage (Prospect) moves them to the next open stage (Contacted), and
    the move is recorded as a stage change.
    """
    return int(log_interaction_undoable(db, data).value)


def log_interaction_undoable(db: Database, data: InteractionInput) -> Undoable:
    """Log an interaction as `log_interaction` does; its id (`value`), what changed, and the
    restore point that takes it back (the interaction, its follow-up and any stage move)."""
    return _undoable(db, data)


def _undoable(db: Database, data: InteractionInput, raw_eml: bytes | None = None) -> Undoable:
    values, follow_up = _clean(data)
    new_id, point = _save(db, values, follow_up, raw_eml)
    person = (data.influencer_id,)
    changes = Changes(people=person, pipeline=person, outreach=person, follow_ups=True)
    return Undoable(new_id, changes, point)


def _printable(text: str) -> str:
    """Text without control characters other than line breaks and tabs (mail bodies hold some)."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def _addresses_of(person: Influencer) -> set[str]:
    found = {person.email.lower()} if person.email else set()
    found.update(a.strip().lower() for a in (person.other_emails or "").split(",") if a.strip())
    return found


def log_parsed_email(
    db: Database,
    influencer_id: int,
    email: EmailFields,
    raw_bytes: bytes,
    *,
    direction: Direction | str | None = None,
    follow_up_due: date | None = None,
    follow_up_note: str | None = None,
) -> int:
    """Log a decoded email as an email interaction, keeping the original file verbatim; its id.

    The direction is inbound when the sender is one of the influencer's addresses, else
    outbound, unless given.
    """
    return int(
        log_parsed_email_undoable(
            db,
            influencer_id,
            email,
            raw_bytes,
            direction=direction,
            follow_up_due=follow_up_due,
            follow_up_note=follow_up_note,
        ).value
    )


def log_parsed_email_undoable(
    db: Database,
    influencer_id: int,
    email: EmailFields,
    raw_bytes: bytes,
    *,
    direction: Direction | str | None = None,
    follow_up_due: date | None = None,
    follow_up_note: str | None = None,
) -> Undoable:
    """`log_parsed_email` as one step of Edit › Undo: its id (`value`), what changed, and the
    restore point that takes back the interaction, its follow-up and any stage move."""
    with db.reader() as session:
        addresses = _addresses_of(existing_person(session, influencer_id))
    if direction is None:
        sender = (email.sender or "").lower()
        direction = Direction.INBOUND if sender in addresses else Direction.OUTBOUND
    body = _printable(email.body)
    if email.attachments:
        body += "\n\nAttachments: " + ", ".join(email.attachments)
    if len(body) > SUMMARY_MAX:
        body = body[: SUMMARY_MAX - 60] + "\n\n[…shortened; the original email is kept in full.]"
    when = email.when.astimezone(UTC) if email.when else datetime.now(UTC)
    subject = _printable(email.subject or "")
    data = InteractionInput(
        influencer_id=influencer_id,
        channel=Channel.EMAIL,
        direction=direction,
        occurred_at=min(when, datetime.now(UTC)),  # a sender's wrong clock is not our mistake
        subject=subject[: SUBJECT_MAX - 1] + "…" if len(subject) > SUBJECT_MAX else subject,
        summary=body.strip() or None,
        follow_up_due=follow_up_due,
        follow_up_note=follow_up_note,
    )
    return _undoable(db, data, bytes(raw_bytes))


def influencers_with_addresses(db: Database, addresses: Sequence[str | None]) -> list[int]:
    """Influencers (not in the trash) whose email or other emails are one of `addresses`.

    Those matching the first address (an email's sender) come first; case is ignored.
    """
    wanted = [a.lower() for a in addresses if a]
    if not wanted:
        return []
    first = (addresses[0] or "").lower() if addresses else ""
    like = [func.lower(Influencer.other_emails).contains(a, autoescape=True) for a in wanted]
    stmt = select(Influencer).where(
        Influencer.deleted_at.is_(None),
        or_(func.lower(Influencer.email).in_(wanted), *like),
    )
    with db.reader() as session:
        people = list(session.execute(stmt).scalars())
        # The LIKE above finds "ann@x.org" inside "joann@x.org" too; keep exact matches only.
        ranked = []
        for person in people:
            found = _addresses_of(person)
            if found.intersection(wanted):
                ranked.append((first not in found, person.display_name, person.id))
    return [person_id for *_, person_id in sorted(ranked)]


def delete_interaction(db: Database, interaction_id: int) -> None:
    """Remove a logged interaction (a follow-up set with it stays, unlinked)."""
    with db.transaction() as session:
        session.execute(delete(Interaction).where(Interaction.id == interaction_id))


__all__ = [
    "InvalidInput",
    "auto_advance_enabled",
    "delete_interaction",
    "influencers_with_addresses",
    "log_interaction",
    "log_parsed_email",
    "log_parsed_email_undoable",
    "set_auto_advance",
]
