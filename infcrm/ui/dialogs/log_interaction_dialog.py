"""The “Log interaction” dialog: what happened with someone, and when to follow up."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import Channel, Direction
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns import campaigns
from infcrm.services.changes import Changes
from infcrm.services.outreach import interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencers
from infcrm.services.people.influencers import NotFound
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs.log_interaction_picker import PersonPicker
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.do_not_contact import confirm_contact
from infcrm.ui.widgets.field_error import FieldError, with_error
from infcrm.ui.widgets.typed_date_edit import TypedDateEdit

# (button text, days from today) for the one-click follow-up dates.
QUICK_FOLLOW_UPS: tuple[tuple[str, int], ...] = (
    ("Today", 0),  # “call back this afternoon”
    ("Tomorrow", 1),
    ("In 3 days", 3),
    ("In a week", 7),
)


def announce_logged(influencer_id: int, stage_before: int | None, db: Database) -> None:
    """Tell every screen that an interaction was logged (and what else it changed)."""
    changed = Changes(outreach=(influencer_id,), follow_ups=True)
    if stage_of(db, influencer_id) != stage_before:  # the move from Prospect to Contacted
        changed |= Changes(pipeline=(influencer_id,), people=(influencer_id,))
    operations.announce(changed)


def stage_of(db: Database, influencer_id: int) -> int | None:
    """The influencer's stage id now (None if they have none or no longer exist)."""
    try:
        return influencers.get(db, influencer_id).stage_id
    except NotFound:
        return None


