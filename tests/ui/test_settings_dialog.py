"""The settings dialog: tier thresholds and engagement benchmarks, checked and saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform, Tier
from infcrm.domain.metrics import BandLimits, EngagementBands, TierThresholds
from infcrm.services.maintenance import settings
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.dialogs.settings_dialog import SettingsDialog
from infcrm.ui.events import events
from infcrm.ui.models.engagement_bands_table_model import (
    HIGH_FROM,
    LOW_BELOW,
    SUSPICIOUS_FROM,
    EngagementBandsTableModel,
)


@pytest.fixture
def dialog(qtbot, db: Database) -> SettingsDialog:
    widget = SettingsDialog(db)
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def _retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _row(model: EngagementBandsTableModel, platform: Platform, tier: Tier) -> int:
    return model.rows.index((platform, tier))


def _edit_cell(qtbot, dialog: SettingsDialog, row: int, column: int, text: str) -> None:
    """Type into a table cell as a user does: select it, type, press Enter."""
    index = dialog.model.index(row, column)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    with qtbot.waitSignal(dialog.model.dataChanged):  # the view commits on its next pass
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_model_is_a_sound_qt_model(qtmodeltester) -> None:
    qtmodeltester.check(EngagementBandsTableModel(EngagementBands()))


def test_shows_the_current_settings_in_words(dialog: SettingsDialog) -> None:
    assert [e.text() for e in dialog.threshold_edits.values()] == ["10,000", "100,000", "1,000,000"]
    assert dialog.tier_words.text() == (
        "Nano: under 10k followers · Micro: 10k to under 100k · "
        "Macro: 100k to under 1M · Mega: 1M and more"
    )
    model = dialog.model
    row = _row(model, Platform.INSTAGRAM, Tier.MICRO)
    assert [model.index(row, c).data() for c in (LOW_BELOW, HIGH_FROM, SUSPICIOUS_FROM)] == [
        "1%",
        "3%",
        "10%",
    ]
    assert model.rowCount() == len(Platform) * len(Tier)


def test_lower_micro_threshold_changes_an_accounts_tier(qtbot, dialog, db: Database) -> None:
    person_id = influencers.create(
        db,
        InfluencerInput(
            display_name="Eli",
            accounts=(AccountInput(platform="instagram", handle="eli", followers="8k"),),
        ),
    )
    assert influencers.get(db, person_id).accounts[0].tier == "nano"
    _retype(qtbot, dialog.threshold_edits["micro"], "5k")
    assert dialog.tier_words.text().startswith("Nano: under 5k followers · Micro: 5k to")
    with qtbot.waitSignal(events.settings_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.tier_thresholds(db) == TierThresholds(5_000, 100_000, 1_000_000)
    assert influencers.get(db, person_id).accounts[0].tier == "micro"


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("macro", "5k", "Macro must start above micro (10,000 followers)."),
        ("mega", "100,000", "Mega must start above macro (100,000 followers)."),
        ("micro", "lots", "“lots” is not a number of followers."),
        ("micro", "", "Enter where Micro starts, like 10,000 or 10k."),
        ("micro", "-10", "cannot be negative"),
    ],
)
def test_thresholds_out_of_order_are_refused_beside_the_field(
    qtbot, dialog: SettingsDialog, db: Database, key: str, text: str, message: str
) -> None:
    _retype(qtbot, dialog.threshold_edits[key], text)
    if not text:
        dialog.threshold_edits[key].clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert message in dialog.errors[key].message
    assert dialog.threshold_edits[key].property("invalid") is True
    assert dialog.focusWidget() is dialog.threshold_edits[key]
    assert dialog.isVisible()
    assert settings.get(db, settings.TIER_THRESHOLDS) is None  # nothing was written


def test_editing_a_band_changes_an_accounts_band(qtbot, dialog, db: Database) -> None:
    person_id = influencers.create(
        db,
        InfluencerInput(
            display_name="Fay",
            accounts=(
                AccountInput(platform="instagram", handle="fay", followers="20k", avg_likes="400"),
            ),
        ),
    )
    assert influencers.get(db, person_id).accounts[0].band == "typical"  # 2% of 20k
    row = _row(dialog.model, Platform.INSTAGRAM, Tier.MICRO)
    _edit_cell(qtbot, dialog, row, LOW_BELOW, "2,5")
    assert dialog.model.index(row, LOW_BELOW).data() == "2.5%"  # tidied as typed
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = settings.engagement_bands(db).limits(Platform.INSTAGRAM, Tier.MICRO)
    assert saved == BandLimits(0.025, 0.03, 0.10)
    assert influencers.get(db, person_id).accounts[0].band == "low"


def test_bands_out_of_order_are_explained_and_nothing_is_saved(
    qtbot, dialog: SettingsDialog, db: Database
) -> None:
    model = dialog.model
    row = _row(model, Platform.TIKTOK, Tier.MACRO)
    _edit_cell(qtbot, dialog, row, HIGH_FROM, "1")
    assert dialog.band_errors.message == "TikTok macro: “high from” must be above “low below”."
    assert model.index(row, HIGH_FROM).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "must be above" in model.index(row, HIGH_FROM).data(Qt.ItemDataRole.ToolTipRole)
    other = _row(model, Platform.X, Tier.NANO)
    _edit_cell(qtbot, dialog, other, SUSPICIOUS_FROM, "abc")
    assert "X (Twitter) nano, suspicious from: “abc” is not a percentage." in (
        dialog.band_errors.message
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.table.currentIndex().row() == row  # the first bad row is brought to view
    assert settings.get(db, settings.ENGAGEMENT_BANDS) is None
    _edit_cell(qtbot, dialog, row, HIGH_FROM, "6%")
    _edit_cell(qtbot, dialog, other, SUSPICIOUS_FROM, "8")
    assert dialog.band_errors.message == ""
    assert not dialog.band_errors.isVisible()


def test_restore_defaults_after_saved_changes(qtbot, db: Database) -> None:
    settings.set_tier_thresholds(db, TierThresholds(5_000, 50_000, 500_000))
    changed = EngagementBands().with_limits(Platform.TIKTOK, Tier.NANO, BandLimits(0.1, 0.2, 0.5))
    settings.set_engagement_bands(db, changed)
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.threshold_edits["micro"].text() == "5,000"
    row = _row(dialog.model, Platform.TIKTOK, Tier.NANO)
    assert dialog.model.index(row, LOW_BELOW).data() == "10%"
    # Named in the dialog's sentence case, and saying all it puts back: the outreach
    # waiting days and the move on a first message too (the tip named only two of three).
    assert dialog.restore_button.text() == "Restore defaults"
    assert dialog.restore_button.toolTip() == (
        "Put back the standard tiers, benchmarks and outreach rules (then Save)"
    )
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.threshold_edits["micro"].text() == "10,000"
    assert dialog.model.index(row, LOW_BELOW).data() == "4%"
    assert settings.tier_thresholds(db).micro == 5_000  # only Save writes
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert settings.tier_thresholds(db) == TierThresholds()
    assert settings.engagement_bands(db) == EngagementBands()


def test_cancel_changes_nothing(qtbot, dialog: SettingsDialog, db: Database, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(  # "Save your changes?" — Discard
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    )
    _retype(qtbot, dialog.threshold_edits["micro"], "5k")
    row = _row(dialog.model, Platform.INSTAGRAM, Tier.NANO)
    _edit_cell(qtbot, dialog, row, LOW_BELOW, "1")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert settings.get(db, settings.ENGAGEMENT_BANDS) is None
    assert settings.tier_thresholds(db) == TierThresholds()


def test_main_window_opens_settings_with_ctrl_comma(qtbot, main_window) -> None:
    action = next(a for a in main_window.menus["edit"].actions() if a.text() == "&Settings…")
    assert action.shortcut().toString() == "Ctrl+,"
    action.trigger()
    dialog = main_window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    dialog.reject()


def test_the_default_currency_is_chosen_from_a_list_and_starts_every_money_field(
    qtbot, dialog: SettingsDialog, db: Database
) -> None:
    from infcrm.ui.dialogs.campaign_dialog import CampaignDialog

    codes = [dialog.currency.itemText(i) for i in range(dialog.currency.count())]
    assert dialog.currency.currentText() == "EUR"
    assert not dialog.currency.isEditable(), "chosen from the list, never typed wrong"
    assert codes[:3] == ["EUR", "USD", "GBP"] and "ZAR" in codes
    dialog.currency.setCurrentText("GBP")
    dialog.save_button.click()
    assert settings.default_currency(db) == "GBP"

    form = CampaignDialog(db)
    qtbot.addWidget(form)
    assert form.currency.currentText() == "GBP"
    form.name.setText("Autumn")
    form.budget.setText("250")
    form._on_save()
    from infcrm.services.campaigns import campaigns

    [summary] = campaigns.list_campaigns(db)
    assert campaigns.get_campaign(db, summary.id).currency == "GBP"


def test_a_reopened_settings_dialog_shows_the_chosen_currency(qtbot, db: Database) -> None:
    settings.set_default_currency(db, "sek")
    widget = SettingsDialog(db)
    qtbot.addWidget(widget)
    assert widget.currency.currentText() == "SEK"


def test_choosing_dark_in_settings_switches_the_look_and_is_remembered(
    qtbot, qapp, db: Database, themed, monkeypatch
) -> None:
    from PySide6.QtGui import QPalette

    from infcrm.ui.theme_tokens import tokens

    monkeypatch.setattr(themed, "system_scheme", lambda: "light")
    themed.refresh()
    first = SettingsDialog(db)
    qtbot.addWidget(first)
    assert first.theme_choice.currentData() == "system"
    first.theme_choice.setCurrentIndex(first.theme_choice.findData("dark"))
    first.save_button.click()
    window = qapp.palette().color(QPalette.ColorRole.Window).name()
    assert window == tokens("dark").colour("window")
    again = SettingsDialog(db)
    qtbot.addWidget(again)
    assert again.theme_choice.currentText() == "Dark"


def test_cancelling_settings_leaves_the_look_as_it_was(
    qtbot, qapp, db: Database, themed, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(themed, "system_scheme", lambda: "light")
    themed.refresh()
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.theme_choice.setCurrentIndex(dialog.theme_choice.findData("dark"))
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )
    dialog.reject()  # asks Save / Discard / Cancel: Discard
    assert not dialog.isVisible()
    assert themed.preference() == "system"
    assert not themed.current().is_dark


def test_a_teammates_save_while_settings_is_open_is_kept_beside_mine(
    qtbot, dialog: SettingsDialog, db: Database, ana: Database
) -> None:
    from infcrm.services.maintenance import settings_change

    # Ana saves a new mega threshold while Sam's Settings is open.
    settings_change.save(ana, settings_change.SettingsChange(TierThresholds(mega=2_000_000)))
    _retype(qtbot, dialog.threshold_edits["micro"], "5k")
    dialog.save_button.click()

    assert not dialog.isVisible()
    settings.forget_cached(db)
    now = settings.tier_thresholds(db)
    assert (now.micro, now.mega) == (5_000, 2_000_000)


def test_a_threshold_a_teammate_changed_too_is_refused_and_the_dialog_stays(
    qtbot, dialog: SettingsDialog, db: Database, ana: Database, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from infcrm.services.maintenance import settings_change

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: told.append(text))
    settings_change.save(ana, settings_change.SettingsChange(TierThresholds(micro=20_000)))
    _retype(qtbot, dialog.threshold_edits["micro"], "5k")
    dialog.save_button.click()

    assert dialog.isVisible() and dialog.threshold_edits["micro"].text() == "5k"
    assert told and "a tier threshold" in told[0] and "Nothing was saved" in told[0]
    settings.forget_cached(db)
    assert settings.tier_thresholds(db).micro == 20_000


def test_changing_the_currency_says_existing_campaigns_and_deals_keep_theirs(
    qtbot, db: Database
) -> None:
    """Choosing USD left the euros already agreed in euros without a word: the dialog says,
    where the currency is chosen, that only new campaigns start in it."""
    from infcrm.services.campaigns import campaigns
    from infcrm.services.campaigns.campaign_types import CampaignInput

    for name in ("Spring", "Summer"):
        campaigns.create_campaign(db, CampaignInput(name=name, currency="EUR"))
    widget = SettingsDialog(db)
    qtbot.addWidget(widget)
    widget.show()
    note = widget.currency_note
    assert note.isVisible()
    assert "keep their own currency" in note.text()
    widget.currency.setCurrentText("USD")
    assert note.text() == (
        "New campaigns will start in USD. Your 2 campaigns in EUR and their deals stay in EUR: "
        "money already agreed is never converted."
    )
    widget.currency.setCurrentText("EUR")
    assert "keep their own currency" in note.text()
