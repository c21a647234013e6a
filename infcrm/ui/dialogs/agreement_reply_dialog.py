"""Recording the influencer's reply to an agreement: pasted text, or the reply's .eml file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.files.agreement_eml import EmailRejected, confirm_with_eml_file
from infcrm.services.campaigns import agreement_confirming
from infcrm.services.campaigns.agreement_types import AgreementVersion
from infcrm.ui import operations
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.widgets.field_error import FieldError, with_error

EML_FILTER = "Saved emails (*.eml);;All files (*)"


def dropped_eml(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local file a drag carries, when there is exactly one."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return files[0] if len(files) == 1 else None


class AgreementReplyDialog(AsksBeforeClosing, QDialog):
    """Paste their reply (or choose or drop the .eml) to record a sent agreement as confirmed."""

    def __init__(
        self,
        db: Database,
        agreement_id: int,
        sender: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.agreement_id = agreement_id
        self.confirmed: AgreementVersion | None = None
        self.setWindowTitle("Record their reply")
        self.setMinimumSize(560, 420)
        self.setAcceptDrops(True)

        intro = QLabel(
            "Paste the reply that says yes, or choose the reply saved as an .eml file (you can "
            "also drop it here). Who wrote it, when, and what they said are kept as evidence."
        )
        intro.setWordWrap(True)
        self.sender = QLineEdit(sender or "")
        self.sender.setPlaceholderText("Their email address")
        self.sender.setToolTip("Taken from a “From:” line in the pasted text when left empty")
        self.reply = QPlainTextEdit()
        self.reply.setObjectName("replyText")
        self.reply.setTabChangesFocus(True)
        self.reply.setPlaceholderText(
            "Paste their reply here.\n\nCopy the whole message with its From, Date and "
            "Subject lines if your mail program allows it: they are kept too."
        )
        self.file_error = FieldError()
        self.file_error.setObjectName("error_file")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        errors: dict[str, FieldError] = {}
        form.addRow("From", with_error("sender", self.sender, errors))
        form.addRow("Reply", with_error("reply", self.reply, errors))
        self.sender_error, self.reply_error = errors["sender"], errors["reply"]

        self.choose_button = QPushButton("Choose .eml file…")
        self.choose_button.setToolTip("Record the reply from an email saved by your mail program")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._on_choose_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton(
            "Record pasted reply", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.record_button.setToolTip("Mark the agreement as confirmed with the text above")
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._on_record_text)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.file_error)
        layout.addWidget(buttons)
        self.reply.setFocus()
        self.mark_clean()

    unsaved_question = "You pasted a reply. Record it before closing?"

    def save_changes(self) -> bool:
        """Record the pasted reply (which closes the dialog when it worked)."""
        self._on_record_text()
        return not self.isVisible()

    def _clear(self) -> None:
        for error in (self.sender_error, self.reply_error, self.file_error):
            error.clear_error()

    def _on_record_text(self) -> None:
        self._clear()
        reply, sender = self.reply.toPlainText(), self.sender.text()
        outcome = operations.run(
            self,
            "Record their reply",
            lambda: agreement_confirming.confirm_with_text(
                self.db, self.agreement_id, reply, sender=sender
            ),
            form=self._show_errors,
            general=self.file_error,
        )
        if outcome.ok:
            self.confirmed = outcome.value
            self.accept()

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        for key, message in errors.items():
            (self.sender_error if key == "sender" else self.reply_error).show_error(message)

    def record_file(self, path: Path) -> bool:
        """Confirm with the reply saved at `path`; shows why not and returns False on refusal."""
        self._clear()
        # A big mail takes a moment to read: never on the window's thread.
        outcome = operations.run_in_background(
            self, "Reading their reply",
            lambda _progress: confirm_with_eml_file(self.db, self.agreement_id, path),
            label=f"Reading “{path.name}”…", cancellable=False,
            general=lambda message: self.file_error.show_error(f"{path.name}: {message}"),
            also_expected=(EmailRejected,),
        )  # fmt: skip
        if not outcome.ok:
            return False
        self.confirmed = outcome.value
        self.accept()
        return True

    def _on_choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Choose their reply", str(Path.home()), EML_FILTER
        )
        if chosen:
            self.record_file(Path(chosen))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept one dropped file."""
        if dropped_eml(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Record the dropped file as the reply."""
        path = dropped_eml(event)
        if path is not None:
            event.acceptProposedAction()
            self.record_file(path)


__all__ = ["EML_FILTER", "AgreementReplyDialog", "dropped_eml"]
