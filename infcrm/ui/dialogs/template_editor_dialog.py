"""Editing agreement email templates, with every placeholder listed beside the text.

The editor is the one the outreach templates use (`templates_dialog.TemplatesDialog`); what
is the agreement templates' own: their placeholders, the default template new versions are
written from (in bold, chosen with "Use as default"), the friendly template to restore, and
the name every agreement is signed with.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QListWidgetItem, QWidget

from infcrm.db.engine import Database
from infcrm.domain.agreement_template import PLACEHOLDERS
from infcrm.services.campaigns import agreement_templates, agreements
from infcrm.services.campaigns.agreement_types import TemplateInfo
from infcrm.services.maintenance.settings_change import SettingsChange
from infcrm.services.restore_points import Undoable
from infcrm.ui.dialogs.templates_dialog import TemplatesDialog, button, placeholder_html


class TemplateEditorDialog(TemplatesDialog):
    """Add, change, delete and choose the default agreement template; set the signing name."""

    list_title = "Templates (the default in bold)"
    name_example = "e.g. Short and sweet"
    delete_warning = "Agreements already written keep their text."
    signing_words = "your signing name"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, "Agreement templates", PLACEHOLDERS, parent)
        self.default_button = button(
            "Use as default",
            "New versions written after a change of terms use the default template",
            self._on_make_default,
        )
        self.reset_button = button(
            "Restore friendly template",
            "Put the template that came with infcrm back as it was, and use it as default",
            self._on_reset,
        )
        for widget in (self.default_button, self.reset_button, self.list_error):
            self.left_column.addWidget(widget)
        self.reload()

    def signing_field(self) -> tuple[str, str, QLineEdit]:
        """The name every agreement email is signed with."""
        signing = QLineEdit(self.stored_signing())
        signing.setPlaceholderText("Your name, e.g. Lena from Crumb & Co")
        signing.setToolTip("What {sender_name} becomes at the end of every agreement email")
        return "Sign as", "sender_name", signing

    def load(self) -> list[TemplateInfo]:
        """The default first, then by name."""
        return agreement_templates.list_templates(self.db)

    def item(self, template: TemplateInfo) -> QListWidgetItem:
        """The default in bold."""
        item = QListWidgetItem(template.name)
        if template.is_default:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip("The default: new versions after a change of terms use it")
        return item

    def show_own(self, template: TemplateInfo | None) -> None:
        """The last template cannot be deleted; the default is the default already."""
        if hasattr(self, "default_button"):
            self.default_button.setEnabled(template is not None and not template.is_default)
        self.delete_button.setEnabled(template is not None and len(self.templates) > 1)

    def start_new(self) -> None:
        """A subject most agreements start with."""
        self.subject.setText("{brand} x {influencer_name}")

    def stored_signing(self) -> str:
        """The name agreement emails are signed with."""
        return agreements.sender_name(self.db)

    def signing_change(self) -> SettingsChange | None:
        """The signing name, when it was changed."""
        assert isinstance(self.signing, QLineEdit)
        text = self.signing.text()
        if text.strip() == self.signing_shown:
            return None
        return SettingsChange(sender_name=text, seen=self.signing_seen)

    def save_own(self) -> Undoable:
        """The template."""
        return agreement_templates.save_template(
            self.db, self.name.text(), self.subject.text(), self.body.toPlainText(),
            self.current_id,
        )  # fmt: skip

    def delete_own(self, template_id: int) -> Undoable:
        """The default passes on; the last one stays."""
        return agreement_templates.delete_template(self.db, template_id)

    def _on_make_default(self) -> None:
        if self.current_id is not None:
            done = agreement_templates.set_default(self.db, self.current_id)
            self.remember(f"choice of “{self.name.text()}” as the default template", done)
            self.reload(self.current_id)

    def _on_reset(self) -> None:
        done = agreement_templates.reset_default(self.db)
        self.remember("restore of the friendly template", done)
        self.mark_clean()
        self.reload(int(done.value))  # type: ignore[call-overload]
        self.notice.setText("The friendly template is back as it came, and is the default.")


__all__ = ["TemplateEditorDialog", "placeholder_html"]
