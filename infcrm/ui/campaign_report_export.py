"""The report screen's way out: Export to Excel…, Export to PDF… and Print….

The report on show is written as it is (a campaign holds tens of people, so on the window's
thread): the .xlsx by `files/report_xlsx.py`, the PDF and the printed pages by
`ui/campaign_report_pdf.py`, which lay out the same landscape pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from infcrm.files.export_target import ExportError
from infcrm.files.report_command import write_report
from infcrm.services.campaigns.report_types import CampaignReport
from infcrm.ui.campaign_report_pdf import RESOLUTION_DPI, draw_report, save_report_pdf
from infcrm.ui.save_folder import file_name_from, remember_saved, suggested_path

_KINDS = {".xlsx": "Excel workbooks", ".pdf": "PDF files"}


def report_file_name(report: CampaignReport, suffix: str) -> str:
    """E.g. "Oat Cookie Launch - report.pdf", without characters a file name cannot hold."""
    return file_name_from(f"{report.name} - report") + suffix


class ReportExportButtons(QWidget):
    """Three buttons that send the report on show to a workbook, a PDF or a printer."""

    def __init__(
        self,
        current: Callable[[], CampaignReport | None],
        db_path: Path | None,
        saved: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self._db_path = db_path
        self._saved = saved  # shows the sentence that says where the file went
        self.excel_button = QPushButton("Export to &Excel…")
        self.excel_button.setToolTip(
            "Save this report as an .xlsx workbook: numbers stay numbers, one column per "
            "currency, set up to print on landscape pages."
        )
        self.excel_button.clicked.connect(lambda: self.export(".xlsx"))
        self.pdf_button = QPushButton("Export to P&DF…")
        self.pdf_button.setToolTip("Save this report as a PDF on landscape A4 pages.")
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Print this report on landscape pages.")
        self.print_button.clicked.connect(self.print_report)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.excel_button, self.pdf_button, self.print_button):
            layout.addWidget(button)

    def ask_path(self, report: CampaignReport, suffix: str) -> Path | None:
        """Where to save, asked with the campaign's name; None when cancelled."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            f"Export the report as {'a PDF' if suffix == '.pdf' else 'an Excel workbook'}",
            suggested_path(report_file_name(report, suffix)),
            f"{_KINDS[suffix]} (*{suffix})",
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export(self, suffix: str) -> Path | None:
        """Ask where, then write the report there; returns the file written, or None."""
        report = self._current()
        if report is None:
            return None
        path = self.ask_path(report, suffix)
        if path is None:
            return None
        try:
            write_report(report, path, self._db_path, save_report_pdf)
        except (ExportError, OSError) as exc:
            text = str(exc) if isinstance(exc, ExportError) else (exc.strerror or str(exc))
            QMessageBox.warning(self, "The report was not saved", text)
            return None
        remember_saved(path)
        self._saved(f"Saved as {path}.")
        return path

    def ask_printer(self) -> object | None:
        """The printer chosen in the system's print dialog, set to landscape; None if cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the report")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return printer

    def print_report(self) -> bool:
        """Print the report on show; True when it went to the printer."""
        report = self._current()
        if report is None:
            return False
        printer = self.ask_printer()
        if printer is None:
            return False
        draw_report(printer, report, printer.resolution() or RESOLUTION_DPI)  # type: ignore[attr-defined]
        self._saved(f"Sent “{report.name}” to {printer.printerName() or 'the printer'}.")  # type: ignore[attr-defined]
        return True


__all__ = ["ReportExportButtons", "report_file_name"]
