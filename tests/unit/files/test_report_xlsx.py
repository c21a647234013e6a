"""The campaign report as an .xlsx, read back with openpyxl: numbers, currencies, printing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from infcrm.db.engine import Database
from infcrm.files.report_xlsx import HEADER_ROW, write_report_xlsx
from infcrm.files.xlsx_book import header_width
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_report import TOTAL_NAME, campaign_report

TODAY = date(2026, 5, 20)
FIRST = HEADER_ROW + 1  # openpyxl counts rows from 1: the header is row HEADER_ROW + 1


def _export(db: Database, campaign: int, tmp_path: Path) -> Worksheet:
    target = tmp_path / "report.xlsx"
    write_report_xlsx(campaign_report(db, campaign, TODAY), target, db.path)
    return load_workbook(target).active


def _table(sheet: Worksheet) -> dict[str, dict[str, object]]:
    """Each row by its influencer's name: {header: value}."""
    rows = list(sheet.iter_rows(min_row=FIRST, values_only=True))
    headers = rows[0]
    table = {}
    for values in rows[1:]:
        if values[0] is None:
            break  # the gap before the notes
        table[values[0]] = dict(zip(headers, values, strict=True))
    return table


def test_mixed_currencies_get_one_numeric_column_each(
    db: Database, mixed_campaign: int, tmp_path: Path
) -> None:
    table = _table(_export(db, mixed_campaign, tmp_path))
    total = table[TOTAL_NAME]
    # On screen the total reads "€2,600.00 + $1,500.00"; here each currency can be added up.
    assert total["Cost (EUR)"] == 2600 and total["Cost (USD)"] == 1500
    assert total["Revenue (EUR)"] == 4500 and total["Revenue (USD)"] == 3100
    assert table["Ruby Walsh"]["Cost (EUR)"] is None and table["Ruby Walsh"]["Cost (USD)"] == 1500
    assert table["Ana Costa"]["Revenue (EUR)"] is None  # no revenue recorded is not zero
    numbers = [v for row in table.values() for k, v in row.items() if "(" in k and v is not None]
    assert numbers and all(isinstance(v, int | float) for v in numbers)
    # No single cost per engagement for the whole campaign: it is not converted.
    assert total["Cost / engagement (EUR)"] is None and total["Cost / engagement (USD)"] is None


def test_rates_are_written_with_the_precision_shown(
    db: Database, mixed_campaign: int, tmp_path: Path
) -> None:
    sheet = _export(db, mixed_campaign, tmp_path)
    lena = _table(sheet)["Lena Vogel"]
    assert lena["Engagement rate"] == 0.027  # 275 ÷ 10,200 is 2.69607…%; shown 2.70%
    assert lena["ROI"] == 1.25  # (4,500 − 2,000) ÷ 2,000, shown +125%
    formats = {c.value: c.number_format for c in sheet[FIRST]}
    row = next(r for r in sheet.iter_rows(min_row=FIRST + 1) if r[0].value == "Lena Vogel")
    by_header = dict(zip(formats, row, strict=True))
    assert by_header["Engagement rate"].number_format == "0.00%"
    assert by_header["Cost (EUR)"].number_format == '#,##0.00 "EUR"'
    assert (
        by_header["Followers"].value == 10_200 and by_header["Followers"].number_format == "#,##0"
    )


def test_the_report_prints_landscape_one_page_wide_with_the_header_on_every_page(
    demo_db: Database, tmp_path: Path, column_widths
) -> None:
    campaign = max(campaigns.list_campaigns(demo_db), key=lambda c: c.influencers).id
    sheet = _export(demo_db, campaign, tmp_path)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is Excel's default when left out
    assert sheet.page_setup.fitToHeight == 0  # as many pages tall as it takes
    assert sheet.print_title_rows == f"${FIRST}:${FIRST}"
    assert sheet.freeze_panes == f"A{FIRST + 1}"
    report = campaign_report(demo_db, campaign, TODAY)
    assert sheet["A1"].value == report.name
    widths = column_widths(sheet)
    for cell in sheet[FIRST]:
        width = widths[cell.column_letter]
        assert width >= len(cell.value) + 2, f"“{cell.value}” is cut at width {width}"
    assert [r[0] for r in sheet.iter_rows(min_row=FIRST + 1, values_only=True)][
        : len(report.rows) + 1
    ] == [r.name for r in report.rows] + [TOTAL_NAME]


@pytest.mark.parametrize(("header", "width"), [("ID", 8), ("Cost / engagement (EUR)", 11)])
def test_a_column_is_never_narrower_than_its_header(header: str, width: float) -> None:
    assert header_width(header, width) >= max(width, len(header) + 2)


def test_each_post_gets_a_row_with_its_day_as_a_date_and_the_orders_around_it(
    demo_db: Database, tmp_path: Path
) -> None:
    """The PDF charts the orders around each post; the .xlsx lists them, a date per post."""
    from datetime import datetime

    oat = next(c.id for c in campaigns.list_campaigns(demo_db) if c.name == "Oat Cookie Launch")
    report = campaign_report(demo_db, oat, date.today())
    assert report.posts
    target = tmp_path / "report.xlsx"
    write_report_xlsx(report, target, demo_db.path)
    book = load_workbook(target)
    assert book.sheetnames == ["Campaign report", "Posts"]
    sheet = book["Posts"]
    rows = list(sheet.iter_rows(min_row=FIRST))
    headers = [c.value for c in rows[0]]
    assert headers[:5] == ["Influencer", "Account", "Platform", "Format", "Posted on"]
    listed = [dict(zip(headers, r, strict=True)) for r in rows[1:] if r[0].value is not None]
    assert len(listed) == len(report.posts)
    for post, row in zip(report.posts, listed, strict=True):
        assert row["Influencer"].value == post.name
        posted = row["Posted on"]
        assert isinstance(posted.value, datetime) and posted.value.date() == post.posted_on
        assert posted.is_date and "yy" in posted.number_format
        before = sum(post.on(d) for d in range(post.first_day, 0))
        assert row["Orders in the 7 days before"].value == before
        assert row["Orders on the day"].value == post.on(0)
        assert row["Orders in all"].value == post.total
        assert all(isinstance(c.value, int) for k, c in row.items() if k.startswith("Orders"))
    assert sheet.freeze_panes == f"A{FIRST + 1}"


def test_posts_without_shop_orders_are_listed_with_their_day_only(
    db: Database, mixed_campaign: int, tmp_path: Path
) -> None:
    report = campaign_report(db, mixed_campaign, TODAY)
    assert report.posts and not report.total.from_shop
    target = tmp_path / "report.xlsx"
    write_report_xlsx(report, target, db.path)
    sheet = load_workbook(target)["Posts"]
    headers = [c.value for c in next(sheet.iter_rows(min_row=FIRST, max_row=FIRST))]
    assert headers == ["Influencer", "Account", "Platform", "Format", "Posted on"]
    assert "Import the shop's orders" in sheet["A2"].value
