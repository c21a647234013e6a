"""Sending a deal's agreement: copy it, open it in the mail program, save it as .eml or PDF,
and mark it as sent (its text then frozen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog

from infcrm.domain.mailto import MAILTO_SAFE_LENGTH, mailto_url
from infcrm.files.agreement_eml import write_agreement_eml
from infcrm.services.campaigns import agreements
from infcrm.services.campaigns.agreement_types import AgreementVersion
from infcrm.services.errors import AgreementStateError
from infcrm.ui import operations
from infcrm.ui.agreement_pdf import save_agreement_pdf
from infcrm.ui.question_box import ask_yes
from infcrm.ui.save_folder import file_name_from, remember_saved, suggested_path

_COPIED = {"body": "The text", "subject": "The subject", "both": "The subject and text"}


class AgreementSending:
    """The agreement window's ways out for the version on show (an AgreementDialog part: it
    holds db, heading, editor, current, save_draft and _changed)."""

    def _ready(self) -> AgreementVersion | None:
        """The version on show with any draft edits saved, or None (the reason shown)."""
        self.editor.clear_messages()
        if self.current is None or not self.save_draft():
            return None
        return self.current

    def _on_copy(self, part: str) -> None:
        version = self._ready()
        if version is not None:
            text = {"body": version.body, "subject": version.subject, "both": version.text}[part]
            QGuiApplication.clipboard().setText(text)
            self.editor.notice.setText(f"{_COPIED[part]} is copied; paste it into your email.")

    def _on_open_mail(self) -> None:
        version = self._ready()
        if version is None:
            return
        url = mailto_url(self.heading.email, version.subject, version.body)
        if not QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)):
            self.editor.general_error.show_error(
                "No mail program answered. Use Copy or Save as .eml… and paste or open it there."
            )
            return
        note = "Your mail program opens a new email. Once you have sent it, press Mark as sent."
        if len(url) > MAILTO_SAFE_LENGTH:
            note += (
                " This email is long: if its text looks cut short there, use Copy or "
                "Save as .eml… instead."
            )
        self.editor.notice.setText(note)

    def _ready_path(
        self, title: str, suffix: str, kind: str
    ) -> tuple[AgreementVersion, Path] | None:
        """The version on show (draft edits saved) and where to save it, asked with a sensible
        file name; None when refused or cancelled."""
        version = self._ready()
        if version is None:
            return None
        name = f"{self.heading.campaign} - {self.heading.influencer_name} - agreement v"
        clean = file_name_from(name)
        suggested = suggested_path(f"{clean}{version.version}{suffix}")
        chosen, _filter = QFileDialog.getSaveFileName(self, title, suggested, f"{kind} (*{suffix})")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        remember_saved(path)
        return version, path

    def _on_save_eml(self) -> None:
        chosen = self._ready_path("Save the agreement email", ".eml", "Email files")
        if chosen is None:
            return
        version, path = chosen
        try:
            write_agreement_eml(
                path, self.heading.email, version.subject, version.body,
                sender=agreements.sender_name(self.db) or None,
            )  # fmt: skip
        except OSError as exc:
            self.editor.general_error.show_error(
                f"The email could not be saved as {path.name}: {exc.strerror or exc}."
            )
            return
        self.editor.notice.setText(f"Saved as {path}. Open it in your mail program to send it.")

    def _on_save_pdf(self) -> None:
        chosen = self._ready_path("Save the agreement as PDF", ".pdf", "PDF files")
        if chosen is None:
            return
        version, path = chosen
        try:
            save_agreement_pdf(path, version, self.heading.title)
        except OSError as exc:
            self.editor.general_error.show_error(str(exc))
            return
        self.editor.notice.setText(f"Saved as {path}.")

    def _on_mark_sent(self) -> None:
        version = self._ready()
        if version is None or not version.is_draft:
            return
        if not ask_yes(
            self,
            "Mark as sent",
            f"Mark version {version.version} as sent?\n\nDo this once the email has gone out. "
            "Its text is then frozen with the time and a fingerprint (SHA-256), and can no "
            "longer be edited." + "".join(f"\n\n⚠ {w}" for w in self.send_warnings()),
            cancel=False,
        ):
            return
        sent = operations.run(
            self,
            "Mark as sent",
            lambda: agreements.mark_sent(self.db, version.id, seen=version.edit_version),
            form=self.editor.show_errors,
            general=self.editor.general_error,
        )
        if sent.ok:
            self._changed(sent.value.id)
        elif isinstance(sent.error, AgreementStateError):  # changed or sent elsewhere
            self._changed(version.id)  # show the draft as it stands, the reason under it
            self.editor.general_error.show_error(sent.message)

    def send_warnings(self) -> list[str]:
        """What the user would want to fix before the text is frozen."""
        warnings = []
        if not agreements.sender_name(self.db).strip():
            warnings.append(
                "The email has no signature: fill in “Sign agreement emails as” in "
                "Edit › Settings, then rewrite the draft from the template."
            )
        if not self.heading.email:
            warnings.append(
                "This influencer has no email address, so there is no one to send it to: add "
                "one in their details."
            )
        return warnings


__all__ = ["AgreementSending"]
