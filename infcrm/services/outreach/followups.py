"""Follow-ups: set, edit, mark done, reopen and snooze them; who is waiting for a reply.

The follow-ups screen's sections and other lists of follow-ups are read in follow_up_lists.

Due dates are calendar dates in the user's own time zone, so every function that decides what
is due takes `today` (and instants take `now`, timezone-aware) from the caller: the screen
passes the local date, tests pass dates around midnight in any zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import (
    STATUS_DONE,
    STATUS_OPEN,
    FollowUp,
)
from infcrm.domain.validation import FieldChecker, InvalidInput
from infcrm.services.common import (
    as_utc,
    not_trashed,
    waiting_among,
    waiting_condition,
)
from infcrm.services.maintenance import settings
from infcrm.services.outreach.outreach_types import (
    DEFAULT_STALE_AFTER_DAYS,
    STALE_AFTER_SETTING,
    stale_days_of,
)
from infcrm.services.people.influencers import NotFound, existing_person
from infcrm.services.restore_points import RestorePoint, Rows, capture, guarded

NOTE_MAX = 2_000


def check_follow_up(
    check: FieldChecker,
    due: object,
    due_time: object,
    note: object,
    *,
    date_field: str = "due_date",
    note_field: str = "note",
) -> tuple[date | None, time | None, str | None]:
    """Check a follow-up's date, time and note, recording errors under the given field names."""
    if isinstance(due, datetime) or not isinstance(due, date):
        check.add(date_field, "Choose the day to follow up on.")
        due = None
    if due_time is not None and not isinstance(due_time, time):
        check.add(date_field, "The follow-up time is not a time of day; choose one or leave it.")
        due_time = None
    text = check.text(note_field, note, label="Follow-up note", max_length=NOTE_MAX, multiline=True)
    return due, due_time, text


def insert_follow_up(
    session: Session,
    influencer_id: int,
    due: date,
    due_time: time | None,
    note: str | None,
    interaction_id: int | None = None,
) -> int:
    """Add an already-checked follow-up inside an open session; returns its id."""
    row = FollowUp(
        influencer_id=influencer_id,
        due_date=due,
        due_time=due_time,
        note=note,
        status=STATUS_OPEN,
        interaction_id=interaction_id,
    )
    session.add(row)
    session.flush()
    return row.id


def add_follow_up(
    db: Database,
    influencer_id: int,
    due: date,
    note: str | None = None,
    *,
    due_time: time | None = None,
) -> int:
    """Set a follow-up with an influencer on `due` (a local date); returns its id."""
    with db.transaction() as session:
        existing_person(session, influencer_id)
        check = FieldChecker()
        due, due_time, note = check_follow_up(check, due, due_time, note)
        check.raise_if_errors()
        assert due is not None  # checked above
        return insert_follow_up(session, influencer_id, due, due_time, note)


def _load(session: Session, follow_up_id: int) -> FollowUp:
    row = session.get(FollowUp, follow_up_id)
    if row is None:
        raise NotFound("This follow-up no longer exists; it may have been removed.")
    return row


def _point(session: Session, follow_up_id: int) -> RestorePoint:
    """The follow-up as it is, to take a change back (every change below returns one)."""
    return capture(session, [Rows("follow_up", "id", (follow_up_id,))])


def _left(session: Session, point: RestorePoint) -> RestorePoint:
    """`point` once the change is written, knowing the follow-up as the change left it: an
    undo then refuses to write over a teammate's later change (people/undo_rows_guard.py)."""
    session.flush()
    return guarded(session, point, ("follow_up",))


def update_follow_up(
    db: Database, follow_up_id: int, due: date, note: str | None, *, due_time: time | None = None
) -> RestorePoint:
    """Change a follow-up's date, time and note."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        check = FieldChecker()
        due, due_time, note = check_follow_up(check, due, due_time, note)
        check.raise_if_errors()
        row.due_date, row.due_time, row.note = due, due_time, note
        return _left(session, point)


def mark_done(db: Database, follow_up_id: int, *, now: datetime | None = None) -> RestorePoint:
    """Tick a follow-up off (doing it twice keeps the first time)."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        if row.status != STATUS_DONE:
            row.status, row.done_at = STATUS_DONE, as_utc(now)
        return _left(session, point)


def reopen(db: Database, follow_up_id: int) -> RestorePoint:
    """Put a done follow-up back on the list, with its due date unchanged."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        row.status, row.done_at = STATUS_OPEN, None
        return _left(session, point)


def snooze(db: Database, follow_up_id: int, until: date) -> RestorePoint:
    """Move an open follow-up to `until`, remembering the date it was first due."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        _snooze(row, until)
        return _left(session, point)


def snooze_for(db: Database, follow_up_id: int, days: int, *, today: date) -> RestorePoint:
    """Move an open follow-up `days` after today, or after its due date when that is later:
    its due date as saved now, which a teammate may have moved since a screen showed it
    (counting from the screen's date would take her later date back)."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        _snooze(row, max(today, row.due_date) + timedelta(days=days))
        return _left(session, point)


def _snooze(row: FollowUp, until: date) -> None:
    if row.status == STATUS_DONE:
        raise InvalidInput({"due_date": "This follow-up is already done; reopen it first."})
    if isinstance(until, datetime) or not isinstance(until, date):
        raise InvalidInput({"due_date": "Choose the day to snooze this follow-up to."})
    if until != row.due_date:
        row.snoozed_from = row.snoozed_from or row.due_date
        row.due_date = until


def delete_follow_up(db: Database, follow_up_id: int) -> RestorePoint:
    """Remove a follow-up (it was set by mistake); the point returned brings it back."""
    with db.transaction() as session:
        point = _point(session, follow_up_id)
        session.execute(delete(FollowUp).where(FollowUp.id == follow_up_id))
        return point


def stale_after_days(db: Database) -> int:
    """After how many days without a reply an influencer counts as waiting (a setting)."""
    return stale_days_of(settings.get(db, STALE_AFTER_SETTING, DEFAULT_STALE_AFTER_DAYS))


def checked_stale_after_days(days: int) -> int:
    """`days` if it can be the “waiting” delay; raises InvalidInput otherwise."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
        raise InvalidInput({STALE_AFTER_SETTING: "Choose a number of days between 1 and 365."})
    return days


def set_stale_after_days(db: Database, days: int) -> None:
    """Change the number of days without a reply after which someone counts as waiting."""
    settings.put(db, STALE_AFTER_SETTING, checked_stale_after_days(days))


def waiting_ids(
    db: Database, now: datetime, days: int | None = None, *, among: Iterable[int] | None = None
) -> set[int]:
    """Influencers we wrote to at least `days` days before `now` with no reply from them since.

    `days` defaults to the stale_after_days setting. People in closed stages (Declined, Not a
    fit) and in the trash are never waiting. `among` limits the answer to these ids (faster).
    """
    cutoff = as_utc(now) - timedelta(days=days or stale_after_days(db))
    with db.reader() as session:
        if among is not None:
            return waiting_among(session, among, cutoff)
        stmt = (
            select(Influencer.id)
            .join(Stage, Stage.id == Influencer.stage_id, isouter=True)
            .where(
                not_trashed(Influencer.id),
                or_(Stage.id.is_(None), ~Stage.is_closed),
                waiting_condition(Influencer.id, cutoff),
            )
        )
        return set(session.execute(stmt).scalars())


__all__ = [
    "add_follow_up",
    "checked_stale_after_days",
    "delete_follow_up",
    "mark_done",
    "reopen",
    "set_stale_after_days",
    "snooze",
    "stale_after_days",
    "update_follow_up",
    "waiting_ids",
]
