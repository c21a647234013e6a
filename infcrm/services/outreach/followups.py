"""Follow-ups: set, edit, mark done, reopen and snooze them; the follow-ups screen's sections.

Due dates are calendar dates in the user's own time zone, so every function that decides what
is due takes `today` (and instants take `now`, timezone-aware) from the caller: the screen
passes the local date, tests pass dates around midnight in any zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case, delete, func, or_, select
from sqlalchemy.orm import Session, aliased

from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount, Stage
from infcrm.db.outreach_models import (
    STATUS_DONE,
    STATUS_OPEN,
    FollowUp,
)
from infcrm.domain.validation import FieldChecker, InvalidInput
from infcrm.services.common import (
    as_utc,
    from_storage,
    not_trashed,
    waiting_among,
    waiting_condition,
)
from infcrm.services.maintenance import settings
from infcrm.services.outreach.outreach_types import (
    DEFAULT_STALE_AFTER_DAYS,
    STALE_AFTER_SETTING,
    FollowUpBucket,
    FollowUpBuckets,
    FollowUpRow,
)
from infcrm.services.people.influencers import NotFound
from infcrm.services.restore_points import RestorePoint, Rows, capture

NOTE_MAX = 2_000
DONE_RECENT_DAYS = 14
BUCKETS = ("overdue", "today", "this_week", "later", "done_recent")

_main = aliased(SocialAccount, name="main_account")
# Plain columns, not ORM objects: a screenful of rows costs no object loading.
_ROW_COLUMNS = (
    FollowUp.id,
    FollowUp.influencer_id,
    FollowUp.due_date,
    FollowUp.due_time,
    FollowUp.note,
    FollowUp.status,
    FollowUp.done_at,
    FollowUp.snoozed_from,
)


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


def _person_exists(session: Session, influencer_id: int) -> None:
    if session.get(Influencer, influencer_id) is None:
        raise NotFound(f"This influencer (#{influencer_id}) no longer exists.")


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
        _person_exists(session, influencer_id)
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
        return point


def mark_done(db: Database, follow_up_id: int, *, now: datetime | None = None) -> RestorePoint:
    """Tick a follow-up off (doing it twice keeps the first time)."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        if row.status != STATUS_DONE:
            row.status, row.done_at = STATUS_DONE, as_utc(now)
        return point


def reopen(db: Database, follow_up_id: int) -> RestorePoint:
    """Put a done follow-up back on the list, with its due date unchanged."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        row.status, row.done_at = STATUS_OPEN, None
        return point


def snooze(db: Database, follow_up_id: int, until: date) -> RestorePoint:
    """Move an open follow-up to `until`, remembering the date it was first due."""
    with db.transaction() as session:
        row = _load(session, follow_up_id)
        point = _point(session, follow_up_id)
        if row.status == STATUS_DONE:
            raise InvalidInput({"due_date": "This follow-up is already done; reopen it first."})
        if isinstance(until, datetime) or not isinstance(until, date):
            raise InvalidInput({"due_date": "Choose the day to snooze this follow-up to."})
        if until != row.due_date:
            row.snoozed_from = row.snoozed_from or row.due_date
            row.due_date = until
        return point


def delete_follow_up(db: Database, follow_up_id: int) -> RestorePoint:
    """Remove a follow-up (it was set by mistake); the point returned brings it back."""
    with db.transaction() as session:
        point = _point(session, follow_up_id)
        session.execute(delete(FollowUp).where(FollowUp.id == follow_up_id))
        return point


def stale_after_days(db: Database) -> int:
    """After how many days without a reply an influencer counts as waiting (a setting)."""
    value = settings.get(db, STALE_AFTER_SETTING, DEFAULT_STALE_AFTER_DAYS)
    return value if isinstance(value, int) and value > 0 else DEFAULT_STALE_AFTER_DAYS


def set_stale_after_days(db: Database, days: int) -> None:
    """Change the number of days without a reply after which someone counts as waiting."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
        raise InvalidInput({STALE_AFTER_SETTING: "Choose a number of days between 1 and 365."})
    settings.put(db, STALE_AFTER_SETTING, days)


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


