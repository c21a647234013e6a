"""The report screen's Export to Excel…, Export to PDF… and Print…, clicked as a user would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from infcrm.db.engine import Database
from infcrm.files.report_xlsx import HEADER_ROW
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.ui.campaign_report_export import ReportExportButtons, report_file_name
from infcrm.ui.campaign_report_pdf import save_report_pdf
from infcrm.ui.views.campaign_report_view import REPORT_PAGE, CampaignReportView

TODAY = date(2026, 5, 20)


@pytest.fixture
def view(qtbot, db: Database, mixed_campaign: int) -> CampaignReportView:
    view = CampaignReportView(db)
    view.today = TODAY
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.show_campaign(mixed_campaign)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == REPORT_PAGE, timeout=5000)
    return view


def _save_as(monkeypatch, path: Path | None, asked: list | None = None) -> None:
    def answer(parent, title, suggested, filters):
        if asked is not None:
            asked.append((title, suggested, filters))
        return (str(path) if path else "", filters)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))


def test_export_to_excel_writes_the_report_on_show(
    qtbot, view: CampaignReportView, monkeypatch, tmp_path: Path
) -> None:
    asked: list = []
    _save_as(monkeypatch, tmp_path / "transatlantic", asked)  # the ending is added
    qtbot.mouseClick(view.exports.excel_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "transatlantic.xlsx"
    assert asked[0][1].endswith("Transatlantic - report.xlsx")
    sheet = load_workbook(target).active
    headers = [c.value for c in sheet[HEADER_ROW + 1]]
    assert headers[:2] == ["Influencer", "Account"] and "Revenue (USD)" in headers
    assert view.saved_note.isVisible() and str(target) in view.saved_note.text()


def test_export_to_pdf_writes_landscape_pages_with_every_influencer(
    qtbot, view: CampaignReportView, monkeypatch, tmp_path: Path, pdf_pages
) -> None:
    target = tmp_path / "transatlantic.pdf"
    _save_as(monkeypatch, target)
    qtbot.mouseClick(view.exports.pdf_button, Qt.MouseButton.LeftButton)
    png = tmp_path / "page1.png"
    [(width, height, text)] = pdf_pages(target, png=png)
    assert width > height
    for name in ("Lena Vogel", "Ana Costa", "Ruby Walsh", "All influencers"):
        assert name in text
    assert "2.70%" in text  # as the screen shows it
    assert png.stat().st_size > 10_000


def test_a_long_report_repeats_the_header_on_every_page(
    db: Database, mixed_campaign: int, tmp_path: Path, pdf_pages, qapp
) -> None:
    report = campaign_report(db, mixed_campaign, TODAY)
    many = tuple(replace(report.rows[i % 3], name=f"Person {i:03d}", deal_id=i) for i in range(120))
    target = tmp_path / "long.pdf"
    save_report_pdf(target, replace(report, rows=many))
    pages = pdf_pages(target)
    assert len(pages) >= 3
    assert all("Engagements" in text and "Cost / eng." in text for _w, _h, text in pages)
    everything = "".join(text for _w, _h, text in pages)
    assert all(f"Person {i:03d}" in everything for i in range(120))


def test_print_sends_the_same_pages_to_the_printer(
    qtbot, view: CampaignReportView, monkeypatch, tmp_path: Path, pdf_pages
) -> None:
    target = tmp_path / "printed.pdf"

    def printer(self: ReportExportButtons) -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer that makes a file
        chosen.setOutputFileName(str(target))
        return chosen

    monkeypatch.setattr(ReportExportButtons, "ask_printer", printer)
    qtbot.mouseClick(view.exports.print_button, Qt.MouseButton.LeftButton)
    [(width, height, text)] = pdf_pages(target)
    assert width > height and "Ruby Walsh" in text
    assert "Sent “Transatlantic”" in view.saved_note.text()


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot, view: CampaignReportView, monkeypatch, tmp_path: Path
) -> None:
    _save_as(monkeypatch, None)
    qtbot.mouseClick(view.exports.pdf_button, Qt.MouseButton.LeftButton)
    assert list(tmp_path.glob("*.pdf")) == [] and not view.saved_note.isVisible()


def test_saving_over_the_database_is_refused_with_a_message(
    qtbot, view: CampaignReportView, db: Database, monkeypatch
) -> None:
    before = db.path.read_bytes()
    same = db.path.with_suffix(".xlsx")
    same.hardlink_to(db.path)
    _save_as(monkeypatch, same)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    qtbot.mouseClick(view.exports.excel_button, Qt.MouseButton.LeftButton)
    assert told and "is your database itself" in told[0]
    assert db.path.read_bytes() == before


def test_file_names_hold_no_characters_a_disk_refuses(db: Database, mixed_campaign: int) -> None:
    report = campaign_report(db, mixed_campaign, TODAY)
    assert report_file_name(replace(report, name='Spring: "10/10"'), ".pdf") == (
        "Spring_ _10_10_ - report.pdf"
    )


def _char_boxes(path: Path) -> tuple[float, list[tuple[float, float, float, float]]]:
    """The first page's width and the box of every letter and figure on it (PDFium, points)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        text = page.get_textpage()
        shown = [i for i in range(text.count_chars()) if not text.get_text_range(i, 1).isspace()]
        return page.get_width(), [text.get_charbox(i) for i in shown]
    finally:
        document.close()


def test_long_handles_and_wide_reports_break_only_between_words(
    db: Database, mixed_campaign: int, tmp_path: Path, pdf_pages, qapp
) -> None:
    """Every column of a shop's report fits on the page; a long handle breaks after its dots
    or is cut short with "…", and no header word or amount is cut in two."""
    report = campaign_report(db, mixed_campaign, TODAY)
    first, second, third = report.rows
    rows = (
        replace(first, handle="the.extraordinarily.long.handle.of.a.baker_from_berlin"),
        replace(second, name="Maximiliane Friederike von Hohenzollern-Sigmaringen"),
        third,
    )
    shop = replace(report, rows=rows, total=replace(report.total, from_shop=True, orders=244))
    target = tmp_path / "wide.pdf"
    save_report_pdf(target, shop)
    png = tmp_path / "wide.png"
    [(_width, _height, text)] = pdf_pages(target, png=png)
    words = text.replace("Hohenzollern-Sigmaringen", "Hohenzollern- Sigmaringen").split()
    for whole in ("Engagements", "Conversions", "Delivered", "Hohenzollern-", "Sigmaringen",
                  "€2,600.00", "$1,500.00", "order"):  # fmt: skip
        assert whole in words, whole
    assert "extraordinarily." in words and "@the." in words  # broken after its dots
    assert "baker_from_berlin" not in text and any(w.endswith("…") for w in words)
    page_width, boxes = _char_boxes(target)
    margin = 12 / 25.4 * 72  # MARGIN_MM in points
    assert max(right for _left, _bottom, right, _top in boxes) <= page_width - margin + 1
