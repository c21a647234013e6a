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
from itertools import islice
from pathlib import Path

from infcrm.domain.money import MoneyError, parse_amount
from infcrm.files.backup_cells import CellError
from infcrm.files.backup_sheets import PART_SHEETS, MoneyField, PartSheet
from infcrm.files.backup_signature import SIGNATURE, is_infcrm_export, part_titles
from infcrm.files.spreadsheet_reader import SpreadsheetError
from infcrm.files.workbook_guard import MAX_BACKUP_UNCOMPRESSED, MAX_UNCOMPRESSED, WorkbookTooBig
from infcrm.files.workbook_reader import WorkbookError, open_workbook, sheet_rows
from infcrm.services.exchange.restore_types import Backup, BackupPart, BackupRow

BATCH = 5_000  # rows read, checked and written together
# Exports made before continuation sheets wrote each part on one sheet, however long.
CONTINUE_HINT = (
    "An infcrm export: this version goes on over “Outreach (2)”, “Outreach (3)”… instead; in "
    "an older one, move the rows past 150,000 of the long sheet to a new sheet named like it "
    "with “ (2)” after (“Social accounts (2)”), the header row first, and import it again."
)


class BackupError(SpreadsheetError):
    """The workbook cannot be restored as it stands; the message says where and why."""


def looks_like_backup(path: Path | str) -> bool:
    """Whether `path` is an infcrm all-sheets export (its sheet names, then its ID column).

    Read from the workbook's small parts, before any size limit: a backup is never refused
    with the advice for people lists ("split it")."""
    return is_infcrm_export(path)


def read_backup(path: Path | str) -> Backup:
    """The export opened to be read part by part, as a restore uses it: a part written on
    several sheets ("Outreach", "Outreach (2)"…) is read from each in turn, a batch of rows at
    a time, one sheet's cells held at once. BackupError names a bad cell when it is read."""
    path = Path(path)
    ours = is_infcrm_export(path)
    try:
        workbook, names = open_workbook(path, MAX_BACKUP_UNCOMPRESSED if ours else MAX_UNCOMPRESSED)
    except WorkbookTooBig as exc:
        raise BackupError(f"{exc} {CONTINUE_HINT}" if ours else str(exc)) from exc
    except WorkbookError as exc:
        raise BackupError(str(exc)) from exc
    titles: dict[str, list[str]] = {}
    for name, spec in PART_SHEETS.items():
        titles[name] = part_titles(spec.title, names)
        if not titles[name] and spec.title in SIGNATURE:
            raise BackupError(
                f"“{path.name}” has no sheet “{spec.title}”, so it cannot be restored. "
                "Export again with all sheets, or import one sheet of it (--sheet)."
            )

    def batches(name: str) -> Iterator[BackupPart]:
        spec = PART_SHEETS[name]
        headers = {f: h for h, f, _c in spec.fields.values()}
        for title in titles[name]:
            try:
                rows = sheet_rows(workbook, title, path.name)
            except (WorkbookError, WorkbookTooBig) as exc:
                raise BackupError(str(exc)) from exc
            read = _read_sheet(spec, title, rows, continued=title != spec.title)
            while batch := tuple(islice(read, BATCH)):
                yield BackupPart(spec.title, headers, batch)
            del rows, read  # let this sheet's cells go before the next sheet is read

    present = frozenset(name for name, on in titles.items() if on)
    return Backup(path.name, reader=batches, present=present)


def _read_sheet(
    spec: PartSheet, title: str, rows: Iterator[tuple], *, continued: bool
) -> Iterator[BackupRow]:
    """The rows of one sheet of a part; each continuation sheet has the header row too."""
    header = [str(cell).strip() for cell in next(rows, ())]
    positions: dict[str, int] = {}
    for key, (header_text, _field, _convert) in spec.fields.items():
        try:
            positions[key] = header.index(header_text)
        except ValueError:
            raise BackupError(
                f"Sheet “{title}” has no column “{header_text}”, so it cannot be restored. "
                "Put the column back as the export wrote it (the header in row 1)."
            ) from None
    sheet = title if continued else None  # a row of the part's first sheet names it already
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
                raise _refused(title, number, header_text, str(exc)) from None
            if isinstance(value, Mapping):
                values.update(value)
            else:
                values[field_name] = value
        for money in spec.money:
            _amount(title, number, values, money)
        yield BackupRow(number, values, sheet)


def _refused(title: str, number: int, header: str, problem: str) -> BackupError:
    return BackupError(
        f"Sheet “{title}”, row {number}, column “{header}”: {problem} Nothing was restored."
    )


def _amount(title: str, number: int, values: dict[str, object], money: MoneyField) -> None:
    raw = values.get(money.field)
    if raw is None:
        return
    currency = values.get(money.currency)
    if not currency:
        raise _refused(
            title, number, money.currency_header, "it is empty, and the amount beside it needs one."
        )
    text = str(raw) if not isinstance(raw, float) else repr(raw)
    try:
        values[money.field] = parse_amount(text, str(currency), what=money.header)
    except MoneyError as exc:
        raise _refused(title, number, money.header, str(exc)) from None


__all__ = ["SIGNATURE", "BackupError", "looks_like_backup", "read_backup"]
