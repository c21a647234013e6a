"""Export influencers to a real .xlsx workbook, streamed with openpyxl's write-only mode.

Bold frozen header, autofilter, column widths, numbers and dates as numbers with formats,
profile links and emails as hyperlinks, and every piece of user text as a string cell (never a
formula). The file is written next to the destination and moved into place only when complete,
so a cancelled or failed export leaves nothing half-written behind.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infcrm.db.engine import Database
from infcrm.domain.money import Money, decimals
from infcrm.files import safe_cells
from infcrm.files.export_columns import ID_COLUMN, ExportColumn, influencer_columns
from infcrm.files.export_sheets import EXTRA_SHEETS
from infcrm.files.export_target import ExportError, atomic_file, route_sheet_files
from infcrm.files.xlsx_links import LinkSpool, add_link_relationships, stream_links_of
from infcrm.services.exchange import export_rows
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.progress import Progress

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

INFLUENCER_SHEET = "Influencers"
REPORT_EVERY = 500  # rows between progress reports: often enough for Cancel, cheap to call

NUMBER_FORMATS = {
    "int": "#,##0",
    "number": "#,##0.0#",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "id": "0",
}
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


def money_format(currency: str) -> str:
    """The number format of an amount in `currency`: '#,##0.00 "EUR"', '#,##0 "JPY"'."""
    places = decimals(currency)
    return "#,##0" + ("." + "0" * places if places else "") + f' "{currency}"'


def web_link(value: str) -> str | None:
    """The link target for a profile URL, only for http(s) addresses (never file: or scripts)."""
    value = value.strip()
    return value if _WEB_LINK.fullmatch(value) else None


def mail_link(value: str) -> str | None:
    """A mailto: link for a plausible email address, else None."""
    value = value.strip()
    return f"mailto:{value}" if _EMAIL.fullmatch(value) else None


def _header(sheet: WriteOnlyWorksheet, columns: Sequence[ExportColumn]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet)
        safe_cells.force_string(cell, column.header)
        cell.font = bold
        cells.append(cell)
    return cells


def _cell_makers(
    sheet: WriteOnlyWorksheet,
    columns: Sequence[ExportColumn],
    links: LinkSpool | None,
    row: list[int],
) -> list[Callable[[object], object]]:
    """One function per column turning a value into what `sheet.append` should get.

    Link columns note their targets in `links` for the cell on row `row[0]`.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    def text(value: object) -> object:
        return safe_cells.safe_xlsx_value(sheet, str(value))

    def formatted(kind: str) -> Callable[[object], object]:
        # One styled cell per column, reused: write-only sheets serialise a row as soon as it
        # is appended, so the next row can take the same cell with a new value.
        cell = WriteOnlyCell(sheet)
        cell.number_format = NUMBER_FORMATS[kind]

        def make(value: object) -> object:
            if isinstance(value, datetime):
                # Whole seconds: a fraction would not survive Excel's day numbers exactly, and
                # an export read back and exported again must give the same cells.
                value = (
                    local_time(value).replace(microsecond=0) if kind == "datetime" else value.date()
                )
            elif not isinstance(value, int | float | date):
                return text(value)
            cell.value = value
            return cell

        return make

    def linked(to_target: Callable[[str], str | None], letter: str) -> Callable[[object], object]:
        # The link itself goes to the spool; the cell only looks like a link.
        cell = WriteOnlyCell(sheet)
        cell.style = "Hyperlink"

        def make(value: object) -> object:
            shown = str(value)
            target = to_target(shown)
            if target is None or links is None:
                return text(shown)
            links.add(f"{letter}{row[0]}", target)
            safe_cells.force_string(cell, shown)
            return cell

        return make

    def yes_no(value: object) -> object:
        return "Yes" if value else "No"

    def money(value: object) -> object:
        if not isinstance(value, Money):
            return text(value)  # sums in several currencies stay words: "€120.00 + $40.00"
        cell = WriteOnlyCell(sheet, value=value.amount)  # each amount has its currency's format
        cell.number_format = money_format(value.currency)
        return cell

    makers: list[Callable[[object], object]] = []
    for number, column in enumerate(columns, start=1):
        if column.kind in NUMBER_FORMATS:
            makers.append(formatted(column.kind))
        elif column.kind == "url":
            makers.append(linked(web_link, get_column_letter(number)))
        elif column.kind == "email":
            makers.append(linked(mail_link, get_column_letter(number)))
        elif column.kind == "bool":
            makers.append(yes_no)
        elif column.kind == "money":
            makers.append(money)
        else:
            makers.append(text)
    return makers


