"""Managing outreach templates: the emails and direct messages Compose fills in for each person."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.outreach_template import DM, EMAIL, KINDS, PLACEHOLDERS
from infcrm.domain.validation import InvalidInput
from infcrm.services.errors import NotFound
from infcrm.services.outreach import outreach_templates
from infcrm.services.outreach.compose_types import OutreachTemplateInfo
from infcrm.ui.dialogs.template_editor_dialog import placeholder_html
from infcrm.ui.dialogs.unsaved_changes import Answer, AsksBeforeClosing, ask_save_discard_cancel
from infcrm.ui.widgets.field_error import FieldError, with_error


class OutreachTemplatesDialog(AsksBeforeClosing, QDialog):
    """List, add, change and delete outreach templates; set the signature they end with."""

    unsaved_question = "You changed this template or your signature. Save before closing?"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.templates: list[OutreachTemplateInfo] = []
        self.current_id: int | None = None
        self._loading = False
        self.errors: dict[str, FieldError] = {}
        self.setWindowTitle("Outreach templates")
        self.resize(980, 640)

        self.template_list = QListWidget()
        self.template_list.setObjectName("outreachTemplateList")
        self.template_list.currentRowChanged.connect(self._on_template_chosen)
        self.new_button = QPushButton("New")
        self.new_button.setToolTip("Start a new email or direct message")
        self.new_button.clicked.connect(self._on_new)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete this template (messages sent keep their text)")
        self.delete_button.clicked.connect(self._on_delete)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("Templates"))
        column.addWidget(self.template_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        column.addLayout(row)

        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. First email after a fair")
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setToolTip("An email has a subject; a direct message is copied into the app")
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setObjectName("outreachTemplateBody")
        self.body.setTabChangesFocus(True)
        self.signature = QPlainTextEdit(outreach_templates.signature(db))
        self.signature.setObjectName("outreachSignature")
        self.signature.setTabChangesFocus(True)
        self.signature.setMaximumHeight(80)
        self.signature.setToolTip("What {signature} becomes at the end of your messages")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Name", with_error("name", self.name, self.errors))
        form.addRow("Kind", with_error("kind", self.kind, self.errors))
        form.addRow("Subject", with_error("subject", self.subject, self.errors))
        form.addRow("Text", with_error("body", self.body, self.errors))
        self.signature.setPlaceholderText("e.g. Lena from Crumb & Co")
        signing = with_error("signature", self.signature, self.errors)
        signing.setMaximumHeight(120)  # the text above takes the height, not the signature
        form.addRow("Signature", signing)
        middle = QWidget()
        middle.setLayout(form)

        self.placeholders = QTextBrowser()
        self.placeholders.setObjectName("placeholderList")
        self.placeholders.setOpenLinks(False)
        self.placeholders.setHtml(placeholder_html(PLACEHOLDERS))
        self.placeholders.anchorClicked.connect(self._on_insert_placeholder)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Placeholders: click one to put it in the text.")
        hint.setWordWrap(True)
        side.addWidget(hint)
        side.addWidget(self.placeholders, 1)

        splitter = QSplitter()
        for part in (left, middle, right):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 500, 270])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save template", QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setToolTip("Save this template and your signature (Ctrl+S)")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.mark_clean()  # nothing typed yet: the first template shows without a question
        self._reload()

    # Loading -------------------------------------------------------------------------------

    def _reload(self, select_id: int | None = None) -> None:
        self.templates = outreach_templates.list_templates(self.db)
        wanted = select_id if select_id is not None else self.current_id
        self._loading = True
        self.template_list.clear()
        for template in self.templates:
            item = QListWidgetItem(f"{template.name}  ·  {KINDS[template.kind]}")
            self.template_list.addItem(item)
        self._loading = False
        ids = [t.id for t in self.templates]
        if ids:
            self.template_list.setCurrentRow(ids.index(wanted) if wanted in ids else 0)
        else:
            self._show(None)

    def _show(self, template: OutreachTemplateInfo | None, kind: str = EMAIL) -> None:
        self._loading = True
        self.current_id = template.id if template else None
        self.name.setText(template.name if template else "")
        self.kind.setCurrentIndex(self.kind.findData(template.kind if template else kind))
        self.subject.setText((template.subject or "") if template else "")
        self.body.setPlainText(template.body if template else "")
        self._loading = False
        self._on_kind_changed()
        self.delete_button.setEnabled(template is not None)
        for error in self.errors.values():
            error.clear_error()
        self.mark_clean()

    # Slots ---------------------------------------------------------------------------------

    def _on_kind_changed(self, *_args: object) -> None:
        is_email = self.kind.currentData() == EMAIL
        self.subject.setEnabled(is_email)
        self.subject.setPlaceholderText("" if is_email else "Direct messages have no subject")

    def _may_leave(self) -> bool:
        """Ask about unsaved edits before showing another template; False to stay."""
        if not self.has_unsaved_changes():
            return True
        answer = ask_save_discard_cancel(self, self.unsaved_question)
        return answer == Answer.Discard or (answer == Answer.Save and self._save())

    def _on_template_chosen(self, row: int) -> None:
        if self._loading or row < 0:
            return
        if not self._may_leave():
            self._loading = True  # stay on the template with the edits
            ids = [t.id for t in self.templates]
            if self.current_id in ids:
                self.template_list.setCurrentRow(ids.index(self.current_id))
            self._loading = False
            return
        self._show(self.templates[row] if row < len(self.templates) else None)

    def _on_new(self) -> None:
        if not self._may_leave():
            return
        self._loading = True
        self.template_list.setCurrentRow(-1)
        self._loading = False
        kind = DM if self.kind.currentData() == DM else EMAIL
        self._show(None, kind)
        self.name.setFocus()

    def _on_insert_placeholder(self, url: QUrl) -> None:
        target = self.subject if self.subject.hasFocus() else self.body
        token = f"{{{url.toString()}}}"
        if isinstance(target, QLineEdit):
            target.insert(token)
        else:
            target.insertPlainText(token)
        target.setFocus()

    def _save(self) -> bool:
        for error in self.errors.values():
            error.clear_error()
        try:
            outreach_templates.set_signature(self.db, self.signature.toPlainText())
            blank = not (self.name.text().strip() or self.body.toPlainText().strip())
            if self.current_id is None and blank:
                self.mark_clean()  # only the signature was changed
                return True
            self.current_id = outreach_templates.save_template(
                self.db,
                self.name.text(),
                self.kind.currentData(),
                self.subject.text(),
                self.body.toPlainText(),
                self.current_id,
            )
        except InvalidInput as exc:
            for key, message in exc.errors.items():
                self.errors.get(key, self.errors["body"]).show_error(message)
            return False
        except NotFound as exc:
            self.errors["name"].show_error(str(exc))
            return False
        self.mark_clean()
        return True

    def _on_save(self) -> None:
        if self._save():
            self.notice.setText(f"Saved “{self.name.text().strip() or 'your signature'}”.")
            self._reload(self.current_id)

    def _on_delete(self) -> None:
        if self.current_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete template",
            f"Delete the template “{self.name.text()}”? Messages already sent keep their text.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            outreach_templates.delete_template(self.db, self.current_id)
        except NotFound as exc:
            self.notice.setText(str(exc))
        self.current_id = None
        self._reload()

    def save_changes(self) -> bool:
        """Save the template on show and the signature."""
        return self._save()


__all__ = ["OutreachTemplatesDialog"]
