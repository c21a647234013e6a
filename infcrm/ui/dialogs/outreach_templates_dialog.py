"""Managing outreach templates: the emails and direct messages Compose fills in for each person.

The editor is the one the agreement templates use (`templates_dialog.TemplatesDialog`);
what is the outreach templates' own: the kind (a direct message has no subject), their
placeholders, and the signature at the end of every message.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QListWidgetItem, QPlainTextEdit, QWidget

from infcrm.db.engine import Database
from infcrm.domain.outreach_template import DM, EMAIL, KINDS, PLACEHOLDERS
from infcrm.services.maintenance.settings_change import SettingsChange
from infcrm.services.outreach import outreach_templates
from infcrm.services.outreach.compose_types import OutreachTemplateInfo
from infcrm.services.restore_points import Undoable
from infcrm.ui.dialogs.templates_dialog import TemplatesDialog


class OutreachTemplatesDialog(TemplatesDialog):
    """List, add, change and delete outreach templates; set the signature they end with."""

    name_example = "e.g. First email after a fair"
    delete_warning = "Messages already sent keep their text."
    unsaved_question = "You changed this template or your signature. Save before closing?"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, "Outreach templates", PLACEHOLDERS, parent)
        self.template_list.setObjectName("outreachTemplateList")
        self.body.setObjectName("outreachTemplateBody")
        self.new_button.setToolTip("Start a new email or direct message")
        self.delete_button.setToolTip("Delete this template (messages sent keep their text)")
        self.left_column.addWidget(self.list_error)
        self.reload()

    def add_own_fields(self) -> None:
        """Email or direct message, between the name and the subject."""
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setToolTip("An email has a subject; a direct message is copied into the app")
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.form.addRow("Kind", self._with_error("kind", self.kind))

    def signing_field(self) -> tuple[str, str, QPlainTextEdit]:
        """The signature, several lines allowed."""
        signature = QPlainTextEdit(self.stored_signing())
        signature.setObjectName("outreachSignature")
        signature.setTabChangesFocus(True)
        signature.setMaximumHeight(80)
        signature.setPlaceholderText("e.g. Lena from Crumb & Co")
        signature.setToolTip("What {signature} becomes at the end of your messages")
        self.signature = signature
        return "Signature", "signature", signature

    def load(self) -> list[OutreachTemplateInfo]:
        """Emails first, then by name."""
        return outreach_templates.list_templates(self.db)

    def item(self, template: OutreachTemplateInfo) -> QListWidgetItem:
        """The name and the kind."""
        return QListWidgetItem(f"{template.name}  ·  {KINDS[template.kind]}")

    def show_own(self, template: OutreachTemplateInfo | None) -> None:
        """The template's kind; a new one keeps the kind on show."""
        kind = template.kind if template else (DM if self.kind.currentData() == DM else EMAIL)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._on_kind_changed()

    def _on_kind_changed(self, *_args: object) -> None:
        is_email = self.kind.currentData() == EMAIL
        self.subject.setEnabled(is_email)
        self.subject.setPlaceholderText("" if is_email else "Direct messages have no subject")

    def stored_signing(self) -> str:
        """The signature (your signing name until you write one)."""
        return outreach_templates.signature(self.db)

    def signing_change(self) -> SettingsChange | None:
        """The signature, when it was changed."""
        text = self.signature.toPlainText()
        unchanged = text == self.signing_shown
        return None if unchanged else SettingsChange(signature=text, seen=self.signing_seen)

    def save_own(self) -> Undoable | None:
        """The template (none when only the signature was typed)."""
        blank = not (self.name.text().strip() or self.body.toPlainText().strip())
        if self.current_id is None and blank:
            return None
        return outreach_templates.save_template(
            self.db, self.name.text(), self.kind.currentData(), self.subject.text(),
            self.body.toPlainText(), self.current_id,
        )  # fmt: skip

    def delete_own(self, template_id: int) -> Undoable:
        """Messages sent keep their text."""
        return outreach_templates.delete_template(self.db, template_id)


__all__ = ["OutreachTemplatesDialog"]
