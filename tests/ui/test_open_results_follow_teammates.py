"""An open payment, post or agreement form follows what a teammate saves on it, as the deal
window does (test_open_forms_follow_teammates.py): Sam has the form open (`db`); Ana changes
or deletes the payment, post or draft from a second copy of the app (`ana`), and her save is
heard as the server's notice is."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import (
    agreements,
    campaign_edits,
    deal_edits,
    deal_results,
    deals,
    result_edits,
)
from infcrm.services.campaigns.campaign_types import ContentInput, PaymentInput
from infcrm.services.changes import from_tables
from infcrm.ui import operations
from infcrm.ui.dialogs.agreement_dialog import AgreementDialog
from infcrm.ui.dialogs.content_dialog import ContentDialog
from infcrm.ui.dialogs.edit_conflict_dialog import MINE, EditConflictDialog
from infcrm.ui.dialogs.payment_dialog import PaymentDialog
from tests.order_setup import bake_off
from tests.ui.comparing import answer_comparison

MAY = date(2026, 5, 3)
LINK = "https://instagram.com/p/1"


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


def heard() -> None:
    """What Sam's app announces when the server tells it Ana wrote payments and posts."""
    operations.announce(from_tables(["payment", "content", "agreement"]))


def _sams_payment(qtbot, db: Database) -> tuple[PaymentDialog, int, int]:
    lena = bake_off(db).lena
    paid = deal_results.record_payment(db, lena, PaymentInput(MAY, "200", "EUR", "bank transfer"))
    [item] = deals.get_deal(db, lena).payments
    dialog = PaymentDialog(db, item, "Lena Bakes")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, lena, paid


