"""The rows an import left out, written beside the source for the user to fix and import again.

`NAME-not-imported.csv` (or `.xlsx` for a workbook) holds the original column names and cells
of each row left out, plus a “Why” column; importing it again after fixing it works, and the
“Why” column is ignored. Text that a spreadsheet could run as a formula is protected the same
way as in an export (and the protection is removed again on import).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from infcrm.files.import_rows import PlannedRow
from infcrm.files.safe_cells import safe_text
from infcrm.files.spreadsheet_reader import SheetRow, Table
from infcrm.files.xlsx_book import new_workbook, write_text

WHY = "Why"
SUFFIX = "-not-imported"
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")


def leftovers_path(source: Path) -> Path:
    """Where the rows not imported from `source` go (the same file when re-importing it)."""
    suffix = ".xlsx" if source.suffix.casefold() in _WORKBOOKS else ".csv"
    stem = source.stem if source.stem.endswith(SUFFIX) else source.stem + SUFFIX
    return source.with_name(stem + suffix)


def why(row: PlannedRow) -> str:
    """Every problem of a row left out, each with its column, in one cell."""
    return " ".join((f"{p.column}: " if p.column else "") + p.detail for p in row.problems)


def write_leftovers(table: Table, rows: Sequence[PlannedRow]) -> Path:
    """Write the rows left out beside the source; returns the file's path.

    Written to a temporary file in the same folder first, so an interrupted write never leaves
    half a file under the real name. Raises OSError when the folder cannot be written to.
    """
    by_number: dict[int, SheetRow] = {r.number: r for r in table.rows}
    lines = [(by_number[r.number].cells, why(r)) for r in rows if r.number in by_number]
    target = leftovers_path(table.path)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        if target.suffix == ".xlsx":
            _write_xlsx(Path(temp), table.headers, lines)
        else:
            _write_csv(Path(temp), table.headers, lines)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def _shown(value: object) -> object:
    """A cell as the user typed it: whole numbers without “.0”, dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return value


def _write_csv(path: Path, headers: list[str], lines: list[tuple[tuple, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([safe_text(h) for h in headers] + [WHY])
        for cells, reason in lines:
            values = [_shown(c) for c in cells]
            writer.writerow([safe_text(v) if isinstance(v, str) else v for v in values] + [reason])


def _write_xlsx(path: Path, headers: list[str], lines: list[tuple[tuple, str]]) -> None:
    with new_workbook(path) as book:
        sheet = book.add_worksheet("Not imported")
        for column, header in enumerate([*headers, WHY]):
            write_text(sheet, 0, column, header)
        for row, (cells, reason) in enumerate(lines, start=1):
            for column, value in enumerate([*(_shown(c) for c in cells), reason]):
                if value == "" or value is None:
                    continue  # an empty cell stays empty
                if isinstance(value, str):
                    write_text(sheet, row, column, value)
                else:
                    sheet.write(row, column, value)


__all__ = ["SUFFIX", "WHY", "leftovers_path", "why", "write_leftovers"]