def week_end(today: date) -> date:
    """The Sunday ending today's ISO week (today itself on a Sunday)."""
    return today + timedelta(days=7 - today.isoweekday())


def _bucket_condition(bucket: str, today: date, now: datetime) -> ColumnElement[bool]:
    is_open = FollowUp.status == STATUS_OPEN
    return {
        "overdue": and_(is_open, FollowUp.due_date < today),
        "today": and_(is_open, FollowUp.due_date == today),
        "this_week": and_(is_open, FollowUp.due_date > today, FollowUp.due_date <= week_end(today)),
        "later": and_(is_open, FollowUp.due_date > week_end(today)),
        "done_recent": and_(
            FollowUp.status == STATUS_DONE,
            FollowUp.done_at >= as_utc(now) - timedelta(days=DONE_RECENT_DAYS),
        ),
    }[bucket]


def _order(bucket: str) -> list:
    if bucket == "done_recent":
        return [FollowUp.done_at.desc(), FollowUp.id.desc()]
    if bucket in ("today", "this_week"):
        return [FollowUp.due_date, FollowUp.due_time.nulls_last(), FollowUp.id]
    # Overdue and later can hold tens of thousands: the index order alone, without a sort.
    return [FollowUp.due_date, FollowUp.id]


def _rows(session: Session, stmt, cutoff: datetime | None) -> tuple[FollowUpRow, ...]:
    stmt = stmt.add_columns(
        Influencer.display_name, Influencer.do_not_contact, _main.handle, _main.platform
    ).outerjoin(_main, and_(_main.influencer_id == Influencer.id, _main.is_primary))
    found = session.execute(stmt).all()
    people = {r.influencer_id for r in found}
    waiting = waiting_among(session, people, cutoff) if cutoff is not None else set()
    return tuple(
        FollowUpRow(
            id=r.id,
            influencer_id=r.influencer_id,
            influencer_name=r.display_name,
            handle=r.handle,
            platform=r.platform,
            due_date=r.due_date,
            due_time=r.due_time,
            note=r.note,
            status=r.status,
            done_at=from_storage(r.done_at),
            snoozed_from=r.snoozed_from,
            waiting=r.influencer_id in waiting,
            do_not_contact=bool(r.do_not_contact),
        )
        for r in found
    )


def _base():
    return (
        select(*_ROW_COLUMNS)
        .join(Influencer, Influencer.id == FollowUp.influencer_id)
        .where(not_trashed(FollowUp.influencer_id))
    )


def _counts(*columns: ColumnElement):
    return select(*columns).select_from(FollowUp).where(not_trashed(FollowUp.influencer_id))


def bucket_rows(
    db: Database,
    bucket: str,
    today: date,
    offset: int = 0,
    limit: int = 200,
    *,
    now: datetime | None = None,
) -> tuple[FollowUpRow, ...]:
    """Rows `offset`… of one section (a name in BUCKETS), in the screen's order ("show more")."""
    moment = now or datetime.now(UTC)
    cutoff = as_utc(moment) - timedelta(days=stale_after_days(db))
    stmt = (
        _base()
        .where(_bucket_condition(bucket, today, moment))
        .order_by(*_order(bucket))
        .offset(offset)
        .limit(limit)
    )
    with db.reader() as session:
        return _rows(session, stmt, cutoff)


