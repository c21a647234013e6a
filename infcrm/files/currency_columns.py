"""Amounts in several currencies as one numeric column per currency, never as words.

infcrm never converts, so a campaign paid in euros and dollars has two costs. A spreadsheet
gets them as "Cost (EUR)" and "Cost (USD)", each cell a number in its currency's format that
a formula can add up, instead of the screen's "€2,600.00 + $1,500.00". The campaign report's
.xlsx (`report_xlsx.py`) and the all-sheets export's Campaigns and Deals sheets both use this.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from infcrm.domain.money import Money
from infcrm.files.export_columns import ExportColumn
from infcrm.files.xlsx_book import Formats, money_format

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

SUMS = "money_sums"  # the column kind of an amount given per currency ({code: Money})


def currency_header(title: str, code: str | None) -> str:
    """ "Cost (EUR)"; just the title when there is no currency to name."""
    return f"{title} ({code})" if code else title


def currencies_in(sums: Iterable[Mapping[str, Money]], fallback: str | None = None) -> list[str]:
    """Every currency some amount is in, sorted; `fallback` alone when none is."""
    codes = {code for amounts in sums for code in amounts}
    return sorted(codes) or ([fallback] if fallback else [])


def write_money(
    sheet: Worksheet, row: int, column: int, value: Money, formats: Formats, *, bold: bool = False
) -> None:
    """An amount as a number in its currency's format ('#,##0.00 "EUR"')."""
    fmt = formats.get(money_format(value.currency), bold=bold)
    sheet.write_number(row, column, float(value.amount), fmt)


def _codes(currencies: Sequence[str]) -> tuple[str | None, ...]:
    return tuple(currencies) or (None,)  # no currency at all: one empty column, not none


def spread(columns: Sequence[ExportColumn], currencies: Sequence[str]) -> list[ExportColumn]:
    """The sheet's columns as written: each per-currency column once per currency."""
    return [
        replace(column, header=currency_header(column.header, code))
        for column in columns
        for code in (_codes(currencies) if column.kind == SUMS else (None,))
    ]


def first_columns(columns: Sequence[ExportColumn], currencies: Sequence[str]) -> list[int]:
    """Where each of `columns` starts on the sheet once `spread`."""
    starts, at = [], 0
    for column in columns:
        starts.append(at)
        at += len(_codes(currencies)) if column.kind == SUMS else 1
    return starts


def sums_writer(sheet: Worksheet, formats: Formats, currencies: Sequence[str]):
    """A cell writer putting {code: Money} into the column of each currency, from `column` on."""
    codes = _codes(currencies)

    def write(row: int, column: int, value: object) -> None:
        assert isinstance(value, Mapping)
        for offset, code in enumerate(codes):
            amount = value.get(code)
            if amount is not None:
                write_money(sheet, row, column + offset, amount, formats)

    return write


__all__ = [
    "SUMS",
    "currencies_in",
    "currency_header",
    "first_columns",
    "spread",
    "sums_writer",
    "write_money",
]
