"""Money as whole minor units plus an ISO 4217 currency code: parsing, adding and showing it.

Amounts never pass through floats: text is read with Decimal and stored as an int of cents (or
yen, or fils — each currency has its own number of decimals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Currencies with a number of decimals other than two.
_DECIMALS = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}  # fmt: skip
# ISO 4217 codes of currencies in use, so a typo ("EUD") is caught instead of stored.
CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
    KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
    MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
    UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split()
)
# Offered first wherever a currency is chosen; every other code follows alphabetically.
COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "JPY")
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩"}
_SYMBOL_CODES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_SPACES = re.compile(r"[\s\u00a0\u202f']+")


class MoneyError(ValueError):
    """An amount or currency was refused; the message says what to type instead."""


class MixedCurrencies(MoneyError):
    """Amounts in different currencies were added; infcrm never converts them silently."""


def decimals(currency: str) -> int:
    """How many digits after the decimal point `currency` has (2 for most)."""
    return _DECIMALS.get(currency, 2)


def check_currency(code: object) -> str:
    """The upper-case ISO 4217 code, or MoneyError naming the mistake."""
    text = str(code or "").strip()
    text = _SYMBOL_CODES.get(text, text).upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise MoneyError(f"“{code}” is not a currency; use a three-letter code such as EUR or USD.")
    if text not in CURRENCIES:
        raise MoneyError(f"{text} is not a currency infcrm knows; use a code such as EUR or USD.")
    return text


@dataclass(frozen=True, order=True)
class Money:
    """An amount in a currency's minor units (cents for EUR): 1250 EUR means €12.50."""

    minor: int
    currency: str

    def __add__(self, other: Money) -> Money:
        """The sum; refuses a different currency instead of guessing a rate."""
        if self.currency != other.currency:
            raise MixedCurrencies(
                f"Cannot add {self.currency} and {other.currency}: infcrm does not convert "
                "currencies. Keep one campaign in one currency."
            )
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        """The difference; refuses a different currency."""
        return self + Money(-other.minor, other.currency)

    @property
    def amount(self) -> Decimal:
        """The amount in major units, exactly (Decimal("12.50") for 1250 EUR)."""
        return Decimal(self.minor).scaleb(-decimals(self.currency))

    def plain(self) -> str:
        """The amount without symbol, as typed in a form: "12.50"."""
        return f"{self.amount:.{decimals(self.currency)}f}"

    def __str__(self) -> str:
        """The amount as people read it: "€1,234.50", "1,200 JPY" → "¥1,200", "CHF 30.00"."""
        places = decimals(self.currency)
        sign = "-" if self.minor < 0 else ""
        number = f"{abs(self.amount):,.{places}f}"
        symbol = _SYMBOLS.get(self.currency)
        return f"{sign}{symbol}{number}" if symbol else f"{sign}{self.currency} {number}"


def _grouped(whole: str, mark: str) -> str | None:
    """`whole` without its thousands mark, or None when its groups are not of three digits."""
    first, *groups = whole.split(mark)
    if not (1 <= len(first) <= 3 and first.lstrip("+").isdigit()) or any(
        len(g) != 3 or not g.isdigit() for g in groups
    ):
        return None
    return "".join((first, *groups))


def _plain_number(raw: str, text: object, places: int, currency: str, what: str) -> str:
    """The typed number with a point for its decimals and no thousands marks: "1,234.50",
    "1.234,50" and "1 234,50" all become "1234.50". The last of two different marks is the
    decimal one; a mark used twice groups thousands."""
    if raw.endswith((",-", ".-")):  # "2.500,-": whole units, as prices are written in Germany
        whole, mark = raw[:-2], raw[-2]
        grouped = _grouped(whole, "." if mark == "," else ",")
        return whole if grouped is None else grouped
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        point = "." if raw.rfind(".") > raw.rfind(",") else ","
        whole, _, fraction = raw.rpartition(point)
        grouped = _grouped(whole, "," if point == "." else ".")
        return raw if grouped is None else f"{grouped}.{fraction}"
    for mark, count in ((".", dots), (",", commas)):
        if count > 1:  # "1.500.000"
            grouped = _grouped(raw, mark)
            return raw if grouped is None else grouped
    if commas == 1:  # "1,200" groups thousands; "12,50" has a decimal comma
        whole, fraction = raw.split(",")
        return whole + fraction if len(fraction) == 3 else f"{whole}.{fraction}"
    if dots == 1 and places < 3 and len(raw.split(".")[1]) == 3:
        # "1.500" is €1,500 to most of Europe and €1.50 to nobody who means it: ask.
        digits = raw.replace(".", "")
        raise MoneyError(
            f"{what} has too many decimals: {currency} has {places}. For “{text}” as a "
            f"thousands separator, type {digits} or {int(digits):,}."
        )
    return raw


def parse_amount(text: object, currency: str, *, what: str = "Amount") -> int:
    """Text such as "12.50", "1,200", "1.234,50", "€30" or "30 EUR" as minor units of `currency`.

    Refuses negative amounts, more decimals than the currency has, and another currency's
    symbol or code, each with a sentence saying what to type.
    """
    currency = check_currency(currency)
    if isinstance(text, bool):
        raise MoneyError(f"{what} must be a number such as 25 or 12.50.")
    if isinstance(text, int):
        raw = str(text)
    elif isinstance(text, Decimal):
        raw = format(text, "f")
    else:
        raw = _SPACES.sub("", str(text or ""))
    for code in (*_SYMBOL_CODES, *CURRENCIES):
        if raw.upper().startswith(code) or raw.upper().endswith(code):
            named = _SYMBOL_CODES.get(code, code)
            if named != currency and not (code == "$" and currency.endswith("D")):
                raise MoneyError(f"{what} is in {named}, but this is in {currency}.")
            raw = raw[len(code) :] if raw.upper().startswith(code) else raw[: -len(code)]
            break
    if raw.startswith("-"):
        raise MoneyError(f"{what} cannot be negative.")
    places = decimals(currency)
    raw = _plain_number(raw, text, places, currency, what)
    if not re.fullmatch(r"\+?\d+(\.\d*)?|\+?\.\d+", raw):
        raise MoneyError(f"{what} must be a number such as 25 or 12.50; “{text}” is not.")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above admits only numbers
        raise MoneyError(f"{what} must be a number such as 25 or 12.50.") from exc
    minor = value.scaleb(places)
    if minor != minor.to_integral_value():
        raise MoneyError(f"{what} has too many decimals: {currency} has {places}.")
    if minor > 10**15:
        raise MoneyError(f"{what} is too large.")
    return int(minor)


def total(amounts: Iterable[Money], currency: str | None = None) -> Money | None:
    """The sum of `amounts` (None when empty and no currency is given); refuses mixing."""
    result = Money(0, currency) if currency else None
    for money in amounts:
        result = money if result is None else result + money
    return result


def totals_by_currency(amounts: Iterable[Money]) -> dict[str, Money]:
    """Sums per currency, for showing "€120.00 + $40.00" without converting."""
    sums: dict[str, Money] = {}
    for money in amounts:
        sums[money.currency] = sums.get(money.currency, Money(0, money.currency)) + money
    return sums


def describe_totals(sums: dict[str, Money]) -> str:
    """E.g. "€120.00 + $40.00" for several currencies, "—" for none."""
    return " + ".join(str(sums[c]) for c in sorted(sums)) or "—"


def divide(money: Money, by: int) -> Money | None:
    """`money` / `by`, rounded half up to the minor unit (None when dividing by nothing)."""
    if by <= 0:
        return None
    quotient = (Decimal(money.minor) / by).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Money(int(quotient), money.currency)
