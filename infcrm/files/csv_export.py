"""Export influencers to CSV: UTF-8 with a BOM (so Excel shows accents and emoji), commas.

The same columns as the .xlsx export; numbers are written plain (12345, no separators),
engagement with the decimal the app shows (“3.5%”), instants in local time as
“2026-05-01 14:30”. Text that a spreadsheet could take for a formula gets a single quote in
front, as OWASP recommends.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.export_columns import ExportColumn, influencer_columns
from infcrm.files.export_target import atomic_file
from infcrm.files.safe_cells import safe_text
from infcrm.files.xlsx_export import (
    REPORT_EVERY,
    ExportResult,
    ProgressLike,
    local_time,
    reporter,
)
from infcrm.services.exchange import export_rows
from infcrm.services.people.influencer_types import ListQuery


def _text(value: object) -> str:
    return safe_text(str(value))


def _number(value: object) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return _text(value)


def _percent(value: object) -> str:
    # With the decimals the app shows (2.7%, not 2.69607843137255%), trailing zeros dropped.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"
    return _text(value)


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return local_time(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return _text(value)


def _day(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return _text(value)


def _yes_no(value: object) -> str:
    return "Yes" if value else "No"


_FORMATTERS: dict[str, Callable[[object], str]] = {
    "int": _number,
    "number": _number,
    "percent": _percent,
    "datetime": _when,
    "date": _day,
    "bool": _yes_no,
}


def write_rows(
    handle: object,
    columns: Sequence[ExportColumn],
    rows: Iterable[Sequence[object]],
    total: int,
    report: Callable[[int, int, str], None],
) -> int:
    """Write a header and `rows` as CSV to an open text file; returns how many rows."""
    writer = csv.writer(handle)  # type: ignore[arg-type]
    writer.writerow([safe_text(column.header) for column in columns])
    formatters = [_FORMATTERS.get(column.kind, _text) for column in columns]
    pairs = list(zip(formatters, range(len(formatters)), strict=True))
    label = "Writing influencers…"
    report(0, total, label)
    written = 0
    for values in rows:
        writer.writerow(["" if values[i] is None else fmt(values[i]) for fmt, i in pairs])
        written += 1
        if written % REPORT_EVERY == 0:
            report(written, total, label)
    report(written, total, label)
    return written


def export_csv(
    db: Database,
    path: str | os.PathLike[str],
    query: ListQuery | None = None,
    columns: list[str] | None = None,
    progress: ProgressLike = None,
) -> ExportResult:
    """Export the influencers `query` shows (everyone if None) with `columns` (all if None)."""
    destination = Path(path)
    report = reporter(progress)
    report(0, 0, "Finding the influencers to export…")
    ids = export_rows.export_ids(db, query)
    chosen = influencer_columns(db, ids, columns)
    keys = [column.key for column in chosen]
    # utf-8-sig writes the byte-order mark Excel needs to read the file as UTF-8.
    with (
        atomic_file(destination, db.path) as temp,
        temp.open("w", encoding="utf-8-sig", newline="") as handle,
    ):
        written = write_rows(
            handle, chosen, export_rows.influencer_values(db, ids, keys), len(ids), report
        )
    return ExportResult(destination, written, ("Influencers",))


__all__ = ["export_csv", "write_rows"]
