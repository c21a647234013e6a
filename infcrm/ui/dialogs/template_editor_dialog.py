"""Editing agreement email templates, with every placeholder listed beside the text."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QUrl
from PySide6.QtWidgets import (
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
from infcrm.domain.agreement_template import PLACEHOLDERS
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns import agreement_templates, agreements
from infcrm.services.campaigns.agreement_types import TemplateInfo
from infcrm.services.people.influencers import NotFound
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.widgets.field_error import FieldError, with_error


def placeholder_html(placeholders: Mapping[str, str] = PLACEHOLDERS) -> str:
    """Every placeholder as a link with what it becomes, for the list beside the text."""
    rows = "".join(
        f"<p style='margin:0 0 6px 0;'><a href='{name}'><b>{{{name}}}</b></a><br/>"
        f"{html.escape(description)}</p>"
        for name, description in placeholders.items()
    )
    return rows + "<p style='color:gray;'>Write {{ and }} for a brace in the text.</p>"


class TemplateEditorDialog(AsksBeforeClosing, QDialog):
    """Add, change, delete and choose the default agreement template; set the signing name."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.templates: list[TemplateInfo] = []
        self.current_id: int | None = None
        self._loading = False
        self._dirty = False
        self.setWindowTitle("Agreement templates")
        self.resize(980, 660)
        self.errors: dict[str, FieldError] = {}

        self.template_list = QListWidget()
        self.template_list.setObjectName("templateList")
        self.template_list.currentRowChanged.connect(self._on_template_chosen)
        self.list_error = FieldError()
        self.new_button = self._button("New", "Start a new template", self._on_new)
        self.delete_button = self._button("Delete", "Delete this template", self._on_delete)
        self.default_button = self._button(
            "Use as default",
            "New versions written after a change of terms use the default template",
            self._on_make_default,
        )
        self.reset_button = self._button(
            "Restore friendly template",
            "Put the template that came with infcrm back as it was, and use it as default",
            self._on_reset,
        )
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(QLabel("Templates (the default in bold)"))
        left_column.addWidget(self.template_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left_column.addLayout(row)
        left_column.addWidget(self.default_button)
        left_column.addWidget(self.reset_button)
        left_column.addWidget(self.list_error)

        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Short and sweet")
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.setTabChangesFocus(True)
        for widget in (self.name, self.subject):
            widget.textEdited.connect(self._on_edited)
        self.body.textChanged.connect(self._on_edited)
        self.signing = QLineEdit(agreements.sender_name(db))
        self.signing.setPlaceholderText("Your name, e.g. Lena from Crumb & Co")
        self.signing.setToolTip("What {sender_name} becomes at the end of every agreement email")
        self.signing.textEdited.connect(self._on_edited)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Name", self._with_error("name", self.name))
        form.addRow("Subject", self._with_error("subject", self.subject))
        form.addRow("Text", self._with_error("body", self.body))
        form.addRow("Sign as", self._with_error("sender_name", self.signing))

        self.placeholders = QTextBrowser()
        self.placeholders.setObjectName("placeholderList")
        self.placeholders.setOpenLinks(False)
        self.placeholders.setHtml(placeholder_html())
        self.placeholders.anchorClicked.connect(self._on_insert_placeholder)
        self._last_field: QLineEdit | QPlainTextEdit = self.body
        self.subject.installEventFilter(self)
        self.body.installEventFilter(self)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Placeholders: click one to put it where the cursor is.")
        hint.setWordWrap(True)
        right_column.addWidget(hint)
        right_column.addWidget(self.placeholders, 1)

        middle = QWidget()
        middle.setLayout(form)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 500, 270])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save template", QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setToolTip("Save this template and your signing name (Ctrl+S)")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self._reload()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _with_error(self, key: str, widget: QWidget) -> QWidget:
        return with_error(key, widget, self.errors, widget)

    # Loading -------------------------------------------------------------------------------

    def _reload(self, select_id: int | None = None) -> None:
        self.templates = agreement_templates.list_templates(self.db)
        wanted = select_id if select_id is not None else self.current_id
        self._loading = True
        self.template_list.clear()
        for template in self.templates:
            item = QListWidgetItem(template.name)
            if template.is_default:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setToolTip("The default: new versions after a change of terms use it")
            self.template_list.addItem(item)
        self._loading = False
        ids = [t.id for t in self.templates]
        self.template_list.setCurrentRow(ids.index(wanted) if wanted in ids else 0)

    def _show(self, template: TemplateInfo | None) -> None:
        self._loading = True
        self.current_id = template.id if template else None
        self.name.setText(template.name if template else "")
        self.subject.setText(template.subject if template else "")
        self.body.setPlainText(template.body if template else "")
        self._loading = False
        self._dirty = False
        self.delete_button.setEnabled(template is not None and len(self.templates) > 1)
        self.default_button.setEnabled(template is not None and not template.is_default)
        for error in self.errors.values():
            error.clear_error()

    # Slots ---------------------------------------------------------------------------------

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True

    def _on_template_chosen(self, row: int) -> None:
        if self._loading or row < 0:
            return
        if self._dirty and not self._keep_or_drop_edits():
            return
        self._show(self.templates[row] if row < len(self.templates) else None)

    def _keep_or_drop_edits(self) -> bool:
        """Ask what to do with unsaved edits; False when saving them failed."""
        answer = QMessageBox.question(
            self,
            "Unsaved template",
            "Save your changes to this template before switching?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
        )
        if answer != QMessageBox.StandardButton.Save:
            return True
        if self._save():
            return True
        self._loading = True  # stay on the template with the problem
        ids = [t.id for t in self.templates]
        if self.current_id in ids:
            self.template_list.setCurrentRow(ids.index(self.current_id))
        self._loading = False
        return False

    def _on_new(self) -> None:
        if self._dirty and not self._keep_or_drop_edits():
            return
        self._loading = True
        self.template_list.clearSelection()
        self.template_list.setCurrentRow(-1)
        self._loading = False
        self._show(None)
        self.subject.setText("{brand} x {influencer_name}")
        self.name.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Remember whether the subject or the text had the cursor last."""
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject, self.body):
            self._last_field = watched
        return super().eventFilter(watched, event)

    def _on_insert_placeholder(self, url: QUrl) -> None:
        token = f"{{{url.toString()}}}"
        if self._last_field is self.subject:
            self.subject.insert(token)
            self._dirty = True
        else:
            self.body.insertPlainText(token)
        self._last_field.setFocus()

    def _save(self) -> bool:
        for error in self.errors.values():
            error.clear_error()
        try:
            agreements.set_sender_name(self.db, self.signing.text())
            saved = agreement_templates.save_template(
                self.db,
                self.name.text(),
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
        self.current_id = saved
        self._dirty = False
        return True

    def _on_save(self) -> None:
        if self._save():
            self.notice.setText(f"Saved “{self.name.text().strip()}”.")
            self._reload(self.current_id)

    def _on_delete(self) -> None:
        if self.current_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete template",
            f"Delete the template “{self.name.text()}”? Agreements already written keep "
            "their text.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            agreement_templates.delete_template(self.db, self.current_id)
        except (InvalidInput, NotFound) as exc:
            self.list_error.show_error(str(exc))
            return
        self.current_id = None
        self._dirty = False
        self._reload()

    def _on_make_default(self) -> None:
        if self.current_id is not None:
            agreement_templates.set_default(self.db, self.current_id)
            self._reload(self.current_id)

    def _on_reset(self) -> None:
        self._dirty = False
        self._reload(agreement_templates.reset_default(self.db))
        self.notice.setText("The friendly template is back as it came, and is the default.")

    unsaved_question = "You changed this template. Save the changes before closing?"

    def has_unsaved_changes(self) -> bool:
        """Whether the template on show has edits not saved yet."""
        return self._dirty

    def save_changes(self) -> bool:
        """Save the template on show."""
        return self._save()


__all__ = ["TemplateEditorDialog"]
