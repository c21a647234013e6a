"""Editing templates, with every placeholder listed beside the text: one editor for both kinds.

`TemplatesDialog` is the editor the agreement templates and the outreach templates share: the
list with New and Delete, the name, subject and text, the line the messages are signed with,
the placeholders to click into the text, Save (Ctrl+S), the question before unsaved edits are
left, and every save or delete put on the window's undo stack. Each kind says what is its own
(`template_editor_dialog.py` for agreements, `outreach_templates_dialog.py` for outreach).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

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
from infcrm.services.errors import NotFound, Refused
from infcrm.services.maintenance import settings_change
from infcrm.services.maintenance.settings_change import SettingsChange
from infcrm.services.restore_points import Undoable
from infcrm.ui import undo_commands
from infcrm.ui.dialogs.unsaved_changes import Answer, AsksBeforeClosing, ask_save_discard_cancel
from infcrm.ui.question_box import ask_yes
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.field_error import FieldError, with_error


def placeholder_html(placeholders: Mapping[str, str] = PLACEHOLDERS) -> str:
    """Every placeholder as a link with what it becomes, for the list beside the text."""
    rows = "".join(
        f"<p style='margin:0 0 6px 0;'><a href='{name}'><b>{{{name}}}</b></a><br/>"
        f"{html.escape(description)}</p>"
        for name, description in placeholders.items()
    )
    return rows + "<p style='color:gray;'>Write {{ and }} for a brace in the text.</p>"


def button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    """A button beside the list (not the default button: Enter in the text is a new line)."""
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


class TemplatesDialog(AsksBeforeClosing, QDialog):
    """List, add, change and delete one kind of template; set the line they are signed with."""

    list_title = "Templates"
    name_example = ""
    delete_warning = ""  # what happens to what was written from a template deleted
    unsaved_question = "You changed this template. Save the changes before closing?"

    def __init__(
        self, db: Database, title: str, placeholders: Mapping[str, str], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.templates: list[Any] = []
        self.current_id: int | None = None
        self._loading = False
        self.errors: dict[str, FieldError] = {}
        self.setWindowTitle(title)
        comfortable_size(self, 980, 660)

        self.template_list = QListWidget()
        self.template_list.setObjectName("templateList")
        self.template_list.currentRowChanged.connect(self._on_template_chosen)
        self.list_error = FieldError()
        self.new_button = button("New", "Start a new template", self._on_new)
        self.delete_button = button("Delete", "Delete this template", self._on_delete)
        left = QWidget()
        self.left_column = QVBoxLayout(left)
        self.left_column.setContentsMargins(0, 0, 0, 0)
        self.left_column.addWidget(QLabel(self.list_title))
        self.left_column.addWidget(self.template_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        self.left_column.addLayout(row)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.name_example)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.setTabChangesFocus(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow("Name", self._with_error("name", self.name))
        self.add_own_fields()
        self.form.addRow("Subject", self._with_error("subject", self.subject))
        self.form.addRow("Text", self._with_error("body", self.body))
        label, key, self.signing = self.signing_field()
        self.signing_key = key
        self.note_signing(self.stored_signing())
        signing = self._with_error(key, self.signing)
        signing.setMaximumHeight(120)  # the text above takes the height, not the signature
        self.form.addRow(label, signing)
        middle = QWidget()
        middle.setLayout(self.form)

        self.placeholders = QTextBrowser()
        self.placeholders.setObjectName("placeholderList")
        self.placeholders.setOpenLinks(False)
        self.placeholders.setHtml(placeholder_html(placeholders))
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

        splitter = QSplitter()
        for part in (left, middle, right):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 500, 270])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save template", QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setToolTip(f"Save this template and {self.signing_words} (Ctrl+S)")
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

    # What each kind says ---------------------------------------------------------------------

    signing_words = "your signature"

    def add_own_fields(self) -> None:
        """Rows of the kind's own between the name and the subject (none by default)."""

    def signing_field(self) -> tuple[str, str, QLineEdit | QPlainTextEdit]:
        """(label, error key, widget) of the line the messages are signed with."""
        raise NotImplementedError

    def load(self) -> list[Any]:
        """The templates to list, in order."""
        raise NotImplementedError

    def item(self, template: Any) -> QListWidgetItem:
        """The list's entry for one template."""
        return QListWidgetItem(template.name)

    def show_own(self, template: Any | None) -> None:
        """Show the kind's own fields and buttons for `template` (None: a new one)."""

    def stored_signing(self) -> str:
        """The signing line as stored."""
        raise NotImplementedError

    def signing_change(self) -> SettingsChange | None:
        """The signing line as the setting to store (None while it is as shown)."""
        raise NotImplementedError

    def note_signing(self, shown: str) -> None:
        """Remember the signing line as shown, and the settings as stored with it: Save
        sends only a line the user changed, merged with a teammate's save meanwhile
        (services/maintenance/settings_merge.py), never the shown one over hers."""
        self.signing_shown = shown
        self.signing_seen = settings_change.seen_now(self.db)

    def save_own(self) -> Undoable | None:
        """Save the template on show (None when there is none to save); raises
        InvalidInput/NotFound."""
        raise NotImplementedError

    def delete_own(self, template_id: int) -> Undoable:
        """Delete a template; raises InvalidInput/NotFound when it cannot."""
        raise NotImplementedError

    def start_new(self) -> None:
        """Fill a new template's fields with a start, if the kind has one."""

    # Loading ---------------------------------------------------------------------------------

    def _with_error(self, key: str, widget: QWidget) -> QWidget:
        return with_error(key, widget, self.errors, widget)

    def reload(self, select_id: int | None = None) -> None:
        """List the templates again and show `select_id` (else the one on show, else the first)."""
        self.templates = self.load()
        wanted = select_id if select_id is not None else self.current_id
        self._loading = True
        self.template_list.clear()
        for template in self.templates:
            self.template_list.addItem(self.item(template))
        self._loading = False
        ids = [t.id for t in self.templates]
        if ids:
            self.template_list.setCurrentRow(ids.index(wanted) if wanted in ids else 0)
        else:
            self._show(None)

    def _show(self, template: Any | None) -> None:
        self._loading = True
        self.current_id = template.id if template else None
        self.name.setText(template.name if template else "")
        self.subject.setText((template.subject or "") if template else "")
        self.body.setPlainText(template.body if template else "")
        self.delete_button.setEnabled(template is not None)
        self.show_own(template)
        # As stored now: an undo may have put another signing line back.
        signing = self.stored_signing()
        self.note_signing(signing)
        if isinstance(self.signing, QLineEdit):
            self.signing.setText(signing)
        elif self.signing.toPlainText() != signing:
            self.signing.setPlainText(signing)
        self._loading = False
        for error in (*self.errors.values(), self.list_error):
            error.clear_error()
        self.mark_clean()

    # Slots -----------------------------------------------------------------------------------

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
        self._show(None)
        self.start_new()
        self.name.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Remember whether the subject or the text had the cursor last."""
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject, self.body):
            self._last_field = watched
        return super().eventFilter(watched, event)

    def _on_insert_placeholder(self, url: QUrl) -> None:
        token = f"{{{url.toString()}}}"
        if self._last_field is self.subject and self.subject.isEnabled():
            self.subject.insert(token)
            self.subject.setFocus()
        else:
            self.body.insertPlainText(token)
            self.body.setFocus()

    def remember(self, title: str, done: Undoable | list[Undoable]) -> None:
        """Put a change already made on the window's undo stack; undoing it while this dialog
        is open shows the templates as they are again."""
        undo_commands.remember(self.db, title, done, self)

    def _save(self) -> bool:
        """Save the signing line, then the template: one step of Edit › Undo for both."""
        for error in (*self.errors.values(), self.list_error):
            error.clear_error()
        name = self.name.text().strip()
        signed: Undoable | None = None
        try:
            change = self.signing_change()
            signed = settings_change.save(self.db, change) if change is not None else None
            done = self.save_own()
        except Refused as exc:  # a teammate changed the same line meanwhile: nothing saved
            self.errors[self.signing_key].show_error(str(exc))
            return False
        except (InvalidInput, NotFound) as exc:
            if signed is not None:  # the signing line was stored before the template failed
                self.remember(f"change of {self.signing_words}", signed)
            if isinstance(exc, NotFound):
                self.errors["name"].show_error(str(exc))
            else:
                for key, message in exc.errors.items():
                    self.errors.get(key, self.errors["body"]).show_error(message)
            return False
        steps = [step for step in (signed, done) if step is not None]
        if done is not None:
            self.current_id = int(done.value)  # type: ignore[call-overload]
            self.remember(f"change of the template “{name}”", steps)
        elif signed is not None:  # only the signing line was typed
            self.remember(f"change of {self.signing_words}", steps)
        self.mark_clean()
        return True

    def _on_save(self) -> None:
        if self._save():
            self.notice.setText(f"Saved “{self.name.text().strip() or self.signing_words}”.")
            self.reload(self.current_id)

    def _on_delete(self) -> None:
        if self.current_id is None:
            return
        name = self.name.text()
        if not ask_yes(
            self,
            "Delete template",
            f"Delete the template “{name}”? {self.delete_warning}",
            cancel=False,
        ):
            return
        try:
            done = self.delete_own(self.current_id)
        except Refused as exc:  # a teammate changed the same line meanwhile: nothing saved
            self.errors[self.signing_key].show_error(str(exc))
            return False
        except (InvalidInput, NotFound) as exc:
            self.list_error.show_error(str(exc))
            return
        self.remember(f"deletion of the template “{name}”", done)
        self.current_id = None
        self.reload()

    def save_changes(self) -> bool:
        """Save the template on show and the signing line."""
        return self._save()


__all__ = ["TemplatesDialog", "button", "placeholder_html"]
