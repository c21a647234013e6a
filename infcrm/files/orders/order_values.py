"""The cells of a shop's order export: money as the shops write it, instants with their offsets.

A shop's export has hundreds of thousands of cells: the plain "12.50" takes a fast path, and only
other spellings ("1,234.50", "€12,50", "(3.00)") go through the domain's full money reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from infcrm.domain.money import MoneyError, decimals, parse_amount

_PLAIN = re.compile(r"(-?)(\d{1,13})(?:\.(\d{1,2}))?")
_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",  # Shopify: 2026-04-05 21:06:21 +0400
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",  # WooCommerce Analytics: the shop's own clock
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%m/%d/%y",  # Etsy: 04/05/26
    "%m/%d/%Y",
    "%B %d, %Y",
    "%b %d, %Y",
)


class CellError(ValueError):
    """A cell infcrm cannot read; the message says what it holds and what was expected."""


def money_minor(text: str | None, currency: str) -> int:
    """A cell's amount in minor units of `currency` (0 when blank); negative when written so."""
    raw = (text or "").strip()
    if not raw:
        return 0
    places = decimals(currency)
    plain = _PLAIN.fullmatch(raw)
    if plain and places == 2:
        sign, units, cents = plain.groups()
        value = int(units) * 100 + int((cents or "0").ljust(2, "0"))
        return -value if sign else value
    negative = raw.startswith("-") or (raw.startswith("(") and raw.endswith(")"))
    body = raw.strip("()").lstrip("-").strip()
    try:
        value = parse_amount(body, currency, what="The amount")
    except MoneyError as exc:
        raise CellError(f"“{raw}” is not an amount in {currency}: {exc}") from exc
    return -value if negative else value


# The number in a cell written by a store's own settings: "¥1,200", "KD 1,234.500",
# "1.234,50 €", "12,345 د.ك" (the Arabic symbol holds a dot, so the number is cut out first).
_NUMBER = re.compile(r"\d(?:[\d.,'\s\u00a0\u202f]*\d)?")
_GROUPING = re.compile(r"['\s\u00a0\u202f]")


@dataclass(frozen=True)
class NumberStyle:
    """How a store wrote the amounts of one file (WooCommerce follows the store's settings:
    its decimal and thousands marks and number of decimals, 0 for JPY, 3 for KWD).

    `mark` is the decimal mark, or None when no cell shows one. `undecided` is the one mark a
    file shows only as "1,200" or "12.345": a thousands separator or a 3-decimal currency's
    point, which only the currency can tell.
    """

    mark: str | None
    places: int
    undecided: str | None = None


def _marks(text: str) -> tuple[str | None, int, str | None]:
    """(decimal mark, decimals written, undecided mark) of one number's digits and marks."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        mark = "." if text.rfind(".") > text.rfind(",") else ","
    elif dots + commas == 0:
        return None, 0, None
    else:
        only = "." if dots else ","
        if dots + commas > 1:
            return None, 0, None  # "1,234,567": thousands only
        if len(text) - text.rfind(only) - 1 == 3:
            return None, 0, only
        mark = only
    return mark, len(text) - text.rfind(mark) - 1, None


def _number(text: str) -> str | None:
    found = _NUMBER.search(text)
    return _GROUPING.sub("", found.group()) if found else None


def number_style(texts: Iterable[str | None]) -> NumberStyle:
    """The style of a file's amounts, from all of them (a store writes them all alike)."""
    mark: str | None = None
    places = 0
    undecided: set[str] = set()
    for text in texts:
        number = _number(text or "")
        if number is None:
            continue
        seen, written, maybe = _marks(number)
        if seen is not None:
            mark = mark or seen
            places = max(places, written)
        elif maybe is not None:
            undecided.add(maybe)
    if mark is not None:
        # "12.345" beside "8.5": the dot is the decimal mark, and three decimals were written.
        return NumberStyle(mark, max(places, 3) if mark in undecided else places)
    return NumberStyle(None, 0, undecided.pop() if len(undecided) == 1 else None)


