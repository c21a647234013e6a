"""The import wizard's mapping and preview pages (the file and sheet come before them,
`import_wizard_source_pages`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from infcrm.domain.validation import InvalidInput
from infcrm.files.column_choices import final_mapping
from infcrm.files.column_inference import infer_mapping
from infcrm.files.handle_columns import POST_LINKS_REASON, handle_column_notes, post_links_label
from infcrm.files.import_mapping import (
    FIELDS,
    IGNORE,
    ignored_columns,
    ignored_reason,
    repeated_columns,
)
from infcrm.files.import_plan import check_mapping
from infcrm.files.spreadsheet_reader import column_letter
from infcrm.ui.dialogs.import_wizard_common import ColumnsChanged, wrapped_label
from infcrm.ui.models.import_preview_table_model import NOTE_COLUMN, ImportPreviewTableModel
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.workers import Cancelled

if TYPE_CHECKING:
    from infcrm.files.column_choices import ColumnMapping
    from infcrm.ui.dialogs.import_wizard import ImportWizard

PREVIEW_ROWS = 50
DUPLICATE_CHOICES = (
    ("skip", "Skip them (keep what infcrm has)"),
    ("update", "Update the people in infcrm with the file's values"),
    ("create", "Add them as new people anyway (only when the email matches)"),
)


def _shown(value: object) -> str:
    """A cell as a spreadsheet shows it: 0.0162, not the stored 0.016200000000000003."""
    return format(value, ".15g") if isinstance(value, float) else str(value)


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
        self.left_out = wrapped_label(
            ""
        )  # the columns not imported, named as the command line does
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
        # “Added to row 12”, “Skip + new account” and “Up to date” whole, not “Added…”
        if any(row.repeat_of or row.adds_accounts or row.up_to_date for row in plan.rows):
            self.view.resizeColumnToContents(1)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Next only with rows checked against the columns the user matched."""
        return not self.error.message
