"""Reading an all-sheets .xlsx export back as a backup: every sheet into plain rows.

An infcrm all-sheets workbook is known by its sheet names and by the "ID" column the
Influencers sheet starts with. Each sheet's columns are the export's own (files/*_sheets.py),
so a header is found by the name the export gave it; the columns the export computes (tier,
engagement, cost, ROI, the per-platform columns…) are left unread, they follow from the rest.
Values are turned back into what is stored: labels into their choices ("Free product" →
product), amounts with their Currency column into minor units, local times into UTC. A cell
that cannot be read is refused with its sheet, row and column: a restore is all or nothing.
`services/restore.py` writes the result.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from infcrm.domain.money import MoneyError, parse_amount
from infcrm.files.backup_cells import CellError
from infcrm.files.backup_sheets import PART_SHEETS, MoneyField, PartSheet
from infcrm.files.spreadsheet_reader import SpreadsheetError
from infcrm.files.workbook_guard import WorkbookTooBig
from infcrm.files.workbook_reader import WorkbookError, open_workbook, sheet_rows
from infcrm.services.exchange.restore_types import Backup, BackupPart, BackupRow

# The sheets that make a workbook an all-sheets export (the Influencers sheet must start with ID).
SIGNATURE = ("Influencers", "Social accounts", "Outreach", "Campaigns", "Deals")


class BackupError(SpreadsheetError):
    """The workbook cannot be restored as it stands; the message says where and why."""


def looks_like_backup(path: Path | str) -> bool:
    """Whether `path` is an infcrm all-sheets export (its sheet names, then its ID column)."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        workbook, names = open_workbook(path)
        if not set(SIGNATURE) <= set(names):
            return False
        header = next(iter(sheet_rows(workbook, SIGNATURE[0], path.name)), ())
    except (WorkbookError, WorkbookTooBig, SpreadsheetError, OSError):
        return False  # the usual import says what is wrong with it
    return bool(header) and str(header[0]).strip() == "ID"


def read_backup(path: Path | str) -> Backup:
    """Every part of an all-sheets export, checked cell by cell; BackupError names a bad one."""
    path = Path(path)
    try:
        workbook, names = open_workbook(path)
    except (WorkbookError, WorkbookTooBig) as exc:
        raise BackupError(str(exc)) from exc
    parts: dict[str, BackupPart] = {}
    for name, spec in PART_SHEETS.items():
        if spec.title not in names:
            if spec.title in SIGNATURE:
                raise BackupError(
                    f"“{path.name}” has no sheet “{spec.title}”, so it cannot be restored. "
                    "Export again with all sheets, or import one sheet of it (--sheet)."
                )
            continue
        try:
            rows = sheet_rows(workbook, spec.title, path.name)
        except (WorkbookError, WorkbookTooBig) as exc:
            raise BackupError(str(exc)) from exc
        parts[name] = _read_part(spec, rows)
    return Backup(path.name, parts)


def _read_part(spec: PartSheet, rows: Iterator[tuple]) -> BackupPart:
    header = [str(cell).strip() for cell in next(rows, ())]
    positions: dict[str, int] = {}
    for key, (header_text, _field, _convert) in spec.fields.items():
        try:
            positions[key] = header.index(header_text)
        except ValueError:
            raise BackupError(
                f"Sheet “{spec.title}” has no column “{header_text}”, so it cannot be restored. "
                "Put the column back as the export wrote it (the header in row 1)."
            ) from None
    headers = {f: h for h, f, _c in spec.fields.values()}
    read: list[BackupRow] = []
    for number, cells in enumerate(rows, start=2):
        if all(c in (None, "") for c in cells):
            continue  # an emptied row: nothing to restore
        values: dict[str, object] = {}
        for key, (header_text, field_name, convert) in spec.fields.items():
            index = positions[key]
            cell = cells[index] if index < len(cells) else None
            try:
                value = convert(cell)
            except (CellError, ValueError, MoneyError) as exc:
                raise _refused(spec, number, header_text, str(exc)) from None
            if isinstance(value, Mapping):
                values.update(value)
            else:
                values[field_name] = value
        for money in spec.money:
            _amount(spec, number, values, money)
        read.append(BackupRow(number, values))
    return BackupPart(spec.title, headers, tuple(read))


def _refused(spec: PartSheet, number: int, header: str, problem: str) -> BackupError:
    return BackupError(
        f"Sheet “{spec.title}”, row {number}, column “{header}”: {problem} Nothing was restored."
    )


def _amount(spec: PartSheet, number: int, values: dict[str, object], money: MoneyField) -> None:
    raw = values.get(money.field)
    if raw is None:
        return
    currency = values.get(money.currency)
    if not currency:
        raise _refused(
            spec, number, money.currency_header, "it is empty, and the amount beside it needs one."
        )
    text = str(raw) if not isinstance(raw, float) else repr(raw)
    try:
        values[money.field] = parse_amount(text, str(currency), what=money.header)
    except MoneyError as exc:
        raise _refused(spec, number, money.header, str(exc)) from None


__all__ = ["BackupError", "looks_like_backup", "read_backup"]
