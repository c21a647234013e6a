"""Reading the cell values of an import that the domain has no parser for: dates, yes/no."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta, timezone

_EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk)
# Matched on casefolded text (“t” and “z” in ISO 8601). A time may carry a fraction of a second
# (JavaScript's “2026-01-09T13:19:00.190Z”) and a zone (“Z”, Shopify's “+0200”, “+02:00”).
_ISO = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[ t](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?: ?(z|utc|[+-]\d{2}:?\d{2}))?)?"
)
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?: (\d{1,2}):(\d{2}))?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "janvier", "enero"),
            ("feb", "february", "februar", "fevrier", "février", "febrero"),
            ("mar", "march", "märz", "maerz", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juni", "juin", "junio"),
            ("jul", "july", "juli", "juillet", "julio"),
            ("aug", "august", "aout", "août", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "oktober", "octobre", "octubre", "okt"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "dezember", "décembre", "decembre", "diciembre", "dez"),
        ),
        start=1,
    )
    for name in names
}
_WORDY = re.compile(
    r"(\d{1,2})\.? ([^\W\d_]+)\.?,? (\d{4})|([^\W\d_]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})"
)
_TRUE = frozenset({"yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí", "wahr"})
_FALSE = frozenset({"no", "n", "false", "0", "", "-", "nein", "non", "falsch"})
# What spreadsheets, pandas and databases write for “no value”: never stored as text.
EMPTY_WORDS = frozenset(
    {"nan", "n/a", "na", "-", "--", "—", "–", "none", "null", "nil", "#n/a", "n.a.", "?"}
    # What scrapers and trackers write where they found nothing (“Not Found” as a country).
    | {"unknown", "not found", "not available"}
)
# The error values spreadsheets show where a formula failed, in English, Spanish, German,
# French and Portuguese (“#VALOR!”): no value, never a figure or text to keep.
SPREADSHEET_ERRORS = frozenset(
    {"#value!", "#valor!", "#¡valor!", "#wert!", "#valeur!", "#div/0!", "#ref!", "#¡ref!",
     "#bezug!", "#name?", "#nombre?", "#nom?", "#nome?", "#num!", "#núm!", "#zahl!", "#null!",
     "#nulo!", "#nul!", "#n/a", "#nv", "#n/d", "#n/v", "#error!", "#calc!", "#spill!"}
)  # fmt: skip
# The “no value” errors (#N/A in English, German, Spanish, French): empty, as the user means.
NOT_AVAILABLE = frozenset({"#n/a", "#nv", "#n/d", "#n/v"})
# The errors that mean a formula failed where a value was meant: each is reported.
FAILED_FORMULAS = SPREADSHEET_ERRORS - NOT_AVAILABLE
DATE_HINT = "Write dates like 2024-03-05 or 05/03/2024."


def parse_date(value: object, *, day_first: bool = True) -> datetime | None:
    """A date written in a common form (ISO, 05/03/2024, 5 March 2024, Excel serial); blank → None.

    Naive (the user's own time), but for an ISO time that names its zone: aware.

    `day_first` decides numeric dates where both parts could be the month (03/04/2024).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        if 1 <= value < 2_958_466:  # up to 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=float(value))
        raise ValueError(f"“{value}” is not a date. {DATE_HINT}")
    text = " ".join(str(value).split())
    if not text:
        return None
    shown = text if len(text) <= 40 else text[:39] + "…"
    try:
        return _parse_text(text.casefold(), day_first)
    except ValueError:
        raise ValueError(f"“{shown}” is not a date. {DATE_HINT}") from None


def _parse_text(text: str, day_first: bool) -> datetime:
    if match := _ISO.fullmatch(text):
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups()[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=_zone(match[7]))
    if match := _NUMERIC.fullmatch(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if year < 100:
            year += 2000 if year < 70 else 1900
        day, month = (first, second) if day_first else (second, first)
        if month > 12 and day <= 12:  # 03/25/2024 can only be month first
            day, month = month, day
        hour, minute = int(match[4] or 0), int(match[5] or 0)
        return datetime(year, month, day, hour, minute)
    if match := _WORDY.fullmatch(text):
        if match[1]:
            day, month_name, year = int(match[1]), match[2], int(match[3])
        else:
            month_name, day, year = match[4], int(match[5]), int(match[6])
        month = _MONTHS.get(month_name)
        if month is None:
            raise ValueError(text)
        return datetime(year, month, day)
    raise ValueError(text)


def _zone(written: str | None) -> timezone | None:
    """The zone an ISO time names (“z”, “+0200”, “-05:00”); None: the user's own."""
    if written is None:
        return None
    if written in ("z", "utc"):
        return UTC
    digits = written[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-offset if written[0] == "-" else offset)


def month_first_column(values: list[object]) -> bool:
    """Whether a column of numeric dates is written month first (some day > 12 in part two)."""
    first_big = second_big = False
    for value in values:
        if isinstance(value, str) and (match := _NUMERIC.fullmatch(value.strip())):
            first_big = first_big or int(match[1]) > 12
            second_big = second_big or int(match[2]) > 12
    return second_big and not first_big


def parse_bool(value: object, *, label: str) -> bool | None:
    """Yes/no as people write it (yes, no, x, true, 1); blank → None."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueError(f"“{value}” is not yes or no for {label}.")
    text = str(value).strip().casefold()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"“{str(value).strip()[:40]}” is not yes or no for {label}. Write yes or no.")


def parse_number(value: object, *, label: str, maximum: float) -> float | None:
    """A decimal such as posts per week (“2,5” or 2.5); blank → None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"“{str(value)[:40]}” is not a number for {label}.") from None
    if math.isnan(number):
        return None
    if not 0 <= number <= maximum:
        raise ValueError(f"{label} must be between 0 and {maximum:g}; the file says {number:g}.")
    return number
