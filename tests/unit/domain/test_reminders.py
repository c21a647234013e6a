"""A follow-up reminds once, at its moment: the due time, or 09:00 on a day without one."""

from __future__ import annotations

from datetime import date, datetime, time

from infcrm.domain.reminders import ReminderLog, remind_at

DAY = date(2026, 11, 30)


def test_a_follow_up_due_at_ten_fires_once_at_ten_not_before_and_not_twice() -> None:
    log = ReminderLog()
    due = [(7, DAY, time(10, 0))]
    assert log.due(due, datetime(2026, 11, 30, 9, 59, 59)) == []
    assert log.due(due, datetime(2026, 11, 30, 10, 0)) == [7]
    assert log.due(due, datetime(2026, 11, 30, 10, 0, 30)) == []
    assert log.due(due, datetime(2026, 11, 30, 18, 0)) == []


def test_a_snoozed_follow_up_reminds_again_on_its_new_day() -> None:
    log = ReminderLog()
    assert log.due([(7, DAY, None)], datetime(2026, 11, 30, 9, 0)) == [7]
    snoozed = [(7, date(2026, 12, 1), None)]
    assert log.due(snoozed, datetime(2026, 11, 30, 23, 0)) == []
    assert log.due(snoozed, datetime(2026, 12, 1, 9, 0)) == [7]


def test_a_day_without_a_time_reminds_in_the_morning() -> None:
    assert remind_at(DAY, None) == datetime(2026, 11, 30, 9, 0)
