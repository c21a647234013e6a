"""Export influencers to a real .xlsx workbook, streamed in constant memory (`xlsx_book`).

Bold frozen header, autofilter, column widths, set up to print, numbers and dates as numbers
with formats, profile links and emails as hyperlinks (up to Excel's 65,530 a sheet; the rest
stay text), and every piece of user text as a string cell (never a formula). The file is
written next to the destination and moved into place only when complete, so a cancelled or
failed export leaves nothing half-written behind.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infcrm.db.engine import Database
from infcrm.domain.money import Money
from infcrm.files import safe_cells
from infcrm.files.backup_signature import continued_title
from infcrm.files.currency_columns import SUMS, first_columns, spread, sums_writer, write_money
from infcrm.files.export_columns import ID_COLUMN, ExportColumn, ExtraSheet, influencer_columns
from infcrm.files.export_target import ExportError, atomic_file
from infcrm.files.safe_cells import xlsx_text
from infcrm.files.workbook_guard import MAX_CELLS
from infcrm.files.xlsx_book import (
    MAX_LINKS_PER_SHEET,
    MAX_URL_LENGTH,
    NUMBER_FORMATS,
    PERCENT_PLACES,
    Formats,
    excel_day,
    money_format,
    new_workbook,
    rounded_rate,
    write_header,
    write_text,
)
from infcrm.services.exchange import export_rows
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.progress import Progress

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

INFLUENCER_SHEET = "Influencers"
# An all-sheets export goes on over "Outreach (2)"… past this many rows, far under Excel's
# 1,048,576, so each sheet opens in Excel and stays within what infcrm reads back per sheet.
ROWS_PER_SHEET = 250_000
# The reader's guard counts every sheet at least 26 columns wide (A to Z).
_GUARD_WIDTH = 26
REPORT_EVERY = 500  # rows between progress reports: often enough for Cancel, cheap to call
_WEB_LINK = re.compile(r"https?://\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")


# Anything with `report(done, total, text)` (services/progress.py); it raises to cancel.
ProgressLike = Progress | None


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    influencers: int
    sheets: tuple[str, ...]


def reporter(progress: ProgressLike) -> Callable[[int, int, str], None]:
    """The `(done, total, text)` function to call, doing nothing when no one watches."""
    if progress is None:
        return lambda done, total, text: None
    return progress.report


def local_time(instant: datetime) -> datetime:
    """A stored instant (naive UTC) as the local wall-clock time, naive, for a spreadsheet."""
    return instant.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def web_link(value: str) -> str | None:
    """The link target for a profile URL, only for http(s) addresses (never file: or scripts)."""
    value = value.strip()
    return value if _WEB_LINK.fullmatch(value) else None


def mail_link(value: str) -> str | None:
    """A mailto: link for a plausible email address, else None."""
    value = value.strip()
    return f"mailto:{value}" if _EMAIL.fullmatch(value) else None


CellWriter = Callable[[int, int, object], None]


@dataclass(frozen=True)
class _Plan:
    """How a sheet's cells are written, column by column: (value index, sheet column, …).

    Text and plain numbers, most of a sheet's cells, are written by the loop itself; every
    other kind of cell goes through its own function."""

    texts: list[tuple[int, int]]
    numbers: list[tuple[int, int, object, CellWriter]]  # … format, writer of other values
    others: list[tuple[int, int, CellWriter]]


def _cell_writers(
    sheet: Worksheet,
    columns: Sequence[ExportColumn],
    formats: Formats,
    currencies: Sequence[str] = (),
) -> list[CellWriter]:
    """One function per column writing a value to (row, column) of `sheet` (a per-currency
    column fills the columns of `currencies` from there on)."""
    links = [0]  # links written so far on this sheet

    def text(row: int, column: int, value: object) -> None:
        write_text(sheet, row, column, value)

    def formatted(kind: str) -> CellWriter:
        fmt = formats.kind(kind)

        def write(row: int, column: int, value: object) -> None:
            if isinstance(value, datetime):
                # Whole seconds: a fraction would not survive Excel's day numbers exactly, and
                # an export read back and exported again must give the same cells.
                when = local_time(value).replace(microsecond=0) if kind == "datetime" else value
                sheet.write_datetime(row, column, when if kind == "datetime" else when.date(), fmt)
            elif isinstance(value, date):
                sheet.write_datetime(row, column, excel_day(value), fmt)
            elif isinstance(value, bool) or not isinstance(value, int | float):
                text(row, column, value)
            elif kind in PERCENT_PLACES:
                sheet.write_number(row, column, rounded_rate(value, kind), fmt)
            else:
                sheet.write_number(row, column, value, fmt)

        return write

    def linked(to_target: Callable[[str], str | None]) -> CellWriter:
        def write(row: int, column: int, value: object) -> None:
            shown = safe_cells.xlsx_text(str(value))
            target = to_target(shown)
            if (
                target is None
                or links[0] >= MAX_LINKS_PER_SHEET  # Excel's limit: the rest stay text
                or len(target) > MAX_URL_LENGTH
                or sheet.write_url(row, column, target, formats.link, string=shown) != 0
            ):
                text(row, column, shown)
            else:
                links[0] += 1

        return write

    def yes_no(row: int, column: int, value: object) -> None:
        sheet.write_string(row, column, "Yes" if value else "No")

    def money(row: int, column: int, value: object) -> None:
        assert isinstance(value, Money)  # several currencies are a "money_sums" column
        write_money(sheet, row, column, value, formats)

    writers: list[CellWriter] = []
    for column in columns:
        if column.kind in NUMBER_FORMATS:
            writers.append(formatted(column.kind))
        elif column.kind == "url":
            writers.append(linked(web_link))
        elif column.kind == "email":
            writers.append(linked(mail_link))
        elif column.kind == "bool":
            writers.append(yes_no)
        elif column.kind == "money":
            writers.append(money)
        elif column.kind == SUMS:
            writers.append(sums_writer(sheet, formats, currencies))
        else:
            writers.append(text)
    return writers


# Kinds whose numbers are written as they are (a rate is rounded first, a date converted).
_PLAIN_NUMBERS = frozenset({"int", "number", "id"})


def _plan(
    sheet: Worksheet,
    columns: Sequence[ExportColumn],
    formats: Formats,
    currencies: Sequence[str],
) -> _Plan:
    plan = _Plan([], [], [])
    writers = _cell_writers(sheet, columns, formats, currencies)
    starts = first_columns(columns, currencies)
    for number, (column, start, write) in enumerate(zip(columns, starts, writers, strict=True)):
        if column.kind == "text":
            plan.texts.append((number, start))
        elif column.kind in _PLAIN_NUMBERS:
            plan.numbers.append((number, start, formats.kind(column.kind), write))
        else:
            plan.others.append((number, start, write))
    return plan


def write_sheet(
    sheet: Worksheet,
    formats: Formats,
    columns: Sequence[ExportColumn],
    rows: Iterable[Sequence[object]],
    total: int,
    report: Callable[[int, int, str], None],
    currencies: Sequence[str] = (),
) -> int:
    """Write a header and `rows` to a sheet, set up to print; returns how many rows.
    Per-currency columns get one column for each of `currencies`."""
    shown = spread(columns, currencies)
    write_header(sheet, 0, [c.header for c in shown], [c.width for c in shown], formats)
    plan = _plan(sheet, columns, formats, currencies)
    texts, numbers, others = plan.texts, plan.numbers, plan.others
    # Millions of cells: the loop calls the sheet's own methods, nothing in between.
    write_string, write_number, storable = sheet.write_string, sheet.write_number, xlsx_text
    label = f"Writing {sheet.name.lower()}…"
    report(0, total, label)
    written = 0
    for values in rows:
        written += 1
        for number, column in texts:
            value = values[number]
            if value is not None:
                write_string(written, column, storable(str(value)))
        for number, column, fmt, write in numbers:
            value = values[number]
            if value.__class__ is int or value.__class__ is float:  # never a bool
                write_number(written, column, value, fmt)
            elif value is not None:
                write(written, column, value)
        for number, column, write in others:
            value = values[number]
            if value is not None:
                write(written, column, value)
        if written % REPORT_EVERY == 0:
            report(written, total, label)
    report(written, total, label)
    sheet.autofilter(0, 0, written, len(shown) - 1)
    return written


def export_xlsx(
    db: Database,
    path: str | os.PathLike[str],
    query: ListQuery | None = None,
    columns: list[str] | None = None,
    progress: ProgressLike = None,
    *,
    all_sheets: bool = False,
    rows_per_sheet: int | None = None,
) -> ExportResult:
    """Export the influencers `query` shows (everyone if None) with `columns` (all if None).

    `all_sheets` adds the further sheets (Social accounts…) and makes the Influencers sheet
    whole — every column, and each person's ID that the other sheets refer to — so the file is
    a backup that `infcrm import` restores; a sheet longer than `rows_per_sheet` (default
    ROWS_PER_SHEET, less for a sheet so wide its cells would pass what the reader takes) goes
    on over "Outreach (2)", "Outreach (3)"… `progress` may raise to cancel; the destination
    is then left as it was.
    """
    destination = Path(path)
    report = reporter(progress)
    report(0, 0, "Finding the influencers to export…")
    ids = export_rows.export_ids(db, query)
    if all_sheets:
        chosen = (ID_COLUMN, *influencer_columns(db, ids, None))
    else:
        chosen = influencer_columns(db, ids, columns)
    with atomic_file(destination, db.path) as temp, new_workbook(temp) as book:
        formats = Formats(book)
        keys = [column.key for column in chosen]
        rows = export_rows.influencer_values(db, ids, keys)
        sheet = book.add_worksheet(INFLUENCER_SHEET)
        if not all_sheets:
            written = write_sheet(sheet, formats, chosen, rows, len(ids), report)
            titles = [INFLUENCER_SHEET]
        else:
            bound = rows_per_sheet or ROWS_PER_SHEET
            written, titles = _write_part(
                book, sheet, formats, chosen, rows, len(ids), report, (), bound
            )
        for extra in _extra_sheets() if all_sheets else ():
            more = book.add_worksheet(extra.title)
            count = extra.count(db, ids)
            codes = extra.currencies(db, ids) if extra.currencies else ()
            rows = extra.rows(db, ids)
            _done, on = _write_part(
                book, more, formats, extra.columns, rows, count, report, codes, bound
            )
            titles.extend(on)
        report(written, len(ids), "Saving the file…")
    return ExportResult(destination, written, tuple(titles))


def _extra_sheets() -> tuple[ExtraSheet, ...]:
    """The further sheets of an all-sheets export; their row sources (campaigns, deals…)
    load only for one, so exporting the people alone starts sooner."""
    from infcrm.files.export_sheets import EXTRA_SHEETS

    return EXTRA_SHEETS


def _write_part(
    book: Any,
    first: Worksheet,
    formats: Formats,
    columns: Sequence[ExportColumn],
    rows: Iterable[Sequence[object]],
    total: int,
    report: Callable[[int, int, str], None],
    currencies: Sequence[str],
    bound: int,
) -> tuple[int, list[str]]:
    """Write one part of an all-sheets export on `first` and as many continuation sheets as
    it needs, each with the header row; returns the rows written and the sheets' titles."""
    width = max(len(spread(columns, currencies)), _GUARD_WIDTH)
    per_sheet = max(1, min(bound, MAX_CELLS // width - 1))  # the header row is a row too
    remaining = iter(rows)
    sheet, titles, written = first, [first.name], 0
    while True:
        chunk = _take(remaining, per_sheet)
        written += write_sheet(sheet, formats, columns, chunk, total, report, currencies)
        following = next(remaining, None)
        if following is None:
            return written, titles
        remaining = _chain_one(following, remaining)
        titles.append(continued_title(titles[0], len(titles) + 1))
        sheet = book.add_worksheet(titles[-1])


def _take(rows: Iterator[Sequence[object]], count: int) -> Iterator[Sequence[object]]:
    for _ in range(count):
        row = next(rows, None)
        if row is None:
            return
        yield row


def _chain_one(
    row: Sequence[object], rest: Iterator[Sequence[object]]
) -> Iterator[Sequence[object]]:
    yield row
    yield from rest


__all__ = [
    "ROWS_PER_SHEET",
    "ExportError",
    "ExportResult",
    "atomic_file",
    "export_xlsx",
    "local_time",
    "mail_link",
    "money_format",
    "reporter",
    "web_link",
    "write_sheet",
]
