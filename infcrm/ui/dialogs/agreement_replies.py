"""Recording the influencer's reply that confirms a sent agreement: chosen in a dialog or
dropped on the agreement window as an .eml file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog

from infcrm.domain.campaign_enums import AgreementStatus
from infcrm.ui.dialogs.agreement_reply_dialog import AgreementReplyDialog, dropped_eml


class AgreementReplies:
    """Their reply to the version on show (an AgreementDialog part: it holds db, heading,
    editor, current and _changed)."""

    def _awaiting_reply(self) -> bool:
        return self.current is not None and self.current.status == AgreementStatus.SENT.value

    def _on_record_reply(self) -> None:
        if not self._awaiting_reply():
            return
        dialog = AgreementReplyDialog(self.db, self.current.id, self.heading.email, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.confirmed is not None:
            self._changed(dialog.confirmed.id)

    def record_reply_file(self, path: Path) -> bool:
        """Confirm the version on show with the reply saved at `path` (as a drop does)."""
        if not self._awaiting_reply():
            self.editor.general_error.show_error(
                "Only a version marked as sent can take their reply; choose it in Versions."
            )
            return False
        dialog = AgreementReplyDialog(self.db, self.current.id, self.heading.email, self)
        if dialog.record_file(path) and dialog.confirmed is not None:
            self._changed(dialog.confirmed.id)
            return True
        self.editor.general_error.show_error(dialog.file_error.message)
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept one dropped file while the version on show awaits its reply."""
        if self._awaiting_reply() and dropped_eml(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Record a dropped .eml as the reply that confirms the version on show."""
        path = dropped_eml(event)
        if path is not None:
            event.acceptProposedAction()
            self.record_reply_file(path)


__all__ = ["AgreementReplies"]