def write_sheet(
    sheet: WriteOnlyWorksheet,
    columns: Sequence[ExportColumn],
    rows: Iterable[Sequence[object]],
    total: int,
    report: Callable[[int, int, str], None],
    links: LinkSpool | None = None,
) -> int:
    """Write a header and `rows` to a write-only sheet; returns how many rows were written.

    Hyperlinks are streamed through `links` (see xlsx_links); without one, link columns are
    written as plain text.
    """
    from openpyxl.utils import get_column_letter

    # Layout must be set before the first row: write-only sheets write it up front.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append(_header(sheet, columns))
    if links is not None:
        stream_links_of(sheet, links)
    row = [2]
    makers = _cell_makers(sheet, columns, links, row)
    pairs = list(zip(makers, range(len(makers)), strict=True))
    label = f"Writing {sheet.title.lower()}…"
    report(0, total, label)
    written = 0
    for values in rows:
        sheet.append([None if values[i] is None else make(values[i]) for make, i in pairs])
        written += 1
        row[0] += 1
        if written % REPORT_EVERY == 0:
            report(written, total, label)
    report(written, total, label)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{written + 1}"
    return written


def export_xlsx(
    db: Database,
    path: str | os.PathLike[str],
    query: ListQuery | None = None,
    columns: list[str] | None = None,
    progress: ProgressLike = None,
    *,
    all_sheets: bool = False,
) -> ExportResult:
    """Export the influencers `query` shows (everyone if None) with `columns` (all if None).

    `all_sheets` adds the further sheets (Social accounts…) and makes the Influencers sheet
    whole — every column, and each person's ID that the other sheets refer to — so the file is
    a backup that `infcrm import` restores. `progress` may raise to cancel; the destination is
    then left as it was.
    """
    from openpyxl import Workbook

    destination = Path(path)
    report = reporter(progress)
    report(0, 0, "Finding the influencers to export…")
    ids = export_rows.export_ids(db, query)
    if all_sheets:
        chosen = (ID_COLUMN, *influencer_columns(db, ids, None))
    else:
        chosen = influencer_columns(db, ids, columns)
    spools: dict[str, LinkSpool] = {}
    route_sheet_files()
    with atomic_file(destination, db.path) as temp:
        workbook = Workbook(write_only=True)
        try:
            sheet = workbook.create_sheet(INFLUENCER_SHEET)
            keys = [column.key for column in chosen]
            rows = export_rows.influencer_values(db, ids, keys)
            links = spools.setdefault(INFLUENCER_SHEET, LinkSpool())
            written = write_sheet(sheet, chosen, rows, len(ids), report, links)
            titles = [INFLUENCER_SHEET]
            for extra in EXTRA_SHEETS if all_sheets else ():
                more = workbook.create_sheet(extra.title)
                links = spools.setdefault(extra.title, LinkSpool())
                count = extra.count(db, ids)
                write_sheet(more, extra.columns, extra.rows(db, ids), count, report, links)
                titles.append(extra.title)
            report(written, len(ids), "Saving the file…")
            workbook.save(temp)
            parts = {workbook[title].path.lstrip("/"): spools[title] for title in titles}
            add_link_relationships(temp, parts)
        except BaseException:
            _discard(workbook)
            raise
        finally:
            for spool in spools.values():
                spool.close()
    return ExportResult(destination, written, tuple(titles))


def _discard(workbook: Any) -> None:
    """Close and delete the sheets' streaming files after a cancel or a failure.

    Write-only sheets stream their rows into temporary files that openpyxl removes only when
    the workbook is saved (or the program ends); a long-running app must not collect them.
    """
    for sheet in workbook.worksheets:
        rows, writer = getattr(sheet, "_rows", None), getattr(sheet, "_writer", None)
        for close in (
            getattr(rows, "close", None),
            getattr(getattr(writer, "xf", None), "close", None),
        ):
            if close is not None:
                with suppress(Exception):  # a half-written stream may complain; it is discarded
                    close()
        sheet._rows = None
        if writer is not None:
            with suppress(OSError, ValueError):
                writer.cleanup()


__all__ = [
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
