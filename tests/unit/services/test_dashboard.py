"""The dashboard's figures on a real SQLite file, and on the demo database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from infcrm.db.engine import Database
from infcrm.services.outreach import (
    dashboard,
    follow_up_lists,
    followups,
    history,
    interactions,
    pipeline,
)
from infcrm.services.outreach.outreach_types import (
    ENTRY_MESSAGE,
    ENTRY_STAGE_CHANGE,
    BoardQuery,
    InteractionInput,
)
from infcrm.services.people import bulk, influencers
from infcrm.services.people.influencer_types import InfluencerInput

TOKYO = timezone(timedelta(hours=9))


def _person(db: Database, name: str) -> int:
    return influencers.create(db, InfluencerInput(display_name=name))


def _log(db: Database, person: int, when: datetime, direction: str = "inbound") -> None:
    interactions.log_interaction(
        db,
        InteractionInput(
            influencer_id=person,
            channel="email",
            direction=direction,
            occurred_at=when,
            subject="Hello",
        ),
    )


def test_summary_counts_what_is_due_the_stages_and_this_weeks_messages(db: Database) -> None:
    now = datetime(2026, 11, 4, 10, tzinfo=TOKYO)  # Wednesday in Tokyo
    today = now.date()
    db.sign_as("Ana")
    mia, kofi, gone = _person(db, "Mia"), _person(db, "Kofi"), _person(db, "Gone")
    followups.add_follow_up(db, mia, today)
    followups.add_follow_up(db, kofi, today - timedelta(days=3))
    followups.add_follow_up(db, kofi, today + timedelta(days=1))
    followups.add_follow_up(db, gone, today)
    # Within the last seven days (Tokyo time); the Saturday before is 7½ days ago.
    _log(db, mia, datetime(2026, 11, 2, 0, 30, tzinfo=TOKYO))
    _log(db, kofi, datetime(2026, 10, 28, 9, 30, tzinfo=TOKYO))  # 7 days and 30 minutes ago
    _log(db, kofi, datetime(2026, 11, 3, 12, tzinfo=TOKYO), direction="outbound")  # + a move
    _log(db, gone, datetime(2026, 11, 3, 12, tzinfo=TOKYO))
    influencers.trash(db, [gone])

    db.sign_as("Ben")  # a teammate reads it: names tell who did what
    result = dashboard.summary(db, today, now=now)
    assert (result.due_today, result.overdue) == (1, 1)
    assert result.interactions_last_7_days == 2  # stage changes and trashed people not counted
    counts = {c.stage.name: c.count for c in result.stage_counts}
    assert counts["Prospect"] == 1 and counts["Contacted"] == 1 and counts["Agreed"] == 0
    assert [c.stage.name for c in result.stage_counts][-2:] == ["Declined", "Not a fit"]
    newest = result.recent[0]
    assert newest.kind == ENTRY_STAGE_CHANGE and newest.influencer_id == kofi
    assert newest.title == "Ana moved Kofi from Prospect to Contacted"
    assert (
        result.recent[1].kind == ENTRY_MESSAGE and result.recent[1].title == "Email to Kofi: Hello"
    )
    assert all(entry.influencer_name != "Gone" for entry in result.recent)


def test_the_demo_database_has_history_in_every_stage_that_agrees_with_it(
    demo_db: Database,
) -> None:
    now = datetime.now(UTC)
    result = dashboard.summary(demo_db, now.astimezone().date(), now=now)
    assert len(result.recent) == 15
    assert sum(c.count for c in result.stage_counts) == 60
    assert result.due_today + result.overdue > 0
    board = pipeline.board(demo_db, BoardQuery())
    assert any(card.waiting for column in board for card in column.cards)
    for column in board:
        for card in column.cards[:5]:
            moves = [e for e in history.timeline(demo_db, card.id) if e.kind == ENTRY_STAGE_CHANGE]
            if column.stage.position == 0:
                assert moves == []
            else:  # the latest move in their history led to the stage they are in
                assert moves[0].title.endswith(f"to {column.stage.name}")
    assert follow_up_lists.buckets(demo_db, date.today()).later.total > 0


def test_a_monday_morning_still_counts_the_last_seven_days(db: Database) -> None:
    """It read 0 every Monday: the count started at Monday midnight."""
    now = datetime(2026, 11, 30, 8, tzinfo=TOKYO)  # Monday, 8 in the morning
    mia = _person(db, "Mia")
    _log(db, mia, datetime(2026, 11, 29, 18, tzinfo=TOKYO))  # Sunday evening
    _log(db, mia, datetime(2026, 11, 24, 10, tzinfo=TOKYO), direction="outbound")  # Tuesday
    _log(db, mia, datetime(2026, 11, 23, 7, tzinfo=TOKYO))  # a week and an hour ago
    result = dashboard.summary(db, now.date(), now=now)
    assert result.interactions_last_7_days == 2


def test_weeks_count_outreach_and_replies_from_monday_to_sunday(db: Database) -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=TOKYO)  # Wednesday
    mia, kofi = _person(db, "Mia"), _person(db, "Kofi")
    _log(db, mia, datetime(2026, 11, 23, 0, 30, tzinfo=TOKYO), direction="outbound")  # Monday
    _log(db, kofi, datetime(2026, 11, 24, 9, tzinfo=TOKYO), direction="outbound")
    _log(db, kofi, datetime(2026, 11, 25, 9, tzinfo=TOKYO))  # a reply this week
    _log(db, mia, datetime(2026, 11, 22, 23, 30, tzinfo=TOKYO))  # Sunday: the week before
    _log(db, mia, datetime(2026, 9, 1, 12, tzinfo=TOKYO))  # long before the chart
    result = dashboard.summary(db, now.date(), now=now)
    weeks = result.weeks
    assert len(weeks) == dashboard.WEEKS_SHOWN
    assert weeks[-1].week_start == date(2026, 11, 23)
    assert weeks[0].week_start == date(2026, 11, 23) - timedelta(weeks=len(weeks) - 1)
    assert (weeks[-1].outreach, weeks[-1].replies) == (2, 1)
    assert (weeks[-2].outreach, weeks[-2].replies) == (0, 1)
    assert sum(w.outreach + w.replies for w in weeks) == 4


def test_a_bulk_move_shows_in_recent_activity_as_one_line(db: Database) -> None:
    people = [_person(db, name) for name in ("Mia", "Kofi", "Lena")]
    db.sign_as("Ana")
    contacted = next(s.id for s in influencers.stages(db) if s.name == "Contacted")
    bulk.set_stage(db, people, contacted)
    recent = dashboard.summary(db, date.today()).recent
    assert [e.title for e in recent] == ["Ana moved 3 people to Contacted"]
    assert recent[0].kind == ENTRY_STAGE_CHANGE and recent[0].influencer_id == people[0]
    influencers.trash(db, people[:1])  # opens the first mover still there
    assert dashboard.summary(db, date.today()).recent[0].influencer_id == people[1]
