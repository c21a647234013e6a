"""An open deal window (and campaign form) follows what a teammate saves on its record: Sam
has the window open (`db`); Ana saves from a second copy of the app on the same database
(`ana`). Her save reaches Sam's window as the app-wide events (on a server the window hears
the server's notice, see test_team_screens.py; here it is announced as that notice is), and a
refused undo names her."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaign_edits, campaigns, deal_edits, deals
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
    PaymentInput,
)
from infcrm.services.changes import from_tables
from infcrm.ui import operations
from infcrm.ui.dialogs.campaign_dialog import CampaignDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.dialogs.edit_conflict_dialog import MINE, EditConflictDialog
from infcrm.ui.main_window import MainWindow
from tests.deal_forms import terms_form
from tests.order_setup import bake_off
from tests.ui.comparing import answer_comparison
from tests.undo_screen import redo, undo


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


def anas_save(ana: Database, deal: int, **values: object) -> None:
    """Ana saves the deal's terms with `values` changed, from her own copy of the app."""
    deal_edits.edit_terms(ana, deal, terms_form(deals.get_deal(ana, deal), **values))


def heard() -> None:
    """What Sam's window announces when the server tells it Ana wrote deals and payments."""
    operations.announce(from_tables(["deal", "incentive", "deliverable", "payment"]))


def _sams_window(qtbot, db: Database) -> tuple[DealDialog, int]:
    lena = bake_off(db).lena
    deals.save_terms(db, lena, DealTermsInput(incentives=(IncentiveInput("fee", value="300"),)))
    dialog = DealDialog(db, lena)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, lena


def test_what_ana_saves_shows_in_sams_open_deal_window(qtbot, db: Database, ana: Database) -> None:
    dialog, lena = _sams_window(qtbot, db)
    anas_save(
        ana,
        lena,
        incentives=(IncentiveInput("fee", value="450"),),
        deliverables=(DeliverableInput("instagram", "reel", due_date=date(2099, 4, 20)),),
        usage_rights="Repost 3 months",
    )
    deal_edits.add_payment(ana, lena, PaymentInput(date(2026, 4, 2), "200"))

    heard()

    qtbot.waitUntil(lambda: dialog.usage.text() == "Repost 3 months")
    assert [line.value_input().value for line in dialog.incentives.lines] == ["450.00"]
    assert len(dialog.deliverables.lines) == 1
    assert dialog.payment_model.rowCount() == 1
    assert "Instagram reel: 0 of 1, due 20 Apr" in dialog.progress.text()
    assert "still owed: €250.00" in dialog.owed.text()
    assert dialog.terms_status.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes(), "nothing of Sam's to save"
    dialog.notes.setPlainText("Ships in May")
    assert dialog.save_terms() and dialog.terms_status.text() == "Saved.", "no comparison"
    now = deals.get_deal(ana, lena)
    assert (now.usage_rights, now.notes) == ("Repost 3 months", "Ships in May")


