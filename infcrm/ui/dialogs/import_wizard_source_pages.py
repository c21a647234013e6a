"""The import wizard's first steps: the file to import, then its sheet and platform."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from infcrm.domain.enums import Platform
from infcrm.domain.validation import InvalidInput
from infcrm.files.import_apply import refusal_message
from infcrm.files.import_mapping import FIELDS_BY_KEY
from infcrm.files.import_source import infer_columns, nothing_importable
from infcrm.files.spreadsheet_reader import SpreadsheetError
from infcrm.ui.dialogs.import_wizard_common import not_yet, wrapped_label
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.workers import Cancelled, run_with_progress

if TYPE_CHECKING:
    from infcrm.ui.dialogs.import_wizard import ImportWizard

FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)"


def _rows(count: int) -> str:
    """“1 row”, “1,200 rows”."""
    return "1 row" if count == 1 else f"{count:,} rows"


class FilePage(QWizardPage):
    """Step 1: choose the spreadsheet (.xlsx, .xls, .ods, .csv…)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Choose a spreadsheet")
        self.setSubTitle(
            "A list with one influencer per row — Excel (.xlsx, .xls), OpenDocument (.ods) or "
            "CSV — or a full infcrm export (all sheets) to restore."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("The file to import")
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._on_browse)
        self.error = FieldError(self.path_edit)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(
            wrapped_label(
                "infcrm finds the row of column names, suggests which field each column fills, "
                "and shows you what will be saved before anything is written."
            )
        )
        layout.addStretch(1)

    def _on_browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Import influencers", "", FILE_FILTER)
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        """Next is possible once a file is named."""
        return bool(self.path_edit.text().strip())

    def nextId(self) -> int:
        """A full infcrm export goes to the restore page, any other file to the usual steps."""
        from infcrm.ui.dialogs.import_wizard import PAGE_RESTORE, PAGE_SHEET

        return PAGE_RESTORE if self.w.restore_plan is not None else PAGE_SHEET

    def validatePage(self) -> bool:
        """Read the file; a file that cannot be read says why here."""
        path = Path(self.path_edit.text().strip())
        try:
            self.w.load(path, None)
        except SpreadsheetError as exc:
            self.error.show_error(str(exc))
            return False
        except Cancelled:
            return False
        return True


class SheetPage(QWizardPage):
    """Step 2: the sheet to read, and the platform when the file has no platform column."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Sheet and platform")
        self.setSubTitle("Which sheet to read, and which platform the accounts are on.")
        self.sheet_combo = QComboBox()
        self.sheet_combo.activated.connect(self._on_sheet_chosen)
        self.platform_combo = QComboBox()
        self.platform_combo.addItem("Each row says (or its profile link shows it)", None)
        for platform in Platform:
            self.platform_combo.addItem(platform.label, platform.value)
        self.platform_combo.setToolTip("The platform of every account in a file without one")
        self.platform_combo.currentIndexChanged.connect(self._check_rows)
        self.error = FieldError(self.sheet_combo)
        self.found = wrapped_label("")
        self.why = wrapped_label("")  # why Next waits, and what to do
        self.why.setObjectName("nothingImportable")
        self.why.hide()
        self.sheet_picked = False  # a sheet chosen here, whose name may say the platform
        form = QFormLayout(self)
        form.addRow("Sheet:", self.sheet_combo)
        form.addRow("", self.error)
        form.addRow("Accounts are on:", self.platform_combo)
        form.addRow("", self.found)
        form.addRow("", self.why)

    def initializePage(self) -> None:
        """Offer the file's sheets; suggest asking for a platform when no column gives it."""
        table = self.w.table
        self.sheet_combo.clear()
        self.sheet_combo.addItems(table.sheet_names or ["(CSV file: one sheet)"])
        self.sheet_combo.setEnabled(len(table.sheet_names) > 1)
        if table.sheet:
            self.sheet_combo.setCurrentText(table.sheet)
        self.sheet_picked = False
        self._describe()

    def _describe(self) -> None:
        table = self.w.table
        inferred = infer_columns(table, sheet_chosen=self.sheet_picked)
        suggested = inferred.fields
        named = [(i, k) for i, k in enumerate(suggested) if k.endswith("_handle")]
        # The platform the command line would use for rows that name none: from the file's or
        # sheet's name, or a column such as “Instagram followers” beside a plain Username.
        guess = inferred.platform
        if "platform" in suggested:
            platform_text = "The file has a Platform column."
        elif named:
            index, key = named[0]
            label = Platform(FIELDS_BY_KEY[key].platform).label
            platform_text = f"The column “{table.headers[index]}” holds {label} accounts."
        elif guess is not None and self.w.platform in (None, guess):
            # The command line's guess from the file's (or sheet's) name, chosen for the user.
            label = Platform(guess).label
            if inferred.platform_from_name:
                what = "the sheet's name" if "sheet" in inferred.platform_reason else "its name"
                says = f"{what} says {label}"
            else:
                says = f"{label} comes {inferred.platform_reason}"
            platform_text = (
                f"The file has no Platform column; {says}, so that is chosen "
                "above. Choose another if its accounts are elsewhere."
            )
            self.platform_combo.blockSignals(True)
            self.platform_combo.setCurrentIndex(self.platform_combo.findData(guess))
            self.platform_combo.blockSignals(False)
        else:
            platform_text = "The file has no Platform column: choose the platform of its accounts."
        passed_over = f"{self.w.passed_over}\n\n" if self.w.passed_over else ""
        self.found.setText(
            f"{passed_over}Found {_rows(len(table.rows))} under the column names in row "
            f"{table.header_row}. {platform_text}"
        )
        self._check_rows()

    def _check_rows(self) -> None:
        """Hold Next while, on the platform chosen, no row can be imported for want of one:
        choosing it is what helps, and it is chosen here. (Columns matched wrongly are the
        next page's to put right, so they do not hold it.)"""
        table, refused = self.w.table, None
        if table is not None:
            fields = infer_columns(table, sheet_chosen=self.sheet_picked).fields
            platform = self.platform_combo.currentData()
            try:
                refused = run_with_progress(
                    self,
                    "Checking the rows",
                    lambda _progress: nothing_importable(self.w.db, table, fields, platform),
                )
            except (InvalidInput, Cancelled):
                refused = None
        blocked = refused is not None and refused.only_platform_missing
        message = refusal_message(refused) if blocked and refused is not None else None
        self.why.setText(f"{not_yet(message)} Choose the platform above." if message else "")
        self.why.setVisible(bool(message))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Next unless no row can be imported on the platform chosen."""
        return not self.why.text()

    def _on_sheet_chosen(self) -> None:
        self.sheet_picked = True
        try:
            self.w.load(self.w.table.path, self.sheet_combo.currentText())
        except SpreadsheetError as exc:
            self.error.show_error(str(exc))
            self.found.clear()  # it described the sheet read before, not the one chosen
            self.why.clear()
            self.why.hide()
            self.completeChanged.emit()
            return
        self.error.clear_error()
        self._describe()

    def validatePage(self) -> bool:
        """Keep the chosen platform."""
        self.w.platform = self.platform_combo.currentData()
        return not self.error.isVisible() and self.isComplete()


__all__ = ["FilePage", "SheetPage"]
