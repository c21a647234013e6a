"""Find duplicates…: the groups of people who look like one person, compared and merged."""

from __future__ import annotations

from collections import Counter
from contextlib import suppress

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services.people import duplicates, merge
from infcrm.services.people.duplicate_types import DuplicateGroup
from infcrm.ui.events import events
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.question_box import ask_yes
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.undo_commands import MergeCommand, NotDuplicateCommand
from infcrm.ui.widgets.merge_comparison import MergeComparison
from infcrm.ui.widgets.wrapping_delegate import wrap_in_width
from infcrm.ui.workers import Progress

NONE_FOUND = "No possible duplicates."
EMPTY_TEXT = (
    "Nobody seems to be in your list twice.\n\ninfcrm looks for people with the same email, "
    "account or profile link, the same handle on two networks, or the same name and nothing "
    "that tells them apart. Pairs you marked “not a duplicate” are not shown again."
)


class DuplicatesDialog(QDialog):
    """Lists duplicate groups with their reasons; merges a pair or marks it as two people."""

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._undo_stack = undo_stack
        self.groups: list[DuplicateGroup] = []
        self._alike: set[str] = set()  # the names shown by more than one group
        self.setWindowTitle("Find duplicates")
        comfortable_size(self, 1000, 620)
        layout = QVBoxLayout(self)
        self.summary = QLabel("Looking for people who appear twice…")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # Looking reads everyone (seconds at 100,000 people): a moving bar says it is at work.
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Looking for duplicates")
        layout.addWidget(self.busy)
        self.splitter = QSplitter()
        self.group_list = QListWidget()
        self.group_list.setAccessibleName("Possible duplicates")
        # Groups wrap to the list's width, however narrow (long emails broken if they must).
        wrap_in_width(self.group_list)
        self.group_list.setSpacing(3)
        self.group_list.setAlternatingRowColors(True)
        self.splitter.addWidget(self.group_list)
        self.comparison = MergeComparison(db)
        self.splitter.addWidget(self.comparison)
        self.splitter.setSizes([330, 670])
        self.splitter.hide()  # an empty comparison until the first answer says nothing
        layout.addWidget(self.splitter, 1)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setContentsMargins(80, 0, 80, 0)
        self.empty_label.hide()
        layout.addWidget(self.empty_label, 1)
        # Until the first answer, this takes the room, so the words and the bar stay on top.
        self.waiting_room = QWidget()
        layout.addWidget(self.waiting_room, 1)
        buttons = self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.merge_button = QPushButton("Merge…")
        self.merge_button.setToolTip(
            "Merge the second record into the one kept, keeping everything of both (Undo takes "
            "it back)"
        )
        self.not_duplicate_button = QPushButton("Not a duplicate")
        self.not_duplicate_button.setToolTip(
            "These are two different people: stop offering this pair (Undo takes it back)"
        )
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.not_duplicate_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Choices are not edits: closing never asks to keep them.
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.loader = LatestLoader("duplicates", self)
        self.search = Progress()  # the newest search's: told to stop when the window closes
        self.loader.loaded.connect(self._on_loaded)
        self.group_list.currentRowChanged.connect(self._on_group_chosen)
        self.comparison.pair_changed.connect(lambda *_: self._update_buttons())
        self.merge_button.clicked.connect(self._on_merge)
        self.not_duplicate_button.clicked.connect(self._on_not_duplicate)
        events.duplicates_changed.connect(self.reload)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        """Look for duplicates again, in the background (it reads every person); the groups
        found before stay on show meanwhile."""
        self.busy.show()
        self.search = search = Progress()
        self.loader.request(lambda: duplicates.find_groups(self._db, search), search)

    def _on_loaded(self, serial: int, groups: object, error: str) -> None:
        if serial != self.loader.latest:
            return
        self.busy.hide()
        self.waiting_room.hide()
        if error:
            self.summary.setText(f"Duplicates could not be looked for: {error}")
            return
        chosen = self.group_list.currentRow()
        self.groups = list(groups or [])  # type: ignore[call-overload]
        self._alike = _repeated_names(self.groups)
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in self.groups:
            item = QListWidgetItem(self._text(group))
            item.setToolTip("\n".join(r.text for r in group.reasons))
            self.group_list.addItem(item)
        self.group_list.blockSignals(False)
        likely = sum(g.certain for g in self.groups)
        self.summary.setText(
            f"{len(self.groups):,} group{'s' if len(self.groups) != 1 else ''} of possible "
            f"duplicates: {likely:,} likely, {len(self.groups) - likely:,} possible. Choose a "
            "group, pick the values to keep, then Merge — or say they are different people."
            if self.groups
            else NONE_FOUND
        )
        self.splitter.setVisible(bool(self.groups))
        self.empty_label.setVisible(not self.groups)
        if self.groups:
            self.group_list.setCurrentRow(min(max(chosen, 0), len(self.groups) - 1))
        else:
            self.comparison.show_group(None)
        self._update_buttons()

    def _on_group_chosen(self, row: int) -> None:
        self.comparison.show_group(self.groups[row] if 0 <= row < len(self.groups) else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.comparison.pair() is not None
        self.merge_button.setEnabled(ready)
        self.not_duplicate_button.setEnabled(ready)

    def _on_merge(self) -> None:
        pair = self.comparison.pair()
        if pair is None:
            return
        keep_name, other_name = self.comparison.names()
        if not ask_yes(
            self,
            "Merge these records?",
            f"Merge “{other_name}” into “{keep_name}”? Everything of both is kept under "
            f"“{keep_name}”, and “{other_name}” disappears from the list.\n\n"
            "You can take it back with Edit › Undo.",
        ):
            return
        choices = self.comparison.choices()
        try:
            done = merge.merge(self._db, *pair, choices, self.comparison.seen)
        except merge.ChangedSinceCompared as exc:
            QMessageBox.warning(self, "Not merged", str(exc))
            self.comparison.refresh()  # names and values as they are now, to choose again
            self._relabel_chosen_group()
            return
        except (merge.MergeRefused, InvalidInput) as exc:
            QMessageBox.warning(self, "Not merged", str(exc))
            self.reload()
            return
        self._undo_stack.push(MergeCommand(self._db, done, choices, (keep_name, other_name)))

    def _relabel_chosen_group(self) -> None:
        """Name the chosen group in the list as the comparison last read it."""
        row, group = self.group_list.currentRow(), self.comparison.group()
        if group is not None and 0 <= row < len(self.groups):
            self.groups[row] = group
            self.group_list.item(row).setText(self._text(group))

    def _text(self, group: DuplicateGroup) -> str:
        return _group_text(group, with_ids=_names(group) in self._alike)

    def _on_not_duplicate(self) -> None:
        pair = self.comparison.pair()
        if pair is not None:
            self._undo_stack.push(NotDuplicateCommand(self._db, pair, self.comparison.names()))

    def done(self, result: int) -> None:
        """Stop listening once closed (the signal hub outlives the dialog), and stop looking:
        at 100,000 people the search would read on for seconds for nobody."""
        with suppress(RuntimeError, TypeError):  # already closed once
            events.duplicates_changed.disconnect(self.reload)
        self.loader.stop()
        super().done(result)


def _names(group: DuplicateGroup) -> str:
    return ", ".join(dict.fromkeys(m.display_name for m in group.members))


def _repeated_names(groups: list[DuplicateGroup]) -> set[str]:
    counts = Counter(map(_names, groups))
    return {names for names, count in counts.items() if count > 1}


def _group_text(group: DuplicateGroup, *, with_ids: bool = False) -> str:
    """A group as the list shows it: its people's names, then why they look alike. Groups
    whose names are alike (one name, two groups that disagree) add the ids the comparison's
    cards show."""
    names = _names(group)
    if with_ids:
        names += f" ({', '.join(f'#{i}' for i in group.ids)})"
    # The label says “Possibly the same person”: the reason does not say “(possible)” again.
    why = group.reasons[0].text.removesuffix(" (possible)")
    return f"{names}\n{group.label} — {why}"


__all__ = ["EMPTY_TEXT", "NONE_FOUND", "DuplicatesDialog"]
