"""The bomb guard's reach of a sheet stays close to the real one: infcrm's own export of
100,000 people × 64 columns (each column given a width) must import back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import xlsxwriter

from infcrm.files.workbook_guard import MAX_CELLS, sheet_reach

COLUMNS = 64


def test_column_widths_are_not_counted_as_cells(tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    for column in range(COLUMNS):
        sheet.set_column(column, column, 12 + column % 7)  # one <col> element each
    for row in range(3):
        sheet.write_row(row, 0, [f"r{row}c{c}" for c in range(COLUMNS)])
    book.close()
    with zipfile.ZipFile(path) as archive:
        reach = sheet_reach(archive, archive.getinfo("xl/worksheets/sheet1.xml"))
    assert reach.columns == COLUMNS
    assert reach.columns * 100_001 <= MAX_CELLS, "an export of 100,000 people reads back"
