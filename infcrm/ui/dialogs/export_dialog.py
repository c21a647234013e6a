"""File › Export…: save the influencers on screen (or everyone) as an Excel or CSV file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.question_box import ask_yes
from infcrm.ui.save_folder import remember_saved, suggested_path
from infcrm.ui.widgets.field_error import FieldError

if TYPE_CHECKING:
    from infcrm.ui.main_window import MainWindow
from infcrm.ui.workers import Cancelled, Progress, run_with_progress

XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV file (*.csv)"


def _people(n: int) -> str:
    return f"{n:,} influencer{'' if n == 1 else 's'}"


class ExportDialog(QDialog):
    """Choose a file, the format, who to export and whether to add the further sheets."""

    def __init__(
        self,
        db: Database,
        query: ListQuery | None = None,
        columns: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.query = query if query is not None else ListQuery()
        self.columns = columns
        self.result_info = None  # the ExportResult once a file was written
        self._confirmed: Path | None = None  # a path whose overwrite the user already accepted
        self.setWindowTitle("Export influencers")
        self.setMinimumWidth(520)

        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("File to save")
        self.path_edit.setToolTip("Where the export is saved; the ending sets the format")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setToolTip("Pick the folder and file name")
        self.path_error = FieldError(self.path_edit)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)

        self.xlsx_radio = QRadioButton("Excel workbook (.xlsx)")
        self.csv_radio = QRadioButton("CSV, for other programs (.csv)")
        self.xlsx_radio.setChecked(True)
        self._formats = QButtonGroup(self)
        self._formats.addButton(self.xlsx_radio)
        self._formats.addButton(self.csv_radio)
        format_box = QVBoxLayout()
        format_box.addWidget(self.xlsx_radio)
        format_box.addWidget(self.csv_radio)

        shown = len(influencer_list.list_ids(db, self.query))
        everyone = influencer_list.count(db)
        self.shown_radio = QRadioButton(f"What you see now ({_people(shown)})")
        self.shown_radio.setToolTip("The same search, filters, sort and columns as the list")
        self.everyone_radio = QRadioButton(f"Everyone ({_people(everyone)})")
        self.everyone_radio.setToolTip("Every influencer outside the trash, with every column")
        self.shown_radio.setChecked(True)
        self._who = QButtonGroup(self)
        self._who.addButton(self.shown_radio)
        self._who.addButton(self.everyone_radio)
        who_box = QVBoxLayout()
        who_box.addWidget(self.shown_radio)
        who_box.addWidget(self.everyone_radio)

        # Short enough to read whole in the dialog; the tooltip names every sheet.
        self.sheets_check = QCheckBox("Add sheets for accounts, outreach, campaigns and more")
        self.sheets_check.setToolTip(
            "Further sheets: every social account, every interaction and follow-up, and the "
            "campaigns, deals and posts of these people (Excel only)"
        )

        form = QFormLayout()
        form.addRow("Save as:", file_row)
        form.addRow("", self.path_error)
        form.addRow("Format:", format_box)
        form.addRow("Export:", who_box)
        form.addRow("", self.sheets_check)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.export_button.setText("Export")
        self.export_button.setToolTip("Write the file")
        # An empty database has nothing to write: say so and offer the step that fills it.
        self.wants_import = False
        self.nobody_note = QLabel(
            "Nobody to export yet. Import your influencers from an Excel or CSV file, "
            "or add them on the Influencers screen, then export them here."
        )
        self.nobody_note.setWordWrap(True)
        self.import_button = self.buttons.addButton(
            "Import…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setToolTip("Bring influencers in from an Excel or CSV file")
        self.import_button.clicked.connect(self._on_import)
        nobody = everyone == 0
        self.nobody_note.setVisible(nobody)
        self.import_button.setVisible(nobody)
        self.export_button.setEnabled(not nobody)
        if nobody:
            self.import_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.nobody_note)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.path_edit.setText(str(self._default_path()))
        self.choose_button.clicked.connect(self._on_choose)
        self.csv_radio.toggled.connect(self._on_format_changed)
        self.path_edit.editingFinished.connect(self._on_path_edited)
        self.buttons.accepted.connect(self._on_export)
        self.buttons.rejected.connect(self.reject)
        self._on_format_changed()

    # Helpers ------------------------------------------------------------------------------

    @property
    def suffix(self) -> str:
        """The chosen format's file ending."""
        return ".csv" if self.csv_radio.isChecked() else ".xlsx"

    def _default_path(self) -> Path:
        return Path(suggested_path(f"influencers-{date.today().isoformat()}.xlsx"))

    def _path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    # Slots --------------------------------------------------------------------------------

    def _on_format_changed(self) -> None:
        # The ending of the name follows the format, so the two never disagree.
        path = self._path()
        if path is not None and path.suffix.lower() != self.suffix:
            self.path_edit.setText(str(path.with_suffix(self.suffix)))
        csv = self.csv_radio.isChecked()
        self.sheets_check.setEnabled(not csv)
        if csv:
            self.sheets_check.setChecked(False)

    def _on_path_edited(self) -> None:
        path = self._path()
        if path is not None and path.suffix.lower() in (".xlsx", ".csv"):
            (self.csv_radio if path.suffix.lower() == ".csv" else self.xlsx_radio).setChecked(True)

    def _on_choose(self) -> None:
        selected = CSV_FILTER if self.csv_radio.isChecked() else XLSX_FILTER
        chosen, used_filter = QFileDialog.getSaveFileName(
            self, "Export to", self.path_edit.text(), f"{XLSX_FILTER};;{CSV_FILTER}", selected
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if used_filter == CSV_FILTER else ".xlsx"))
        self.path_edit.setText(str(path))
        self._on_path_edited()
        self._confirmed = path  # the file dialog already asked about replacing it
        self.path_error.clear_error()

    def _check_path(self) -> Path | None:
        """The destination if it can be used, else None with the reason under the field."""
        path = self._path()
        if path is None:
            self.path_error.show_error("Give the file a name, or press Choose….")
            return None
        if path.suffix.lower() not in (".xlsx", ".csv"):
            self.path_error.show_error("The file name must end in .xlsx or .csv.")
            return None
        if not path.parent.is_dir():
            self.path_error.show_error(f"The folder {path.parent} does not exist.")
            return None
        if path.is_dir():
            self.path_error.show_error("That is a folder; add a file name.")
            return None
        if (
            path.exists()
            and path != self._confirmed
            and not ask_yes(
                self, "Replace the file?", f"{path.name} already exists. Replace it?", cancel=False
            )
        ):
            return None
        return path

    def _on_export(self) -> None:
        from infcrm.files.xlsx_export import ExportError

        path = self._check_path()
        if path is None:
            return
        shown = self.shown_radio.isChecked()
        query = self.query if shown else None
        columns = self.columns if shown else None
        all_sheets = self.sheets_check.isChecked() and path.suffix.lower() == ".xlsx"

        def job(progress: Progress) -> object:
            if path.suffix.lower() == ".csv":
                from infcrm.files.csv_export import export_csv

                return export_csv(self.db, path, query, columns, progress)
            from infcrm.files.xlsx_export import export_xlsx

            return export_xlsx(self.db, path, query, columns, progress, all_sheets=all_sheets)

        try:
            self.result_info = run_with_progress(
                self, "Exporting", job, label="Writing the spreadsheet…"
            )
        except Cancelled:
            self.path_error.show_error("Export cancelled; no file was written.")
            return
        except ExportError as exc:
            self.path_error.show_error(str(exc))
            return
        except OSError as exc:
            self.path_error.show_error(f"The file could not be written: {exc.strerror or exc}.")
            return
        remember_saved(path)
        self.accept()

    def _on_import(self) -> None:
        self.wants_import = True
        self.reject()

    # Entry point from the main window -----------------------------------------------------

    @classmethod
    def run_for(cls, window: MainWindow, db: Database) -> ExportDialog:
        """Open the dialog for the Influencers screen's current list; report success."""
        view = getattr(window, "views", {}).get("influencers")
        current_query = getattr(view, "current_query", None)
        visible_columns = getattr(view, "visible_columns", None)
        query = current_query() if callable(current_query) else None
        columns = list(visible_columns()) if callable(visible_columns) else None
        dialog = cls(db, query, columns, window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if dialog.wants_import:
            window.open_import_wizard()
        if accepted and dialog.result_info is not None:
            result = dialog.result_info
            window.statusBar().showMessage(
                f"Exported {_people(result.influencers)} to {result.path}", 15_000
            )
        return dialog


__all__ = ["ExportDialog"]
