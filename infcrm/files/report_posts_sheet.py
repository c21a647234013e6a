"""The campaign report's second sheet: each post with its day and, once the shop's orders are
imported, the orders around it.

The PDF and the screen chart these; here they are numbers and a date a spreadsheet can sort,
filter and add up, one row per post, oldest first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from xlsxwriter.workbook import Workbook

from infcrm.domain.accounts import shown_account
from infcrm.domain.campaign_enums import ContentFormat
from infcrm.domain.enums import Platform, label_of
from infcrm.files.xlsx_book import Formats, excel_day, write_header, write_text
from infcrm.services.campaigns.post_orders import DAYS_AFTER, DAYS_BEFORE, PostOrders

SHEET = "Posts"


Column = tuple[str, float, str, Callable[[PostOrders], object]]

ORDERS_NOTE = (
    f"Each post, oldest first, with the shop orders through its creator's promo code or "
    f"tracking link from {DAYS_BEFORE} days before it to {DAYS_AFTER} days after. A creator's "
    "posts a few days apart share the same orders, so the rows do not add up to the campaign's."
)
NO_ORDERS_NOTE = (
    "Each post, oldest first. Import the shop's orders (File › Import orders…) to see the "
    "orders around each one."
)


def _columns(with_orders: bool) -> list[Column]:
    post: list[Column] = [
        ("Influencer", 24, "text", lambda p: p.name),
        ("Account", 20, "text", lambda p: shown_account(p.platform, p.handle) or None),
        ("Platform", 11, "text", lambda p: label_of(Platform, p.platform)),
        ("Format", 10, "text", lambda p: label_of(ContentFormat, p.format) if p.format else None),
        ("Posted on", 12, "date", lambda p: p.posted_on),
    ]
    orders: list[Column] = [
        (f"Orders in the {DAYS_BEFORE} days before", 12, "int",
         lambda p: sum(p.on(d) for d in range(-DAYS_BEFORE, 0))),
        ("Orders on the day", 10, "int", lambda p: p.on(0)),
        (f"Orders in the {DAYS_AFTER} days after", 12, "int",
         lambda p: sum(p.on(d) for d in range(1, DAYS_AFTER + 1))),
        ("Orders in all", 10, "int", lambda p: p.total),
    ]  # fmt: skip
    return post + orders if with_orders else post


def write_posts_sheet(
    book: Workbook,
    formats: Formats,
    header_row: int,
    posts: tuple[PostOrders, ...],
    with_orders: bool,
) -> None:
    """Add the sheet (nothing when no post was recorded); the orders around each post when
    `with_orders` (the campaign's shop orders are imported)."""
    if not posts:
        return
    columns = _columns(with_orders)
    sheet = book.add_worksheet(SHEET)
    write_text(sheet, 0, 0, SHEET, book.add_format({"bold": True, "font_size": 14}))
    write_text(sheet, 1, 0, ORDERS_NOTE if with_orders else NO_ORDERS_NOTE)
    write_header(sheet, header_row, [c[0] for c in columns], [c[1] for c in columns], formats)
    row = header_row + 1
    for post in posts:
        for number, (_header, _width, kind, value_of) in enumerate(columns):
            value = value_of(post)
            if value is None:
                continue
            if kind == "text":
                write_text(sheet, row, number, value)
            elif kind == "date":
                assert isinstance(value, date)
                sheet.write_datetime(row, number, excel_day(value), formats.kind("date"))
            else:
                sheet.write_number(row, number, int(value), formats.kind("int"))  # type: ignore[arg-type]
        row += 1
    sheet.autofilter(header_row, 0, row - 1, len(columns) - 1)
    sheet.print_area(0, 0, row - 1, len(columns) - 1)


__all__ = ["SHEET", "write_posts_sheet"]
