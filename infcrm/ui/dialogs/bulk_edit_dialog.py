"""“Edit N people…”: choose one change for everyone selected (or everyone in the list).

The dialog only asks; `ui/bulk_edit.py` runs the chosen service action in the background,
asks about people who break a rule, and puts the change on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import Channel, Direction
from infcrm.domain.validation import split_list
from infcrm.services.campaigns import campaigns
from infcrm.services.outreach import bulk_outreach
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import bulk, bulk_tags, influencer_list, influencers
from infcrm.services.people.bulk_types import BulkResult, people_count
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.widgets.typed_date_edit import TypedDateEdit

# What an action changes, so the screens showing it refresh: a subset of these words.
INFLUENCERS, PIPELINE, OUTREACH, FOLLOW_UPS, CAMPAIGNS = (
    "influencers",
    "pipeline",
    "outreach",
    "follow_ups",
    "campaigns",
)

LABEL_WIDTH = 70
UNDO_HINT = "One step: Edit › Undo (Ctrl+Z) puts everyone back exactly as they were."
Run = Callable[[Database, list[int], bool, object], BulkResult]


@dataclass(frozen=True)
class BulkAction:
    """One chosen change: how to run it on a list of ids, and what it changes."""

    run: Run
    changes: frozenset[str]
    campaign_id: int | None = None


# (key, label in the “Change” list) in the order offered.
ACTIONS: tuple[tuple[str, str], ...] = (
    ("stage", "Move to stage"),
    ("owner", "Set owner"),
    ("rating", "Set rating"),
    ("mark", "Mark “Do not contact”"),
    ("unmark", "Remove “Do not contact”"),
    ("add_tags", "Add tags"),
    ("remove_tags", "Remove tags"),
    ("add_niches", "Add niches"),
    ("remove_niches", "Remove niches"),
    ("campaign", "Add to campaign"),
    ("interaction", "Log the same interaction"),
    ("follow_up", "Set the same follow-up"),
)


class BulkEditDialog(AsksBeforeClosing, QDialog):
    """One change for many people; Apply runs it (and Undo takes it back)."""

    unsaved_question = "Apply this change before closing?"

    def __init__(
        self,
        db: Database,
        selected: int,
        listed: int | None = None,
        parent: QWidget | None = None,
        *,
        action: str | None = None,
        everyone: bool = False,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.selected, self.listed = selected, listed
        self.setWindowTitle(f"Edit {people_count(selected)}")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.only_selected = QRadioButton(f"The {people_count(selected)} selected")
        self.whole_list = QRadioButton(f"Everyone in this list ({listed or 0:,})")
        (self.whole_list if everyone else self.only_selected).setChecked(True)
        if listed is not None and listed != selected:
            layout.addWidget(QLabel("<b>Who</b>"))
            layout.addWidget(self.only_selected)
            layout.addWidget(self.whole_list)
        else:
            self.only_selected.hide()
            self.whole_list.hide()
        form = QFormLayout()
        self.action = QComboBox()
        self.action.setAccessibleName("Change")
        for key, label in ACTIONS:
            self.action.addItem(label, key)
        form.addRow(_label("Change"), self.action)
        layout.addLayout(form)
        self.pages = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._build_pages()
        layout.addWidget(self.pages)
        self.hint = QLabel(UNDO_HINT)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self._on_apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does the dialog know its default: set
        # before, Qt made Cancel the default on show (Enter cancelled, and Cancel had the accent).
        self.apply_button.setDefault(True)
        self.action.currentIndexChanged.connect(self._on_action_changed)
        self.whole_list.toggled.connect(self._on_who_changed)
        self.tags.textChanged.connect(self._on_input_changed)
        self.niches.textChanged.connect(self._on_input_changed)
        self._on_who_changed()
        if action is not None:
            self.action.setCurrentIndex(self.action.findData(action))
        self._on_action_changed()
        self.mark_clean()

    # Pages --------------------------------------------------------------------------------

    def _page(self, key: str, *rows: tuple[str, QWidget]) -> None:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget in rows:
            form.addRow(_label(label), widget)
        self._pages[key] = page
        self.pages.addWidget(page)

    def _build_pages(self) -> None:
        self.stage = QComboBox()
        for stage in influencers.stages(self.db):
            self.stage.addItem(stage.name, stage.id)
        self._page("stage", ("Stage", self.stage))
        choices = influencer_list.filter_choices(self.db)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(["", *choices.owners])
        self.owner.lineEdit().setPlaceholderText("Leave empty to clear the owner")
        self._page("owner", ("Owner", self.owner))
        self.rating = QComboBox()
        self.rating.addItem("No rating", None)
        for stars in range(6):
            self.rating.addItem(f"{stars} ★", stars)
        self._page("rating", ("Rating", self.rating))
        for key in ("mark", "unmark"):
            self._page(key)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("fair 2026, vip — separate tags with commas")
        self.tags.setAccessibleName("Tags")
        self._page("tags", ("Tags", self.tags))
        self.niches = QLineEdit()
        self.niches.setPlaceholderText("food, travel — separate niches with commas")
        self.niches.setAccessibleName("Niches")
        self._page("niches", ("Niches", self.niches))
        self.campaign = QComboBox()
        for summary in campaigns.list_campaigns(self.db):
            self.campaign.addItem(summary.name, summary.id)
        self._page("campaign", ("Campaign", self.campaign))
        self._build_outreach_pages()

    def _build_outreach_pages(self) -> None:
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.direction = QComboBox()
        for direction in Direction:
            self.direction.addItem(direction.label, direction.value)
        self.subject = QLineEdit()
        self.summary = QPlainTextEdit()
        self.summary.setFixedHeight(70)
        self.with_follow_up = QCheckBox("Follow up on")
        self.interaction_due = TypedDateEdit(date.today() + timedelta(days=7), due=True)
        self._page(
            "interaction",
            ("Channel", self.channel),
            ("Direction", self.direction),
            ("Subject", self.subject),
            ("Summary", self.summary),
            ("", _row(self.with_follow_up, self.interaction_due)),
        )
        self.due = TypedDateEdit(date.today() + timedelta(days=7), due=True)
        self.due_note = QLineEdit()
        self.due_note.setPlaceholderText("What to follow up about (optional)")
        self._page("follow_up", ("Due", self.due), ("Note", self.due_note))

    def _page_key(self, key: str) -> str:
        return key.split("_", 1)[1] if key.split("_", 1)[0] in ("add", "remove") else key

    def _on_action_changed(self, *_args: object) -> None:
        key = self.chosen_key()
        shown = self._pages[self._page_key(key)]
        # Only the page on show takes room, so the dialog is as tall as its question.
        for page in self._pages.values():
            policy = QSizePolicy.Policy.Preferred if page is shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(shown)
        self.adjustSize()
        self._on_input_changed()

    def _on_input_changed(self, *_args: object) -> None:
        """Apply only when the change can be made, and the hint says why not, as it is typed."""
        reason = self._why_not()
        self.apply_button.setEnabled(reason is None)
        self.hint.setText(reason or UNDO_HINT)

    def _why_not(self) -> str | None:
        """What stops the chosen change as the dialog is filled in now, or None."""
        key = self.chosen_key()
        if key == "campaign" and self.campaign.count() == 0:
            return "There is no campaign yet: create one on the Campaigns screen."
        if key == "stage" and self.stage.count() == 0:
            return "There is no stage to move people to."
        if key in ("add_tags", "remove_tags", "add_niches", "remove_niches"):
            verb, _, noun = key.partition("_")
            items = split_list((self.tags if noun == "tags" else self.niches).text())
            if not items:
                return f"Write at least one {noun[:-1]} to {verb}."
            reason = bulk_tags.too_long(items) if noun == "tags" else None
            if reason:
                return f"{reason}."
        return None

    def _on_who_changed(self, *_args: object) -> None:
        count = (self.listed or 0) if self.everyone_in_list() else self.selected
        self.apply_button.setText(f"Apply to {people_count(count)}")

    # Answers ------------------------------------------------------------------------------

    def chosen_key(self) -> str:
        """The key of the change chosen (see ACTIONS)."""
        return str(self.action.currentData())

    def everyone_in_list(self) -> bool:
        """Whether the change goes to everyone in the list rather than the selection."""
        return self.whole_list.isChecked()

    def chosen_action(self, seen: Mapping[int, int] | None = None) -> BulkAction:
        """The change as a runnable action; `seen`: the people's versions when they were
        chosen, so the result names those changed elsewhere since (bulk.versions_of)."""
        key = self.chosen_key()
        changed = frozenset({INFLUENCERS})
        if key == "stage":
            run = _run(bulk.set_stage, self.stage.currentData(), skip=True, seen=seen)
            return BulkAction(run, changed | {PIPELINE, OUTREACH})
        if key == "owner":
            return BulkAction(_run(bulk.set_owner, self.owner.currentText(), seen=seen), changed)
        if key == "rating":
            return BulkAction(_run(bulk.set_rating, self.rating.currentData(), seen=seen), changed)
        if key in ("mark", "unmark"):
            run = _run(bulk.set_do_not_contact, key == "mark", seen=seen)
            return BulkAction(run, changed | {PIPELINE})
        if key in ("add_tags", "remove_tags"):
            remove = key.startswith("remove")
            run = _run(bulk.change_tags, self.tags.text(), remove=remove, seen=seen)
            return BulkAction(run, changed)
        if key in ("add_niches", "remove_niches"):
            remove = key.startswith("remove")
            niches = self.niches.text()
            run = _run(bulk.change_niches, niches, skip=True, remove=remove, seen=seen)
            return BulkAction(run, changed)
        if key == "campaign":
            campaign_id = self.campaign.currentData()
            run = _run(bulk_outreach.add_to_campaign, campaign_id, skip=True)
            return BulkAction(run, frozenset({CAMPAIGNS}), campaign_id)
        if key == "interaction":
            data = InteractionInput(
                influencer_id=0,
                channel=self.channel.currentData(),
                direction=self.direction.currentData(),
                subject=self.subject.text(),
                summary=self.summary.toPlainText(),
                follow_up_due=_day(self.interaction_due)
                if self.with_follow_up.isChecked()
                else None,
            )
            run = _run(bulk_outreach.log_interaction, data, skip=True)
            return BulkAction(run, changed | {PIPELINE, OUTREACH, FOLLOW_UPS})
        due, note = _day(self.due), self.due_note.text()

        def follow_up(db: Database, ids: list[int], _skip: bool, progress: object) -> BulkResult:
            return bulk_outreach.add_follow_up(db, ids, due, note, progress=progress)

        return BulkAction(follow_up, frozenset({FOLLOW_UPS}))

    def _on_apply(self) -> None:
        self.accept()

    def save_changes(self) -> bool:
        """“Save” in the closing question applies the change."""
        self.accept()
        return True


def _label(text: str) -> QLabel:
    """A form label as wide as the longest, so the pages line up with “Change”."""
    label = QLabel(text)
    label.setMinimumWidth(LABEL_WIDTH)
    return label


def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return row


def _day(edit: TypedDateEdit) -> date:
    value: QDate = edit.date()
    return date(value.year(), value.month(), value.day())


def _run(action: Callable, value: object, *, skip: bool = False, **options: object) -> Run:
    """A uniform runner: `action(db, ids, value, …)`; `skip` when it takes skip_problems."""

    def run(db: Database, ids: list[int], skip_problems: bool, progress: object) -> BulkResult:
        extra = dict(options)
        if skip:
            extra["skip_problems"] = skip_problems
        return action(db, ids, value, progress=progress, **extra)

    return run


__all__ = ["ACTIONS", "BulkAction", "BulkEditDialog"]
