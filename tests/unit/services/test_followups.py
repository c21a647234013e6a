"""Follow-ups on a real SQLite file: buckets, due counts, snooze and waiting, around midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services.outreach import follow_up_lists, followups, interactions, pipeline
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

KIRITIMATI = timezone(timedelta(hours=14))  # UTC+14, the first place where a day starts
BAKER_ISLAND = timezone(timedelta(hours=-12))  # UTC−12, the last
# One instant: already Saturday 7 Nov 2026 in UTC+14, still Friday 6 Nov in UTC−12.
INSTANT = datetime(2026, 11, 6, 12, 30, tzinfo=UTC)


def _person(db: Database, name: str = "Mia Bakes") -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name=name,
            accounts=(AccountInput(platform="instagram", handle=name.lower().replace(" ", ".")),),
        ),
    )


def _names(bucket) -> list[str]:
    return [row.note or "" for row in bucket.rows]


def test_the_same_instant_is_a_different_day_in_each_zone(db: Database) -> None:
    east_today = INSTANT.astimezone(KIRITIMATI).date()
    west_today = INSTANT.astimezone(BAKER_ISLAND).date()
    assert (east_today, west_today) == (date(2026, 11, 7), date(2026, 11, 6))
    person = _person(db)
    followups.add_follow_up(db, person, date(2026, 11, 6), "due Friday")
    followups.add_follow_up(db, person, date(2026, 11, 7), "due Saturday")

    east = follow_up_lists.buckets(db, east_today, now=INSTANT)
    assert _names(east.overdue) == ["due Friday"]
    assert _names(east.today) == ["due Saturday"]
    assert follow_up_lists.due_counts(db, east_today) == (1, 1)

    west = follow_up_lists.buckets(db, west_today, now=INSTANT)
    assert _names(west.overdue) == []
    assert _names(west.today) == ["due Friday"]
    assert _names(west.this_week) == ["due Saturday"]
    assert follow_up_lists.due_counts(db, west_today) == (1, 0)


def test_one_minute_past_midnight_moves_today_to_overdue(db: Database) -> None:
    person = _person(db)
    followups.add_follow_up(db, person, date(2026, 11, 6), "call her")
    before = datetime(2026, 11, 6, 23, 59, tzinfo=BAKER_ISLAND)
    after = before + timedelta(minutes=2)
    assert follow_up_lists.due_counts(db, before.date()) == (1, 0)
    assert follow_up_lists.due_counts(db, after.astimezone(BAKER_ISLAND).date()) == (0, 1)


def test_buckets_split_the_iso_week_and_show_who_and_which_account(db: Database) -> None:
    person = _person(db)
    wednesday = date(2026, 11, 4)
    for offset, note in ((-1, "overdue"), (0, "today"), (1, "thu"), (4, "sun"), (5, "next mon")):
        followups.add_follow_up(db, person, wednesday + timedelta(days=offset), note)
    done = followups.add_follow_up(db, person, date(2026, 11, 1), "done one")
    followups.mark_done(db, done, now=datetime(2026, 11, 2, 8, tzinfo=UTC))
    result = follow_up_lists.buckets(db, wednesday, now=datetime(2026, 11, 4, 12, tzinfo=UTC))
    assert _names(result.overdue) == ["overdue"]
    assert _names(result.today) == ["today"]
    assert _names(result.this_week) == ["thu", "sun"]
    assert _names(result.later) == ["next mon"]
    assert _names(result.done_recent) == ["done one"]
    row = result.today.rows[0]
    assert (row.influencer_name, row.handle, row.platform) == (
        "Mia Bakes",
        "mia.bakes",
        "instagram",
    )
    # On a Sunday nothing is left of the week: tomorrow is "later".
    sunday = follow_up_lists.buckets(
        db, date(2026, 11, 8), now=datetime(2026, 11, 8, 12, tzinfo=UTC)
    )
    assert sunday.this_week.total == 0 and _names(sunday.later) == ["next mon"]


def test_buckets_are_capped_but_totals_count_everything(db: Database) -> None:
    person = _person(db)
    for day in range(1, 8):
        followups.add_follow_up(db, person, date(2026, 10, day), f"old {day}")
    result = follow_up_lists.buckets(db, date(2026, 11, 4), per_bucket=3)
    assert result.overdue.total == 7 and _names(result.overdue) == ["old 1", "old 2", "old 3"]
    more = follow_up_lists.bucket_rows(db, "overdue", date(2026, 11, 4), offset=3, limit=10)
    assert [r.note for r in more] == ["old 4", "old 5", "old 6", "old 7"]


def test_snooze_moves_the_date_and_remembers_the_first_one(db: Database) -> None:
    person = _person(db)
    item = followups.add_follow_up(db, person, date(2026, 11, 2), "send rates")
    followups.snooze(db, item, date(2026, 11, 5))
    followups.snooze(db, item, date(2026, 11, 12))
    [row] = follow_up_lists.follow_ups_of(db, person)
    assert (row.due_date, row.snoozed_from) == (date(2026, 11, 12), date(2026, 11, 2))
    assert follow_up_lists.due_counts(db, date(2026, 11, 6)) == (0, 0)
    followups.mark_done(db, item)
    with pytest.raises(InvalidInput, match="already done"):
        followups.snooze(db, item, date(2026, 11, 20))
    followups.reopen(db, item)
    assert follow_up_lists.follow_ups_of(db, person)[0].status == "open"


def test_a_follow_up_needs_a_day_and_a_short_note(db: Database) -> None:
    person = _person(db)
    with pytest.raises(InvalidInput) as caught:
        followups.add_follow_up(db, person, "tomorrow", "x" * 3000)  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"due_date", "note"}
    assert follow_up_lists.follow_ups_of(db, person) == []
    timed = followups.add_follow_up(db, person, date(2026, 11, 2), "call", due_time=time(15, 30))
    assert follow_up_lists.follow_ups_of(db, person)[0].due_time == time(15, 30)
    followups.delete_follow_up(db, timed)
    assert follow_up_lists.follow_ups_of(db, person) == []


def test_trashed_people_leave_the_follow_ups_screen(db: Database) -> None:
    person = _person(db)
    followups.add_follow_up(db, person, date(2026, 11, 2), "x")
    influencers.trash(db, [person])
    assert follow_up_lists.due_counts(db, date(2026, 11, 2)) == (0, 0)
    assert follow_up_lists.buckets(db, date(2026, 11, 2)).today.total == 0


def _log(db: Database, person: int, direction: str, when: datetime) -> None:
    interactions.log_interaction(
        db,
        InteractionInput(
            influencer_id=person, channel="email", direction=direction, occurred_at=when
        ),
    )


def test_waiting_means_we_wrote_n_days_ago_and_heard_nothing_since(db: Database) -> None:
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    silent = _person(db, "Silent")
    replied = _person(db, "Replied")
    recent = _person(db, "Recent")
    nudged = _person(db, "Nudged")
    _log(db, silent, "outbound", now - timedelta(days=8))
    _log(db, replied, "outbound", now - timedelta(days=9))
    _log(db, replied, "inbound", now - timedelta(days=2))
    _log(db, recent, "outbound", now - timedelta(days=3))
    _log(db, nudged, "outbound", now - timedelta(days=12))  # no reply, and a second nudge
    _log(db, nudged, "outbound", now - timedelta(days=1))
    assert followups.stale_after_days(db) == 7
    assert followups.waiting_ids(db, now) == {silent, nudged}
    assert followups.waiting_ids(db, now, 2) == {silent, recent, nudged}
    followups.set_stale_after_days(db, 10)
    assert followups.waiting_ids(db, now) == {nudged}
    assert followups.waiting_ids(db, now, among=[silent, replied]) == set()
    with pytest.raises(InvalidInput):
        followups.set_stale_after_days(db, 0)


def test_declined_people_are_not_waiting(db: Database) -> None:
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    person = _person(db)
    _log(db, person, "outbound", now - timedelta(days=30))
    assert followups.waiting_ids(db, now) == {person}
    declined = next(s.id for s in influencers.stages(db) if s.name == "Declined")
    pipeline.move_to_stage(db, person, declined)
    assert followups.waiting_ids(db, now) == set()


def test_snoozing_by_days_counts_from_the_due_date_a_teammate_moved_it_to(
    db: Database, ana: Database
) -> None:
    today = date(2026, 6, 1)
    follow_up = followups.add_follow_up(db, _person(db), today, "Call")
    followups.snooze(ana, follow_up, date(2026, 6, 8))  # Ana put it off a week

    # Sam's screen still shows 1 June: "a day later" is a day after it is due now.
    followups.snooze_for(db, follow_up, 1, today=today)

    with db.reader() as session:
        due = session.execute(
            text("SELECT due_date FROM follow_up WHERE id = :id"), {"id": follow_up}
        ).scalar_one()
    assert str(due) == "2026-06-09"
