"""The Outreach group of Settings: automatic move on first contact and the “waiting” delay."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.services.outreach import followups, interactions
from infcrm.ui.dialogs.settings_dialog import SettingsDialog


def test_outreach_settings_are_shown_and_saved(qtbot, db: Database) -> None:
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.outreach.auto_advance.isChecked()
    assert dialog.outreach.stale_days.value() == 7
    dialog.outreach.auto_advance.setChecked(False)
    dialog.outreach.stale_days.setValue(10)
    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert interactions.auto_advance_enabled(db) is False
    assert followups.stale_after_days(db) == 10


def test_restore_defaults_puts_back_the_outreach_settings(qtbot, db: Database) -> None:
    interactions.set_auto_advance(db, False)
    followups.set_stale_after_days(db, 30)
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    assert not dialog.outreach.auto_advance.isChecked()
    assert dialog.outreach.stale_days.value() == 30
    dialog.restore_button.click()
    dialog.save_button.click()
    assert interactions.auto_advance_enabled(db) is True
    assert followups.stale_after_days(db) == 7


def test_cancel_keeps_the_saved_outreach_settings(qtbot, db: Database, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(  # "Save your changes?" — Discard
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    )
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.outreach.stale_days.setValue(3)
    dialog.reject()
    assert followups.stale_after_days(db) == 7


def test_the_agreement_signature_is_saved_and_a_control_character_refused(
    qtbot, db: Database
) -> None:
    from infcrm.services.campaigns import agreements

    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.outreach.sender.setText("Maria\x07")
    dialog.save_button.click()
    assert "control character" in dialog.outreach.sender_error.message
    assert agreements.sender_name(db) == ""
    dialog.outreach.sender.setText("Maria from Oat & Honey")
    dialog.save_button.click()
    assert agreements.sender_name(db) == "Maria from Oat & Honey"