class LogInteractionDialog(PersonPicker, AsksBeforeClosing, QDialog):
    """Log an email, DM, call or meeting with an influencer, and optionally set a follow-up."""

    def __init__(
        self,
        db: Database,
        influencer_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.influencer_id = influencer_id
        self.saved_id: int | None = None
        self._today = today
        self._choices: dict[str, int] = {}
        self.setWindowTitle("Log interaction")
        self.setMinimumWidth(600)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, FieldError] = {}

        self.person = QLineEdit()
        self.person.setObjectName("person")
        self.person_label = QLabel()
        self.person_label.setTextFormat(Qt.TextFormat.PlainText)
        if influencer_id is None:
            self._build_picker()
            form.addRow("Who", self._with_error("influencer_id", self.person))
        else:
            self.person_label.setText(self._name_of(influencer_id))
            form.addRow("Who", self._with_error("influencer_id", self.person_label))

        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setToolTip("When it happened, in your local time")
        form.addRow("When", self._with_error("occurred_at", self.when))

        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        form.addRow("Channel", self._with_error("channel", self.channel))

        self.outbound = QRadioButton(Direction.OUTBOUND.label)
        self.inbound = QRadioButton(Direction.INBOUND.label)
        self.outbound.setChecked(True)
        self.direction_group = QButtonGroup(self)
        self.direction_group.addButton(self.outbound)
        self.direction_group.addButton(self.inbound)
        directions = QWidget()
        row = QHBoxLayout(directions)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.outbound)
        row.addWidget(self.inbound)
        row.addStretch(1)
        form.addRow("Direction", self._with_error("direction", directions))

        self.subject = QLineEdit()
        self.subject.setPlaceholderText("e.g. Collab idea for the spring range")
        form.addRow("Subject", self._with_error("subject", self.subject))
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("What was said, offered or asked")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(80)
        self.summary.setMaximumHeight(160)
        form.addRow("Summary", self._with_error("summary", self.summary))
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText("e.g. Interested, wants samples")
        form.addRow("Outcome", self._with_error("outcome", self.outcome))
        self.campaign = QComboBox()
        self.campaign.setToolTip("Tie this interaction to a campaign (optional)")
        self.campaign.addItem("No campaign", None)
        for summary in campaigns.list_campaigns(db):
            if summary.status in ("active", "planned"):
                self.campaign.addItem(summary.name, summary.id)
        form.addRow("Campaign", self._with_error("campaign_id", self.campaign))
        self._preselect_campaign()

        form.addRow(self._follow_up_box())

        self.general_error = FieldError()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save this interaction (Ctrl+Enter)")
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._on_save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        # At least as wide as the follow-up's day buttons and date need (the date was cut).
        self.setMinimumWidth(max(self.minimumWidth(), layout.minimumSize().width()))
        (self.person if influencer_id is None else self.subject).setFocus()
        self.mark_clean()

    # Building ------------------------------------------------------------------------------

    def _with_error(self, key: str, widget: QWidget, outlined: QWidget | None = None) -> QWidget:
        """`widget` with its error sentence under it; `outlined` turns red while it is wrong."""
        return with_error(key, widget, self.errors, outlined)

    def _follow_up_box(self) -> QGroupBox:
        box = QGroupBox("Follow-up")
        # A check box, not a checkable group: the day buttons must work in one click.
        self.follow_up_box = QCheckBox("Set a follow-up")
        self.follow_up_box.setToolTip("Be reminded to get back to them on a day you choose")
        self.quick_buttons: dict[str, QPushButton] = {}
        quick = QHBoxLayout()
        for text, days in QUICK_FOLLOW_UPS:
            button = QPushButton(text)
            button.setToolTip(f"Follow up {text.lower()}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, d=days: self._on_quick_follow_up(d))
            self.quick_buttons[text] = button
            quick.addWidget(button)
        quick.addWidget(QLabel("or on"))
        self.follow_up_date = TypedDateEdit(
            self._day() + timedelta(days=3), due=True, today=self._today
        )
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setDisplayFormat("ddd d MMM yyyy")
        self.follow_up_date.dateChanged.connect(lambda _d: self.follow_up_box.setChecked(True))
        quick.addWidget(self.follow_up_date)
        quick.addStretch(1)
        self.follow_up_note = QLineEdit()
        self.follow_up_note.setPlaceholderText("What to do then, e.g. Ask if the parcel arrived")
        self.follow_up_note.textEdited.connect(lambda _t: self.follow_up_box.setChecked(True))
        form = QFormLayout(box)
        form.addRow(self.follow_up_box)
        form.addRow(
            "On", self._with_error("follow_up_due", _row_widget(quick), self.follow_up_date)
        )
        form.addRow("Note", self._with_error("follow_up_note", self.follow_up_note))
        return box

    # Follow-up ------------------------------------------------------------------------------

    def _day(self) -> date:
        return self._today or date.today()

    def _on_quick_follow_up(self, days: int) -> None:
        self.follow_up_date.setDate(QDate(self._day() + timedelta(days=days)))
        self.follow_up_box.setChecked(True)
        self.errors["follow_up_due"].clear_error()

    # Saving ---------------------------------------------------------------------------------

    def _input(self) -> InteractionInput:
        setting = self.follow_up_box.isChecked()
        return InteractionInput(
            influencer_id=self.influencer_id or 0,
            campaign_id=self.campaign.currentData(),
            channel=self.channel.currentData(),
            direction=Direction.OUTBOUND if self.outbound.isChecked() else Direction.INBOUND,
            # Naive local time: the service reads it as the computer's own time zone.
            occurred_at=self.when.dateTime().toPython(),
            subject=self.subject.text(),
            summary=self.summary.toPlainText(),
            outcome=self.outcome.text(),
            follow_up_due=self.follow_up_date.date().toPython() if setting else None,
            follow_up_note=self.follow_up_note.text() if setting else None,
        )

    def form_state(self) -> InteractionInput:
        """What was typed (Esc must not throw the notes away)."""
        return self._input()

    def save_changes(self) -> bool:
        """Save as the Save button does (which closes the dialog when it worked)."""
        self._on_save()
        return not self.isVisible()

    def _on_save(self) -> None:
        for error in self.errors.values():
            error.clear_error()
        self.general_error.clear_error()
        if self.influencer_id is None:
            self.influencer_id = self._typed_person()
        if self.influencer_id is None:
            self.person.setFocus()
            return
        outreach = self.outbound.isChecked()
        if outreach and not confirm_contact(self, self.db, [self.influencer_id], "log outreach to"):
            return
        stage_before = stage_of(self.db, self.influencer_id)
        try:
            logged = interactions.log_interaction_undoable(self.db, self._input())
        except InvalidInput as exc:
            self._show_errors(exc.errors)
            return
        except NotFound as exc:
            self.general_error.show_error(str(exc))
            return
        self.saved_id = int(logged.value)
        announce_logged(self.influencer_id, stage_before, self.db)
        # One step of Edit › Undo (the screens have just been told), saying with whom.
        who = self._name_of(self.influencer_id)
        undo_commands.push(
            undo_commands.ChangeCommand(
                self.db,
                f"logged {Channel(self.channel.currentData()).in_sentence} with “{who}”",
                logged.undo,
                lambda: operations.announce(logged.changes),
                announced=True,
            )
        )
        self.accept()

    def _show_errors(self, errors: dict[str, str]) -> None:
        first: QWidget | None = None
        for key, message in errors.items():
            target = self.errors.get(key, self.general_error)
            target.show_error(message)
            if first is None and target.field is not None:
                first = target.field
        if first is not None:
            first.setFocus()


def _row_widget(layout: QHBoxLayout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


__all__ = ["QUICK_FOLLOW_UPS", "LogInteractionDialog", "announce_logged", "stage_of"]
