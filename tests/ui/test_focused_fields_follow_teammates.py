"""The field a form puts the cursor in when it opens is no edit of the user's: when Ana saves
a change to it, Sam's open payment, post or campaign form shows her value at once, as it does
for every other field he left as loaded. A field he typed into stays as typed, and saving it
compares both versions (test_open_results_follow_teammates.py)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaign_edits, campaigns, deal_results, deals, result_edits
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    ContentInput,
    DeliverableInput,
    PaymentInput,
)
from infcrm.services.changes import from_tables
from infcrm.ui import operations
from infcrm.ui.dialogs.campaign_dialog import CampaignDialog
from infcrm.ui.dialogs.content_dialog import ContentDialog
from infcrm.ui.dialogs.payment_dialog import PaymentDialog
from tests.order_setup import bake_off
from tests.ui.test_open_forms_follow_teammates import anas_save

MAY = date(2026, 5, 3)
LINK = "https://instagram.com/p/1"


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


def heard() -> None:
    """What Sam's app announces when the server tells it Ana wrote payments, posts and
    campaigns."""
    operations.announce(from_tables(["payment", "content", "campaign"]))


def opened(qtbot, dialog: QDialog) -> QDialog:
    """`dialog` on screen and active, the cursor where it puts it when it opens."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.focusWidget() is not None)
    return dialog


def _sams_payment(qtbot, db: Database) -> tuple[PaymentDialog, int, int]:
    lena = bake_off(db).lena
    paid = deal_results.record_payment(db, lena, PaymentInput(MAY, "200", "EUR", "bank transfer"))
    [item] = deals.get_deal(db, lena).payments
    return opened(qtbot, PaymentDialog(db, item, "Lena Bakes")), lena, paid


def test_the_payment_day_with_the_opening_cursor_shows_the_day_ana_saved(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, lena, paid = _sams_payment(qtbot, db)
    assert dialog.paid_on.hasFocus(), "the form opens with the cursor in its first field"
    result_edits.change_payment(ana, paid, PaymentInput(date(2026, 5, 4), "250", "EUR"), 1)

    heard()

    qtbot.waitUntil(lambda: dialog.amount.text() == "250.00")
    assert dialog.paid_on.date() == QDate(2026, 5, 4)
    assert dialog.followed_note.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes()
    dialog._on_save()  # nothing to compare: saved over Ana's version at once
    assert not dialog.isVisible()
    [now] = deals.get_deal(ana, lena).payments
    assert (now.paid_on, now.amount.plain()) == (date(2026, 5, 4), "250.00")


def test_the_post_piece_with_the_opening_cursor_shows_the_piece_ana_chose(
    qtbot, db: Database, ana: Database
) -> None:
    lena = bake_off(db).lena
    anas_save(db, lena, deliverables=(DeliverableInput("instagram", "reel"),))
    post = deal_results.record_content(
        db, lena, ContentInput("instagram", MAY, url=LINK, format="reel", likes="300")
    )
    deal = deals.get_deal(db, lena)
    dialog = opened(qtbot, ContentDialog(db, deal, post=deal.content[0]))
    assert dialog.deliverable.hasFocus(), "the form opens with the cursor in its first field"
    assert dialog.deliverable.currentData() is None
    reel = deal.deliverables[0].id
    changed = ContentInput("instagram", MAY, url=LINK, format="reel", likes="300",
                           deliverable_id=reel)  # fmt: skip
    result_edits.change_post(ana, post, changed, 1)

    heard()

    qtbot.waitUntil(lambda: dialog.deliverable.currentData() == reel)
    assert dialog.followed_note.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes()
    dialog.reject()


def test_the_campaign_name_with_the_opening_cursor_shows_the_name_ana_saved(
    qtbot, db: Database, ana: Database
) -> None:
    summer = campaigns.create_campaign(db, CampaignInput("Summer launch", brief="Sunny"))
    dialog = opened(qtbot, CampaignDialog(db, summer))
    assert dialog.name.hasFocus(), "the form opens with the cursor in the name"
    campaign_edits.edit(ana, summer, CampaignInput("Summer launch 2026", brief="Sunny", version=1))

    heard()

    qtbot.waitUntil(lambda: dialog.name.text() == "Summer launch 2026")
    assert dialog.followed_note.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes()
    dialog.reject()


def test_a_field_sam_typed_in_and_saved_shows_what_ana_saves_next(
    qtbot, db: Database, ana: Database
) -> None:
    from infcrm.ui.dialogs.deal_dialog import DealDialog

    lena = bake_off(db).lena
    dialog = opened(qtbot, DealDialog(db, lena))
    dialog.usage.setFocus()
    qtbot.waitUntil(dialog.usage.hasFocus)
    qtbot.keyClicks(dialog.usage, "Repost 1 month")
    assert dialog.save_terms()  # the cursor stays in the field: his typing there is saved
    anas_save(ana, lena, usage_rights="Repost 3 months")

    operations.announce(from_tables(["deal"]))

    qtbot.waitUntil(lambda: dialog.usage.text() == "Repost 3 months")
    assert dialog.terms_status.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes()


def test_the_words_sam_selected_in_the_notes_stay_selected_when_ana_saves_another_field(
    qtbot, db: Database, ana: Database
) -> None:
    from PySide6.QtGui import QTextCursor

    from infcrm.ui.dialogs.deal_dialog import DealDialog

    lena = bake_off(db).lena
    anas_save(db, lena, notes="Ships in May with the oat tin")
    dialog = opened(qtbot, DealDialog(db, lena))
    dialog.notes.setFocus()
    qtbot.waitUntil(dialog.notes.hasFocus)
    cursor = dialog.notes.textCursor()
    cursor.setPosition(9)
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 3)
    dialog.notes.setTextCursor(cursor)  # “May”, about to be replaced
    anas_save(ana, lena, usage_rights="Repost 3 months")

    operations.announce(from_tables(["deal"]))

    qtbot.waitUntil(lambda: dialog.usage.text() == "Repost 3 months")
    assert dialog.notes.textCursor().selectedText() == "May"
