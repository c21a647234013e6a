"""Sam's deal window stays current while he has a payment, a post or the agreement open over
it: Ana's save (from a second copy of the app, `ana`) shows in the window behind at once, not
only once the dialog on top closes. Only a question of the deal window's own (a comparison,
“Delete this payment?”) holds it back until it is answered."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import deal_edits, deal_results, deals
from infcrm.services.campaigns.campaign_types import PaymentInput
from infcrm.ui.dialogs.agreement_dialog import AgreementDialog
from infcrm.ui.dialogs.content_dialog import ContentDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.dialogs.payment_dialog import PaymentDialog
from tests.order_setup import bake_off
from tests.ui.test_open_forms_follow_teammates import anas_save, heard

MAY = date(2026, 5, 3)


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


def _sams_window(qtbot, db: Database) -> tuple[DealDialog, int]:
    lena = bake_off(db).lena
    deal_results.record_payment(db, lena, PaymentInput(MAY, "200", "EUR", "bank transfer"))
    window = DealDialog(db, lena)
    qtbot.addWidget(window)
    window.show()
    return window, lena


def _over(qtbot, window: DealDialog, dialog: QDialog) -> QDialog:
    """`dialog` open over the deal window as its buttons open it (modal: exec)."""
    qtbot.addWidget(dialog)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.isVisible())
    return dialog


def _ana_saves_usage_and_a_payment(ana: Database, lena: int) -> None:
    anas_save(ana, lena, usage_rights="Repost 3 months")
    deal_edits.add_payment(ana, lena, PaymentInput(date(2026, 5, 9), "100"))


@pytest.mark.parametrize("on_top", ["payment", "post", "agreement"])
def test_the_deal_window_behind_an_open_dialog_shows_anas_save(
    qtbot, db: Database, ana: Database, on_top: str
) -> None:
    window, lena = _sams_window(qtbot, db)
    if on_top == "payment":
        [item] = window.payment_model.records
        dialog = _over(qtbot, window, PaymentDialog(db, item, "Lena Bakes", window))
    elif on_top == "post":
        dialog = _over(qtbot, window, ContentDialog(db, deals.get_deal(db, lena), window))
    else:
        dialog = _over(qtbot, window, AgreementDialog(db, lena, window))

    _ana_saves_usage_and_a_payment(ana, lena)
    heard()

    qtbot.waitUntil(lambda: window.usage.text() == "Repost 3 months")
    assert window.payment_model.rowCount() == 2
    assert window.terms_status.text() == "Updated with what Ana saved just now."
    assert dialog.isVisible(), "still open over it"
    dialog.reject()


def test_a_question_of_the_deal_windows_own_holds_it_until_answered(
    qtbot, db: Database, ana: Database
) -> None:
    window, lena = _sams_window(qtbot, db)
    question = _over(qtbot, window, QDialog(window))  # as “Delete this payment?” is
    _ana_saves_usage_and_a_payment(ana, lena)

    heard()

    qtbot.wait(700)
    assert window.usage.text() == "", "not changed under the question"
    question.accept()
    qtbot.waitUntil(lambda: window.usage.text() == "Repost 3 months")
    assert window.payment_model.rowCount() == 2
