"""Sending what Compose filled in — through the mail program, as .eml files, or DM texts copied
one by one — and logging every message sent as one undoable step with its follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from infcrm.db.engine import Database
from infcrm.domain.enums import Channel
from infcrm.domain.mailto import mailto_url
from infcrm.files.outreach_eml import save_emails
from infcrm.services.changes import Changes
from infcrm.services.outreach import compose
from infcrm.services.outreach.compose_types import ComposedMessage
from infcrm.services.people.bulk_types import people_count
from infcrm.ui import operations, undo_commands
from infcrm.ui.bulk_edit import status
from infcrm.ui.dialogs.compose_dialog import ComposeDialog
from infcrm.ui.question_box import ask_yes
from infcrm.ui.save_folder import remember_saved, save_folder

# Where a direct message of each channel is pasted, for the step's sentence.
_NETWORK_OF = {Channel.INSTAGRAM_DM.value: " on Instagram", Channel.TIKTOK_DM.value: " on TikTok"}
# Opening more mail windows than this at once is asked about first.
MANY_WINDOWS = 10


def open_url(url: QUrl) -> bool:
    """Hand a mailto: link to the system (a function of its own so tests can watch it)."""
    return QDesktopServices.openUrl(url)


def open_compose(parent: QWidget, db: Database, ids: Sequence[int]) -> ComposeDialog | None:
    """Compose… for the chosen people; says what to do when nobody is chosen."""
    if not ids:
        status(parent, "Select the people to write to first, in the list or on the board.")
        return None
    dialog = ComposeDialog(db, ids, parent)
    dialog.mail_button.clicked.connect(partial(send_by_mail, dialog))
    dialog.eml_button.clicked.connect(partial(save_eml_files, dialog))
    dialog.copy_button.clicked.connect(partial(start_copying, dialog))
    dialog.next_button.clicked.connect(partial(copy_next, dialog))
    dialog.open()
    return dialog


def _ready(dialog: ComposeDialog) -> list[ComposedMessage]:
    """The messages to send, filled from the text as it is now ([] when refused)."""
    return dialog.sendable() if dialog.refresh_preview() else []


def send_by_mail(dialog: ComposeDialog) -> None:
    """Open each email in the mail program, then log them."""
    messages = _ready(dialog)
    if not messages:
        return
    if len(messages) > MANY_WINDOWS and not ask_yes(
        dialog,
        "Open many emails",
        f"This opens {len(messages):,} windows in your mail program, one per person. "
        "Go ahead? (Save .eml files… keeps them in a folder instead.)",
        cancel=False,
    ):
        return
    sent = [m for m in messages if open_url(QUrl(mailto_url(m.email, m.subject or "", m.body)))]
    if len(sent) < len(messages):
        dialog.general.show_error(
            "Your mail program did not open for every email. Check that one is set up as the "
            "default, or use Save .eml files…."
        )
    if sent:
        log_sent(dialog, sent)


def save_eml_files(dialog: ComposeDialog) -> None:
    """Save one .eml per person into a folder the user chooses, then log them."""
    messages = _ready(dialog)
    if not messages:
        return
    folder = QFileDialog.getExistingDirectory(
        dialog, "Save one email file per person into…", str(save_folder())
    )
    if not folder:
        return
    remember_saved(Path(folder) / "emails.eml")  # the next save dialog opens there too
    outcome = operations.run(
        dialog,
        "Save emails",
        partial(save_emails, folder, messages),
        general=dialog.general.show_error,
        also_expected=(OSError,),
    )
    if outcome.ok:
        log_sent(dialog, messages, f"Saved {people_count(len(messages))}'s emails in {folder}.")


def start_copying(dialog: ComposeDialog) -> None:
    """Copy the first DM text; Next copies the following one, and the last Next logs them."""
    dialog.queue = _ready(dialog)
    dialog.copied = []
    if dialog.queue:
        dialog.copy_button.hide()
        dialog.next_button.show()
        copy_next(dialog)


def copy_next(dialog: ComposeDialog) -> None:
    """Copy the next person's message, or log them all when every one was copied."""
    queue: list[ComposedMessage] = getattr(dialog, "queue", [])
    copied: list[ComposedMessage] = getattr(dialog, "copied", [])
    if not queue:
        dialog.next_button.hide()
        dialog.copy_button.show()
        if copied:
            log_sent(dialog, copied)
        return
    message = queue.pop(0)
    QGuiApplication.clipboard().setText(message.body)
    copied.append(message)
    total = len(copied) + len(queue)
    where = _NETWORK_OF.get(message.channel, "")
    dialog.step.setText(
        f"Copied the message for {message.name} ({len(copied)} of {total}). Paste it into a "
        f"direct message{where}, then press {'Next' if queue else 'Done'}."
    )
    dialog.next_button.setText("Next" if queue else f"Done: log {len(copied):,} sent")
    row = dialog.messages.index(message) if message in dialog.messages else -1
    dialog.people.setCurrentRow(row)


def log_sent(dialog: ComposeDialog, sent: list[ComposedMessage], said: str = "") -> None:
    """Log each message sent (one transaction, one undo step) and close the dialog."""
    days = dialog.follow_up_days.value() if dialog.follow_up.isChecked() else None
    template = dialog.current_template()
    note = f"Any reply to “{template.name}”?" if template else "Any reply to our message?"
    outcome = operations.run(
        dialog,
        "Log messages",
        partial(
            compose.log_sent,
            dialog.db,
            sent,
            campaign_id=dialog.campaign_id(),
            follow_up_days=days,
            follow_up_note=note,
            skip_problems=True,
        ),
        general=dialog.general.show_error,
    )
    if not outcome.ok:
        return
    result = outcome.value
    touched = result.changed

    def tell() -> None:
        operations.announce(
            Changes(people=touched, pipeline=touched, outreach=touched, follow_ups=days is not None)
        )

    undo_commands.push(undo_commands.ChangeCommand(dialog.db, result.title, result.undo, tell))
    status(dialog.parentWidget() or dialog, f"{said} {result.summary} Undo: Ctrl+Z.".strip())
    dialog.accept()  # what was typed went out: nothing is left to ask about


__all__ = ["copy_next", "log_sent", "open_compose", "save_eml_files", "send_by_mail"]