def test_what_sam_is_typing_stays_and_saving_it_compares_with_anas(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_window(qtbot, db)
    dialog.notes.setPlainText("Ships in May")
    anas_save(ana, lena, notes="Ships in June", usage_rights="Repost 3 months")

    heard()

    qtbot.waitUntil(lambda: dialog.usage.text() == "Repost 3 months")
    assert dialog.notes.toPlainText() == "Ships in May", "not overwritten under his cursor"
    assert dialog.has_unsaved_changes()
    assert "saved by Ana while you were editing" in dialog.terms_status.text()

    def keep_mine(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {"notes": ("Ships in May", "Ships in June")}
        assert comparing.radios[("notes", MINE)].isChecked()
        return True

    seen = answer_comparison(monkeypatch, keep_mine)
    assert dialog.save_terms()

    assert len(seen) == 1
    now = deals.get_deal(ana, lena)
    assert (now.usage_rights, now.notes) == ("Repost 3 months", "Ships in May")
    assert not dialog.has_unsaved_changes()


def test_sams_own_save_is_not_taken_for_a_teammates(qtbot, db: Database) -> None:
    dialog, lena = _sams_window(qtbot, db)
    dialog.usage.setText("Repost 1 month")
    assert dialog.save_terms()
    qtbot.wait(50)  # the save's own announcement has been handled
    assert dialog.terms_status.text() == "Saved."
    assert deals.get_deal(db, lena).usage_rights == "Repost 1 month"


def test_ctrl_z_of_sams_deal_edit_names_ana_who_saved_the_deal_since(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text) or 0
    )
    lena = bake_off(db).lena
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    dialog = DealDialog(db, lena, window)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("Ships in May")
    assert dialog.save_terms()
    dialog.close()
    anas_save(ana, lena, usage_rights="Repost 3 months")

    undo(qtbot, window)

    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert (
        "Ana changed the deal of “Lena Bakes” in “Spring Bake-Off” after this step" in (warnings[0])
    )
    now = deals.get_deal(db, lena)
    assert (now.notes, now.usage_rights) == ("Ships in May", "Repost 3 months")
    assert window.undo_stack.undoText() == "edit of the deal of “Lena Bakes” in “Spring Bake-Off”"


def test_an_open_campaign_form_takes_anas_brand_and_keeps_sams_brief(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    summer = campaigns.create_campaign(db, CampaignInput("Summer launch", brief="Sunny"))
    dialog = CampaignDialog(db, summer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.brief.setPlainText("Rainy")
    campaign_edits.edit(
        ana, summer, CampaignInput("Summer launch", brand="Oat & Honey", brief="Cloudy", version=1)
    )

    operations.announce(from_tables(["campaign"]))

    qtbot.waitUntil(lambda: dialog.brand.text() == "Oat & Honey")
    assert dialog.brief.toPlainText() == "Rainy", "not overwritten under her cursor"
    assert "saved by Ana while you were editing" in dialog.followed_note.text()

    def keep_mine(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {"brief": ("Rainy", "Cloudy")}
        return True

    seen = answer_comparison(monkeypatch, keep_mine)
    dialog._on_save()

    assert len(seen) == 1 and not dialog.isVisible()
    now = campaigns.get_campaign(db, summer)
    assert (now.brand, now.brief) == ("Oat & Honey", "Rainy")


def test_a_deal_ana_took_out_of_the_campaign_says_so_in_sams_window(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, lena = _sams_window(qtbot, db)
    campaign_edits.take_out(ana, [lena])

    heard()

    qtbot.waitUntil(lambda: "no longer exists" in dialog.terms_error.text())
    assert "Lena Bakes's deal in “Spring Bake-Off”" in dialog.terms_error.text()


def _cursor_in(qtbot, dialog, field) -> None:
    """Sam clicks into `field` (nothing typed yet)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def test_the_field_sam_only_clicked_into_shows_what_ana_saved(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, lena = _sams_window(qtbot, db)
    _cursor_in(qtbot, dialog, dialog.usage)
    anas_save(ana, lena, usage_rights="Repost 3 months")

    heard()

    qtbot.waitUntil(lambda: dialog.usage.text() == "Repost 3 months")
    assert dialog.usage.hasFocus(), "the cursor stays in the field"
    assert dialog.terms_status.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes()


def test_the_field_sam_is_typing_in_stays_and_saving_compares(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_window(qtbot, db)
    dialog.usage.setText("Repost 1 month")
    assert dialog.save_terms()
    _cursor_in(qtbot, dialog, dialog.usage)
    dialog.usage.setCursorPosition(6)
    qtbot.keyClicks(dialog.usage, "x")
    qtbot.keyClick(dialog.usage, Qt.Key.Key_Backspace)  # as saved, but he is typing there
    anas_save(ana, lena, usage_rights="Repost 3 months", notes="Ships in June")

    heard()

    qtbot.waitUntil(lambda: dialog.notes.toPlainText() == "Ships in June")
    assert dialog.usage.text() == "Repost 1 month", "not replaced under his cursor"
    assert dialog.usage.hasFocus() and dialog.usage.cursorPosition() == 6
    assert "saved by Ana while you were editing" in dialog.terms_status.text()

    def keep_mine(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {"usage_rights": ("Repost 1 month", "Repost 3 months")}
        comparing.radios[("usage_rights", MINE)].setChecked(True)
        return True

    seen = answer_comparison(monkeypatch, keep_mine)
    assert dialog.save_terms()

    assert len(seen) == 1
    now = deals.get_deal(ana, lena)
    assert (now.usage_rights, now.notes) == ("Repost 1 month", "Ships in June")


def test_the_campaign_field_sam_is_typing_in_keeps_its_value(
    qtbot, db: Database, ana: Database
) -> None:
    summer = campaigns.create_campaign(db, CampaignInput("Summer launch", brief="Sunny"))
    dialog = CampaignDialog(db, summer)
    qtbot.addWidget(dialog)
    dialog.show()
    _cursor_in(qtbot, dialog, dialog.brand)
    qtbot.keyClicks(dialog.brand, "O")
    qtbot.keyClick(dialog.brand, Qt.Key.Key_Backspace)  # empty still, but she is typing there
    campaign_edits.edit(
        ana, summer, CampaignInput("Summer launch", brand="Oat & Honey", brief="Cloudy", version=1)
    )

    operations.announce(from_tables(["campaign"]))

    qtbot.waitUntil(lambda: dialog.brief.toPlainText() == "Cloudy")
    assert dialog.brand.text() == "" and dialog.brand.hasFocus()
    assert "saved by Ana while you were editing" in dialog.followed_note.text()
    dialog.close()
    assert not dialog.isVisible()


def test_sams_own_undo_in_his_open_deal_window_is_not_said_to_be_anas_save(
    qtbot, db: Database, ana: Database
) -> None:
    lena = bake_off(db).lena
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    anas_save(ana, lena, usage_rights="Repost 3 months")
    dialog = DealDialog(db, lena, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setPlainText("Ships in May")
    assert dialog.save_terms()

    undo(qtbot, window)

    qtbot.waitUntil(lambda: dialog.notes.toPlainText() == "")
    assert dialog.usage.text() == "Repost 3 months"
    assert "Ana" not in dialog.terms_status.text()
    assert dialog.terms_status.text() == "Updated with what Undo put back just now."
    assert not dialog.has_unsaved_changes()

    redo(qtbot, window)

    qtbot.waitUntil(lambda: dialog.notes.toPlainText() == "Ships in May")
    assert dialog.terms_status.text() == "Updated with what Redo put back just now."
    dialog.close()


def test_a_teammates_notice_heard_just_after_sams_undo_leaves_the_undo_named(
    qtbot, db: Database, ana: Database
) -> None:
    """On a server, the notice of Ana's save (made before Sam opened the deal) can come in
    just after his Undo, before his window has caught up: it then said the Undo's result was
    what Ana saved."""
    lena = bake_off(db).lena
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    anas_save(ana, lena, usage_rights="Repost 3 months")
    dialog = DealDialog(db, lena, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setPlainText("Ships in May")
    assert dialog.save_terms()

    window.undo_stack.undo()  # announces the deal as put back by Undo...
    operations.announce(from_tables(["deal"]))  # ...and Ana's notice comes in at once

    qtbot.waitUntil(lambda: dialog.notes.toPlainText() == "")
    assert dialog.terms_status.text() == "Updated with what Undo put back just now."
    dialog.close()
