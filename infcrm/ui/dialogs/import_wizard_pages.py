"""The first pages of the import wizard: file, sheet and platform, mapping, preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from infcrm.domain.enums import Platform
from infcrm.domain.validation import InvalidInput
from infcrm.files.column_choices import final_mapping
from infcrm.files.column_inference import infer_mapping
from infcrm.files.handle_columns import POST_LINKS_REASON, handle_column_notes, post_links_label
from infcrm.files.import_apply import NOTHING_IMPORTABLE, refusal_message
from infcrm.files.import_mapping import (
    FIELDS,
    FIELDS_BY_KEY,
    IGNORE,
    ignored_columns,
    ignored_reason,
    repeated_columns,
)
from infcrm.files.import_plan import check_mapping
from infcrm.files.import_source import infer_columns, nothing_importable
from infcrm.files.spreadsheet_reader import SpreadsheetError, column_letter
from infcrm.ui.models.import_preview_table_model import NOTE_COLUMN, ImportPreviewTableModel
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.workers import Cancelled, run_with_progress

if TYPE_CHECKING:
    from infcrm.files.column_choices import ColumnMapping
    from infcrm.ui.dialogs.import_wizard import ImportWizard

PREVIEW_ROWS = 50
COLUMNS_CHANGED = (
    "The file changed on disk, and its columns are not the ones you matched. Go Back to match "
    "them again."
)


def not_yet(refusal: str) -> str:
    """A refusal as the wizard says it, before anything was tried (“can”, not “could”)."""
    return refusal.replace(NOTHING_IMPORTABLE, "No row can be imported").replace(
        "Nothing was imported", "This file cannot be imported yet"
    )


class ColumnsChanged(Exception):
    """The file was read again and its columns differ from those the mapping was chosen for:
    a mapping is by position, so it would put values in the wrong fields."""


FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)"
DUPLICATE_CHOICES = (
    ("skip", "Skip them (keep what infcrm has)"),
    ("update", "Update the people in infcrm with the file's values"),
    ("create", "Add them as new people anyway (only when the email matches)"),
)


def _rows(count: int) -> str:
    """“1 row”, “1,200 rows”."""
    return "1 row" if count == 1 else f"{count:,} rows"


def _shown(value: object) -> str:
    """A cell as a spreadsheet shows it: 0.0162, not the stored 0.016200000000000003."""
    return format(value, ".15g") if isinstance(value, float) else str(value)


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FilePage(QWizardPage):
    """Step 1: choose the .xlsx or .csv file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Choose a spreadsheet")
        self.setSubTitle(
            "An Excel workbook (.xlsx) or a CSV file with one influencer per row, or a full "
            "infcrm export (all sheets) to restore."
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
            _label(
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
        self.found = _label("")
        self.why = _label("")  # why Next waits, and what to do
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


class MappingPage(QWizardPage):
    """Step 3: which field each column fills, with suggestions and “Ignore”."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Match the columns")
        self.setSubTitle("Choose what each column holds. Columns set to Ignore are left out.")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Column", "Example values", "Import as"])
        self.table.verticalHeader().hide()
        # One line each, ended by “…”: a wrapped second line was cut by the row's height.
        # Pointing at a cell shows it whole.
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(2, 230)
        self.error = FieldError()
        self.left_out = _label("")  # the columns not imported, named as the command line does
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.left_out)
        layout.addWidget(self.error)
        self.combos: list[QComboBox] = []
        self.built_for: list[str] = []  # the column names the lines were made for
        self.inferred: ColumnMapping | None = None  # what the names and values suggested
        self._ok = False

    def initializePage(self) -> None:
        """One line per column, its suggested field chosen."""
        table = self.w.table
        self.built_for = list(table.headers)
        inferred = infer_mapping(table.headers, [r.cells for r in table.rows[:600]])
        self.inferred = inferred
        suggested = inferred.fields
        self.table.setRowCount(len(table.headers))
        self.combos = []
        for index, header in enumerate(table.headers):
            name = QTableWidgetItem(f"{column_letter(index)}  {header}")
            samples = [
                _shown(row.cells[index])
                for row in table.rows[:20]
                if row.cells[index] not in (None, "")
            ][:3]
            example = QTableWidgetItem(" · ".join(samples))
            choice = inferred.choices[index]
            reason = ignored_reason(header) or (
                f"Chosen from the column's values: {choice.reason}." if choice.by_content else ""
            )
            for item in (name, example):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                shown = "\n\n".join(x for x in (item.text().strip(), reason) if x)
                item.setToolTip(shown)
            combo = QComboBox()
            combo.addItem("Ignore this column", IGNORE)
            for field in FIELDS:
                combo.addItem(field.label, field.key)
            combo.setCurrentIndex(max(0, combo.findData(suggested[index])))
            combo.setToolTip(reason or f"What column {column_letter(index)} holds")
            combo.currentIndexChanged.connect(self._on_changed)
            self.table.setItem(index, 0, name)
            self.table.setItem(index, 1, example)
            self.table.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self._on_changed()

    def mapping(self) -> list[str]:
        """The field chosen for each column."""
        return [combo.currentData() for combo in self.combos]

    def _on_changed(self) -> None:
        headers = self.w.table.headers
        ignored = ignored_columns(headers, self.mapping())
        said = f"Ignored: {', '.join(ignored)}." if ignored else "Every column is imported."
        # Which copy of a repeated column is imported, and which columns their values made
        # handles, as the command line says it.
        chosen = final_mapping(self.inferred, self.mapping()) if self.inferred else None
        left_out = chosen.left_out_by_values if chosen is not None else set()
        lines = [said, *repeated_columns(headers, self.mapping(), left_out)]
        self._name_post_links()
        if chosen is not None and self.inferred is not None:
            lines += handle_column_notes(chosen, self.w.platform or self.inferred.platform)
        self.left_out.setText("\n".join(lines))
        try:
            check_mapping(headers, self.mapping(), self.w.platform)
        except InvalidInput as exc:
            self.error.show_error(" ".join(exc.errors.values()))
            self._ok = False
        else:
            self.error.clear_error()
            self._ok = True
        self.completeChanged.emit()

    def _name_post_links(self) -> None:
        """A column of links to posts is called that in its box, as the summary calls it,
        not “Profile link”: “Links to posts” beside another handle column (which may change
        as the user maps the others), else “Handle, from links to posts”."""
        if self.inferred is None:
            return
        mapping = self.mapping()
        for index, choice in enumerate(self.inferred.choices):
            if choice.reason == POST_LINKS_REASON and index < len(self.combos):
                combo = self.combos[index]
                at = combo.findData(choice.field)
                if at >= 0:
                    combo.setItemText(at, post_links_label(mapping, index))

    def isComplete(self) -> bool:
        """Next only with a mapping that can work."""
        return bool(self.combos) and self._ok

    def validatePage(self) -> bool:
        """Keep the mapping, and the columns it was chosen for."""
        self.w.mapping = self.mapping()
        self.w.mapped_headers = list(self.built_for)
        return True


class PreviewPage(QWizardPage):
    """Step 4: the first rows as they will be saved, and what to do with duplicates."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Preview")
        self.setSubTitle(
            f"The first {PREVIEW_ROWS} rows as they will be saved. Rows in red have a problem; "
            "point at them to read it."
        )
        self.model = ImportPreviewTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.duplicates = QButtonGroup(self)
        box = QVBoxLayout()
        box.addWidget(
            QLabel("People already in infcrm or repeated in the file (same handle or email):")
        )
        for number, (key, text) in enumerate(DUPLICATE_CHOICES):
            button = QRadioButton(text)
            button.setProperty("choice", key)
            button.setChecked(number == 0)
            self.duplicates.addButton(button, number)
            box.addWidget(button)
        self.duplicates.idClicked.connect(self._on_duplicates_changed)
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addLayout(box)

    def initializePage(self) -> None:
        """Check the first rows with the chosen mapping."""
        # Never narrower than the column's name in the theme's bold header (“Followers” lost
        # its first letters at 76 px); asked here, once the page has its look.
        header = self.view.horizontalHeader()
        for column, width in enumerate((44, 64, 280, 150, 170, 80, 130, 76, 70, 90)):
            self.view.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self._refresh()

    def _on_duplicates_changed(self, button_id: int) -> None:
        self.w.on_duplicate = DUPLICATE_CHOICES[button_id][0]
        self._refresh()

    def _refresh(self) -> None:
        try:
            plan = self.w.make_plan(limit=PREVIEW_ROWS)
        except Cancelled:
            return
        except ColumnsChanged as exc:
            self.model.set_rows([])
            self.error.show_error(str(exc))
            self.completeChanged.emit()
            return
        self.error.clear_error()
        self.model.set_rows(plan.rows)
        # With nothing to say, the column would push handles and followers out of sight.
        noted = any(
            self.model.index(row, NOTE_COLUMN).data() for row in range(self.model.rowCount())
        )
        self.view.setColumnHidden(NOTE_COLUMN, not noted)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Next only with rows checked against the columns the user matched."""
        return not self.error.message
