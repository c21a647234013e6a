"""File > Import: a wizard from a spreadsheet to influencers, with a preview and a summary first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget, QWizard

from infcrm.db.engine import Database
from infcrm.files.import_apply import ImportSummary
from infcrm.files.import_plan import ImportPlan, build_plan
from infcrm.files.spreadsheet_reader import Table, read_table
from infcrm.ui.dialogs.import_wizard_pages import (
    DonePage,
    FilePage,
    MappingPage,
    PreviewPage,
    SheetPage,
    SummaryPage,
)
from infcrm.ui.workers import run_with_progress

PAGE_FILE, PAGE_SHEET, PAGE_MAPPING, PAGE_PREVIEW, PAGE_SUMMARY, PAGE_DONE = range(6)


class ImportWizard(QWizard):
    """The import wizard; holds the file, the mapping and the plan between pages."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Import influencers")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(900, 620)
        self.table: Table | None = None
        self.platform: str | None = None
        self.mapping: list[str] = []
        self.on_duplicate = "skip"
        self.summary: ImportSummary | None = None
        self.pages = {
            PAGE_FILE: FilePage(self),
            PAGE_SHEET: SheetPage(self),
            PAGE_MAPPING: MappingPage(self),
            PAGE_PREVIEW: PreviewPage(self),
            PAGE_SUMMARY: SummaryPage(self),
            PAGE_DONE: DonePage(self),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)

    def load(self, path: Path, sheet: str | None) -> None:
        """Read the file (in the background) and keep its table."""
        self.table = run_with_progress(
            self, "Reading the file", lambda _progress: read_table(path, sheet=sheet)
        )

    def make_plan(self, *, limit: int | None) -> ImportPlan:
        """Check the rows (the first `limit`) with the current choices, in the background."""
        table, mapping = self.table, self.mapping
        assert table is not None
        return run_with_progress(
            self,
            "Checking the rows",
            lambda progress: build_plan(
                self.db,
                table,
                mapping,
                platform=self.platform,
                on_duplicate=self.on_duplicate,
                progress=progress,
                limit=limit,
            ),
        )

    @classmethod
    def run_for(cls, parent: QWidget, db: Database) -> ImportSummary | None:
        """Show the wizard; the summary of what was imported, or None."""
        wizard = cls(db, parent)
        wizard.exec()
        return wizard.summary
