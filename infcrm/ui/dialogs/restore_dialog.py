"""File › Restore from backup…: the list of backups, and the offer made for a damaged file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from infcrm.db import backup_restore, backups
from infcrm.db.backups import BackupInfo
from infcrm.domain.dates import moment_text
from infcrm.ui.models.backup_table_model import (
    DATE,
    INFLUENCERS,
    KIND,
    SIZE,
    BackupTableModel,
    kind_label,
)
from infcrm.ui.widgets.keyboard import tab_leaves

EMPTY_TEXT = (
    "There are no backups yet. infcrm makes one each day when it starts and before every "
    "import; File › Back up now makes one at once."
)


def describe_backup(backup: BackupInfo) -> str:
    """“the backup of Mon 04 May 2026, 14:02 (1,234 influencers)”."""
    count = (
        f" ({backup.influencer_count:,} influencers)" if backup.influencer_count is not None else ""
    )
    return f"the backup of {moment_text(backup.made_at)}{count}"


class RestoreDialog(QDialog):
    """Lists the backups of a database; Restore asks first, then hands back the chosen one."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.db_path = Path(db_path)
        self.folder = backups.default_folder(self.db_path)
        self.chosen: BackupInfo | None = None
        intro = QLabel(
            "Choose the backup to go back to. Your data as it is now is kept as a backup "
            "too, so you can undo a restore by restoring that copy."
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(backups.list_backups(self.folder, self.db_path.stem))
        self.table = QTableView()
        tab_leaves(self.table)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Backups")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Stretch)
        for column, width in ((DATE, 190), (INFLUENCERS, 100), (SIZE, 90)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setToolTip("Replace your data by the chosen backup (asks first)")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        folder_button = QPushButton("Open backups &folder")
        folder_button.setToolTip(str(self.folder))
        buttons.addButton(folder_button, QDialogButtonBox.ButtonRole.HelpRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore)
        folder_button.clicked.connect(self._on_open_folder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        if self.model.rowCount():
            self.table.selectRow(0)

    def selected_backup(self) -> BackupInfo | None:
        """The backup the user picked in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _on_selection_changed(self) -> None:
        backup = self.selected_backup()
        self.restore_button.setEnabled(backup is not None and backup.schema_revision is not None)

    def _on_double_clicked(self, _index: QModelIndex) -> None:
        self._on_restore()

    def _on_restore(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        if backup.schema_revision is None:
            QMessageBox.warning(
                self, "Restore from backup", "This backup cannot be read; choose another one."
            )
            return
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Go back to {describe_backup(backup)}?\n\n"
            "Everything changed since then will be replaced by the backup. Your data as it is "
            "now is kept as a backup first, so you can come back to it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = backup
            self.accept()

    def _on_open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    @classmethod
    def choose(cls, parent: QWidget | None, db_path: Path) -> BackupInfo | None:
        """Show the dialog; the backup the user confirmed, or None."""
        dialog = cls(db_path, parent)
        try:
            return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def offer_newest_good_backup(parent: QWidget | None, db_path: Path, problem: str) -> Path | None:
    """Explain that the data file is damaged and offer the newest good backup.

    Returns the backup the user chose to restore, or None. Nothing is changed here.
    """
    try:
        newest = backup_restore.newest_good_backup(db_path)
    except backups.BackupFailed:
        newest = None
    return newest.path if ask_to_restore(parent, db_path, problem, newest) else None


def ask_to_restore(
    parent: QWidget | None, db_path: Path, problem: str, newest: BackupInfo | None
) -> bool:
    """The damaged-file dialog: what was found, and the offer of `newest` if there is one."""
    db_path = Path(db_path)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Your data file is damaged")
    box.setText(
        f"infcrm found damage in your data file “{db_path.name}”, so it has not changed it."
    )
    box.setDetailedText(f"What the check found: {problem}")
    if newest is None:
        box.setInformativeText(
            "There is no good backup to go back to. Quit infcrm and keep a copy of the file "
            f"({db_path}) somewhere safe before trying anything else."
        )
        box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return False
    box.setInformativeText(
        f"The newest good backup is {describe_backup(newest)} — "
        f"{kind_label(newest.reason).lower()}. Restore it? The damaged file is kept unchanged "
        "in the backups folder."
    )
    restore = box.addButton("Restore that backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore
