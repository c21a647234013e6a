"""Reading and writing counts and percentages the way people type them (“12.3k”, “4,5 %”)."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

# A trillion is far beyond any follower, like or view count; the cap keeps values well inside
# a 64-bit database integer and turns pasted garbage such as “1e400” into a clear error.
MAX_COUNT = 10**12

# Spaces people (and spreadsheet locales) use as thousands separators, mapped to a plain space;
# and Arabic's own decimal and thousands separators and percent sign (“٢٫٥K”, “١٢٬٣٤٥”).
_SPACE_LIKE = str.maketrans(
    {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "’": "'", "\u2212": "-",
     "\u066b": ".", "\u066c": ",", "\u066a": "%"}
)  # fmt: skip
_BLANKS = frozenset({"", "-", "–", "—", "n/a", "na", "none", "null", "?"})
_MULTIPLIERS = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mio": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    # Spanish and Portuguese “mil” (thousand), “mi”/“mill.” (million); German “Tsd.”, “Mrd.”.
    "mil": 1_000,
    "mi": 1_000_000,
    "mill": 1_000_000,
    "tsd": 1_000,
    "mrd": 1_000_000_000,
}
_SUFFIXED = re.compile(
    r"(?P<number>\d*(?:[.,]\d+)?)\s*(?P<suffix>k|mill|mil|mio|mi|mn|mrd|m|bn|b|tsd)\.?"
)
# Groups of three digits with one consistent separator, optionally followed by decimals written
# with a different separator (“12,345.00”, “12.345,00”, “12 345”).
_GROUPED = re.compile(
    r"(?P<int>\d{1,3}(?P<sep>[ ,.'])\d{3}(?:(?P=sep)\d{3})*|\d+)(?:(?P<dec>[.,])(?P<frac>\d+))?"
)
# Japanese, Chinese and Korean counts: “120万” (1.2 million), “1億2000万”, “3千万”, “1억 2천만”.
# A part is a number and its unit, 百/千 (hundred, thousand) optionally before 万 or 億; the
# parts come largest first and a bare number may end them (“3万5000”).
_SMALL_UNITS = {"百": 100, "千": 1_000, "백": 100, "천": 1_000}
_LARGE_UNITS = {"万": 10**4, "萬": 10**4, "만": 10**4, "億": 10**8, "亿": 10**8, "억": 10**8}
_EAST_ASIAN_PART = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*"
    r"(?P<small>[百千백천])?(?P<large>[万萬만億亿억])?\s*"
)
# The counter word after a number of people: “120万人”, “12,000名”, “5만명”.
_COUNTERS = ("人", "名", "명")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?e[+-]?\d+")
_HINT = "Write it like 12,345 or 12.3k."


class NegativeCountError(ValueError):
    """A count below zero was given."""


def _shown(text: str) -> str:
    """The user's text for an error message, shortened so a pasted essay stays readable."""
    text = text.strip()
    return text if len(text) <= 40 else text[:39] + "…"


def _too_large(shown: str, what: str) -> str:
    """Error for a count past MAX_COUNT (a trillion), saying what to do about it."""
    return f"“{shown}” is too large to be a number of {what}. Check it for extra digits."


def _check_range(number: int, shown: str, what: str) -> int:
    """Return `number` if it is a plausible count, else raise a sentence naming the problem."""
    if number < 0:
        raise NegativeCountError(f"A number of {what} cannot be negative (“{shown}”).")
    if number > MAX_COUNT:
        raise ValueError(_too_large(shown, what))
    return number