def buckets(
    db: Database, today: date, *, now: datetime | None = None, per_bucket: int = 200
) -> FollowUpBuckets:
    """The follow-ups screen: the first `per_bucket` rows of each section and its total.

    overdue: open, due before `today`; today: open, due `today`; this_week: open, due after
    today up to the Sunday ending today's ISO week (empty on Sundays); later: open, due after
    that Sunday; done_recent: done in the 14 days before `now`, newest first. Open sections are
    sorted by due date and time. People in the trash are left out.
    """
    moment = now or datetime.now(UTC)
    cutoff = as_utc(moment) - timedelta(days=stale_after_days(db))
    found = {}
    with db.reader() as session:
        for name in BUCKETS:
            condition = _bucket_condition(name, today, moment)
            # One count per section: each is a range of an index, where a single pass with
            # CASE would read every follow-up ever set.
            total = session.execute(_counts(func.count()).where(condition)).scalar_one()
            stmt = _base().where(condition).order_by(*_order(name)).limit(per_bucket)
            rows = _rows(session, stmt, cutoff) if total else ()
            found[name] = FollowUpBucket(rows=rows, total=int(total))
    return FollowUpBuckets(**found)


def due_counts(db: Database, today: date) -> tuple[int, int]:
    """(due today, overdue): the open follow-ups the sidebar counts."""
    stmt = _counts(
        func.coalesce(func.sum(case((FollowUp.due_date == today, 1), else_=0)), 0),
        func.coalesce(func.sum(case((FollowUp.due_date < today, 1), else_=0)), 0),
    )
    stmt = stmt.where(FollowUp.status == STATUS_OPEN, FollowUp.due_date <= today)
    with db.reader() as session:
        due_today, overdue = session.execute(stmt).one()
    return int(due_today), int(overdue)


def follow_ups_of(db: Database, influencer_id: int) -> list[FollowUpRow]:
    """One influencer's follow-ups: open ones by due date, then done ones newest first."""
    stmt = (
        select(*_ROW_COLUMNS)
        .join(Influencer, Influencer.id == FollowUp.influencer_id)
        .where(FollowUp.influencer_id == influencer_id)
        .order_by(
            (FollowUp.status == STATUS_DONE),
            FollowUp.due_date,
            FollowUp.done_at.desc(),
            FollowUp.id,
        )
    )
    cutoff = utcnow() - timedelta(days=stale_after_days(db))
    with db.reader() as session:
        return list(_rows(session, stmt, cutoff))


def iter_open(db: Database, batch: int = 2_000) -> Iterator[FollowUpRow]:
    """Every open follow-up of people not in the trash, in batches of short reads (for export).

    `waiting` is not worked out here and is always False.
    """
    last_id = 0
    while True:
        stmt = (
            _base()
            .where(FollowUp.status == STATUS_OPEN, FollowUp.id > last_id)
            .order_by(FollowUp.id)
            .limit(batch)
        )
        with db.reader() as session:
            rows = _rows(session, stmt, None)
        yield from rows
        if len(rows) < batch:
            return
        last_id = rows[-1].id


def count_open(db: Database) -> int:
    """How many open follow-ups there are (people in the trash left out)."""
    with db.reader() as session:
        stmt = _counts(func.count()).where(FollowUp.status == STATUS_OPEN)
        return session.execute(stmt).scalar_one()


def next_follow_ups(session: Session, ids: Iterable[int]) -> dict[int, date]:
    """The earliest open follow-up date of each of these influencers that has one."""
    wanted = list(ids)
    if not wanted:
        return {}
    stmt = (
        select(FollowUp.influencer_id, func.min(FollowUp.due_date))
        .where(FollowUp.influencer_id.in_(wanted), FollowUp.status == STATUS_OPEN)
        .group_by(FollowUp.influencer_id)
    )
    return {row[0]: row[1] for row in session.execute(stmt)}


__all__ = [
    "BUCKETS",
    "add_follow_up",
    "bucket_rows",
    "buckets",
    "count_open",
    "delete_follow_up",
    "due_counts",
    "follow_ups_of",
    "iter_open",
    "mark_done",
    "reopen",
    "set_stale_after_days",
    "snooze",
    "stale_after_days",
    "update_follow_up",
    "waiting_ids",
    "week_end",
]
