"""Lists of follow-ups: the follow-ups screen's sections, what is due, a person's follow-ups.

Due dates are calendar dates in the user's own time zone, so every function that decides what
is due takes `today` (and instants take `now`, timezone-aware) from the caller: the screen
passes the local date, tests pass dates around midnight in any zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.db.outreach_models import STATUS_DONE, STATUS_OPEN, FollowUp
from infcrm.services.common import as_utc, from_storage, not_trashed, owned_by, waiting_among
from infcrm.services.outreach.followups import stale_after_days
from infcrm.services.outreach.outreach_types import FollowUpBucket, FollowUpBuckets, FollowUpRow

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
    FollowUp.created_by,
)


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


def _rows(session: Session, stmt, cutoff: datetime | None, named: bool) -> tuple[FollowUpRow, ...]:
    """The rows `stmt` finds; who set each only when names tell (`Database.names_tell`)."""
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
            set_by=r.created_by if named else None,
        )
        for r in found
    )


def mine(me: str | None) -> ColumnElement[bool]:
    """ "Mine only": the follow-ups `me` set, and those on the people `me` owns (whoever set
    them: the owner is the one who chases their people). None of them when no name is known."""
    name = (me or "").strip()
    if not name:
        return false()
    return or_(
        FollowUp.created_by == name,
        FollowUp.influencer_id.in_(select(Influencer.id).where(owned_by(name))),
    )


def _base(me: str | None = None, only_mine: bool = False):
    stmt = (
        select(*_ROW_COLUMNS)
        .join(Influencer, Influencer.id == FollowUp.influencer_id)
        .where(not_trashed(FollowUp.influencer_id))
    )
    return stmt.where(mine(me)) if only_mine else stmt


def _counts(*columns: ColumnElement, me: str | None = None, only_mine: bool = False):
    stmt = select(*columns).select_from(FollowUp).where(not_trashed(FollowUp.influencer_id))
    return stmt.where(mine(me)) if only_mine else stmt


def bucket_rows(
    db: Database,
    bucket: str,
    today: date,
    offset: int = 0,
    limit: int = 200,
    *,
    now: datetime | None = None,
    only_mine: bool = False,
) -> tuple[FollowUpRow, ...]:
    """Rows `offset`… of one section (a name in BUCKETS), in the screen's order ("show more");
    `only_mine`: those of the name this computer signs with (see `mine`)."""
    moment = now or datetime.now(UTC)
    cutoff = as_utc(moment) - timedelta(days=stale_after_days(db))
    stmt = (
        _base(db.author, only_mine)
        .where(_bucket_condition(bucket, today, moment))
        .order_by(*_order(bucket))
        .offset(offset)
        .limit(limit)
    )
    with db.reader() as session:
        return _rows(session, stmt, cutoff, db.names_tell)


def buckets(
    db: Database,
    today: date,
    *,
    now: datetime | None = None,
    per_bucket: int = 200,
    only_mine: bool = False,
) -> FollowUpBuckets:
    """The follow-ups screen: the first `per_bucket` rows of each section and its total.

    overdue: open, due before `today`; today: open, due `today`; this_week: open, due after
    today up to the Sunday ending today's ISO week (empty on Sundays); later: open, due after
    that Sunday; done_recent: done in the 14 days before `now`, newest first. Open sections are
    sorted by due date and time. People in the trash are left out. `only_mine`: only the
    follow-ups of the name this computer signs with (see `mine`).
    """
    moment = now or datetime.now(UTC)
    cutoff = as_utc(moment) - timedelta(days=stale_after_days(db))
    found = {}
    with db.reader() as session:
        for name in BUCKETS:
            condition = _bucket_condition(name, today, moment)
            # One count per section: each is a range of an index, where a single pass with
            # CASE would read every follow-up ever set.
            counted = _counts(func.count(), me=db.author, only_mine=only_mine)
            total = session.execute(counted.where(condition)).scalar_one()
            stmt = (
                _base(db.author, only_mine)
                .where(condition)
                .order_by(*_order(name))
                .limit(per_bucket)
            )
            rows = _rows(session, stmt, cutoff, db.names_tell) if total else ()
            found[name] = FollowUpBucket(rows=rows, total=int(total))
    return FollowUpBuckets(**found)


def due_counts(db: Database, today: date, *, only_mine: bool = False) -> tuple[int, int]:
    """(due today, overdue): the open follow-ups the sidebar counts; `only_mine`: those of
    the name this computer signs with (see `mine`), as the screen shows with “Mine only”."""
    stmt = _counts(
        func.coalesce(func.sum(case((FollowUp.due_date == today, 1), else_=0)), 0),
        func.coalesce(func.sum(case((FollowUp.due_date < today, 1), else_=0)), 0),
        me=db.author,
        only_mine=only_mine,
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
        return list(_rows(session, stmt, cutoff, db.names_tell))


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
            rows = _rows(session, stmt, None, db.names_tell)
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
    "bucket_rows",
    "buckets",
    "count_open",
    "due_counts",
    "follow_ups_of",
    "iter_open",
    "mine",
    "week_end",
]
