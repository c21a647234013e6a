"""The Outreach part of Settings: the move on first contact, the “waiting” delay, the signature."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreements
from infcrm.services.campaigns.agreement_types import SENDER_NAME_SETTING
from infcrm.services.outreach import followups, interactions
from infcrm.services.outreach.outreach_types import (
    AUTO_ADVANCE_SETTING,
    DEFAULT_STALE_AFTER_DAYS,
    STALE_AFTER_SETTING,
)
from infcrm.ui.widgets.field_error import FieldError


class OutreachSettingsGroup(QGroupBox):
    """The outreach settings, shown as saved; Settings stores what `changed()` lists."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("Outreach", parent)
        self.db = db
        self.auto_advance = QCheckBox(
            "Logging a message to someone in the first stage moves them to the next one "
            "(Prospect → Contacted)"
        )
        self.auto_advance.setObjectName("auto_advance")
        self.auto_advance.setToolTip("Saves dragging the card yourself after the first message")
        self.stale_days = QSpinBox()
        self.stale_days.setObjectName("stale_after_days")
        self.stale_days.setRange(1, 365)
        self.stale_days.setSuffix(" days")
        self.stale_days.setAccessibleName("Days without a reply before someone counts as waiting")
        self.stale_days.setToolTip(
            "After this many days without an answer to your last message, the person is "
            "marked “Waiting for reply” on the list and the board"
        )
        label = QLabel("Mark as waiting for a reply after")
        label.setBuddy(self.stale_days)
        self.stale_error = FieldError(self.stale_days)
        grid = QGridLayout(self)
        grid.addWidget(self.auto_advance, 0, 0, 1, 3)
        grid.addWidget(label, 1, 0)
        grid.addWidget(self.stale_days, 1, 1)
        grid.addWidget(self.stale_error, 2, 0, 1, 3)
        self.sender = QLineEdit(agreements.sender_name(db))
        self.sender.setObjectName("sender_name")
        self.sender.setPlaceholderText("e.g. Maria from Oat & Honey")
        self.sender.setToolTip("How agreement emails are signed ({sender_name} in templates)")
        sender_label = QLabel("Sign agreement emails as")
        sender_label.setBuddy(self.sender)
        self.sender_error = FieldError(self.sender)
        grid.addWidget(sender_label, 3, 0)
        grid.addWidget(self.sender, 3, 1, 1, 2)
        grid.addWidget(self.sender_error, 4, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self._saved = (interactions.auto_advance_enabled(db), followups.stale_after_days(db))
        self._shown_sender = self.sender.text()
        self.auto_advance.setChecked(self._saved[0])
        self.stale_days.setValue(self._saved[1])

    def restore_defaults(self) -> None:
        """Show the standard values (saved with the rest of the dialog)."""
        self.auto_advance.setChecked(True)
        self.stale_days.setValue(DEFAULT_STALE_AFTER_DAYS)

    def changed(self) -> dict[str, object]:
        """What differs from the saved values, by the name Settings stores it under
        (services/maintenance/settings_change.SettingsChange)."""
        auto, days = self.auto_advance.isChecked(), self.stale_days.value()
        found: dict[str, object] = {}
        if days != self._saved[1]:
            found["stale_after_days"] = days
        # Against what was shown, not what is stored now: a signing name a teammate saved
        # meanwhile is not this user's change, and stays.
        if self.sender.text().strip() != self._shown_sender:
            found["sender_name"] = self.sender.text()
        if auto != self._saved[0]:
            found["auto_advance"] = auto
        return found

    def seen(self) -> dict[str, object]:
        """The values as the group showed them, by the keys they are stored under: what the
        save merges with a teammate's meanwhile (services/maintenance/settings_merge.py)."""
        return {
            AUTO_ADVANCE_SETTING: self._saved[0],
            STALE_AFTER_SETTING: self._saved[1],
            SENDER_NAME_SETTING: self._shown_sender,
        }

    def show_errors(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Show a refusal beside its field (focused); the messages that are not this group's."""
        fields = {"stale_after_days": self.stale_error, "sender_name": self.sender_error}
        left = {}
        for key, message in errors.items():
            if key in fields:
                fields[key].show_error(message)
                fields[key].field.setFocus()
            else:
                left[key] = message
        return left

    def saved(self) -> None:
        """The values shown were stored."""
        self._saved = (self.auto_advance.isChecked(), self.stale_days.value())
        self._shown_sender = self.sender.text().strip()


__all__ = ["OutreachSettingsGroup"]
