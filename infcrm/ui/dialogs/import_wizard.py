"""File › Import: a wizard from a spreadsheet to influencers, with a preview and a summary first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget, QWizard

from infcrm.db.engine import Database
from infcrm.files.backup_import import RestorePlan, looks_like_backup, plan_restore
from infcrm.files.import_apply import ImportSummary
from infcrm.files.import_plan import ImportPlan, build_plan
from infcrm.files.spreadsheet_reader import SpreadsheetError, Table, read_table
from infcrm.services.changes import Changes
from infcrm.services.exchange.import_lookup import known_for
from infcrm.services.exchange.import_matching import KnownPeople
from infcrm.services.exchange.restore_types import RestoreResult
from infcrm.services.restore_points import RestorePoint
from infcrm.ui import undo_commands
from infcrm.ui.dialogs.import_wizard_common import COLUMNS_CHANGED, ColumnsChanged
from infcrm.ui.dialogs.import_wizard_pages import MappingPage, PreviewPage
from infcrm.ui.dialogs.import_wizard_restore import RestorePage
from infcrm.ui.dialogs.import_wizard_source_pages import FilePage, SheetPage
from infcrm.ui.dialogs.import_wizard_summary import DonePage, SummaryPage
from infcrm.ui.operations import announce
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.workers import Cancelled, Progress, run_with_progress

STAGES = Changes(stages=True)
PAGE_FILE, PAGE_SHEET, PAGE_MAPPING, PAGE_PREVIEW, PAGE_SUMMARY, PAGE_DONE, PAGE_RESTORE = range(7)


def _stamp(path: Path) -> tuple[int, int] | None:
    """What tells a changed file: its size and modification time (None if it is gone)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class ImportWizard(QWizard):
    """The import wizard; holds the file, the mapping and the plan between pages."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Import influencers")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        comfortable_size(self, 900, 620)
        self.table: Table | None = None
        self.platform: str | None = None
        self.mapping: list[str] = []
        self.mapped_headers: list[str] = []  # the columns `mapping` was chosen for
        self.on_duplicate = "skip"
        self.strict = False
        self.stage_choices: dict[str, int | None] = {}  # stage value in the file → stage id
        # Stages added on the summary page (id, name, what removes it): undone with the import.
        self.added_stages: list[tuple[int, str, RestorePoint]] = []
        self.summary: ImportSummary | None = None
        # Who is already there, read once for the preview and kept for its other choices and
        # the summary (2 s of CPU at 100,000 people, each time). Only a plan's guide: the
        # import decides again in its own transaction, and names anyone changed since.
        self.known: KnownPeople | None = None
        self.source: Path | None = None  # the file chosen
        self.restore_plan: RestorePlan | None = None  # set when the file is a full export
        self.restored: RestoreResult | None = None
        self._read_as: tuple[int, int] | None = None  # the file's (size, mtime) when read
        # Why the first sheet was passed over for a later one that holds a list, if it was.
        self.passed_over: str | None = None
        self.pages = {
            PAGE_FILE: FilePage(self),
            PAGE_SHEET: SheetPage(self),
            PAGE_MAPPING: MappingPage(self),
            PAGE_PREVIEW: PreviewPage(self),
            PAGE_SUMMARY: SummaryPage(self),
            PAGE_DONE: DonePage(self),
            PAGE_RESTORE: RestorePage(self),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
        self.currentIdChanged.connect(self._on_page_changed)

    def load(self, path: Path, sheet: str | None, *, as_backup: bool = True) -> None:
        """Read the file (in the background) and keep its table, or, for a full infcrm
        export (all sheets), read and check everything in it for a restore."""
        stamp = _stamp(path)
        self.source = path
        self.restore_plan = None
        if as_backup and sheet is None and looks_like_backup(path):
            self.table = None
            self.restore_plan = run_with_progress(
                self, "Reading the export", lambda _progress: plan_restore(self.db, path)
            )
            return
        self.passed_over = None
        try:
            self.table = self._read(path, sheet)
        except SpreadsheetError as exc:
            if sheet is not None or not exc.other_sheets():
                raise
            self.table = self._first_list(path, exc)
        self._read_as = stamp

    def _read(self, path: Path, sheet: str | None) -> Table:
        return run_with_progress(
            self, "Reading the file", lambda _progress: read_table(path, sheet=sheet)
        )

    def _first_list(self, path: Path, refused: SpreadsheetError) -> Table:
        """The first of the other sheets that holds a list (a “Read me” sheet often comes
        first); the first sheet's refusal when none does."""
        for name in refused.other_sheets():
            try:
                table = self._read(path, name)
            except SpreadsheetError:
                continue
            self.passed_over = (
                f"The first sheet, “{refused.sheet}”, holds no list of people, so “{name}” is "
                "read. Choose another sheet here if the list is elsewhere."
            )
            return table
        raise refused

    def reread_if_changed(self) -> bool:
        """Read the file again when it changed on disk since; True when it did."""
        table = self.table
        if table is None or self._read_as is None or _stamp(table.path) == self._read_as:
            return False
        try:
            self.load(table.path, table.sheet)
        except (SpreadsheetError, Cancelled, OSError):
            return False
        return True

    def _on_page_changed(self, page_id: int) -> None:
        """Going back (or on) past the first page looks at the file again; the columns are
        matched again when they are not those the mapping page shows."""
        if page_id <= PAGE_FILE:
            return
        changed = self.reread_if_changed()
        mapping_page = self.pages[PAGE_MAPPING]
        stale = self.table is not None and mapping_page.built_for != self.table.headers
        if page_id == PAGE_MAPPING and (changed or stale):
            mapping_page.initializePage()
            mapping_page.error.show_error("The file changed since it was read; it was read again.")

    def make_plan(self, *, limit: int | None) -> ImportPlan:
        """Check the rows (the first `limit`) with the current choices, in the background.

        Raises ColumnsChanged when the file, read again, no longer has the columns matched."""
        self.reread_if_changed()
        table, mapping = self.table, self.mapping
        assert table is not None
        if table.headers != self.mapped_headers:
            raise ColumnsChanged(COLUMNS_CHANGED)
        known = self.known

        def check(progress: Progress) -> tuple[ImportPlan, KnownPeople]:
            read = known or known_for(self.db, len(table.rows))
            plan = build_plan(
                self.db,
                table,
                mapping,
                platform=self.platform,
                on_duplicate=self.on_duplicate,
                progress=progress,
                limit=limit,
                strict=self.strict,
                stage_choices=self.stage_choices,
                known=read,
            )
            # What reading the file found (a second table left out, damaged characters, column
            # names over two rows), as the command line says it before the rest.
            plan.notes[:0] = table.warnings
            return plan, read

        plan, self.known = run_with_progress(
            self,
            "Checking the rows",
            check,
            label="Reading who is already in infcrm…" if known is None else "Checking the rows…",
        )
        return plan

    def forget_known(self) -> None:
        """The database changed here (a stage added): the next plan reads it again."""
        self.known = None

    def done(self, result: int) -> None:
        """Closing without importing leaves the stages added meanwhile as one step of
        Edit › Undo of their own (the import takes them with it when it happens)."""
        added, self.added_stages = self.added_stages, []
        if added:
            names = ", ".join(f"“{name}”" for _id, name, _point in added)
            title = f"new stage{'s' if len(added) > 1 else ''} {names}"
            points = [point for _id, _name, point in added]
            undo_commands.push(
                undo_commands.ChangeCommand(
                    self.db, title, points, lambda: announce(STAGES), announced=True
                )
            )
        super().done(result)

    @classmethod
    def run_for(cls, parent: QWidget, db: Database) -> ImportSummary | None:
        """Show the wizard; the summary of what was imported, or None."""
        wizard = cls(db, parent)
        wizard.exec()
        return wizard.summary