def parse_count(value: object, *, what: str = "followers") -> int | None:
    """Parse a follower/like/view count such as 12345, “12,345”, “12.3k” or “1.2M”; blank → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        # bool is an int subclass; a True in a count column is a mistake, not the number 1.
        raise ValueError(f"“{value}” is not a number of {what}. {_HINT}")
    if isinstance(value, int):
        return _check_range(value, str(value), what)
    if isinstance(value, float):
        return _parse_float(value, what)
    text = str(value)
    if not text.isascii():
        # Full-width digits and commas (“１２０万”, typed on a Japanese keyboard) as plain ones.
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_SPACE_LIKE).strip()
    if text.casefold() in _BLANKS:
        return None
    shown = _shown(text)
    body = text.casefold()
    negative = body.startswith("-")
    if body[:1] in "+-":
        body = body[1:].strip()
    magnitude = _parse_magnitude(body, shown, what)
    return _check_range(-magnitude if negative else magnitude, shown, what)


def _parse_float(value: float, what: str) -> int:
    """Accept a float only when it is finite and whole (spreadsheets store counts as floats)."""
    shown = repr(value)
    if math.isnan(value):
        raise ValueError(f"The cell holds no number of {what} (NaN). {_HINT}")
    if math.isinf(value):
        raise ValueError(_too_large(shown, what))
    if not value.is_integer():
        raise ValueError(_fraction_message(shown, what))
    return _check_range(int(value), shown, what)


def _fraction_message(shown: str, what: str) -> str:
    """Error for a count with a fractional part, hinting at the thousands suffix."""
    return f"“{shown}” is not a whole number of {what}. Write 1,500 or 1.5k if you meant thousands."


def _parse_magnitude(body: str, shown: str, what: str) -> int:
    """Parse an unsigned count written in one of the accepted forms."""
    if body.endswith(_COUNTERS):
        body = body[:-1].rstrip()
    if any(unit in body for unit in _LARGE_UNITS) or any(unit in body for unit in _SMALL_UNITS):
        east_asian = _east_asian_count(body)
        if east_asian is None:
            raise ValueError(f"“{shown}” is not a number of {what}. {_HINT}")
        return east_asian
    match = _SUFFIXED.fullmatch(body)
    if match and match["number"]:
        if match["suffix"] == "mil" and "," not in match["number"]:
            # A thousand in Spanish and Portuguese (“1,2 mil”), a million in English slang
            # (“1.2 mil”): only a decimal comma tells, and a guess could be 1,000 times wrong.
            raise ValueError(
                f"“{shown}” could be thousands (“mil” in Spanish and Portuguese) or millions: "
                "write 120,000 or 120M."
            )
        # Before a suffix a comma can only be a decimal separator (“1,2k” in many locales).
        number = Decimal(match["number"].replace(",", "."))
        scaled = number * _MULTIPLIERS[match["suffix"]]
        return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    match = _GROUPED.fullmatch(body)
    if match:
        if match["dec"] and match["dec"] == match["sep"]:
            raise ValueError(f"“{shown}” is not a number of {what}. {_HINT}")
        if match["frac"] and match["frac"].strip("0"):
            raise ValueError(_fraction_message(shown, what))
        return int(re.sub(r"\D", "", match["int"]))
    if _SCIENTIFIC.fullmatch(body):
        # Spreadsheets exported to CSV sometimes write big counts as “1.2E+06”.
        number = Decimal(body)
        if number > MAX_COUNT:
            raise ValueError(_too_large(shown, what))
        if number != number.to_integral_value():
            raise ValueError(_fraction_message(shown, what))
        return int(number)
    if body == "nan":
        raise ValueError(f"The cell holds no number of {what} (NaN). {_HINT}")
    raise ValueError(f"“{shown}” is not a number of {what}. {_HINT}")


def _east_asian_count(body: str) -> int | None:
    """“1億2000万” → 120,000,000; None unless the whole text is parts in falling units."""
    total = Decimal(0)
    position, last_unit = 0, None
    while position < len(body):
        match = _EAST_ASIAN_PART.match(body, position)
        if not match or match.end() == position:
            return None
        unit = _SMALL_UNITS.get(match["small"] or "", 1) * _LARGE_UNITS.get(match["large"] or "", 1)
        if last_unit is not None and (unit >= last_unit or last_unit == 1):
            return None  # “1万1億”, or a bare number before another part
        if unit == 1 and match["frac"]:
            return None  # “1.5万3.5”: a fraction of a single follower
        number = Decimal(match["number"].replace(",", "") + "." + (match["frac"] or "0"))
        total += number * unit
        position, last_unit = match.end(), unit
    if last_unit is None:
        return None
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# A plain decimal number, with thousands commas or none: “859.2”, “1,234.5”.
_DECIMAL = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+")


def parse_average(value: object, *, what: str = "views") -> int | None:
    """An average per post (likes, comments, views), which is often fractional: “859.2” → 859.

    Followers are never fractional, so `parse_count` refuses “12.5” there; an average of 12.5
    comments is ordinary and is kept, rounded half up. Anything else reads as `parse_count`.
    """
    try:
        return parse_count(value, what=what)
    except NegativeCountError:
        raise
    except ValueError:
        if isinstance(value, float) and math.isfinite(value):
            number = Decimal(repr(value))
        elif isinstance(value, str) and _DECIMAL.fullmatch(body := value.strip()):
            number = Decimal(body.replace(",", ""))
        else:
            raise
        whole = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return _check_range(whole, _shown(str(value)), what)


def parse_percent(value: object) -> float | None:
    """Parse a rate like “4.5%”, “4,5 %”, 0.045 or 4.5 into a fraction (0.045); blank → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not a percentage. Write it like 4.5%.")
    if isinstance(value, int | float):
        if math.isnan(value):
            return None
        return _fraction_from(
            Decimal(repr(value)) if isinstance(value, float) else Decimal(value),
            has_sign=False,
            shown=repr(value),
        )
    text = str(value).translate(_SPACE_LIKE).strip()
    shown = _shown(text)
    body = text.casefold()
    has_sign = body.endswith("%")
    body = body.removesuffix("%").strip()
    if body in _BLANKS or body == "nan":
        return None
    if body.count(",") == 1 and "." not in body:
        body = body.replace(",", ".")  # a decimal comma
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", body):
        raise ValueError(f"“{shown}” is not a percentage. Write it like 4.5%.")
    return _fraction_from(Decimal(body), has_sign=has_sign, shown=shown)


