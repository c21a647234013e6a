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
from infcrm.ui import question_box
from infcrm.ui.models.backup_table_model import (
    DATE,
    INFLUENCERS,
    KIND,
    SIZE,
    BackupTableModel,
    kind_label,
)
from infcrm.ui.question_box import ask_yes
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.keyboard import tab_leaves

EMPTY_TEXT = (
    "There are no backups yet. infcrm makes one each day when it starts and before every "
    "import; File › Back up now makes one at once."
)
INTRO_TEXT = (
    "Choose the backup to go back to. Your data as it is now is kept as a backup "
    "too, so you can undo a restore by restoring that copy."
)
# A server's database: the backups are the dumps File › Back up now made on this computer.
SERVER_EMPTY_TEXT = (
    "No backup of your team's database was made on this computer yet. File › Back up now "
    "makes one (with PostgreSQL's pg_dump); the server's administrator may have others."
)
SERVER_INTRO_TEXT = (
    "Choose the backup to go back to. It replaces the data of everyone on your team, so ask "
    "them to stop working first. The data as it is now is backed up first, so you can undo "
    "the restore by restoring that backup."
)


def describe_backup(backup: BackupInfo) -> str:
    """“the backup of Mon 04 May 2026, 14:02 (1,234 influencers)”."""
    count = (
        f" ({backup.influencer_count:,} influencers)" if backup.influencer_count is not None else ""
    )
    return f"the backup of {moment_text(backup.made_at)}{count}"


class RestoreDialog(QDialog):
    """Lists the backups of a database; Restore asks first, then hands back the chosen one."""

    def __init__(
        self,
        db_path: Path | None,
        parent: QWidget | None = None,
        *,
        dumps: list[BackupInfo] | None = None,
        folder: Path | None = None,
    ) -> None:
        """The backups of the file at `db_path`; or, for a server's database, `dumps` (its
        backups in `folder`)."""
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.on_server = dumps is not None
        self.chosen: BackupInfo | None = None
        if dumps is None:
            self.db_path: Path | None = Path(db_path)
            self.folder = backups.default_folder(self.db_path)
            dumps = backups.list_backups(self.folder, self.db_path.stem)
        else:
            self.db_path, self.folder = None, Path(folder)
        intro = QLabel(SERVER_INTRO_TEXT if self.on_server else INTRO_TEXT)
        intro.setWordWrap(True)
        self.model = BackupTableModel(dumps)
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
        # Counting a dump's people means reading all of it: a server's list shows no count.
        self.table.setColumnHidden(INFLUENCERS, self.on_server)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.empty = QLabel(SERVER_EMPTY_TEXT if self.on_server else EMPTY_TEXT)
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
        comfortable_size(self, 640, 420)
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
        whose = "everyone's data on the server" if self.on_server else "your data"
        if ask_yes(
            self,
            "Restore from backup",
            f"Go back to {describe_backup(backup)}?\n\n"
            f"Everything changed since then will be replaced by the backup, in {whose}. The "
            "data as it is now is kept as a backup first, so you can come back to it.",
        ):
            self.chosen = backup
            self.accept()

    def _on_open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    @classmethod
    def choose(
        cls,
        parent: QWidget | None,
        db_path: Path | None,
        *,
        dumps: list[BackupInfo] | None = None,
        folder: Path | None = None,
    ) -> BackupInfo | None:
        """Show the dialog; the backup the user confirmed, or None."""
        dialog = cls(db_path, parent, dumps=dumps, folder=folder)
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
    title = "Your data file is damaged"
    text = f"infcrm found damage in your data file “{db_path.name}”, so it has not changed it."
    details = f"What the check found: {problem}"
    if newest is None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(text)
        box.setDetailedText(details)
        box.setInformativeText(
            "There is no good backup to go back to. Quit infcrm and keep a copy of the file "
            f"({db_path}) somewhere safe before trying anything else."
        )
        box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return False
    return question_box.ask(
        parent,
        title=title,
        text=text,
        details=details,
        informative=(
            f"The newest good backup is {describe_backup(newest)} — "
            f"{kind_label(newest.reason).lower()}. Restore it? The damaged file is kept "
            "unchanged in the backups folder."
        ),
        go="Restore that backup",
        stay="Not now",
        icon=QMessageBox.Icon.Critical,
    )
