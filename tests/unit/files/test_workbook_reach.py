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


def _reach_of(tmp_path: Path, rows_xml: str, padding: int = 0) -> tuple[int, int]:
    path = tmp_path / "sheet.xlsx"
    sheet = (
        '<?xml version="1.0"?><worksheet><sheetData>'
        + f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"x" * padding}</t></is></c></row>'
        + rows_xml
        + '</sheetData><pageSetup firstPageNumber="4294967295"/></worksheet>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    with zipfile.ZipFile(path) as archive:
        reach = sheet_reach(archive, archive.getinfo("xl/worksheets/sheet1.xml"))
    return reach.rows, reach.columns


def test_empty_formatted_rows_and_cells_reach_nowhere_but_cells_with_values_do(
    tmp_path: Path,
) -> None:
    # LibreOffice writes an empty <row> for each formatted row down to 1,048,576, and an empty
    # <c> for each formatted cell across to AMJ: the grid stays one row by one column.
    empty = '<row r="1048576" ht="12.8"></row><row r="1048575"/><c r="AMJ1" s="3"/>'
    assert _reach_of(tmp_path, empty) == (9_999, 26)
    full = '<row r="1048576" ht="12.8"><c><v>1</v></c></row>'
    assert _reach_of(tmp_path, full)[0] == 1_048_576
    assert _reach_of(tmp_path, '<row r="2"><c r="AMJ2"><v>1</v></c></row>')[1] == 1024


def test_an_empty_row_cut_by_a_piece_boundary_is_judged_whole(tmp_path: Path) -> None:
    # The guard reads a megabyte at a time; the row tag falls across the first boundary.
    row = '<row r="1048576" customFormat="false" ht="12.8" hidden="false"></row>'
    for shift in range(0, 160, 8):
        padding = (1 << 20) - 120 - shift
        assert _reach_of(tmp_path, row, padding)[0] < 100_000, shift


def test_a_long_sheet_within_a_to_z_is_counted_as_wide_as_it_is(tmp_path: Path) -> None:
    # infcrm's Outreach sheet for 100,000 people: 14 columns, 435,137 rows. Counted 26 columns
    # wide it passed the cell limit, and an export made before continuation sheets was refused.
    row_count = MAX_CELLS // 26 + 10
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="N{r}"><v>2</v></c></row>'
        for r in range(2, row_count + 1)
    )
    reach_rows, reach_columns = _reach_of(tmp_path, rows)
    assert row_count <= reach_rows <= row_count + 5  # an upper bound, close to the real one
    assert 14 <= reach_columns < 20
    assert reach_rows * reach_columns <= MAX_CELLS, "it reads back"


def test_a_cell_cut_by_a_piece_boundary_is_counted_once(tmp_path: Path) -> None:
    # “<c” ends the first megabyte, “ r="B2"” starts the second: counted twice, each boundary
    # so met widened the sheet by a column (infcrm's Social accounts sheet: 20 read as 47).
    before = len('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr">')
    before += len("<is><t>") + len('</t></is></c></row><row r="2">')
    padding = (1 << 20) - 3 - before
    rows = '<row r="2"><c r="B2"><v>1</v></c></row>'
    assert _reach_of(tmp_path, rows, padding) == (9_999, 26)


def test_cells_and_rows_written_with_a_prefix_widen_the_reach_past_the_first_piece(
    tmp_path: Path,
) -> None:
    # A sheet may name its namespace (<x:row>, <x:c>) and leave out the references: each such
    # cell follows the one before, so 50 of them in one row reach 50 columns further, even in
    # the second megabyte, where a piece without any “:” needs no count of them.
    cells = '<x:c t="n"><x:v>1</x:v></x:c>' * 50
    rows = f'<x:row ht="12.8">{cells}</x:row>'
    assert _reach_of(tmp_path, rows, padding=(1 << 20) + 10) == (10_000, 76)
    assert _reach_of(tmp_path, rows) == (10_000, 76)
