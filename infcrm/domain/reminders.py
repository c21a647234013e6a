"""When a follow-up reminds: at its due time, or in the morning of its day when it has none.

Shared by the reminders shown while infcrm runs and by the alarms of the .ics export, so the
desktop and the calendar app remind at the same moment. Times are the user's local wall clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

# A follow-up due on a day without a time reminds at the start of an ordinary working day.
ALL_DAY_REMINDER = time(9, 0)


def remind_at(due_date: date, due_time: time | None) -> datetime:
    """The local moment a follow-up due then reminds."""
    return datetime.combine(due_date, due_time or ALL_DAY_REMINDER)


def all_day_offset() -> timedelta:
    """How long after the start of its day an all-day follow-up reminds (an alarm's trigger)."""
    return datetime.combine(date.min, ALL_DAY_REMINDER) - datetime.combine(date.min, time())


@dataclass
class ReminderLog:
    """Which reminders have been shown, so each fires once: at its moment, never before, never
    twice. A snoozed follow-up has a new moment, and reminds again then."""

    shown: set[tuple[int, datetime]] = field(default_factory=set)

    def due(self, follow_ups: Iterable[tuple[int, date, time | None]], now: datetime) -> list[int]:
        """The ids of (id, due date, due time) whose moment has come and that were not shown;
        they count as shown from now on."""
        fired = []
        for follow_up_id, due_date, due_time in follow_ups:
            key = (follow_up_id, remind_at(due_date, due_time))
            if key[1] <= now and key not in self.shown:
                self.shown.add(key)
                fired.append(follow_up_id)
        return fired


__all__ = ["ALL_DAY_REMINDER", "ReminderLog", "all_day_offset", "remind_at"]