def store_amount(text: str | None, style: NumberStyle) -> int:
    """A cell's amount as an integer of `style.places` decimals ("1.234,50" → 123450 with two);
    an undecided mark is dropped, so "1,200" gives 1200. Negative when written so."""
    raw = (text or "").strip()
    number = _number(raw)
    if number is None:
        if raw:
            raise CellError(f"“{raw}” is not an amount.")
        return 0
    negative = bool(re.match(r"^[^\d]*[-\u2212(]", raw))
    if style.mark is None:
        units, fraction = number.replace(",", "").replace(".", ""), ""
    else:
        other = "," if style.mark == "." else "."
        units, _sep, fraction = number.replace(other, "").partition(style.mark)
        units = units.replace(style.mark, "")
    if len(fraction) > style.places:
        raise CellError(f"“{raw}” has more decimals than the file's other amounts.")
    value = int(units or "0") * 10**style.places + int((fraction or "0").ljust(style.places, "0"))
    return -value if negative else value


def instant(text: str | None) -> datetime:
    """A cell's date and time as naive UTC; without an offset, as the shop's clock gave it."""
    raw = (text or "").strip()
    if raw.isdigit() and 9 <= len(raw) <= 10:  # a Unix timestamp (WP All Export before 1.4.2)
        return datetime.fromtimestamp(int(raw), UTC).replace(tzinfo=None)
    if raw.endswith("Z"):
        raw = raw[:-1] + "+0000"
    for fmt in _FORMATS:
        try:
            moment = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment
    raise CellError(f"“{raw}” is not a date infcrm can read (e.g. 2026-04-05 21:06:21 +0400).")


def utm_values(text: str | None) -> dict[str, str]:
    """The UTM lines of Shopify's Note Attributes: "utm_campaign: spring-bake-off", or as some
    checkout apps write them, "UTM campaign: spring-bake-off"."""
    found: dict[str, str] = {}
    for line in re.split(r"[\r\n]+", text or ""):
        name, sep, value = line.partition(":")
        name = "_".join(name.lower().split())
        if sep and name.startswith("utm_") and value.strip():
            found[name] = value.strip()
    return found


# What Shopify writes in Discount Code for a discount applied without a code (seen in a real
# orders export): no code a deal could hold, so not one to look for or to report as missing.
_NOT_CODES = {"AUTOMATIC DISCOUNT", "AUTOMATIC DISCOUNTS"}


def coupon_item_codes(text: str | None) -> tuple[str, ...]:
    """The codes of WooCommerce Customer/Order/Coupon Export's coupon_items cell: one coupon per
    ";", its fields "id:7|code:LENA10|amount:4.30|description:…" (a reserved mark escaped by a
    backslash)."""
    found = (re.sub(r"\\(.)", r"\1", code).strip() for code in _COUPON_CODE.findall(text or ""))
    return tuple(dict.fromkeys(c for c in found if c and c.upper() not in _NOT_CODES))


_COUPON_CODE = re.compile(r"(?:^|[|;])code:((?:\\.|[^|;\\])*)")

# The statuses of WooCommerce orders that were never paid or were taken back, as slugs
# ("cancelled") or as shown ("Pending payment", the post status "wc-pending").
WOO_NOT_COUNTED = frozenset(
    {"cancelled", "failed", "pending", "pending-payment", "trash", "draft", "checkout-draft"}
)


def woo_status(text: str | None) -> str:
    """A WooCommerce order status as its slug: "Pending payment", "wc-pending-payment" and
    "pending-payment" are one status."""
    return "-".join((text or "").strip().lower().removeprefix("wc-").split())


def codes(text: str | None) -> tuple[str, ...]:
    """The discount codes of a cell ("LENA10, SPRING5"), each once, in the order written."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,;]", text or ""):
        code = part.strip()
        if code and code.upper() not in _NOT_CODES:
            seen.setdefault(code, None)
    return tuple(seen)
