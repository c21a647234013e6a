"""The import wizard's page for an all-sheets infcrm export: restore everything it holds.

A full export goes whole into an empty database: “Restore 300 people, 4 campaigns… from an
infcrm export”. A database that already holds people cannot take it (the IDs and the history
would clash), so the page says why and Next imports only the file's people, like any list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage

from infcrm.files.backup_import import apply_restore
from infcrm.files.spreadsheet_reader import SpreadsheetError
from infcrm.ui import operations
from infcrm.ui.dialogs.import_wizard_common import wrapped_label
from infcrm.ui.import_undo import push_import
from infcrm.ui.workers import Cancelled

if TYPE_CHECKING:
    from infcrm.ui.dialogs.import_wizard import ImportWizard

PEOPLE_SHEET = "Influencers"
WHAT_COMES_BACK = (
    "This file is a full infcrm export (all sheets). Everything in it goes into this empty "
    "database at once, with the same IDs: people, social accounts with their figures, "
    "outreach, follow-ups, campaigns, deals with their terms, posts, payments, agreements, "
    "stages and settings. A copy of the database is saved first, and Edit › Undo last import "
    "takes it all back."
)
PEOPLE_ONLY = (
    "Next imports only its people (the “Influencers” sheet) into this database, like any "
    "list; to get everything back, make a new database (File › New database…) and import the "
    "file there."
)


class RestorePage(QWizardPage):
    """Restore a full export, or say why not and go on with its people only."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Restore from an infcrm export")
        self.setSubTitle("Nothing has been written yet.")
        self.headline = QLabel()
        self.headline.setObjectName("restoreHeadline")
        self.headline.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.headline.setWordWrap(True)
        self.advice = wrapped_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.advice)
        layout.addStretch(1)
        self.people_only = False  # refused: Next goes on with the file's people

    def initializePage(self) -> None:
        """Say what the file holds and whether this database can take it."""
        plan = self.w.restore_plan
        assert plan is not None
        refused = plan.refused
        self.people_only = plan.database_not_empty
        if refused is None:
            self.headline.setText(plan.headline())
            self.advice.setText(WHAT_COMES_BACK)
        elif self.people_only:
            self.headline.setText("Only its people can be imported into this database")
            self.advice.setText(f"{refused}\n\n{PEOPLE_ONLY}")
        else:  # a row points at nothing: say which, and go no further
            self.headline.setText("This export cannot be restored as it is")
            self.advice.setText(refused)
        self.setCommitPage(refused is None)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Restore")

    def nextId(self) -> int:
        """Done after a restore; the usual steps for the people only when refused."""
        from infcrm.ui.dialogs.import_wizard import PAGE_DONE, PAGE_SHEET

        return PAGE_SHEET if self.people_only else PAGE_DONE

    def isComplete(self) -> bool:
        """Restore a sound export, go on with the people of one this database cannot take."""
        plan = self.w.restore_plan
        return plan is not None and (plan.refused is None or self.people_only)

    def validatePage(self) -> bool:
        """Restore in the background (refused: read the people's sheet for the usual steps)."""
        plan = self.w.restore_plan
        if plan is None or not self.isComplete():
            return False
        if plan.refused:
            assert self.w.source is not None
            try:
                self.w.load(self.w.source, PEOPLE_SHEET, as_backup=False)
            except (SpreadsheetError, Cancelled) as exc:
                self.advice.setText(str(exc) or "Reading was cancelled.")
                return False
            return True
        outcome = operations.run_in_background(
            self,
            "Restoring",
            lambda progress: apply_restore(self.w.db, plan, progress),
            label="Restoring everything in the export…",
            general=self.advice.setText,
        )
        if outcome.cancelled:
            self.advice.setText("The restore was cancelled; nothing was changed.")
        if not outcome.ok:
            return False
        restored = self.w.restored = outcome.value
        push_import(
            self.w.db, restored.batch_id, restored.describe(), restored.file_name, restored.changes
        )
        return True


__all__ = ["RestorePage"]
