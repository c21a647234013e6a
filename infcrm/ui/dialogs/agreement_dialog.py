"""The agreement composer: write a deal's agreement email, send it, freeze it, record the yes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.dates import day_text
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns import agreement_templates, agreements, deal_edits
from infcrm.services.campaigns.agreement_types import AgreementVersion
from infcrm.services.errors import EditConflict
from infcrm.services.people.influencers import NotFound
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs import agreement_conflict
from infcrm.ui.dialogs.agreement_editor import AgreementEditor
from infcrm.ui.dialogs.agreement_replies import AgreementReplies
from infcrm.ui.dialogs.agreement_sending import AgreementSending
from infcrm.ui.dialogs.follow_saved import (
    FollowSaved,
    cursor_kept,
    explain_refusal,
    followed_note,
    forget_typing,
    show_followed,
    with_cursor,
)
from infcrm.ui.dialogs.template_editor_dialog import TemplateEditorDialog
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.events import events
from infcrm.ui.question_box import ask_yes
from infcrm.ui.screen_fit import comfortable_size

GONE = (
    "This version of the agreement no longer exists: it was deleted meanwhile, perhaps in "
    "another window or by a teammate. What you typed stays here to copy."
)


class AgreementDialog(AgreementSending, AgreementReplies, AsksBeforeClosing, QDialog):
    """Compose, copy, send, freeze and confirm the agreement email of one deal."""

    def __init__(self, db: Database, deal_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.deal_id = db, deal_id
        self.heading = agreements.heading(db, deal_id)
        self.versions: list[AgreementVersion] = []
        self.current: AgreementVersion | None = None
        self._loading = False
        self._dirty = False
        self.setWindowTitle(f"Agreement — {self.heading.title}")
        comfortable_size(self, 1040, 760)
        self.setAcceptDrops(True)

        title = QLabel(self.heading.title)
        title.setObjectName("agreementTitle")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        title.setWordWrap(True)  # a long campaign and name: two lines, not a wider window
        email = self.heading.email
        self.to_label = QLabel(
            f"To: {email}"
            if email
            else f"No email address is saved for {self.heading.influencer_name}: add it on "
            "their page, or type it in your mail program."
        )
        self.to_label.setTextFormat(Qt.TextFormat.PlainText)
        self.to_label.setWordWrap(True)
        self.status_line = QLabel()
        self.status_line.setObjectName("statusLine")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.setWordWrap(True)
        self.status_line.setStyleSheet("font-weight: 600;")
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionList")
        self.version_list.setFixedWidth(190)
        self.version_list.setSpacing(2)
        self.version_list.setToolTip("Every version of this agreement; older ones stay readable")
        self.version_list.currentRowChanged.connect(self._on_version_chosen)

        self.editor = editor = AgreementEditor()
        editor.template.activated.connect(lambda _index: self._on_rewrite())
        editor.rewrite_button.clicked.connect(self._on_rewrite)
        editor.edit_templates_button.clicked.connect(self._on_edit_templates)
        editor.subject.textEdited.connect(self._on_edited)
        editor.body.textChanged.connect(self._on_edited)
        editor.copy_button.clicked.connect(lambda: self._on_copy("body"))
        for part, action in editor.copy_actions.items():
            action.triggered.connect(lambda _checked=False, p=part: self._on_copy(p))
        editor.mail_button.clicked.connect(self._on_open_mail)
        editor.eml_button.clicked.connect(self._on_save_eml)
        editor.pdf_button.clicked.connect(self._on_save_pdf)
        editor.new_version_button.clicked.connect(self._compose)
        editor.sent_button.clicked.connect(self._on_mark_sent)
        editor.reply_button.clicked.connect(self._on_record_reply)

        versions = QVBoxLayout()
        versions.addWidget(QLabel("Versions"))
        versions.addWidget(self.version_list, 1)
        middle = QHBoxLayout()
        middle.addLayout(versions)
        middle.addWidget(editor, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.to_label)
        layout.addWidget(self.status_line)
        # Says when a teammate's save was taken into the open window (follow_saved).
        self.followed_note = followed_note()
        layout.addWidget(self.followed_note)
        layout.addLayout(middle, 1)
        layout.addWidget(close)

        self._load_templates()
        self._reload()
        if not self.versions:  # opening the composer for a new deal writes the first draft
            self._compose()
        # A teammate's change (a draft saved, a version sent) shows here as it lands.
        self.following = FollowSaved(self, events.deals_changed, deal_id, self.follow_saved)

    # Loading -------------------------------------------------------------------------------

    def _load_templates(self) -> None:
        combo = self.editor.template
        chosen = combo.currentData()
        combo.clear()
        for template in agreement_templates.list_templates(self.db):
            combo.addItem(template.name, template.id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))

    def _reload(self, select_id: int | None = None) -> None:
        self.versions = agreements.versions(self.db, self.deal_id)
        wanted = select_id if select_id is not None else (self.current.id if self.current else None)
        row = self._list_versions(wanted)
        if row is not None:
            self._show(self.versions[row])

    def _list_versions(self, wanted: int | None) -> int | None:
        """List `self.versions` with `wanted` chosen (else the newest); its row."""
        self._loading = True
        self.version_list.clear()
        for version in self.versions:
            when = (version.sent_at or version.created_at).astimezone()
            self.version_list.addItem(
                f"Version {version.version}\n{version.status_label}\n{day_text(when.date())}"
            )
        ids = [v.id for v in self.versions]
        row = (ids.index(wanted) if wanted in ids else 0) if ids else None
        if row is not None:
            self.version_list.setCurrentRow(row)
        self._loading = False
        return row

    def _show(self, version: AgreementVersion) -> None:
        self.current = version
        self._loading = True
        self.editor.show_version(version, newest=self.versions[0].id == version.id)
        self._loading = False
        self._dirty = False
        self._say_status(version)

    def _say_status(self, version: AgreementVersion) -> None:
        self.status_line.setText(
            f"Version {version.version} of {len(self.versions)}: {version.status_sentence()}."
        )

    def follow_saved(self) -> None:
        """Show the agreement as saved now: versions a teammate wrote, and the version on show,
        except the parts of a draft the user edited or holds the cursor in. Those stay, with
        the draft as it was loaded, so saving them compares both versions first."""
        versions = agreements.versions(self.db, self.deal_id)
        shown = self.current
        now = next((v for v in versions if shown is not None and v.id == shown.id), None)
        if shown is None or now is None:
            if shown is not None:  # its deal or the draft was removed meanwhile
                self.editor.general_error.show_error(GONE)
            elif versions:  # a teammate wrote the first version
                self._reload()
            return
        if now == shown:
            if versions != self.versions:  # another version came or changed: the list shows it
                self.versions = versions
                self._list_versions(shown.id)
            return
        editor = self.editor
        mine = {"subject": editor.subject.text(), "body": editor.body.toPlainText()}
        found = list(agreement_conflict.differences(mine, shown, now))
        cursor = with_cursor(self, {"subject": editor.subject, "body": editor.body})
        kept = {d.key for d in found if d.you_changed or d.key in cursor}
        self.versions = versions
        if not kept and not self.has_unsaved_changes() and now.status != shown.status:
            self._reload()  # sent or confirmed meanwhile: shown read-only, as saved
        else:
            self._loading = True  # taking saved text is no edit of the user's
            with cursor_kept(self.focusWidget()):
                self._take(now, [d.key for d in found if d.key not in kept])
            self._loading = False
            self._list_versions(shown.id)
            if kept or self._dirty:
                self._dirty = True  # the cursor's field counts as edited: saving compares
            else:
                self.current = now
                self._say_status(now)
        edited = bool(kept) or self._dirty
        show_followed(
            self.followed_note,
            self.following.said(
                "This draft", now.changed_by, self.db.author, edited, now.edit_version
            ),
        )

    def _changed(self, select_id: int | None = None) -> None:
        """After a successful change: show it (the operation told every screen)."""
        self._reload(select_id)

    # Drafts --------------------------------------------------------------------------------

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True
            self.editor.notice.clear()

    def save_draft(self) -> bool:
        """Save edits to the draft on show; False (with the reason shown) when refused."""
        if not self._dirty or self.current is None or not self.current.is_draft:
            return True
        draft_id, seen = self.current.id, self.current.edit_version
        subject, body = self.editor.subject.text(), self.editor.body.toPlainText()
        outcome = operations.run(
            self,
            "Save draft",
            lambda: deal_edits.edit_draft(self.db, draft_id, subject, body, seen),
            form=self.editor.show_errors,
            general=self.editor.general_error,
        )
        if isinstance(outcome.error, EditConflict):
            return self._resolve(outcome.error)
        if not outcome.ok:
            return False
        done = outcome.value
        saved = done.value
        title = f"edit of the agreement draft for {self.heading.title}"
        undo_commands.remember(self.db, title, done)  # one step of Edit › Undo
        self._dirty = False
        forget_typing(self)
        self.current = saved
        self.versions = [saved if v.id == saved.id else v for v in self.versions]
        return True

    def _resolve(self, conflict: EditConflict) -> bool:
        """Someone saved this draft since it was shown: compare subject and text, take the
        chosen ones of theirs and save over the newer draft. Closing the comparison leaves
        the draft as typed (the reason under it)."""
        assert self.current is not None
        editor = self.editor
        mine = {"subject": editor.subject.text(), "body": editor.body.toPlainText()}
        theirs: AgreementVersion = conflict.theirs
        line, me = editor.general_error, self.db.author
        put_back = explain_refusal(self, line, conflict, me, theirs.edit_version)
        keys = agreement_conflict.choose(self, mine, self.current, theirs, me, put_back)
        if keys is None:
            return False
        self._take(theirs, keys)
        self.current, self._dirty = theirs, True
        return self.save_draft()

    def _take(self, theirs: AgreementVersion, keys: list[str]) -> None:
        """Show the saved subject and/or text (`keys`) of `theirs` in the editor."""
        if "subject" in keys:
            self.editor.subject.setText(theirs.subject)
        if "body" in keys:
            self.editor.body.setPlainText(theirs.body)

    def _compose(self) -> None:
        template_id = self.editor.template.currentData()
        written = operations.run(
            self,
            "Write the agreement",
            lambda: deal_edits.write_agreement(self.db, self.deal_id, template_id),
            form=lambda errors: self.editor.template_error.show_error(" ".join(errors.values())),
            general=self.editor.template_error,
        )
        if not written.ok:
            return
        done = written.value
        title = f"writing of agreement version {done.value.version} for {self.heading.title}"
        undo_commands.remember(self.db, title, done)
        self._dirty = False
        self._changed(done.value.id)

    def _on_rewrite(self) -> None:
        if self.current is None or not self.current.is_draft:
            return
        editor = self.editor
        try:
            new_text = agreements.preview(self.db, self.deal_id, editor.template.currentData())
        except (InvalidInput, NotFound) as exc:
            editor.template_error.show_error(str(exc))
            return
        if new_text == (editor.subject.text(), editor.body.toPlainText()):
            return
        if ask_yes(
            self,
            "Rewrite the draft",
            f"Replace the text of this draft with the “{editor.template.currentText()}” "
            "template and the deal's current terms? What you wrote in the draft is replaced.",
            cancel=False,
        ):
            self._compose()

    def _on_edit_templates(self) -> None:
        TemplateEditorDialog(self.db, self).exec()
        self._load_templates()

    def _on_version_chosen(self, row: int) -> None:
        if self._loading or not 0 <= row < len(self.versions):
            return
        if not self.save_draft() and self.current is not None:  # stay on the draft to fix
            self._loading = True
            self.version_list.setCurrentRow([v.id for v in self.versions].index(self.current.id))
            self._loading = False
            return
        self._show(self.versions[row])

    # Closing -------------------------------------------------------------------------------

    unsaved_question = "You changed this draft. Save the changes before closing?"

    def has_unsaved_changes(self) -> bool:
        """Whether the draft on show has edits not saved yet."""
        return self._dirty and self.current is not None and self.current.is_draft

    def save_changes(self) -> bool:
        """Save the draft's edits."""
        return self.save_draft()


__all__ = ["AgreementDialog"]
