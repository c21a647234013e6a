"""Settings: follower tiers, engagement benchmarks, money, outreach rules and light or dark.

Saving stores every changed value kept in the database in one transaction, one step of
Edit › Undo (“Undo change of settings”). The colours and the reminders are kept by this
computer (QSettings), not in the file: they are not undone, as they are not part of the data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import Tier
from infcrm.domain.metrics import EngagementBands, TierThresholds
from infcrm.domain.money import COMMON_CURRENCIES, CURRENCIES
from infcrm.domain.numbers import format_count, parse_count
from infcrm.services.campaigns import campaigns
from infcrm.services.maintenance import settings, settings_change
from infcrm.services.maintenance.settings_change import SettingsChange
from infcrm.ui import icons, operations, theme, undo_commands
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing, model_snapshot
from infcrm.ui.models.engagement_bands_table_model import (
    LOW_BELOW,
    PLATFORM,
    EngagementBandsTableModel,
)
from infcrm.ui.reminders import reminders_enabled, set_reminders_enabled
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.keyboard import tab_leaves
from infcrm.ui.widgets.outreach_settings import OutreachSettingsGroup

_TIERS = (("micro", "Micro starts at"), ("macro", "Macro starts at"), ("mega", "Mega starts at"))
_MAX_SHOWN_ERRORS = 3
_THEME_ICONS = {"system": "theme", "light": "light", "dark": "dark"}


KEEP_THEIR_OWN = (
    "New campaigns start in this currency (each can still choose another). Campaigns you "
    "already have keep their own currency, and so do their deals: money already agreed is "
    "never converted."
)


def currency_note(chosen: str, saved: str, campaigns_in: Mapping[str, int]) -> str:
    """What choosing `chosen` (the saved one being `saved`) does to the campaigns there are,
    by currency: nothing — they and their deals keep theirs — said with their numbers."""
    if chosen == saved or not campaigns_in:
        return KEEP_THEIR_OWN
    if len(campaigns_in) == 1:
        [(code, count)] = campaigns_in.items()
        yours = f"Your {count:,} campaign{'s' if count != 1 else ''} in {code}"
        return (
            f"New campaigns will start in {chosen}. {yours} and their deals stay in {code}: "
            "money already agreed is never converted."
        )
    each = ", ".join(f"{n:,} in {code}" for code, n in sorted(campaigns_in.items()))
    return (
        f"New campaigns will start in {chosen}. Your campaigns ({each}) and their deals keep "
        "their currencies: money already agreed is never converted."
    )


def describe_tiers(thresholds: TierThresholds) -> str:
    """The four tiers in words: “Nano: under 10k followers · Micro: 10k to under 100k · …”."""
    micro, macro, mega = (
        format_count(v) for v in (thresholds.micro, thresholds.macro, thresholds.mega)
    )
    return (
        f"Nano: under {micro} followers · Micro: {micro} to under {macro} · "
        f"Macro: {macro} to under {mega} · Mega: {mega} and more"
    )


class SettingsDialog(AsksBeforeClosing, QDialog):
    """Tier thresholds and engagement benchmarks, checked as typed and saved together."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Settings")
        self._saved_thresholds = settings.tier_thresholds(db)
        self._saved_bands = settings.engagement_bands(db)

        self.threshold_edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, FieldError] = {}
        tiers = QGroupBox("Follower tiers")
        grid = QGridLayout(tiers)
        for column, (key, caption) in enumerate(_TIERS):
            edit = QLineEdit()
            edit.setAccessibleName(caption)
            edit.setToolTip("A number of followers, like 10,000 or 10k")
            edit.textEdited.connect(self._on_thresholds_edited)
            label = QLabel(caption)
            label.setBuddy(edit)
            error = FieldError(edit)
            self.threshold_edits[key] = edit
            self.errors[key] = error
            grid.addWidget(label, 0, column)
            grid.addWidget(edit, 1, column)
            grid.addWidget(error, 2, column, Qt.AlignmentFlag.AlignTop)
        self.tier_words = QLabel()
        self.tier_words.setWordWrap(True)
        grid.addWidget(self.tier_words, 3, 0, 1, 3)

        benchmarks = QGroupBox("Engagement benchmarks")
        explain = QLabel(
            "Engagement rate = (average likes + average comments) ÷ followers. Below “low below” "
            "a rate counts as low, from “high from” as high, and from “suspicious from” as "
            "suspiciously high (often bought likes or engagement groups)."
        )
        explain.setWordWrap(True)
        self.model = EngagementBandsTableModel(self._saved_bands, self)
        self.model.dataChanged.connect(self._show_band_errors)
        self.model.modelReset.connect(self._show_band_errors)
        self.table = QTableView()
        tab_leaves(self.table)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Engagement benchmarks per platform and tier")
        # One platform name beside its four tiers reads as a table of groups, not a list.
        tiers_per_platform = len(Tier)
        for start in range(0, self.model.rowCount(), tiers_per_platform):
            self.table.setSpan(start, PLATFORM, tiers_per_platform, 1)
        self.band_errors = FieldError(self.table)
        band_layout = QVBoxLayout(benchmarks)
        band_layout.addWidget(explain)
        band_layout.addWidget(self.table, 1)
        band_layout.addWidget(self.band_errors)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save the settings; every list and form uses them at once")
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setText("Restore defaults")  # Qt's own is in title case
        self.restore_button.setToolTip(
            "Put back the standard tiers, benchmarks and outreach rules (then Save)"
        )
        self.restore_button.clicked.connect(self._on_restore_defaults)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)

        money = QGroupBox("Money")
        money_form = QFormLayout(money)
        self.currency = QComboBox()
        self.currency.setObjectName("default_currency")
        others = sorted(CURRENCIES.difference(COMMON_CURRENCIES))
        self.currency.addItems([*COMMON_CURRENCIES, *others])
        self.currency.insertSeparator(len(COMMON_CURRENCIES))
        self._saved_currency = settings.default_currency(db)
        self.currency.setCurrentText(self._saved_currency)
        self.currency.setToolTip(
            "New campaigns, and with them their budgets, fees, values and revenue, start in "
            "this currency; each campaign can still choose its own."
        )
        money_form.addRow("Default currency", self.currency)
        self._campaigns_in = Counter(c.currency for c in campaigns.list_campaigns(db))
        self.currency_note = QLabel(KEEP_THEIR_OWN)
        self.currency_note.setObjectName("currency_note")
        self.currency_note.setWordWrap(True)
        theme.set_role(self.currency_note, "secondary")
        self.currency.currentTextChanged.connect(
            lambda code: self.currency_note.setText(
                currency_note(code, self._saved_currency, self._campaigns_in)
            )
        )
        money_form.addRow(self.currency_note)

        appearance = QGroupBox("Appearance")
        appearance_form = QFormLayout(appearance)
        self.theme_choice = QComboBox()
        self.theme_choice.setObjectName("theme")
        for value, words in theme.PREFERENCES:
            self.theme_choice.addItem(icons.icon(_THEME_ICONS[value]), words, value)
        self.theme_choice.setCurrentIndex(self.theme_choice.findData(theme.preference()))
        self.theme_choice.setToolTip(
            "Light or dark colours; “Match the system” follows your computer's setting, "
            "also when it changes during the day."
        )
        appearance_form.addRow("Colours", self.theme_choice)
        self.reminders = QCheckBox("Remind me when a follow-up falls due")
        self.reminders.setObjectName("reminders")
        self.reminders.setChecked(reminders_enabled())
        self.reminders.setToolTip(
            "While infcrm runs, a notification (or a banner in the window) at each follow-up's "
            "time, or at 09:00 on a day without one"
        )
        appearance_form.addRow("Reminders", self.reminders)
        top = QHBoxLayout()
        top.addWidget(money, 1)
        top.addWidget(appearance, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tiers)
        layout.addWidget(benchmarks, 1)
        self.outreach = OutreachSettingsGroup(db)
        layout.addWidget(self.outreach)
        layout.addWidget(buttons)
        self._show_thresholds(self._saved_thresholds)
        comfortable_size(self, 720, 760)
        self.mark_clean()

    # Tiers --------------------------------------------------------------------------------

    def _show_thresholds(self, thresholds: TierThresholds) -> None:
        for key, edit in self.threshold_edits.items():
            edit.setText(f"{getattr(thresholds, key):,}")
            self.errors[key].clear_error()
        self.tier_words.setText(describe_tiers(thresholds))

    def _read_thresholds(self) -> TierThresholds | None:
        """The thresholds typed, or None after showing what is wrong beside each field."""
        values: dict[str, int] = {}
        for key, caption in _TIERS:
            tier = caption.split()[0]
            try:
                value = parse_count(self.threshold_edits[key].text(), what="followers")
            except ValueError as exc:
                self.errors[key].show_error(str(exc))
                continue
            if value is None or value <= 0:
                self.errors[key].show_error(f"Enter where {tier} starts, like 10,000 or 10k.")
                continue
            values[key] = value
        if len(values) < len(_TIERS):
            return None
        order = [key for key, _caption in _TIERS]
        for lower, upper in pairwise(order):
            if values[upper] <= values[lower]:
                self.errors[upper].show_error(
                    f"{upper.capitalize()} must start above {lower} ({values[lower]:,} followers)."
                )
                return None
        return TierThresholds(**values)

    def _on_thresholds_edited(self) -> None:
        for error in self.errors.values():
            error.clear_error()
        thresholds = self._read_thresholds()
        if thresholds is not None:
            self.tier_words.setText(describe_tiers(thresholds))

    # Bands --------------------------------------------------------------------------------

    def _show_band_errors(self) -> None:
        problems = list(self.model.errors().values())
        if not problems:
            self.band_errors.clear_error()
            return
        shown = problems[:_MAX_SHOWN_ERRORS]
        if len(problems) > len(shown):
            shown.append(f"…and {len(problems) - len(shown)} more rows (shown in red).")
        self.band_errors.show_error("\n".join(shown))

    def _first_bad_band_row(self) -> int | None:
        rows = sorted(self.model.errors())
        return rows[0] if rows else None

    # Buttons ------------------------------------------------------------------------------

    def _on_restore_defaults(self) -> None:
        self._show_thresholds(TierThresholds())
        self.model.load(EngagementBands())
        self.outreach.restore_defaults()

    def form_state(self) -> object:
        """Every field and every benchmark cell."""
        return (super().form_state(), model_snapshot(self.model))

    def _refused(self, errors: Mapping[str, str]) -> None:
        left = self.outreach.show_errors(errors)
        if left:
            QMessageBox.warning(self, "Settings", " ".join(left.values()))

    def save_changes(self) -> bool:
        """Save as the Save button does (which closes the dialog when it worked)."""
        self._on_save()
        return not self.isVisible()

    def _on_save(self) -> None:
        for error in self.errors.values():
            error.clear_error()
        thresholds = self._read_thresholds()
        bad_row = self._first_bad_band_row()
        if thresholds is None:
            first = next(k for k, _c in _TIERS if self.errors[k].message)
            self.threshold_edits[first].setFocus()
            return
        if bad_row is not None:
            self.table.setCurrentIndex(self.model.index(bad_row, LOW_BELOW))
            self.table.scrollTo(self.table.currentIndex())
            self.table.setFocus()
            return
        bands, currency = self.model.bands(), self.currency.currentText()
        change = SettingsChange(
            tier_thresholds=thresholds if thresholds != self._saved_thresholds else None,
            engagement_bands=bands if bands != self._saved_bands else None,
            default_currency=currency if currency != self._saved_currency else None,
            **self.outreach.changed(),  # type: ignore[arg-type]
            # What the dialog showed: a teammate's save meanwhile is kept where this one
            # leaves it alone (services/maintenance/settings_merge.py).
            seen={
                settings.TIER_THRESHOLDS: self._saved_thresholds.to_dict(),
                settings.ENGAGEMENT_BANDS: self._saved_bands.to_dict(),
                settings.DEFAULT_CURRENCY: self._saved_currency,
                **self.outreach.seen(),
            },
        )
        saved = operations.run(
            self, "Settings", lambda: settings_change.save(self.db, change), form=self._refused
        )
        if not saved.ok:
            return
        self.outreach.saved()
        if saved.value is not None and saved.value.value:
            done = saved.value  # one step for every value stored in the file
            undo_commands.remember(self.db, "change of settings", done)  # type: ignore[arg-type]
        set_reminders_enabled(self.reminders.isChecked())
        if self.theme_choice.currentData() != theme.preference():
            theme.set_preference(self.theme_choice.currentData())  # switches at once
        self.accept()
