"""Help › Where is my data?: the data file, the backups folder and the last backup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.backup_rotation import KEEP_DAILY, KEEP_WEEKLY
from infcrm.domain.dates import day_text
from infcrm.services.maintenance.maintenance import DataLocations
from infcrm.ui.models.backup_table_model import size_label


def when_text(moment: datetime | None) -> str:
    """“today at 14:02”, “yesterday at 09:10” or a date; “never” for None."""
    if moment is None:
        return "never"
    local = moment.astimezone()
    days = (datetime.now().date() - local.date()).days
    if days == 0:
        return f"today at {local:%H:%M}"
    if days == 1:
        return f"yesterday at {local:%H:%M}"
    return f"{day_text(local.date(), weekday=True)} at {local:%H:%M}"


def _path_label(path: Path) -> QLabel:
    label = QLabel(str(path))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setToolTip("Select the text to copy it")
    return label


class DataLocationDialog(QDialog):
    """Where the data lives, how it is backed up, and buttons to open both folders."""

    def __init__(self, places: DataLocations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where is my data?")
        self.places = places
        intro = QLabel(
            "Everything infcrm knows is in one file on this computer, readable by your user "
            "account alone. Nothing is sent anywhere."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Data file:", _path_label(places.database))
        form.addRow("Size:", QLabel(size_label(places.size)))
        form.addRow("Backups folder:", _path_label(places.backups_folder))
        self.last_backup = QLabel(when_text(places.last_backup))
        self.last_backup.setObjectName("last_backup")
        form.addRow("Last backup:", self.last_backup)
        policy = QLabel(
            f"infcrm backs up when it starts (once a day), before every import and update, "
            f"and when you choose File › Back up now. It keeps the last {KEEP_DAILY} daily "
            f"and {KEEP_WEEKLY} weekly copies. Someone you “forget” is left out of new backups; "
            "older backups still hold them until they age out, about five weeks later."
        )
        policy.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        data_button = QPushButton("Open data &folder")
        backups_button = QPushButton("Open &backups folder")
        for button in (data_button, backups_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        data_button.clicked.connect(lambda: self._open(places.database.parent))
        backups_button.clicked.connect(lambda: self._open(places.backups_folder))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(policy)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    @staticmethod
    def _open(folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
