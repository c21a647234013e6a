"""An influencer's history: interactions, stage changes and follow-ups, newest first.

Saved emails (.eml) can be dropped on it or chosen from a file dialog; each is logged as an
email interaction, offered to the influencer whose address it carries. The emails of one drop
are one step of Edit › Undo.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.files.email_log import email_fields, match_influencers
from infcrm.files.eml_reader import (
    MAX_EMAIL_BYTES,
    EmailRejected,
    ParsedEmail,
    parse_email,
    too_big_message,
)
from infcrm.services.outreach import history, interactions
from infcrm.services.people import influencers
from infcrm.services.people.influencers import NotFound
from infcrm.services.restore_points import Undoable
from infcrm.ui import theme, undo_commands
from infcrm.ui.dialogs.log_interaction_dialog import (
    LogInteractionDialog,
    announce_logged,
    stage_of,
)
from infcrm.ui.events import concerns, events
from infcrm.ui.models.timeline_list_model import (
    ENTRY_ROLE,
    TimelineListModel,
    local_when,
)
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.widgets.field_error import error_colour
from infcrm.ui.widgets.flow_layout import FlowLayout
from infcrm.ui.widgets.wrapping_delegate import wrap_in_width
from infcrm.ui.workers import run_with_progress

EML_FILTER = "Saved emails (*.eml);;All files (*)"
_EMPTY = "Nothing logged yet. Log an email, DM, call or meeting, or drop a saved email (.eml) here."


def _step_title(done: list[tuple[str, Undoable]]) -> str:
    """“logging of the email “Spring box”” for one email, “logging of 3 emails” for more."""
    if len(done) > 1:
        return f"logging of {len(done)} emails"
    subject = done[0][0]
    return f"logging of the email “{subject}”" if subject else "logging of an email"


def eml_paths(urls: Iterable[object]) -> list[Path]:
    """The local .eml files among dragged URLs (QUrl objects)."""
    found = []
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".eml"):  # type: ignore[attr-defined]
            found.append(Path(url.toLocalFile()))  # type: ignore[attr-defined]
    return found


class TimelineWidget(QWidget):
    """The History section of an influencer: the timeline plus ways to add to it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.influencer_id: int | None = None
        self.log_dialog: LogInteractionDialog | None = None
        self.setAcceptDrops(True)

        self.log_button = QPushButton("Log interaction…")
        self.log_button.setToolTip("Log an email, DM, call or meeting with this person (Ctrl+L)")
        self.log_button.clicked.connect(self.log_interaction)
        self.eml_button = QPushButton("Add .eml…")
        self.eml_button.setToolTip(
            "Log a saved email: choose .eml files, or drop them on the history"
        )
        self.eml_button.clicked.connect(self.choose_eml_files)
        self.compose_button = QPushButton("Compose…")
        self.compose_button.setToolTip(
            "Write to this person from an outreach template, logged when sent (Ctrl+Shift+M)"
        )
        self.compose_button.clicked.connect(self.compose)
        # The buttons wrap onto a second line in a narrow panel: side by side they need 327
        # pixels, and the details panel (340 with its scroll bar, 260 at its narrowest) then
        # scrolled sideways, cutting off its right edge.
        buttons = QWidget()
        row = FlowLayout(buttons, spacing=6)
        row.addWidget(self.log_button)
        row.addWidget(self.compose_button)
        row.addWidget(self.eml_button)

        self.message = QLabel()
        self.message.setObjectName("timelineMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.empty = QLabel(_EMPTY)
        self.empty.setWordWrap(True)
        theme.set_role(self.empty, "secondary")  # quiet, yet readable (WCAG AA)

        self.model = TimelineListModel(self)
        self.list = QListView()
        self.list.setObjectName("timeline")
        self.list.setAccessibleName("History")
        self.list.setModel(self.model)
        # Entries wrap to the panel's width instead of scrolling sideways.
        wrap_in_width(self.list)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumHeight(240)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.full_text = QPlainTextEdit()
        self.full_text.setObjectName("timelineFullText")
        self.full_text.setReadOnly(True)
        self.full_text.setAccessibleName("Full text")
        self.full_text.setMinimumHeight(110)
        self.full_text.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(self.full_text)

        self.freshness = KeepFresh(self, self.refresh, stale=False)  # none read while hidden
        events.interactions_changed.connect(self._on_people_changed)
        events.pipeline_changed.connect(self._on_people_changed)
        events.follow_ups_changed.connect(self.freshness.data_changed)

    # Showing -------------------------------------------------------------------------------

    def set_influencer(self, influencer_id: int | None) -> None:
        """Show this influencer's history (None: nothing)."""
        if influencer_id != self.influencer_id:
            self.message.hide()
        self.influencer_id = influencer_id
        self.refresh()

    def refresh(self) -> None:
        """Read the history again."""
        entries = []
        if self.influencer_id is not None:
            try:
                entries = history.timeline(self.db, self.influencer_id)
            except NotFound:
                self.influencer_id = None
        self.model.set_entries(entries)
        self.list.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.full_text.hide()
        enabled = self.influencer_id is not None
        self.log_button.setEnabled(enabled)
        self.eml_button.setEnabled(enabled)

    def _on_people_changed(self, ids: list[int]) -> None:
        if self.influencer_id is not None and concerns(ids, self.influencer_id):
            self.freshness.data_changed()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Clicking an entry opens its full text under the list."""
        entry = current.data(ENTRY_ROLE) if current.isValid() else None
        if entry is None:
            self.full_text.hide()
            return
        self.full_text.setPlainText(f"{entry.title}\n{local_when(entry)}\n\n{entry.full_text}")
        self.full_text.show()

    def reload(self) -> None:
        """After Edit › Undo or Redo: the history as it is now, without the last message
        (“Logged 2 emails.” no longer describes it)."""
        self.message.clear()
        self.message.hide()
        self.refresh()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {error_colour(self)};" if error else "")
        self.message.show()

    # Logging -------------------------------------------------------------------------------

    def log_interaction(self) -> None:
        """Open the log dialog for the influencer on show."""
        if self.influencer_id is None:
            return
        dialog = LogInteractionDialog(self.db, self.influencer_id, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_log_finished)
        self.log_dialog = dialog
        dialog.open()  # window-modal; the timeline refreshes on events.interactions_changed

    def _on_log_finished(self) -> None:
        self.log_dialog = None

    def compose(self) -> None:
        """Compose a message to the influencer on show from an outreach template."""
        from infcrm.ui.compose_sending import open_compose  # loaded when first used

        if self.influencer_id is not None:
            self.compose_dialog = open_compose(self.window(), self.db, [self.influencer_id])

    def choose_eml_files(self) -> None:
        """Let the user pick saved emails to log."""
        if self.influencer_id is None:
            return
        names, _filter = QFileDialog.getOpenFileNames(self, "Add saved emails", "", EML_FILTER)
        if names:
            self.add_eml_files([Path(n) for n in names])

    def add_eml_files(self, paths: Iterable[Path]) -> int:
        """Log each saved email; says what happened and returns how many were logged."""
        if self.influencer_id is None:
            return 0
        logged, problems, elsewhere = 0, [], []
        done: list[tuple[str, Undoable]] = []
        for path in paths:
            try:
                found = self._log_one(path)
            except (EmailRejected, InvalidInput, OSError, NotFound) as exc:
                problems.append(f"“{path.name}”: {_reason(exc)} Nothing was logged from it.")
                continue
            if found is None:
                continue
            target, subject, step = found
            done.append((subject, step))
            logged += 1
            if target != self.influencer_id:
                elsewhere.append(_name(self.db, target))
        if done:
            # One step of Edit › Undo for the drop: each interaction with its follow-up and
            # stage move; redo logs them again with the same ids.
            steps = [step for _subject, step in done]
            undo_commands.remember(self.db, _step_title(done), steps, self)
        if problems:
            self._say("\n".join(problems), error=True)
        elif logged:
            said = f"Logged {logged} email{'s' if logged != 1 else ''}."
            if elsewhere:
                said += " In the history of: " + ", ".join(dict.fromkeys(elsewhere)) + "."
            self._say(said)
        return logged

    def _log_one(self, path: Path) -> tuple[int, str, Undoable] | None:
        """Log one file; returns whose history it went to, the email's subject and what takes
        it back (None: the user cancelled)."""
        size = path.stat().st_size
        if size > MAX_EMAIL_BYTES:
            raise EmailRejected(too_big_message(size))
        raw = path.read_bytes()
        # A big mail takes a moment to read: never on the window's thread.
        parsed = run_with_progress(
            self, "Reading the email", lambda _progress: parse_email(raw),
            label=f"Reading “{path.name}”…", cancellable=False,
        )  # fmt: skip
        target = self._choose_person(parsed)
        if target is None:
            return None
        before = stage_of(self.db, target)
        step = interactions.log_parsed_email_undoable(self.db, target, email_fields(parsed), raw)
        announce_logged(target, before, self.db)
        return target, parsed.subject or "", step

    def _choose_person(self, parsed: ParsedEmail) -> int | None:
        """The influencer shown, or the one whose address the email carries if the user agrees."""
        shown = self.influencer_id
        assert shown is not None
        matches = match_influencers(self.db, parsed)
        if not matches or shown in matches:
            return shown
        other = matches[0]
        other_name, shown_name = _name(self.db, other), _name(self.db, shown)
        subject = f"“{parsed.subject}”" if parsed.subject else "This email"
        answer = QMessageBox.question(
            self,
            "Whose email is this?",
            f"{subject} is from or to {other_name}, not {shown_name}.\n\n"
            f"Yes: log it in {other_name}'s history.\n"
            f"No: log it in {shown_name}'s history anyway.",
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            return other
        if answer == QMessageBox.StandardButton.No:
            return shown
        return None

    # Drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept saved emails dragged from the desktop or a mail program."""
        if eml_paths(event.mimeData().urls()) and self.influencer_id is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting while the emails move over the history."""
        if eml_paths(event.mimeData().urls()) and self.influencer_id is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Log the dropped saved emails."""
        paths = eml_paths(event.mimeData().urls())
        if not paths or self.influencer_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_eml_files(paths)


def _name(db: Database, influencer_id: int) -> str:
    try:
        return influencers.get(db, influencer_id).display_name
    except NotFound:
        return f"#{influencer_id}"


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return "the file could not be read (" + (exc.strerror or type(exc).__name__) + ")."
    return str(exc)


__all__ = ["EML_FILTER", "TimelineWidget", "eml_paths"]
