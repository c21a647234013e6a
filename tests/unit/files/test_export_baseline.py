"""The export benchmark's raw baselines write exactly the cells infcrm's export writes.

`tests/perf/bench.py` compares the export's speed with openpyxl and XlsxWriter writing the
same cells straight from one SQL query; the comparison is only fair while those cells really
are the same: values, number formats, and links where the export links (and text where not).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from infcrm.db.engine import Database
from infcrm.files.xlsx_export import export_xlsx
from tests.perf import export_baseline


def _links(path: Path) -> dict[str, str]:
    sheet = load_workbook(path)[export_baseline.SHEET]
    return {c.coordinate: c.hyperlink.target for row in sheet.iter_rows() for c in row
            if c.hyperlink}  # fmt: skip


@pytest.mark.parametrize("writer", ["write_xlsxwriter", "write_openpyxl"])
def test_a_baseline_writes_the_cells_of_the_export(
    demo_db: Database, tmp_path: Path, writer: str, workbook_differences, recwarn
) -> None:
    ours, raw = tmp_path / "ours.xlsx", tmp_path / "raw.xlsx"
    exported = export_xlsx(demo_db, ours)
    getattr(export_baseline, writer)(demo_db, raw)

    assert exported.influencers > 50
    assert workbook_differences(ours, raw) == []
    links = _links(ours)
    assert any(t.startswith("mailto:") for t in links.values())
    assert any(t.startswith("https://") for t in links.values())
    assert _links(raw) == links
    # What the writers warn of (a link too long, a bad cell), not a ResourceWarning that the
    # garbage collector may raise here for a connection another test of this worker left.
    said = [str(w.message) for w in recwarn.list if not issubclass(w.category, ResourceWarning)]
    assert said == [], "a baseline prints no warnings"