def _fraction_from(number: Decimal, *, has_sign: bool, shown: str) -> float:
    """Turn a parsed number into a fraction: “%” or a value above 1 means percent."""
    if not number.is_finite():
        raise ValueError(f"“{shown}” is not a percentage. Write it like 4.5%.")
    if number < 0:
        raise ValueError(f"A percentage cannot be negative (“{shown}”).")
    # Without a “%” sign a value up to 1 is read as a fraction (0.045) and above 1 as percent
    # (4.5), which covers both spreadsheet percentage cells and hand-typed rates.
    fraction = number / 100 if has_sign or number > 1 else number
    if fraction > 1:
        raise ValueError(f"“{shown}” is more than 100%. Write a rate like 4.5%.")
    return float(fraction)


_UNITS = ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k"))


def format_count(n: int | None) -> str:
    """Write a count compactly: 950 → “950”, 12,345 → “12.3k”, 1,200,000 → “1.2M”."""
    if n is None:
        return ""
    sign, n = ("-", -n) if n < 0 else ("", n)
    if n < 1_000:
        return f"{sign}{n}"
    text = ""
    for unit, suffix in reversed(_UNITS):
        tenths = (n * 20 + unit) // (2 * unit)  # n / unit to one decimal, halves rounded up
        if tenths < 10_000 or unit == _UNITS[0][0]:
            whole, decimal = divmod(tenths, 10)
            text = f"{whole}.{decimal}{suffix}" if decimal else f"{whole}{suffix}"
            if tenths < 10_000:
                break  # “999.9k” stays in thousands; “1000.0k” moves up to “1M”
    return sign + text


def format_percent(fraction: float | None, digits: int = 1) -> str:
    """Write a fraction as a percentage: 0.0456 → “4.6%”; None → “”."""
    if fraction is None or math.isnan(fraction):
        return ""
    return f"{fraction * 100:.{digits}f}%"
