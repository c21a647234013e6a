"""Exporting open follow-ups to .ics and reading the file back with the same package."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from infcrm.db.engine import Database
from infcrm.files.ics_export import export_follow_ups
from infcrm.services.outreach import followups
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.services.progress import Cancelled


def _person(db: Database, name: str, handle: str) -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name=name, accounts=(AccountInput(platform="instagram", handle=handle),)
        ),
    )


def _read(path: Path) -> list[icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk() if c.name in ("VEVENT", "VTODO")]


def test_each_open_follow_up_becomes_an_event_with_name_and_note(
    db: Database, tmp_path: Path
) -> None:
    mia = _person(db, "Mia Bakes", "mia.bakes")
    kofi = _person(db, "Kofi, the runner; ok", "kofi.runs")
    followups.add_follow_up(db, mia, date(2026, 11, 25), "Ask how the cookies went")
    followups.add_follow_up(db, kofi, date(2026, 11, 26), None, due_time=time(15, 30))
    done = followups.add_follow_up(db, mia, date(2026, 11, 1), "done already")
    followups.mark_done(db, done)
    target = tmp_path / "follow-ups.ics"

    assert export_follow_ups(db, target) == 2
    first, second = _read(target)
    assert str(first["SUMMARY"]) == "Follow up: Mia Bakes"
    assert "Ask how the cookies went" in str(first["DESCRIPTION"])
    assert "mia.bakes on Instagram" in str(first["DESCRIPTION"])
    assert first.decoded("DTSTART") == date(2026, 11, 25)  # an all-day event
    assert first.decoded("DTEND") == date(2026, 11, 26)
    assert str(second["SUMMARY"]) == "Follow up: Kofi, the runner; ok"  # escaping survives
    assert second.decoded("DTSTART") == datetime(2026, 11, 26, 15, 30)  # floating local time
    assert second.decoded("DTEND") - second.decoded("DTSTART") == timedelta(minutes=30)
    assert not list(tmp_path.glob(".*tmp")), "no temporary file left behind"


def test_uids_are_stable_across_exports_and_todos_carry_the_due_date(
    db: Database, tmp_path: Path
) -> None:
    mia = _person(db, "Mia Bakes", "mia.bakes")
    followups.add_follow_up(db, mia, date(2026, 11, 25), "x")
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    export_follow_ups(db, one, now=datetime(2026, 11, 1, tzinfo=UTC))
    export_follow_ups(db, two, as_todos=True, now=datetime(2026, 11, 2, tzinfo=UTC))
    [event], [todo] = _read(one), _read(two)
    assert event["UID"] == todo["UID"]
    assert todo.name == "VTODO" and todo.decoded("DUE") == date(2026, 11, 25)
    assert str(todo["STATUS"]) == "NEEDS-ACTION"


def test_an_empty_list_still_writes_a_calendar_that_opens(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "empty.ics"
    assert export_follow_ups(db, target) == 0
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["PRODID"]).startswith("-//infcrm")
    assert _read(target) == []


def test_a_cancelled_export_leaves_the_old_file_as_it_was(db: Database, tmp_path: Path) -> None:
    mia = _person(db, "Mia Bakes", "mia.bakes")
    for day in range(1, 29):
        for _ in range(25):
            followups.add_follow_up(db, mia, date(2026, 12, day))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "calendar.ics"
    target.write_bytes(b"old calendar")
    seen: list[tuple[int, int]] = []

    class CancelAfterFirst:
        def report(self, done: int, total: int, text: str = "") -> None:
            seen.append((done, total))
            raise Cancelled

    with pytest.raises(Cancelled):
        export_follow_ups(db, target, progress=CancelAfterFirst())
    assert seen == [(500, 700)]
    assert target.read_bytes() == b"old calendar"
    assert [p.name for p in folder.iterdir()] == ["calendar.ics"]


@pytest.mark.parametrize("as_todos", [False, True])
def test_every_follow_up_carries_an_alarm_at_the_moment_infcrm_reminds(
    db: Database, tmp_path: Path, as_todos: bool
) -> None:
    mia = _person(db, "Mia Bakes", "mia.bakes")
    followups.add_follow_up(db, mia, date(2026, 11, 25), "Ask how the cookies went")
    followups.add_follow_up(db, mia, date(2026, 11, 26), None, due_time=time(15, 30))
    target = tmp_path / "follow-ups.ics"
    export_follow_ups(db, target, as_todos=as_todos)

    all_day, timed = _read(target)
    (first,) = [c for c in all_day.walk() if c.name == "VALARM"]
    (second,) = [c for c in timed.walk() if c.name == "VALARM"]
    assert str(first["ACTION"]) == "DISPLAY"
    assert str(first["DESCRIPTION"]) == "Follow up: Mia Bakes"
    assert first.decoded("TRIGGER") == timedelta(hours=9)  # 09:00 on the day
    assert second.decoded("TRIGGER") == timedelta(0)  # at the due time itself
    if as_todos:
        assert first["TRIGGER"].params["RELATED"] == "END"  # a to-do only has its due moment
