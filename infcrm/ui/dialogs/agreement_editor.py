"""The right-hand side of the agreement composer: the email, its seal, the reply and the buttons.

Layout only: the AgreementDialog connects the buttons and holds the logic.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.domain.campaign_enums import AgreementStatus
from infcrm.services.campaigns.agreement_types import AgreementVersion, when_text
from infcrm.ui.widgets.field_error import FieldError

# (menu text, which part) of the Copy button; a plain click copies the text.
COPY_CHOICES: tuple[tuple[str, str], ...] = (
    ("Copy text", "body"),
    ("Copy subject", "subject"),
    ("Copy subject and text", "both"),
)
# A frozen version's fields look like paper, not like something to type in.
_FROZEN_STYLE = (
    'QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: palette(window); }'
)


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button


def _label(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class AgreementEditor(QWidget):
    """Template chooser, subject and text, the frozen banner, the reply and the action buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_FROZEN_STYLE)
        self.template = QComboBox()
        self.template.setToolTip("The template the draft is written from")
        self.rewrite_button = _button(
            "Rewrite from template", "Write the draft again with the deal's current terms"
        )
        self.edit_templates_button = _button(
            "Edit templates…", "Change the templates and the name emails are signed with"
        )
        self.template_row = QWidget()
        row = QHBoxLayout(self.template_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Template"))
        row.addWidget(self.template, 1)
        row.addWidget(self.rewrite_button)
        row.addWidget(self.edit_templates_button)
        self.template_error = FieldError(self.template)

        self.banner = _label("frozenBanner")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet(
            "QLabel { background: palette(alternate-base); padding: 6px; border-radius: 4px; }"
        )
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setAccessibleName("Subject")
        self.subject_error = FieldError(self.subject)
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setAccessibleName("Text of the email")
        self.body.setTabChangesFocus(True)
        self.body_error = FieldError(self.body)

        self.reply_box = QGroupBox("Their reply")
        self.reply_facts = _label("replyFacts")
        self.reply_text = QPlainTextEdit()
        self.reply_text.setObjectName("replyView")
        self.reply_text.setReadOnly(True)
        self.reply_text.setMaximumHeight(130)
        reply_column = QVBoxLayout(self.reply_box)
        reply_column.addWidget(self.reply_facts)
        reply_column.addWidget(self.reply_text)

        self.copy_button = QToolButton()
        self.copy_button.setText("Copy")
        self.copy_button.setToolTip("Copy the text of the email; the arrow offers the subject too")
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.copy_actions: dict[str, QAction] = {}
        menu = QMenu(self.copy_button)
        for text, part in COPY_CHOICES:
            self.copy_actions[part] = menu.addAction(text)
        self.copy_button.setMenu(menu)
        self.mail_button = _button(
            "Open in mail program", "Start a new email with this subject and text"
        )
        self.eml_button = _button(
            "Save as .eml…", "Save the email as a file your mail program opens"
        )
        self.pdf_button = _button(
            "Save as PDF…", "Save this version, its seal and any reply as a PDF"
        )
        self.new_version_button = _button("New version", "Start a new draft from the template")
        self.sent_button = _button(
            "Mark as sent", "Freeze the text once the email has gone out (it cannot change after)"
        )
        self.reply_button = _button(
            "Record reply…", "Paste their yes, or choose or drop their reply's .eml file"
        )
        actions = QHBoxLayout()
        for widget in (self.copy_button, self.mail_button, self.eml_button, self.pdf_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        for widget in (self.new_version_button, self.sent_button, self.reply_button):
            actions.addWidget(widget)
        self.general_error = FieldError()
        self.general_error.setObjectName("error_general")
        self.notice = _label("notice")

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.template_row)
        column.addWidget(self.template_error)
        column.addWidget(self.banner)
        column.addWidget(QLabel("Subject"))
        column.addWidget(self.subject)
        column.addWidget(self.subject_error)
        column.addWidget(self.body, 1)
        column.addWidget(self.body_error)
        column.addWidget(self.reply_box)
        column.addLayout(actions)
        column.addWidget(self.general_error)
        column.addWidget(self.notice)

    def clear_messages(self) -> None:
        """Hide every error and notice."""
        for error in (self.template_error, self.subject_error, self.body_error):
            error.clear_error()
        self.general_error.clear_error()
        self.notice.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show a service's refusal next to the subject, the text or the buttons."""
        targets = {"subject": self.subject_error, "body": self.body_error}
        for key, message in errors.items():
            targets.get(key, self.general_error).show_error(message)

    def show_version(self, version: AgreementVersion, newest: bool) -> None:
        """Fill the fields from `version`: editable for a draft, read-only and sealed if not."""
        self.clear_messages()
        self.subject.setText(version.subject)
        self.body.setPlainText(version.body)
        draft = version.is_draft
        for field in (self.subject, self.body):
            field.setReadOnly(not draft)
            field.style().unpolish(field)  # the read-only look follows the property
            field.style().polish(field)
        self.template_row.setVisible(draft)
        self.banner.setVisible(not draft)
        if version.sent_at is not None:
            self.banner.setText(
                f"{version.sent_line()}\nThis text is frozen: it stays exactly as it was sent."
            )
        self.sent_button.setEnabled(draft)
        self.reply_button.setEnabled(version.status == AgreementStatus.SENT.value)
        self.new_version_button.setVisible(newest and not draft)
        self.reply_box.setVisible(version.reply_body is not None)
        if version.reply_body is not None:
            facts = [f"From {version.reply_sender}" if version.reply_sender else "Pasted reply"]
            if version.reply_date:
                facts.append(f"on {when_text(version.reply_date)}")
            if version.reply_subject:
                facts.append(f"· {version.reply_subject}")
            self.reply_facts.setText(" ".join(facts))
            self.reply_text.setPlainText(version.reply_body)


__all__ = ["COPY_CHOICES", "AgreementEditor"]
