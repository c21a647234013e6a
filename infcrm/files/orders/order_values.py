"""The cells of a shop's order export: money as the shops write it, instants with their offsets.

A shop's export has hundreds of thousands of cells: the plain "12.50" takes a fast path, and only
other spellings ("1,234.50", "€12,50", "(3.00)") go through the domain's full money reading.
"""

from __future__ import annotations

import re
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


def instant(text: str | None) -> datetime:
    """A cell's date and time as naive UTC; without an offset, as the shop's clock gave it."""
    raw = (text or "").strip()
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
    """The `utm_…` lines of Shopify's Note Attributes ("utm_campaign: spring-bake-off")."""
    found: dict[str, str] = {}
    for line in re.split(r"[\r\n]+", text or ""):
        name, sep, value = line.partition(":")
        name = name.strip().lower()
        if sep and name.startswith("utm_") and value.strip():
            found[name] = value.strip()
    return found


def codes(text: str | None) -> tuple[str, ...]:
    """The discount codes of a cell ("LENA10, SPRING5"), each once, in the order written."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,;]", text or ""):
        code = part.strip()
        if code:
            seen.setdefault(code, None)
    return tuple(seen)
