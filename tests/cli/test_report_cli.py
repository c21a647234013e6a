"""`infcrm report "CAMPAIGN" FILE.xlsx|FILE.pdf` as a user types it: real processes and files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from safety_helpers import infcrm

from infcrm.db.engine import Database
from infcrm.files.report_xlsx import HEADER_ROW


def test_an_xlsx_report_is_written_without_loading_qt(
    db: Database, mixed_campaign: int, tmp_path: Path
) -> None:
    target = tmp_path / "transatlantic.xlsx"
    code = (
        "import sys; from infcrm.__main__ import main; "
        f"code = main(['report', 'transatlantic', {str(target)!r}, '--db', {db.url!r}]); "
        "print('Qt loaded' if 'PySide6' in sys.modules else 'no Qt'); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote the report of “Transatlantic” (3 influencers)" in result.stdout
    assert "no Qt" in result.stdout  # the campaign's name in any case; no Qt for a workbook
    sheet = load_workbook(target).active
    headers = [c.value for c in sheet[HEADER_ROW + 1]]
    assert "Cost (EUR)" in headers and "Cost (USD)" in headers


def test_a_pdf_report_needs_no_display(
    db: Database, mixed_campaign: int, tmp_path: Path, pdf_pages
) -> None:
    target = tmp_path / "transatlantic.pdf"
    # A server without a display: Qt would fail to open an X11 window, the report does not.
    result = infcrm(
        "report", "Transatlantic", str(target), "--db", db.url,
        env={"QT_QPA_PLATFORM": "xcb", "DISPLAY": "", "WAYLAND_DISPLAY": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(target, png=tmp_path / "page1.png")
    width, height, text = pages[0]
    assert width > height  # landscape
    assert "Transatlantic" in text and "Ruby Walsh" in text
    assert "€2,600.00" in text and "$1,500.00" in text  # the totals, one currency per line
    assert (tmp_path / "page1.png").stat().st_size > 10_000  # a page with something on it


def test_an_unknown_campaign_names_the_campaigns_there_are(
    db: Database, mixed_campaign: int, tmp_path: Path
) -> None:
    target = tmp_path / "r.xlsx"
    result = infcrm("report", "Transatlantik", str(target), "--db", db.url)
    assert result.returncode == 1
    assert "There is no campaign called “Transatlantik”. Campaigns: “Transatlantic”." in (
        result.stderr
    )
    assert not target.exists()


def test_an_unknown_file_type_is_refused_before_anything_opens(
    db: Database, mixed_campaign: int, tmp_path: Path
) -> None:
    result = infcrm("report", "Transatlantic", str(tmp_path / "r.docx"), "--db", db.url)
    assert result.returncode == 1
    assert "“r.docx” is neither. End the name with .xlsx or .pdf." in result.stderr
    assert list(tmp_path.glob("r.*")) == []


def test_a_database_without_campaigns_says_so(db: Database, tmp_path: Path) -> None:
    result = infcrm("report", "Spring", str(tmp_path / "r.pdf"), "--db", db.url)
    assert result.returncode == 1
    assert "this database has no campaigns yet" in result.stderr


def test_the_report_is_never_written_over_the_database(
    db: Database, mixed_campaign: int, db_path: Path
) -> None:
    before = db_path.read_bytes()
    same = db_path.with_suffix(".xlsx")
    same.hardlink_to(db_path)  # the database under a name that ends in .xlsx
    result = infcrm("report", "Transatlantic", str(same), "--db", str(db_path))
    assert result.returncode == 1 and "is your database itself" in result.stderr
    assert db_path.read_bytes() == before
