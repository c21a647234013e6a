"""The “Log interaction” dialog: what happened with someone, and when to follow up."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
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
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.people.influencers import NotFound
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.do_not_contact import confirm_contact
from infcrm.ui.widgets.field_error import FieldError, with_error
from infcrm.ui.widgets.typed_date_edit import TypedDateEdit

PICKER_LIMIT = 20
# One letter matches most of a large list; from two on, the search is quick and useful.
PICKER_MIN_CHARS = 2
PICKER_DEBOUNCE_MS = 150
# How many of the people a typed name finds are looked at for one of exactly that name.
EXACT_NAME_LOOKUP = 200
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


class LogInteractionDialog(AsksBeforeClosing, QDialog):
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

    def _build_picker(self) -> None:
        """A search-as-you-type field for choosing who this was with."""
        self.person.setPlaceholderText("Type a name, handle or email…")
        self.person.setClearButtonEnabled(True)
        self.person.setAccessibleName("Influencer")
        self._picker_model = QStringListModel(self)
        completer = QCompleter(self._picker_model, self)
        # The list is already filtered in SQL; the completer shows it as it is.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._on_person_chosen)
        self.person.setCompleter(completer)
        self._picker_timer = QTimer(self)
        self._picker_timer.setSingleShot(True)
        self._picker_timer.setInterval(PICKER_DEBOUNCE_MS)
        self._picker_timer.timeout.connect(self._on_search_people)
        # Saved or closed within the pause after typing: no search for a closed dialog, whose
        # database the window may have closed (or a server dropped) by the time it would run.
        self.finished.connect(self._picker_timer.stop)
        self.person.textEdited.connect(self._on_person_typed)

    # Picking the influencer -----------------------------------------------------------------

    def _name_of(self, influencer_id: int) -> str:
        try:
            return influencers.get(self.db, influencer_id).display_name
        except NotFound:
            return "This influencer no longer exists."

    def _on_person_typed(self, _text: str) -> None:
        self.influencer_id = None  # typing again means choosing again
        self._picker_timer.start()

    def _on_search_people(self) -> None:
        """Fill the completer with the first people matching what was typed."""
        text = self.person.text().strip()
        if len(text) < PICKER_MIN_CHARS:
            self._picker_model.setStringList([])
            return
        # The first few, not every match (“ma”: 51,000 of 100,000 people); a server's search
        # still gives every match, of which the first are shown.
        ids = influencer_list.list_start(self.db, ListQuery(search=text), PICKER_LIMIT).ids
        ids = ids[:PICKER_LIMIT]
        found = influencer_list.rows(self.db, ids)
        self._choices = {}
        for influencer_id in ids:
            row = found.get(influencer_id)
            if row is None:
                continue
            label = row.display_name + (f"  (@{row.handle})" if row.handle else "")
            if row.do_not_contact:
                label += "  — do not contact"
            if label in self._choices:
                label += f"  #{influencer_id}"
            self._choices[label] = influencer_id
        self._picker_model.setStringList(list(self._choices))
        if self._choices:
            self.person.completer().complete()

    def _typed_person(self) -> int | None:
        """The person typed but not picked from the list: the one person the text finds, or
        the one whose name it is in full; else None, with what to do beside the field."""
        text = self.person.text().strip()
        if not text:
            message = (
                "Choose who this was with: type part of their name and pick them from the list."
            )
        else:
            found = influencer_list.list_start(self.db, ListQuery(search=text), EXACT_NAME_LOOKUP)
            if found.total == 1:
                return found.ids[0]
            named = [
                row.id
                for row in influencer_list.rows(self.db, found.ids[:EXACT_NAME_LOOKUP]).values()
                if row.display_name.casefold() == text.casefold()
            ]
            if len(named) == 1:
                return named[0]
            if found.total:
                message = f"{found.total:,} people match “{text}”: pick one from the list."
            else:
                message = (
                    f"No one matches “{text}”. Add them first: File › New influencer… (Ctrl+N)."
                )
        self.errors["influencer_id"].show_error(message)
        return None

    def _on_person_chosen(self, label: str) -> None:
        self.influencer_id = self._choices.get(label)
        self.errors["influencer_id"].clear_error()
        self._preselect_campaign()

    def _preselect_campaign(self) -> None:
        """Someone in exactly one open campaign is most likely written to about it."""
        if self.influencer_id is None:
            return
        offered = {self.campaign.itemData(i) for i in range(1, self.campaign.count())}
        theirs = [c.campaign_id for c in campaigns.campaigns_of(self.db, self.influencer_id)
                  if c.campaign_id in offered]  # fmt: skip
        if len(theirs) == 1:
            self.campaign.setCurrentIndex(self.campaign.findData(theirs[0]))

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
