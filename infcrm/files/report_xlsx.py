"""A campaign report as an .xlsx: one row per influencer, the totals, and what they leave out;
then, once posts are recorded, a sheet of each post with its day and the orders around it.

Every figure is a number a spreadsheet can add up. Amounts get one column per currency
("Cost (EUR)", "Cost (USD)") because infcrm never converts; rates and ROI are rounded to the
decimals the report shows. The sheet prints on landscape pages one page wide, with the
header row on every page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from infcrm.domain.accounts import shown_account
from infcrm.domain.enums import Platform, label_of
from infcrm.domain.money import Money
from infcrm.files.currency_columns import currencies_in, currency_header, write_money
from infcrm.files.export_target import atomic_file
from infcrm.files.report_posts_sheet import write_posts_sheet
from infcrm.files.xlsx_book import (
    Formats,
    new_workbook,
    rounded_rate,
    write_header,
    write_text,
)
from infcrm.services.campaigns.report_types import CampaignReport, ReportRow, report_subtitle

HEADER_ROW = 3  # under the title, the line that says what the campaign is, and a gap


@dataclass(frozen=True)
class ReportColumn:
    """One column of the exported report: its header, width, kind and how a row fills it."""

    header: str
    width: float
    kind: str  # text, int, percent2, signed_percent, money
    value: Callable[[ReportRow], object]
    currency: str | None = None  # for money columns


def _currencies(report: CampaignReport, amounts: Callable[[ReportRow], dict[str, Money]]) -> list:
    """Every currency an amount is in, anywhere in the report; the campaign's when none is."""
    return currencies_in((amounts(row) for row in (*report.rows, report.total)), report.currency)


def _cpe(row: ReportRow) -> dict[str, Money]:
    amount = row.cost_per_engagement
    return {amount.currency: amount} if amount is not None else {}


def _per_currency(
    title: str, width: float, report: CampaignReport, amounts: Callable[[ReportRow], dict]
) -> list[ReportColumn]:
    return [
        ReportColumn(
            currency_header(title, code),
            width,
            "money",
            lambda row, code=code: amounts(row).get(code),
            code,
        )
        for code in _currencies(report, amounts)
    ]


def report_columns(report: CampaignReport) -> list[ReportColumn]:
    """The report's columns, with one column per currency for each kind of amount."""
    return [
        ReportColumn("Influencer", 24, "text", lambda r: r.name),
        ReportColumn("Account", 20, "text", lambda r: shown_account(r.platform, r.handle) or None),
        ReportColumn("Platform", 11, "text", lambda r: label_of(Platform, r.platform)),
        ReportColumn("Followers", 11, "int", lambda r: r.followers),
        ReportColumn("Posts", 7, "int", lambda r: r.posts),
        *_per_currency("Cost", 13, report, lambda r: r.cost),
        ReportColumn("Engagements", 12, "int", lambda r: r.engagements),
        ReportColumn("Engagement rate", 10, "percent2", lambda r: r.engagement_rate),
        *_per_currency("Cost / engagement", 11, report, _cpe),
        ReportColumn("Reach", 11, "int", lambda r: r.reach),
        ReportColumn("Clicks", 9, "int", lambda r: r.clicks),
        ReportColumn("Conversions", 11, "int", lambda r: r.conversions),
        *_per_currency("Revenue", 13, report, lambda r: r.revenue),
        ReportColumn("ROI", 8, "signed_percent", lambda r: r.roi),
        ReportColumn("Posts promised", 9, "int", lambda r: r.deliverables_total),
        ReportColumn("Posts delivered", 9, "int", lambda r: r.deliverables_done),
        ReportColumn("Posts late", 7, "int", lambda r: r.deliverables_late),
        *(_shop_columns(report) if report.total.from_shop else []),
    ]


def _shop_columns(report: CampaignReport) -> list[ReportColumn]:
    """Orders from the shop's export, their average value and the cost of each."""

    def per_order(row: ReportRow) -> dict[str, Money]:
        amount = row.cost_per_order
        return {amount.currency: amount} if amount is not None else {}

    return [
        ReportColumn("Orders (shop)", 9, "int", lambda r: r.orders if r.from_shop else None),
        *_per_currency("Average order", 11, report, lambda r: r.average_order),
        *_per_currency("Cost / order", 11, report, per_order),
    ]


def _write_row(sheet, row: int, columns, report_row: ReportRow, formats: Formats) -> None:
    bold = report_row.is_total
    for number, column in enumerate(columns):
        value = column.value(report_row)
        if value is None:
            if bold:
                sheet.write_blank(row, number, None, formats.get(bold=True))
            continue
        if column.kind == "text":
            write_text(sheet, row, number, value, formats.get(bold=bold))
        elif column.kind == "money":
            assert isinstance(value, Money)
            write_money(sheet, row, number, value, formats, bold=bold)
        elif column.kind in ("percent2", "signed_percent"):
            fmt = formats.kind(column.kind, bold=bold)
            sheet.write_number(row, number, rounded_rate(value, column.kind), fmt)
        else:
            sheet.write_number(row, number, int(value), formats.kind(column.kind, bold=bold))


def write_report_xlsx(
    report: CampaignReport, path: str | os.PathLike[str], db_path: Path | None = None
) -> Path:
    """Write `report` to `path` (replaced only once the file is whole); returns the path."""
    destination = Path(path)
    columns = report_columns(report)
    with atomic_file(destination, db_path) as temp, new_workbook(temp) as book:
        formats = Formats(book)
        sheet = book.add_worksheet("Campaign report")
        title = book.add_format({"bold": True, "font_size": 14})
        write_text(sheet, 0, 0, report.name, title)
        write_text(sheet, 1, 0, report_subtitle(report))
        write_header(sheet, HEADER_ROW, [c.header for c in columns], [c.width for c in columns],
                     formats)  # fmt: skip
        row = HEADER_ROW + 1
        for report_row in (*report.rows, report.total):
            _write_row(sheet, row, columns, report_row, formats)
            row += 1
        sheet.autofilter(HEADER_ROW, 0, row - 2, len(columns) - 1)  # the totals stay out
        row += 1
        for note in report.notes:
            write_text(sheet, row, 0, note)
            row += 1
        sheet.print_area(0, 0, row - 1, len(columns) - 1)
        write_posts_sheet(book, formats, HEADER_ROW, report.posts, report.total.from_shop)
    return destination


__all__ = ["HEADER_ROW", "ReportColumn", "report_columns", "write_report_xlsx"]
