"""Compose: one outreach template filled in for each chosen person, previewed, then sent.

The dialog lays out the choice of template and campaign, the text, and a preview per person;
`ui/compose_sending.py` sends (mail program, .eml files, or DM texts copied one by one) and logs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.outreach_template import DM, EMAIL, KINDS, PLACEHOLDERS
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns import campaigns
from infcrm.services.errors import NotFound
from infcrm.services.outreach import compose, outreach_templates
from infcrm.services.outreach.compose_types import (
    ComposedMessage,
    OutreachTemplateInfo,
    Recipient,
)
from infcrm.ui import theme, undo_commands
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.field_error import FieldError, with_error

FOLLOW_UP_DAYS = 5
PREVIEW_DELAY_MS = 250  # typing fills the message on show again once the user pauses
_UNREAD = object()  # no campaign's people read yet (None is "No campaign")


class ComposeDialog(AsksBeforeClosing, QDialog):
    """Fill a template for each chosen person; preview, warnings, and the ways to send it."""

    unsaved_question = "You changed the text of this template. Save it to the template?"

    def __init__(self, db: Database, ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ids = list(ids)
        # The people are read once per campaign chosen; a pause in typing only fills the text
        # again, and only for the person on show (everyone's when sending): with 200 people
        # each pause cost 33 ms and six queries, now well under a millisecond and none.
        self._recipients: list[Recipient] = []
        self._read_for: object = _UNREAD
        self._listed: tuple[object, str] | None = None  # (people read, kind) the list shows
        self._text: tuple[str, str | None, str] | None = None  # checked (kind, subject, body)
        self._filled: dict[int, ComposedMessage] = {}  # by row, for `_text`
        self.templates = outreach_templates.list_templates(db)
        self.errors: dict[str, FieldError] = {}
        self._loaded: tuple[str, str, str] = ("", "", "")
        self.setWindowTitle(f"Compose for {len(self.ids):,} " + _people(len(self.ids)))
        comfortable_size(self, 1100, 680)

        self.template = QComboBox()
        self.template.setObjectName("composeTemplate")
        self.template.setToolTip("The template to start from (Edit › Outreach templates…)")
        for template in self.templates:
            self.template.addItem(f"{template.name}  ·  {KINDS[template.kind]}", template.id)
        if not self.templates:
            self.template.addItem("(no template: write the message below)", None)
        self.template.currentIndexChanged.connect(self._on_template_chosen)
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.campaign = QComboBox()
        self.campaign.setToolTip("Fills {campaign}, {product} and {hashtags}")
        self.campaign.addItem("No campaign", None)
        for summary in campaigns.list_campaigns(db):
            self.campaign.addItem(summary.name, summary.id)
        self.campaign.currentIndexChanged.connect(self._schedule_preview)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setObjectName("composeBody")
        self.body.setTabChangesFocus(True)
        self.subject.textEdited.connect(self._schedule_preview)
        self.body.textChanged.connect(self._schedule_preview)
        known = QLabel("Placeholders: " + " ".join(f"{{{name}}}" for name in PLACEHOLDERS))
        known.setWordWrap(True)
        known.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.set_role(known, "secondary")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Template", self.template)
        form.addRow("Kind", self.kind)
        form.addRow("Campaign", with_error("campaign", self.campaign, self.errors))
        form.addRow("Subject", with_error("subject", self.subject, self.errors))
        form.addRow("Text", with_error("body", self.body, self.errors))
        form.addRow("", known)
        middle = QWidget()
        middle.setLayout(form)

        self.people = QListWidget()
        self.people.setObjectName("composePeople")
        self.people.currentRowChanged.connect(self._on_person_chosen)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("People"))
        column.addWidget(self.people, 1)
        column.addWidget(self.counts)

        self.preview_subject = QLabel()
        self.preview_subject.setObjectName("previewSubject")
        self.preview_subject.setWordWrap(True)
        self.preview_subject.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("composePreview")
        self.preview.setReadOnly(True)
        self.warnings = FieldError()  # the person's warnings, in the error colour
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("Preview"))
        side.addWidget(self.preview_subject)
        side.addWidget(self.preview, 1)
        side.addWidget(self.warnings)

        splitter = QSplitter()
        for part in (left, middle, right):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([230, 460, 410])

        self.follow_up = QCheckBox("Follow up in")
        self.follow_up.setChecked(True)
        self.follow_up_days = QSpinBox()
        self.follow_up_days.setRange(1, 365)
        self.follow_up_days.setValue(FOLLOW_UP_DAYS)
        self.follow_up_days.setSuffix(" days")
        self.follow_up_days.setMaximumWidth(110)
        self.follow_up_days.setToolTip("A follow-up with each person this many days from today")
        self.follow_up.toggled.connect(self.follow_up_days.setEnabled)
        self.mail_button = self._button(
            "Open in mail program", "Open each email in your mail program, ready to send"
        )
        self.eml_button = self._button(
            "Save .eml files…", "Save one email file per person into a folder you choose"
        )
        self.copy_button = self._button(
            "Copy messages one by one",
            "Copy each direct message in turn, to paste into the app; Next copies the next",
        )
        self.next_button = self._button("Next", "Copy the next person's message")
        self.next_button.hide()
        self.step = QLabel()
        self.step.setObjectName("composeStep")
        self.step.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.follow_up)
        actions.addWidget(self.follow_up_days)
        actions.addStretch(1)
        for button in (self.mail_button, self.eml_button, self.copy_button, self.next_button):
            actions.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.general = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.general)
        layout.addWidget(self.step)
        layout.addLayout(actions)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._on_template_chosen()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    # What is on show ----------------------------------------------------------------------

    def current_template(self) -> OutreachTemplateInfo | None:
        """The template chosen, or None when there is none at all."""
        wanted = self.template.currentData()
        return next((t for t in self.templates if t.id == wanted), None)

    def kind_value(self) -> str:
        """ "email" or "dm"."""
        return DM if self.kind.currentData() == DM else EMAIL

    def campaign_id(self) -> int | None:
        """The campaign chosen, or None."""
        return self.campaign.currentData()

    @property
    def messages(self) -> list[ComposedMessage]:
        """Everyone's message filled from the text as last checked ([] when it was refused)."""
        return [self._message(row) for row in range(len(self._recipients))] if self._text else []

    def _message(self, row: int) -> ComposedMessage:
        message = self._filled.get(row)
        if message is None:
            assert self._text is not None
            message = self._filled[row] = compose.fill(self._recipients[row], *self._text)
        return message

    def sendable(self) -> list[ComposedMessage]:
        """The filled messages of everyone not marked "Do not contact"."""
        return [m for m in self.messages if not m.do_not_contact]

    def _on_template_chosen(self, *_args: object) -> None:
        template = self.current_template()
        self.kind.setCurrentIndex(self.kind.findData(template.kind if template else EMAIL))
        self.subject.setText((template.subject or "") if template else "")
        self.body.setPlainText(template.body if template else "")
        self._loaded = self._texts()
        self._on_kind_changed()
        self.refresh_preview()
        self.mark_clean()

    def _texts(self) -> tuple[str, str, str]:
        return (self.kind_value(), self.subject.text(), self.body.toPlainText())

    def _on_kind_changed(self, *_args: object) -> None:
        email = self.kind_value() == EMAIL
        self.subject.setEnabled(email)
        self.mail_button.setVisible(email)
        self.eml_button.setVisible(email)
        self.copy_button.setVisible(not email)
        self._schedule_preview()

    def _schedule_preview(self, *_args: object) -> None:
        self._timer.start()

    def refresh_preview(self) -> bool:
        """Check the text and fill the message on show again; False (errors beside the
        fields) when refused. The people are read again only when the campaign changed."""
        self._timer.stop()
        for error in (*self.errors.values(), self.general):
            error.clear_error()
        kind, campaign = self.kind_value(), self.campaign_id()
        self._filled = {}
        try:
            subject, body = compose.checked_text(
                kind, self.subject.text(), self.body.toPlainText(), campaign
            )
            if self._read_for != campaign:
                self._read_for = _UNREAD  # read again next time if this read fails
                self._recipients = compose.recipients(self.db, self.ids, campaign)
                self._read_for = campaign
            self._text = (kind, subject, body)
        except InvalidInput as exc:
            for key, message in exc.errors.items():
                self.errors.get(key, self.errors["body"]).show_error(message)
            self._text = None
        except NotFound as exc:
            self.general.show_error(str(exc))
            self._text = None
        ok = self._text is not None and bool(self._recipients)
        self._show_people(ok)
        sendable = any(not person.do_not_contact for person in self._recipients)
        for button in (self.mail_button, self.eml_button, self.copy_button):
            button.setEnabled(ok and sendable)
        return ok

    def _show_people(self, ok: bool) -> None:
        """List the people (again only when who they are or the kind changed), then show the
        chosen person's message."""
        listed = (id(self._recipients), self.kind_value()) if ok else None
        if listed != self._listed:
            self._listed = listed
            self._list_people(self._recipients if ok else [])
        self._on_person_chosen(self.people.currentRow())

    def _list_people(self, people: list[Recipient]) -> None:
        kind = self.kind_value()
        row = max(self.people.currentRow(), 0)
        self.people.blockSignals(True)
        self.people.clear()
        for person in people:
            warnings = person.warnings(kind)
            item = QListWidgetItem(("⚠ " if warnings else "") + person.name)
            item.setToolTip("\n".join(warnings))
            self.people.addItem(item)
        if people:
            self.people.setCurrentRow(min(row, len(people) - 1))
        self.people.blockSignals(False)
        blocked = sum(p.do_not_contact for p in people)
        no_email = sum(not p.email for p in people) if kind == EMAIL else 0
        parts = [f"{len(people) - blocked:,} to send"]
        if blocked:
            parts.append(f"{blocked:,} marked “Do not contact” (left out)")
        if no_email:
            parts.append(f"{no_email:,} without an email address")
        self.counts.setText(" · ".join(parts) if people else "")

    def _on_person_chosen(self, row: int) -> None:
        shown = self._text is not None and 0 <= row < len(self._recipients)
        message = self._message(row) if shown else None
        subject = message.subject if message and message.subject else ""
        self.preview_subject.setText(f"Subject: {subject}" if subject else "")
        self.preview.setPlainText(message.body if message else "")
        if message is not None and message.warnings:
            self.warnings.show_error("\n".join(message.warnings))
        else:
            self.warnings.clear_error()

    # Unsaved edits ------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """Whether the text differs from the template it was loaded from."""
        return self._texts() != self._loaded

    def save_changes(self) -> bool:
        """Keep the edited text in its template (a new "My message" when there was none)."""
        template = self.current_template()
        try:
            saved = outreach_templates.save_template(
                self.db,
                template.name if template else "My message",
                self.kind_value(),
                self.subject.text(),
                self.body.toPlainText(),
                template.id if template else None,
            )
        except InvalidInput as exc:
            for key, message in exc.errors.items():
                self.errors.get(key, self.general).show_error(message)
            return False
        except NotFound as exc:
            self.general.show_error(str(exc))
            return False
        name = template.name if template else "My message"
        undo_commands.push(
            undo_commands.ChangeCommand(
                self.db, f"change of the template “{name}”", saved.undo, lambda: None,
                announced=True,
            )
        )  # fmt: skip
        self.templates = outreach_templates.list_templates(self.db)
        self._loaded = self._texts()
        return True


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


__all__ = ["ComposeDialog"]
