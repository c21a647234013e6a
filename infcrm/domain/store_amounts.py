"""Amounts a shop wrote without naming their currency, turned into a currency's minor units.

WooCommerce's orders export has no currency column and writes amounts by the store's own
settings: `places` decimals whatever the currency, and sometimes a mark that only the currency
can explain ("1,200" is 1200 yen but 1.200 dinars). Such amounts are kept as the store wrote
them (an integer of `places` decimals) until a deal, and with it a campaign's currency, is known;
this is the one place they are turned into that currency.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from infcrm.domain.money import decimals


def store_minor(value: int, places: int, undecided: str | None, currency: str) -> int:
    """`value` (an integer of `places` decimals, as the store wrote it) in minor units of
    `currency`, rounded half up when the store wrote more decimals than the currency has.

    `undecided` is the one mark a file showed only as "1,200" or "12.345": a thousands mark,
    or the point of a 3-decimal currency; `value` was then read with the mark dropped.
    """
    wanted = decimals(currency)
    if undecided is not None:
        point = wanted == 3 or (wanted == 2 and undecided == ".")
        places = 3 if point else 0
    exact = Decimal(value).scaleb(wanted - places)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


__all__ = ["store_minor"]
