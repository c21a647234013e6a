"""The campaign form: name, brand, goal, dates, budget, hashtags and mentions, brief, status."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.domain.money import COMMON_CURRENCIES
from infcrm.services.campaigns import campaign_edits, campaigns
from infcrm.services.campaigns.campaign_types import Campaign as CampaignInfo
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.errors import CampaignNotFound, EditConflict
from infcrm.services.maintenance.settings import default_currency
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs.campaign_conflict import campaign_differences
from infcrm.ui.dialogs.edit_conflict_dialog import heading, taken_from_theirs, their_version
from infcrm.ui.dialogs.follow_saved import (
    FollowSaved,
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


class OptionalDate(QWidget):
    """A date that may be left empty: a checkbox turns the calendar field on."""

    def __init__(self, label: str, value: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(label)
        self.edit = TypedDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setDate(QDate(value) if value else QDate.currentDate())
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.enabled.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        """The chosen date, or None when the box is off."""
        return self.edit.date().toPython() if self.enabled.isChecked() else None


class CampaignDialog(AsksBeforeClosing, QDialog):
    """Create a campaign, or edit one when `campaign_id` is given."""

    def __init__(
        self, db: Database, campaign_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.campaign_id = campaign_id
        self.saved_id: int | None = None
        current = campaigns.get_campaign(db, campaign_id) if campaign_id else None
        # The version the form was made from: a save over a newer one is a conflict to solve.
        self._version = current.version if current else None
        self.setWindowTitle("Edit campaign" if current else "New campaign")
        self.setMinimumWidth(560)
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name = QLineEdit(current.name if current else "")
        self.name.setPlaceholderText("e.g. Spring launch 2026")
        form.addRow("Name", self._with_error("name", self.name))
        self.brand = QLineEdit((current.brand or "") if current else "")
        self.brand.setPlaceholderText("The brand or product you promote")
        form.addRow("Brand or product", self._with_error("brand", self.brand))
        self.status = QComboBox()
        for status in CampaignStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(self.status.findData(current.status if current else "planned"))
        form.addRow("Status", self._with_error("status", self.status))
        self.starts = OptionalDate("Starts", current.starts_on if current else None)
        self.ends = OptionalDate("Ends", current.ends_on if current else None)
        dates = QHBoxLayout()
        dates.addWidget(self.starts)
        dates.addWidget(self.ends)
        holder = QWidget()
        holder.setLayout(dates)
        dates.setContentsMargins(0, 0, 0, 0)
        form.addRow("Dates", self._with_error("ends_on", holder))
        self.budget = QLineEdit(current.budget.plain() if current and current.budget else "")
        self.budget.setPlaceholderText("Optional, e.g. 1500")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(COMMON_CURRENCIES)
        self.currency.setCurrentText(current.currency if current else default_currency(db))
        self.currency.setToolTip("The three-letter code of the campaign's currency (ISO 4217)")
        money = QHBoxLayout()
        money.setContentsMargins(0, 0, 0, 0)
        money.addWidget(self.budget, 1)
        money.addWidget(self.currency)
        money_row = QWidget()
        money_row.setLayout(money)
        form.addRow("Budget", self._with_error("budget", money_row, self.budget))
        self.errors["currency"] = self.errors["budget"]
        self.hashtags = QLineEdit((current.hashtags or "") if current else "")
        self.hashtags.setPlaceholderText("e.g. #oathoney, #springbake")
        form.addRow("Branded hashtags", self._with_error("hashtags", self.hashtags))
        self.mentions = QLineEdit((current.mentions or "") if current else "")
        self.mentions.setPlaceholderText("Accounts to tag, e.g. @oathoney")
        form.addRow("Mentions", self._with_error("mentions", self.mentions))
        self.goal = QPlainTextEdit((current.goal or "") if current else "")
        self.goal.setPlaceholderText("What should this campaign achieve?")
        self.goal.setFixedHeight(60)
        form.addRow("Goal", self._with_error("goal", self.goal))
        self.brief = QPlainTextEdit((current.brief or "") if current else "")
        self.brief.setPlaceholderText(
            "What influencers should know: the product, the tone, do's and don'ts"
        )
        form.addRow("Brief", self._with_error("brief", self.brief))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        # Says when a teammate's save was taken into the open form (follow_saved).
        self.followed_note = followed_note()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.followed_note)
        layout.addWidget(buttons)
        self.name.setFocus()
        self.mark_clean()
        if campaign_id is not None:
            self.following = FollowSaved(
                self, events.campaigns_changed, campaign_id, self.follow_saved
            )

    def _with_error(self, key: str, widget: QWidget, outlined: QWidget | None = None) -> QWidget:
        return with_error(key, widget, self.errors, outlined)

    def form_input(self) -> CampaignInput:
        """What the form holds, unchecked."""
        return CampaignInput(
            name=self.name.text(),
            brand=self.brand.text(),
            goal=self.goal.toPlainText(),
            starts_on=self.starts.value(),
            ends_on=self.ends.value(),
            budget=self.budget.text(),
            currency=self.currency.currentText(),
            hashtags=self.hashtags.text(),
            mentions=self.mentions.text(),
            brief=self.brief.toPlainText(),
            status=self.status.currentData(),
            version=self._version,
        )

    def form_state(self) -> CampaignInput:
        """What the form holds."""
        return self.form_input()

    def save_changes(self) -> bool:
        """Save as the Save button does (which closes the dialog when it worked)."""
        self._on_save()
        return not self.isVisible()

    def _on_save(self) -> None:
        for error in self.errors.values():
            error.clear_error()
        data, campaign_id = self.form_input(), self.campaign_id
        if campaign_id is None:
            title, action = "New campaign", lambda: campaign_edits.create(self.db, data)
        else:
            title, action = "Edit campaign", lambda: campaign_edits.edit(self.db, campaign_id, data)
        saved = operations.run(self, title, action, form=self.errors, general=self.errors["name"])
        if isinstance(saved.error, EditConflict):
            self._resolve(saved.error)
            return
        if saved.ok:
            done = saved.value
            self.saved_id = int(done.value)  # type: ignore[call-overload]
            name = f"“{data.name.strip()}”"
            step = f"new campaign {name}" if campaign_id is None else f"edit of the campaign {name}"
            undo_commands.remember(self.db, step, done)
            self.accept()

    def _resolve(self, conflict: EditConflict) -> None:
        """Someone saved this campaign since the form opened: compare field by field, take
        the chosen ones of theirs into the form, and save over the newer version. Closing
        the comparison leaves the form as typed (the reason stays under the name)."""
        theirs = conflict.theirs
        assert isinstance(theirs, CampaignInfo)
        mine, loaded = self.form_input(), self._clean_state
        found = list(campaign_differences(mine, loaded, theirs))
        who, me = theirs.changed_by, self.db.author
        put_back = explain_refusal(self, self.errors["name"], conflict, me, theirs.version)
        title = heading(f"the campaign “{theirs.name}”", who, me, put_back)
        keys = taken_from_theirs(self, title, their_version(who, me, put_back), found)
        if keys is None:
            return
        self._take(theirs, keys)
        self._version = theirs.version
        self._on_save()

    def follow_saved(self) -> None:
        """Show the campaign as saved now in each field the user has not edited; edited
        fields stay as typed, and saving them compares both versions first."""
        assert self.campaign_id is not None
        try:
            theirs = campaigns.get_campaign(self.db, self.campaign_id)
        except CampaignNotFound as gone:  # deleted meanwhile: saving will say so too
            self.errors["name"].show_error(str(gone))
            return
        if theirs.version == self._version:
            return
        found = campaign_differences(self.form_input(), self._clean_state, theirs)
        cursor = with_cursor(self, self._fields())
        edited = take_saved(
            self, found, lambda keys: self._take(theirs, keys), cursor, theirs.version
        )
        show_followed(
            self.followed_note,
            self.following.said(
                "This campaign", theirs.changed_by, self.db.author, edited, theirs.version
            ),
        )

    def _fields(self) -> dict[str, QWidget | tuple[QWidget, ...]]:
        """The widgets of each field, by the comparison's keys."""
        return {
            "name": self.name, "brand": self.brand, "goal": self.goal, "brief": self.brief,
            "starts_on": self.starts, "ends_on": self.ends, "status": self.status,
            "budget": (self.budget, self.currency), "hashtags": self.hashtags,
            "mentions": self.mentions,
        }  # fmt: skip

    def _take(self, theirs: CampaignInfo, keys: list[str]) -> None:
        """Show the newer version's value of each of `keys` in the form."""
        texts = {"name": self.name, "brand": self.brand, "hashtags": self.hashtags}
        texts["mentions"] = self.mentions
        for key in keys:
            if key in texts:
                texts[key].setText(getattr(theirs, key) or "")
            elif key in ("goal", "brief"):
                (self.goal if key == "goal" else self.brief).setPlainText(
                    getattr(theirs, key) or ""
                )
            elif key == "status":
                self.status.setCurrentIndex(max(0, self.status.findData(theirs.status)))
            elif key in ("starts_on", "ends_on"):
                field = self.starts if key == "starts_on" else self.ends
                value = getattr(theirs, key)
                field.enabled.setChecked(value is not None)
                if value is not None:
                    field.edit.setDate(QDate(value))
            elif key == "budget":
                self.budget.setText(theirs.budget.plain() if theirs.budget else "")
                self.currency.setCurrentText(theirs.currency)
