"""Saving Settings is one step of Edit › Undo (“Undo change of settings”): Ctrl+Z puts every
value the dialog stored back as it was (the rows exactly, and the list's tiers with them),
Ctrl+Shift+Z stores them again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform, Tier
from infcrm.services.campaigns import agreements
from infcrm.services.maintenance import settings
from infcrm.services.outreach import followups, interactions
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.main_window import MainWindow
from infcrm.ui.models.engagement_bands_table_model import LOW_BELOW
from tests.table_dump import everything
from tests.undo_screen import redo, undo


def _undo_text(window: MainWindow) -> str:
    undo = QKeySequence(QKeySequence.StandardKey.Undo)
    action = next(a for a in window.menus["edit"].actions() if a.shortcut() == undo)
    return action.text().replace("&", "")


def _open_settings(qtbot, window: MainWindow):
    window._on_settings()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_one_save_of_settings_is_undone_and_redone_whole(qtbot, open_window, db: Database) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Eli",
            accounts=(AccountInput(platform="instagram", handle="eli", followers="8k"),),
        ),
    )
    settings.set_default_currency(db, "GBP")  # one value set before, the others never were
    window = open_window(db)
    view = window.views["influencers"]
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 1)

    def tier() -> str:
        return view.model.index(0, view.model.column_of("tier")).data()

    assert tier() == "Nano"
    before = everything(db)

    dialog = _open_settings(qtbot, window)
    dialog.threshold_edits["micro"].setText("5k")
    row = dialog.model.rows.index((Platform.INSTAGRAM, Tier.MICRO))
    dialog.model.setData(dialog.model.index(row, LOW_BELOW), "2%", Qt.ItemDataRole.EditRole)
    dialog.currency.setCurrentText("USD")
    dialog.outreach.stale_days.setValue(10)
    dialog.outreach.auto_advance.setChecked(False)
    dialog.outreach.sender.setText("Maria from Oat & Honey")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert _undo_text(window) == "Undo change of settings"
    assert window.undo_stack.count() == 1  # six values, one step
    qtbot.waitUntil(lambda: tier() == "Micro")
    after = everything(db)

    undo(qtbot, window)

    assert everything(db) == before
    assert settings.default_currency(db) == "GBP"
    assert followups.stale_after_days(db) == 7
    assert interactions.auto_advance_enabled(db) is True
    assert agreements.sender_name(db) == ""
    qtbot.waitUntil(lambda: tier() == "Nano")
    again = _open_settings(qtbot, window)  # the dialog shows the values as they were
    assert again.threshold_edits["micro"].text() == "10,000"
    assert again.currency.currentText() == "GBP"
    assert again.outreach.stale_days.value() == 7
    assert again.outreach.sender.text() == ""
    again.reject()  # nothing edited: closes without asking

    redo(qtbot, window)

    assert everything(db) == after
    assert settings.tier_thresholds(db).micro == 5_000
    qtbot.waitUntil(lambda: tier() == "Micro")
    assert _undo_text(window) == "Undo change of settings"


def test_a_refused_value_stores_none_of_the_others_and_adds_no_step(
    qtbot, open_window, db: Database
) -> None:
    window = open_window(db, view=None)
    before = everything(db)
    dialog = _open_settings(qtbot, window)
    dialog.currency.setCurrentText("USD")
    dialog.outreach.sender.setText("Maria\x07")
    dialog.save_button.click()
    assert "control character" in dialog.outreach.sender_error.message
    assert dialog.isVisible()
    assert everything(db) == before  # the currency waited for the name
    assert window.undo_stack.count() == 0
    dialog.outreach.sender.setText("Maria")
    dialog.save_button.click()
    assert settings.default_currency(db) == "USD" and agreements.sender_name(db) == "Maria"
    assert window.undo_stack.count() == 1


def test_saving_only_the_colours_adds_no_step(qtbot, open_window, db: Database) -> None:
    window = open_window(db, view=None)
    dialog = _open_settings(qtbot, window)
    dialog.reminders.setChecked(not dialog.reminders.isChecked())  # kept by this computer
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.undo_stack.count() == 0
