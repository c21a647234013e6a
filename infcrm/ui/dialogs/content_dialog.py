"""“Record a post”: a delivered piece of content with its link and results; the same form
changes a recorded one (its results grow after the day it went live)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import ContentFormat
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Platform
from infcrm.services.campaigns import deal_edits
from infcrm.services.campaigns.campaign_types import ContentInput, ContentItem, Deal
from infcrm.services.campaigns.result_edits import saved_post
from infcrm.services.errors import CampaignNotFound, EditConflict
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs import result_conflict
from infcrm.ui.dialogs.follow_saved import (
    FollowSaved,
    a_form_of_its_own,
    explain_refusal,
    followed_note,
    show_followed,
    take_saved,
    with_cursor,
)
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.events import events
from infcrm.ui.widgets.field_error import FieldError, with_error
from infcrm.ui.widgets.typed_date_edit import TypedDateEdit


def post_title(what: str, posted_on: date, person: str) -> str:
    """The undo step's words: “post of 22 Apr 2026 by “Mia Cooks””."""
    return f"{what} of {day_text(posted_on)} by “{person}”"


NO_FORMAT = "Not recorded"  # a post restored or recorded without one keeps none
RESULTS = ("likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions")


class ContentDialog(AsksBeforeClosing, QDialog):
    """Record one delivered post of a deal, or change `post`, one it holds."""

    def __init__(
        self,
        db: Database,
        deal: Deal,
        parent: QWidget | None = None,
        post: ContentItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.deal = deal
        self.post = post
        # The version the post was read at: a save over a newer one is a conflict to solve.
        self._version = post.version if post else None
        self.saved_id: int | None = post.id if post else None
        self.setWindowTitle(
            f"The post of {day_text(post.posted_on)} by {deal.influencer_name}"
            if post
            else f"Record a post by {deal.influencer_name}"
        )
        self.setMinimumWidth(560)
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        self.deliverable = QComboBox()
        self.deliverable.addItem("Not one of the promised pieces", None)
        for item in deal.deliverables:
            label = f"{item.count} × {Platform(item.platform).label} "
            label += f"{ContentFormat(item.format).label.lower()} ({item.delivered} delivered)"
            self.deliverable.addItem(label, item.id)
        open_items = [i for i in deal.deliverables if i.delivered < i.count]
        if open_items:
            self.deliverable.setCurrentIndex(self.deliverable.findData(open_items[0].id))
        self.delivers = {
            self.deliverable.itemData(i): self.deliverable.itemText(i)
            for i in range(self.deliverable.count())
        }
        self.deliverable.currentIndexChanged.connect(self._on_deliverable)
        form.addRow("Delivers", self.deliverable)
        self.platform = QComboBox()
        self.format = QComboBox()
        for platform in Platform:
            self.platform.addItem(platform.label, platform.value)
        for fmt in ContentFormat:
            self.format.addItem(fmt.label, fmt.value)
        form.addRow("Platform", self._with_error("platform", self.platform))
        form.addRow("Format", self.format)
        self.posted_on = TypedDateEdit()
        self.posted_on.setCalendarPopup(True)
        self.posted_on.setDisplayFormat("d MMM yyyy")
        form.addRow("Posted on", self._with_error("posted_on", self.posted_on))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://… (copy the post's link)")
        form.addRow("Link", self._with_error("url", self.url))
        grid = QGridLayout()
        self.fields: dict[str, QLineEdit] = {}
        for number, name in enumerate(RESULTS):
            edit = QLineEdit()
            edit.setPlaceholderText("e.g. 1.2k")
            self.fields[name] = edit
            grid.addWidget(QLabel(name.capitalize()), (number // 4) * 2, number % 4)
            grid.addWidget(self._with_error(name, edit), (number // 4) * 2 + 1, number % 4)
        form.addRow("Results", grid)
        self.revenue = QLineEdit()
        self.revenue.setPlaceholderText(f"Sales it brought, in {deal.campaign_currency}")
        form.addRow("Revenue", self._with_error("revenue", self.revenue))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.general = FieldError()
        layout.addWidget(self.general)
        # Says when a teammate's save was taken into the open form (follow_saved).
        self.followed_note = followed_note()
        layout.addWidget(self.followed_note)
        layout.addWidget(buttons)
        if post is None:
            self._on_deliverable()
        else:
            self._show(result_conflict.post_as_typed(post, deal.campaign_currency))
        self.mark_clean()
        a_form_of_its_own(self)  # the deal window under it follows saves meanwhile
        if post is not None:  # a teammate's change of the post is announced as its deal's
            self.following = FollowSaved(self, events.deals_changed, deal.id, self.follow_saved)

    def _with_error(self, key: str, widget: QWidget) -> QWidget:
        return with_error(key, widget, self.errors, widget)

    def _on_deliverable(self) -> None:
        chosen = next(
            (d for d in self.deal.deliverables if d.id == self.deliverable.currentData()), None
        )
        if chosen is not None:
            self.platform.setCurrentIndex(self.platform.findData(chosen.platform))
            self.format.setCurrentIndex(self.format.findData(chosen.format))

    def _show_format(self, value: str | None) -> None:
        """Select `value`; a post saved without a format shows, and keeps, "Not recorded"
        rather than being given the first format of the list."""
        if value is None and self.format.findData(None) < 0:
            self.format.insertItem(0, NO_FORMAT, None)
        self.format.setCurrentIndex(max(0, self.format.findData(value)))

    def _show(self, saved: ContentInput, keys: Collection[str] | None = None) -> None:
        """Put `saved`'s fields in the form (only `keys`, when given)."""

        def wanted(key: str) -> bool:
            return keys is None or key in keys

        if wanted("deliverable_id"):
            found = self.deliverable.findData(saved.deliverable_id)
            self.deliverable.setCurrentIndex(max(0, found))
        if wanted("platform"):
            self.platform.setCurrentIndex(max(0, self.platform.findData(saved.platform)))
        if wanted("format"):
            self._show_format(saved.format)
        if wanted("posted_on"):
            self.posted_on.setDate(saved.posted_on)
        if wanted("url"):
            self.url.setText(str(saved.url or ""))
        for name, edit in self.fields.items():
            if wanted(name):
                edit.setText(str(getattr(saved, name) or ""))
        if wanted("revenue"):
            self.revenue.setText(str(saved.revenue or ""))

    def follow_saved(self) -> None:
        """Show the post as saved now in each field the user has not edited; edited fields
        stay as typed, and saving them compares both versions first."""
        assert self.post is not None
        try:
            theirs = saved_post(self.db, self.post.id)
        except CampaignNotFound as gone:  # deleted meanwhile: saving will say so too
            self.general.show_error(str(gone))
            return
        if theirs.version == self._version:
            return
        found = result_conflict.post_differences(
            self.form_input(), self._clean_state, theirs, self.delivers
        )
        saved = result_conflict.post_as_typed(theirs, self.deal.campaign_currency)
        fields = {"deliverable_id": self.deliverable, "platform": self.platform,
                  "format": self.format, "posted_on": self.posted_on, "url": self.url,
                  **self.fields, "revenue": self.revenue}  # fmt: skip
        edited = take_saved(
            self,
            found,
            lambda keys: self._show(saved, keys),
            with_cursor(self, fields),
            theirs.version,
        )
        show_followed(
            self.followed_note,
            self.following.said(
                "This post", theirs.changed_by, self.db.author, edited, theirs.version
            ),
        )

    def form_input(self) -> ContentInput:
        """The post as typed."""
        return ContentInput(
            platform=self.platform.currentData(),
            posted_on=self.posted_on.date().toPython(),
            url=self.url.text(),
            format=self.format.currentData(),
            deliverable_id=self.deliverable.currentData(),
            revenue=self.revenue.text(),
            currency=self.deal.campaign_currency,
            **{name: edit.text() for name, edit in self.fields.items()},
        )

    def form_state(self) -> ContentInput:
        """What the form holds."""
        return self.form_input()

    def save_changes(self) -> bool:
        """Save as the Save button does (which closes the dialog when it worked)."""
        self._on_save()
        return not self.isVisible()

    def _on_save(self) -> None:
        for error in (*self.errors.values(), self.general):
            error.clear_error()
        data = self.form_input()
        post = self.post
        saved = operations.run(
            self,
            "Record a post" if post is None else "Save the post",
            (lambda: deal_edits.add_post(self.db, self.deal.id, data))
            if post is None
            else (lambda: deal_edits.edit_post(self.db, post.id, data, self._version)),
            form=self.errors,
            general=self.general,
        )
        if isinstance(saved.error, EditConflict):
            self._resolve(saved.error)
            return
        if saved.ok:
            if post is None:
                self.saved_id = int(saved.value.value)  # type: ignore[call-overload]
            what = "post" if post is None else "change of the post"
            title = post_title(what, data.posted_on, self.deal.influencer_name)
            # The deal's window, still open, shows the post as an undo puts it back.
            window = self.parentWidget()
            shows = window if hasattr(window, "reload") else None
            undo_commands.remember(self.db, title, saved.value, shows)
            self.accept()

    def _resolve(self, conflict: EditConflict) -> None:
        """Someone changed the post since the form read it: compare field by field, take the
        chosen fields of theirs into the form and save over the newer version. Closing the
        comparison leaves the form as typed (the reason stays on its general line)."""
        theirs: ContentItem = conflict.theirs
        found = result_conflict.post_differences(
            self.form_input(), self._clean_state, theirs, self.delivers
        )
        put_back = explain_refusal(self, self.general, conflict, self.db.author, theirs.version)
        keys = result_conflict.choose(
            self, theirs, found, conflict.changed_by, self.db.author, put_back
        )
        if keys is None:
            return
        self._show(result_conflict.post_as_typed(theirs, self.deal.campaign_currency), keys)
        self._version = theirs.version
        self._on_save()
