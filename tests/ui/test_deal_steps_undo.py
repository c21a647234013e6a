"""A payment or a post recorded or deleted in the deal's window, and an agreement written from a
template, are each a step of Edit › Undo named after what it did: Ctrl+Z takes it back and
the Campaigns screen shows the deal as it was; Ctrl+Shift+Z (or Ctrl+Y) does it again."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreement_templates, agreements, deal_results, deals
from infcrm.services.campaigns.campaign_types import DealTermsInput, IncentiveInput, PaymentInput
from infcrm.ui.dialogs.agreement_dialog import AgreementDialog
from infcrm.ui.dialogs.content_dialog import ContentDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.main_window import MainWindow
from tests.order_setup import bake_off
from tests.table_dump import everything
from tests.undo_screen import campaigns_screen, press, redo, undo


@pytest.fixture
def screen(qtbot, db: Database):
    """The Campaigns screen on “Spring Bake-Off”, Lena's deal holding a €300 fee."""
    setup = bake_off(db)
    deals.save_terms(
        db, setup.lena, DealTermsInput(incentives=(IncentiveInput("fee", value="300"),))
    )
    window, view = campaigns_screen(qtbot, db, setup.campaign)
    return setup, window, view


def _lena(view):
    return next(d for d in view.deal_model.records if d.influencer_name == "Lena Bakes")


def _undo_text(window: MainWindow) -> str:
    return window.undo_stack.undoText()


def test_a_payment_is_undone_with_ctrl_z_and_redone_with_ctrl_shift_z(qtbot, screen) -> None:
    setup, window, view = screen
    before = everything(window.db)
    dialog = DealDialog(window.db, setup.lena, window)
    qtbot.addWidget(dialog)
    dialog.paid_on.setDate(QDate(2026, 4, 20))
    dialog.amount.setText("120")
    assert dialog.record_payment()
    paid = everything(window.db)
    dialog.close()
    qtbot.waitUntil(lambda: _lena(view).owed == "€180.00")
    assert _undo_text(window) == "payment of €120.00 to “Lena Bakes”"

    undo(qtbot, window)

    qtbot.waitUntil(lambda: _lena(view).owed == "€300.00")
    assert everything(window.db) == before
    redo(qtbot, window)
    qtbot.waitUntil(lambda: _lena(view).owed == "€180.00")
    assert everything(window.db) == paid
    undo(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Y)  # the other redo key
    qtbot.waitUntil(lambda: _lena(view).owed == "€180.00")


def test_a_deleted_payment_comes_back_in_the_open_deal_window(qtbot, screen, monkeypatch) -> None:
    setup, window, view = screen
    deal_results.record_payment(
        window.db, setup.lena, PaymentInput(date(2026, 4, 20), "120", "EUR")
    )
    dialog = DealDialog(window.db, setup.lena, window)
    qtbot.addWidget(dialog)
    dialog.payment_table.selectRow(0)
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kw: yes)
    dialog._on_delete_payment()
    assert dialog.payment_model.records == []
    assert _undo_text(window) == "deletion of the payment of €120.00 to “Lena Bakes”"
    dialog.show()  # an undo while the window is open shows the payment again

    window.undo_stack.undo()

    assert [str(p.amount) for p in dialog.payment_model.records] == ["€120.00"]
    dialog.close()
    qtbot.waitUntil(lambda: _lena(view).owed == "€180.00")
    redo(qtbot, window)
    qtbot.waitUntil(lambda: _lena(view).owed == "€300.00")


def test_a_recorded_post_and_a_deleted_one_undo_from_the_edit_menu(
    qtbot, screen, monkeypatch
) -> None:
    setup, window, _view = screen
    deal = deals.get_deal(window.db, setup.mia)
    dialog = ContentDialog(window.db, deal, window)
    qtbot.addWidget(dialog)
    dialog.posted_on.setDate(QDate(2026, 4, 22))
    dialog._on_save()
    assert not dialog.isVisible()
    assert _undo_text(window) == "post of 22 Apr 2026 by “Mia Cooks”"
    qtbot.waitUntil(lambda: _posts(window, setup.mia) == 1)

    undo(qtbot, window)
    assert _posts(window, setup.mia) == 0
    redo(qtbot, window)
    assert _posts(window, setup.mia) == 1

    deal_dialog = DealDialog(window.db, setup.mia, window)
    qtbot.addWidget(deal_dialog)
    deal_dialog.content_table.selectRow(0)
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kw: yes)
    deal_dialog._on_delete_post()
    assert deal_dialog.content_model.records == []
    deal_dialog.close()
    assert _undo_text(window) == "deletion of the post of 22 Apr 2026 by “Mia Cooks”"
    undo(qtbot, window)
    assert _posts(window, setup.mia) == 1


def _posts(window: MainWindow, deal_id: int) -> int:
    return len(deals.get_deal(window.db, deal_id).content)


def test_writing_the_agreement_from_a_template_is_one_undo_step(qtbot, screen, monkeypatch) -> None:
    setup, window, view = screen
    agreement_templates.list_templates(window.db)  # the shipped template, as on opening
    before = everything(window.db)
    dialog = AgreementDialog(window.db, setup.lena, window)  # writes the first draft
    qtbot.addWidget(dialog)
    title = "writing of agreement version 1 for Spring Bake-Off · Lena Bakes"
    assert _undo_text(window) == title
    dialog.editor.subject.setText("Our deal, Lena")
    dialog.editor.subject.textEdited.emit("Our deal, Lena")
    assert dialog.save_draft()
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kw: yes)
    dialog._on_rewrite()  # the draft written again from the template, the edit replaced
    assert dialog.editor.subject.text() != "Our deal, Lena"
    assert _undo_text(window) == title
    dialog.close()
    qtbot.waitUntil(lambda: _lena(view).agreement == "draft")

    undo(qtbot, window)

    (draft,) = agreements.versions(window.db, setup.lena)
    assert draft.subject == "Our deal, Lena"  # what the user typed is back
    undo(qtbot, window)  # the edit of the draft
    undo(qtbot, window)  # the first draft itself
    qtbot.waitUntil(lambda: _lena(view).agreement == "")
    assert everything(window.db) == before
    assert view.deal_model.index(0, 0).isValid()
    press(qtbot, window, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: _lena(view).agreement == "draft")
