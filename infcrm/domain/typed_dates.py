"""Dates as people type them: “15/03/2027”, “15.3.27”, “2027-03-15”, “15 Mar”, “March 15”.

Day first, as the interface shows dates (“15 Mar 2027”). A date typed without a year means
this year; for a due date, one that has already passed this year means next year.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[./\-](\d{1,2})(?:[./\-](\d{2}|\d{4}))?\.?")
_DAY_MONTH = re.compile(r"(\d{1,2})\.?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?")
# A leading weekday (“Sun 15 Mar 2026”, as the date fields show dates) adds nothing.
_WEEKDAY = re.compile(r"(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+")
# What a date can look like while it is still being typed (digits, separators, month letters).
_PARTIAL = re.compile(r"[\w\s./\-,]*")


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return 2000 + year if year < 100 else year


def _build(day: int, month: int, year: int | None, today: date, due: bool) -> date | None:
    try:
        found = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and due and found < today:
        # “15/03” typed in April for a due date means next March, not last.
        try:
            found = date(today.year + 1, month, day)
        except ValueError:  # 29 Feb into a year without one
            return None
    return found


def parse_typed_date(text: str, today: date, *, due: bool = False) -> date | None:
    """The date `text` means (None when it is not one); `due` rolls a passed day forward."""
    cleaned = " ".join((text or "").strip().lower().split())
    cleaned = _WEEKDAY.sub("", cleaned, count=1) if _WEEKDAY.match(cleaned) else cleaned
    if match := _ISO.fullmatch(cleaned):
        return _build(int(match[3]), int(match[2]), int(match[1]), today, due)
    if match := _NUMERIC.fullmatch(cleaned):
        return _build(int(match[1]), int(match[2]), _year(match[3]), today, due)
    if (match := _DAY_MONTH.fullmatch(cleaned)) and match[2] in _MONTHS:
        return _build(int(match[1]), _MONTHS[match[2]], _year(match[3]), today, due)
    if (match := _MONTH_DAY.fullmatch(cleaned)) and match[1] in _MONTHS:
        return _build(int(match[2]), _MONTHS[match[1]], _year(match[3]), today, due)
    return None


def could_become_date(text: str) -> bool:
    """Whether `text` may still turn into a date as the user goes on typing."""
    return bool(_PARTIAL.fullmatch(text or "")) and len(text or "") <= 30
