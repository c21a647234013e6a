"""One way to write dates and times for people, in the interface's language (English).

Month and weekday names come from this table, not from the C library's locale: with a German
system locale, strftime("%b") wrote "Mär" inside the English interface.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_text(day: date, *, weekday: bool = False, year: bool = True) -> str:
    """E.g. "3 Apr 2026", "Fri 3 Apr 2026" or "3 Apr"."""
    text = f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


# Within this many days of today a date reads without its year: "3 Dec" can only mean the
# nearest 3 December, so a list of dates around today reads in one style whatever the year.
NEAR_DAYS = 183


def near_day_text(day: date, today: date) -> str:
    """A date near today without its year ("3 Dec", also across New Year), else with it."""
    return day_text(day, year=abs((day - today).days) >= NEAR_DAYS)


def long_day_text(day: date, *, weekday: bool = False) -> str:
    """E.g. "3 April 2026" or "Friday 3 April 2026"."""
    text = f"{day.day} {MONTHS_LONG[day.month - 1]} {day.year}"
    return f"{WEEKDAYS_LONG[day.weekday()]} {text}" if weekday else text


def moment_text(moment: datetime, *, weekday: bool = True) -> str:
    """E.g. "Fri 3 Apr 2026, 14:05" (the moment as given: convert to local time first)."""
    return f"{day_text(moment.date(), weekday=weekday)}, {moment:%H:%M}"


__all__ = ["NEAR_DAYS", "day_text", "long_day_text", "moment_text", "near_day_text"]
