"""The outreach settings saved by two people (the test's own `db` signs as Sam, `ana` as Ana):
a value Sam left as his form showed it keeps what Ana saved meanwhile; a value both changed
to different things is refused and Sam's form stays open as he typed it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreements
from infcrm.services.maintenance import settings
from infcrm.services.maintenance.settings_change import SettingsChange, save
from infcrm.services.outreach import followups, interactions, outreach_templates
from infcrm.ui.dialogs.outreach_templates_dialog import OutreachTemplatesDialog
from infcrm.ui.dialogs.settings_dialog import SettingsDialog
from infcrm.ui.dialogs.template_editor_dialog import TemplateEditorDialog


@pytest.fixture
def window(qtbot, open_window, db: Database):
    return open_window(db, view=None)


def _fresh(db: Database) -> Database:
    settings.forget_cached(db)
    return db


def test_settings_keep_the_signing_name_a_teammate_saved_while_they_were_open(
    qtbot, db: Database, ana: Database
) -> None:
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    save(ana, SettingsChange(sender_name="Ana from Oat & Honey", auto_advance=False))

    dialog.outreach.stale_days.setValue(14)  # Sam changes only the waiting days
    dialog.save_button.click()

    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert followups.stale_after_days(_fresh(db)) == 14
    assert agreements.sender_name(db) == "Ana from Oat & Honey"
    assert interactions.auto_advance_enabled(db) is False


def test_waiting_days_both_changed_are_refused_and_the_form_stays_as_typed(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: said.append(text))
    )
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    save(ana, SettingsChange(stale_after_days=10))

    dialog.outreach.stale_days.setValue(14)
    dialog.save_button.click()

    assert dialog.isVisible() and dialog.outreach.stale_days.value() == 14
    assert len(said) == 1 and "waiting for a reply" in said[0] and "Nothing was saved" in said[0]
    assert followups.stale_after_days(_fresh(db)) == 10


def test_a_template_saved_beside_a_signature_left_as_shown_keeps_the_teammates_signature(
    qtbot, window, db: Database, ana: Database
) -> None:
    dialog = OutreachTemplatesDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    save(ana, SettingsChange(signature="Ana\nOat & Honey"))

    dialog.body.setPlainText("Hi {first_name}, a box for you?")  # signature left as shown
    dialog.save_button.click()

    assert outreach_templates.signature(_fresh(db)) == "Ana\nOat & Honey"


def test_a_signing_name_both_changed_is_refused_beside_the_field(
    qtbot, window, db: Database, ana: Database
) -> None:
    dialog = TemplateEditorDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    save(ana, SettingsChange(sender_name="Ana"))

    dialog.signing.setText("Sam")
    dialog.save_button.click()

    assert "Someone else changed the name agreement emails are signed with while" in (
        dialog.errors["sender_name"].message
    )
    assert dialog.signing.text() == "Sam"
    assert agreements.sender_name(_fresh(db)) == "Ana"
