"""“Add to campaign…”: choose a campaign for the selected influencers, then add them in one go."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.services.campaigns import campaign_edits, campaigns
from infcrm.services.people import influencer_list
from infcrm.ui import operations, undo_commands
from infcrm.ui.do_not_contact import confirm_contact
from infcrm.ui.models.influencer_columns import DO_NOT_CONTACT_TIP


class CampaignPickerDialog(QDialog):
    """A list of campaigns (open ones first) with a button to start a new one."""

    def __init__(
        self, db: Database, count: int, parent: QWidget | None = None, *, marked: int = 0
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Add to campaign")
        self.setMinimumSize(420, 360)
        who = "1 influencer" if count == 1 else f"{count:,} influencers"
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Add {who} to which campaign?"))
        self.marked_note = QLabel()
        self.marked_note.setObjectName("do_not_contact_note")
        if marked:
            them = (
                "This person is"
                if count == 1
                else "1 of them is"
                if marked == 1
                else f"{marked:,} of them are"
            )
            self.marked_note.setText(f"⚠ {them} marked “Do not contact”.")
            self.marked_note.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.marked_note.setToolTip(DO_NOT_CONTACT_TIP)
        self.marked_note.setVisible(bool(marked))
        layout.addWidget(self.marked_note)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.itemActivated.connect(lambda _item: self.accept())  # Enter confirms
        layout.addWidget(self.list, 1)
        new = QPushButton("New campaign…")
        new.setToolTip("Create a campaign and add them to it")
        new.clicked.connect(self._on_new)
        layout.addWidget(new)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self, select: int | None = None) -> None:
        self.list.clear()
        for summary in campaigns.list_campaigns(self.db):
            status = CampaignStatus(summary.status).label
            item = QListWidgetItem(
                f"{summary.name}  ·  {status}  ·  {summary.influencers:,} people"
            )
            item.setData(256, summary.id)
            self.list.addItem(item)
            if summary.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def _on_new(self) -> None:
        from infcrm.ui.dialogs.campaign_dialog import CampaignDialog

        dialog = CampaignDialog(self.db, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self._fill(dialog.saved_id)

    def chosen_id(self) -> int | None:
        """The campaign selected in the list."""
        item = self.list.currentItem()
        return None if item is None else int(item.data(256))


def add_to_campaign(
    parent: QWidget, db: Database, influencer_ids: Sequence[int], campaign_id: int | None = None
) -> int:
    """Add these people to a campaign (asking which when not given); returns how many joined."""
    ids = list(influencer_ids)
    if not ids:
        QMessageBox.information(parent, "Add to campaign", "Select the influencers to add first.")
        return 0
    if campaign_id is None:
        marked = len(influencer_list.do_not_contact_among(db, ids))
        dialog = CampaignPickerDialog(db, len(ids), parent, marked=marked)
        if not dialog.exec() or dialog.chosen_id() is None:
            return 0
        campaign_id = dialog.chosen_id()
    if not confirm_contact(parent, db, ids, "add to a campaign"):
        return 0
    added = operations.run(
        parent, "Add to campaign", lambda: campaign_edits.add_people(db, campaign_id, ids)
    )
    if not added.ok:
        return 0
    result = added.value.value
    name = campaigns.get_campaign(db, campaign_id).name
    if result.added:
        title = f"addition of {undo_commands.people(result.added)} to “{name}”"
        undo_commands.remember(db, title, added.value)
    message = f"Added {result.added:,} to “{name}”."
    if result.already_in:
        message += (
            f" {result.already_in:,} {'was' if result.already_in == 1 else 'were'} already in it."
        )
    window = parent.window()
    status = getattr(window, "statusBar", None)
    if callable(status):
        status().showMessage(message, 8000)
    return result.added