def test_an_open_payment_takes_anas_amount_and_keeps_sams_reference(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena, paid = _sams_payment(qtbot, db)
    dialog.reference.setText("INV-7")
    result_edits.change_payment(
        ana, paid, PaymentInput(MAY, "250", "EUR", "bank transfer", "INV-9"), 1
    )

    heard()

    qtbot.waitUntil(lambda: dialog.amount.text() == "250.00")
    assert dialog.reference.text() == "INV-7", "not overwritten under his cursor"
    assert "saved by Ana while you were editing" in dialog.followed_note.text()

    def keep_mine(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {"reference": ("INV-7", "INV-9")}
        assert comparing.radios[("reference", MINE)].isChecked()
        return True

    seen = answer_comparison(monkeypatch, keep_mine)
    dialog._on_save()

    assert len(seen) == 1 and not dialog.isVisible()
    [now] = deals.get_deal(ana, lena).payments
    assert (now.amount.plain(), now.reference) == ("250.00", "INV-7")


def test_an_open_payment_with_nothing_typed_takes_anas_save_and_is_clean(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, _lena, paid = _sams_payment(qtbot, db)
    result_edits.change_payment(ana, paid, PaymentInput(MAY, "250", "EUR", "cash", "INV-9"), 1)

    heard()

    qtbot.waitUntil(lambda: dialog.amount.text() == "250.00")
    assert (dialog.method.text(), dialog.reference.text()) == ("cash", "INV-9")
    assert dialog.followed_note.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes()
    dialog.reject()


def test_a_payment_ana_deleted_says_so_in_sams_open_form(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, _lena, paid = _sams_payment(qtbot, db)
    dialog.method.setText("cash")
    result_edits.delete_payment(ana, paid)

    heard()

    qtbot.waitUntil(lambda: "no longer exists" in dialog.general.text())
    assert dialog.method.text() == "cash"
    dialog.reject()
    assert not dialog.isVisible()


def _sams_post(qtbot, db: Database) -> tuple[ContentDialog, int]:
    lena = bake_off(db).lena
    post = deal_results.record_content(
        db, lena, ContentInput("instagram", MAY, url=LINK, format="reel", likes="300")
    )
    deal = deals.get_deal(db, lena)
    dialog = ContentDialog(db, deal, post=deal.content[0])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, post


def test_an_open_post_takes_anas_reach_and_keeps_the_likes_sam_typed(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, post = _sams_post(qtbot, db)
    dialog.fields["likes"].setText("1200")
    changed = ContentInput("instagram", MAY, url=LINK, format="reel", likes="2k", reach="15k")
    result_edits.change_post(ana, post, changed, 1)

    heard()

    qtbot.waitUntil(lambda: dialog.fields["reach"].text() == "15000")
    assert dialog.fields["likes"].text() == "1200"
    assert "saved by Ana while you were editing" in dialog.followed_note.text()
    assert dialog.has_unsaved_changes()
    dialog.reject()
    assert not dialog.isVisible()


def test_a_post_ana_deleted_says_so_in_sams_open_form(qtbot, db: Database, ana: Database) -> None:
    dialog, post = _sams_post(qtbot, db)
    result_edits.delete_content(ana, post)

    heard()

    qtbot.waitUntil(lambda: "no longer exists" in dialog.general.text())
    dialog.reject()


def _sams_agreement(qtbot, db: Database) -> tuple[AgreementDialog, int]:
    lena = bake_off(db).lena
    dialog = AgreementDialog(db, lena)  # writes the first draft from the template
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, lena


def _anas_draft_text(ana: Database, lena: int, body: str) -> None:
    draft = agreements.versions(ana, lena)[0]
    deal_edits.edit_draft(ana, draft.id, draft.subject, body, seen=draft.edit_version)


def test_an_open_agreement_draft_takes_anas_text_and_keeps_sams_subject(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_agreement(qtbot, db)
    dialog.editor.subject.setText("Our bake-off")
    dialog.editor.subject.textEdited.emit("Our bake-off")
    _anas_draft_text(ana, lena, "Hi Lena, Ana here.")

    heard()

    qtbot.waitUntil(lambda: dialog.editor.body.toPlainText() == "Hi Lena, Ana here.")
    assert dialog.editor.subject.text() == "Our bake-off"
    assert "saved by Ana while you were editing" in dialog.followed_note.text()

    def keep_mine(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert list(rows) == ["subject"]
        return True

    seen = answer_comparison(monkeypatch, keep_mine)
    assert dialog.save_draft()

    assert len(seen) == 1
    now = agreements.versions(ana, lena)[0]
    assert (now.subject, now.body) == ("Our bake-off", "Hi Lena, Ana here.")


def test_an_open_agreement_with_nothing_typed_takes_anas_text_and_is_clean(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, lena = _sams_agreement(qtbot, db)
    _anas_draft_text(ana, lena, "Hi Lena, Ana here.")

    heard()

    qtbot.waitUntil(lambda: dialog.editor.body.toPlainText() == "Hi Lena, Ana here.")
    assert dialog.followed_note.text() == "Updated with what Ana saved just now."
    assert not dialog.has_unsaved_changes()
    dialog.reject()


def test_an_agreement_draft_gone_meanwhile_says_so_and_keeps_sams_edits(
    qtbot, db: Database, ana: Database
) -> None:
    dialog, lena = _sams_agreement(qtbot, db)
    dialog.editor.subject.setText("Our bake-off")
    dialog.editor.subject.textEdited.emit("Our bake-off")
    campaign_edits.take_out(ana, [lena])

    heard()

    qtbot.waitUntil(lambda: "no longer exists" in dialog.editor.general_error.text())
    assert dialog.editor.subject.text() == "Our bake-off"
    dialog.reject()
    assert not dialog.isVisible()


def test_sams_own_draft_save_and_sending_are_not_taken_for_a_teammates(
    qtbot, db: Database, monkeypatch
) -> None:
    dialog, _lena = _sams_agreement(qtbot, db)
    dialog.editor.subject.setText("Our bake-off")
    dialog.editor.subject.textEdited.emit("Our bake-off")
    assert dialog.save_draft()
    qtbot.wait(50)  # the save's own announcement has been handled
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    dialog.editor.sent_button.click()
    qtbot.wait(50)

    assert not dialog.followed_note.isVisible()
    assert dialog.editor.subject.text() == "Our bake-off"
    assert not dialog.has_unsaved_changes()


def test_the_payment_field_sam_is_typing_in_keeps_its_value_and_saving_compares(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena, paid = _sams_payment(qtbot, db)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.method.setFocus()
    qtbot.waitUntil(dialog.method.hasFocus)
    qtbot.keyClicks(dialog.method, "x")
    qtbot.keyClick(dialog.method, Qt.Key.Key_Backspace)  # as loaded, but he is typing there
    result_edits.change_payment(ana, paid, PaymentInput(MAY, "250", "EUR", "cash"), 1)

    heard()

    qtbot.waitUntil(lambda: dialog.amount.text() == "250.00")
    assert dialog.method.text() == "bank transfer" and dialog.method.hasFocus()
    assert "what you typed stays" in dialog.followed_note.text()

    def take_theirs(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {"method": ("bank transfer", "cash")}
        return True

    seen = answer_comparison(monkeypatch, take_theirs)
    dialog._on_save()

    assert len(seen) == 1 and not dialog.isVisible()
    [now] = deals.get_deal(ana, lena).payments
    assert (now.amount.plain(), now.method) == ("250.00", "cash")
