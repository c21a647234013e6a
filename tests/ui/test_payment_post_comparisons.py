"""Two people work on one deal's payments and posts at once: the second to change, delete or
record sees what the first did before anything is written over, and chooses. Sam is at the
screen (`db`); Ana saves from a second copy of the app on the same database (`ana`)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import deal_edits, deal_results, deals, result_edits
from infcrm.services.campaigns.campaign_types import ContentInput, PaymentInput
from infcrm.ui import undo_commands
from infcrm.ui.dialogs.content_dialog import ContentDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.dialogs.edit_conflict_dialog import MINE, THEIRS, EditConflictDialog
from infcrm.ui.dialogs.payment_dialog import PaymentDialog
from tests.order_setup import bake_off
from tests.ui.comparing import answer_comparison

MAY = date(2026, 5, 3)
LINK = "https://instagram.com/p/1"


class Questions(list):
    """Every question asked (its text); answered from `answers` in turn, then Yes."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[QMessageBox.StandardButton] = []

    def next_answer(self) -> QMessageBox.StandardButton:
        return self.answers.pop(0) if self.answers else QMessageBox.StandardButton.Yes


@pytest.fixture
def questions(monkeypatch) -> Questions:
    asked = Questions()

    def question(_parent, _title, text, *_args):
        asked.append(text)
        if "Save them before closing" in text:
            return QMessageBox.StandardButton.Discard
        return asked.next_answer()

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _yes_then_no(questions: Questions) -> None:
    """The user confirms the deletion, then says No when told it changed."""
    questions.answers[:] = [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No]


def _payment(db: Database) -> tuple[int, int]:
    lena = bake_off(db).lena
    paid = deal_results.record_payment(db, lena, PaymentInput(MAY, "200", "EUR", "bank transfer"))
    return lena, paid


def _anas_payment_change(ana: Database, lena: int, paid: int, **values: object) -> None:
    [item] = deals.get_deal(ana, lena).payments
    form = PaymentInput(item.paid_on, item.amount.plain(), "EUR", item.method, item.reference)
    deal_edits.edit_payment(ana, paid, dataclasses.replace(form, **values), item.version)


def _sams_payment_form(qtbot, db: Database, lena: int) -> PaymentDialog:
    [item] = deals.get_deal(db, lena).payments
    dialog = PaymentDialog(db, item, "Lena Bakes")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reference.setText("INV-7")
    return dialog


def test_a_payment_changed_meanwhile_is_compared_and_merged_field_by_field(
    qtbot, db: Database, ana: Database, monkeypatch, questions
) -> None:
    lena, paid = _payment(db)
    dialog = _sams_payment_form(qtbot, db, lena)
    _anas_payment_change(ana, lena, paid, amount="250")

    def choose(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {"amount": ("€200.00", "€250.00"), "reference": ("INV-7", "")}
        heading = "Ana changed the payment of €250.00 made on 3 May 2026 while you were editing"
        assert any(heading in label.text() for label in comparing.findChildren(QLabel))
        assert any(label.text() == "Ana's version" for label in comparing.findChildren(QLabel))
        # Sam left the amount alone: Ana's is chosen; his reference stays his.
        assert comparing.radios[("amount", THEIRS)].isChecked()
        assert comparing.radios[("reference", MINE)].isChecked()
        return True

    seen = answer_comparison(monkeypatch, choose)
    dialog._on_save()

    assert len(seen) == 1 and not dialog.isVisible()
    [now] = deals.get_deal(ana, lena).payments
    assert (str(now.amount), now.reference, now.changed_by) == ("€250.00", "INV-7", "Sam")


def test_keep_all_mine_saves_the_payment_as_typed_over_the_newer_one(
    qtbot, db: Database, ana: Database, monkeypatch, questions
) -> None:
    lena, paid = _payment(db)
    dialog = _sams_payment_form(qtbot, db, lena)
    _anas_payment_change(ana, lena, paid, amount="250")

    def keep_mine(comparing: EditConflictDialog) -> bool:
        comparing.keep_mine.click()
        return True

    answer_comparison(monkeypatch, keep_mine)
    dialog._on_save()

    [now] = deals.get_deal(ana, lena).payments
    assert (str(now.amount), now.reference) == ("€200.00", "INV-7")


def test_closing_a_payments_comparison_keeps_the_form_and_saves_nothing(
    qtbot, db: Database, ana: Database, monkeypatch, questions
) -> None:
    lena, paid = _payment(db)
    dialog = _sams_payment_form(qtbot, db, lena)
    _anas_payment_change(ana, lena, paid, amount="250")
    answer_comparison(monkeypatch, lambda _comparing: False)

    dialog._on_save()

    assert dialog.isVisible() and dialog.reference.text() == "INV-7"
    assert dialog.amount.text() == "200.00", "the form is as Sam left it"
    assert "Ana changed the payment" in dialog.general.text()
    [now] = deals.get_deal(db, lena).payments
    assert (str(now.amount), now.reference) == ("€250.00", None), "nothing of Sam's saved"


def _post(db: Database) -> tuple[int, int]:
    lena = bake_off(db).lena
    post = deal_results.record_content(
        db, lena, ContentInput("instagram", MAY, url=LINK, format="reel", likes="300")
    )
    return lena, post


def _sams_post_form(qtbot, db: Database, lena: int) -> ContentDialog:
    deal = deals.get_deal(db, lena)
    dialog = ContentDialog(db, deal, post=deal.content[0])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_post_opens_as_saved_and_a_change_of_its_results_saves_and_undoes(
    qtbot, db: Database, questions
) -> None:
    lena, _post_id = _post(db)
    stack = QUndoStack()
    undo_commands.use_stack(stack)
    dialog = _sams_post_form(qtbot, db, lena)
    assert (dialog.url.text(), dialog.fields["likes"].text()) == (LINK, "300")
    assert dialog.posted_on.date().toPython() == MAY
    assert not dialog.has_unsaved_changes()
    dialog.fields["likes"].setText("1.5k")

    dialog._on_save()

    assert not dialog.isVisible()
    assert deals.get_deal(db, lena).content[0].likes == 1500
    assert stack.undoText() == "change of the post of 3 May 2026 by “Lena Bakes”"
    stack.undo()
    undo_commands.release_stack(stack)
    assert deals.get_deal(db, lena).content[0].likes == 300


def test_a_post_changed_meanwhile_is_compared_and_theirs_taken(
    qtbot, db: Database, ana: Database, monkeypatch, questions
) -> None:
    lena, post = _post(db)
    dialog = _sams_post_form(qtbot, db, lena)
    dialog.fields["views"].setText("9k")
    dialog.fields["likes"].setText("1.2k")
    seen = deals.get_deal(ana, lena).content[0].version
    form = ContentInput("instagram", MAY, url=LINK, format="reel", likes="1200", reach="15k")
    result_edits.change_post(ana, post, form, seen)

    def take_theirs(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        # Sam typed 1.2k likes, Ana saved 1200: the same number, so no row for likes.
        assert rows == {"views": ("9k", ""), "reach": ("", "15,000")}
        comparing.take_theirs.click()
        return True

    answer_comparison(monkeypatch, take_theirs)
    dialog._on_save()

    assert not dialog.isVisible()
    [now] = deals.get_deal(ana, lena).content
    assert (now.likes, now.views, now.reach) == (1200, None, 15000)


def test_closing_a_posts_comparison_keeps_the_form_as_typed(
    qtbot, db: Database, ana: Database, monkeypatch, questions
) -> None:
    lena, post = _post(db)
    dialog = _sams_post_form(qtbot, db, lena)
    dialog.fields["views"].setText("9k")
    result_edits.change_post(ana, post, ContentInput("instagram", MAY, url=LINK, likes="2k"), 1)
    answer_comparison(monkeypatch, lambda _comparing: False)

    dialog._on_save()

    assert dialog.isVisible() and dialog.fields["views"].text() == "9k"
    assert dialog.fields["likes"].text() == "300"
    assert "Ana changed the post of 3 May 2026" in dialog.general.text()
    assert deals.get_deal(db, lena).content[0].views is None


def _deal_dialog(qtbot, db: Database, lena: int) -> DealDialog:
    dialog = DealDialog(db, lena)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_deleting_a_payment_a_teammate_changed_asks_with_what_it_holds_now(
    qtbot, db: Database, ana: Database, questions
) -> None:
    lena, paid = _payment(db)
    dialog = _deal_dialog(qtbot, db, lena)
    _anas_payment_change(ana, lena, paid, amount="250")
    dialog.payment_table.selectRow(0)
    _yes_then_no(questions)

    dialog._on_delete_payment()

    assert questions[-1] == (
        "Ana changed this since you opened it; it now reads: €250.00, paid on 3 May 2026, "
        "bank transfer. Delete it anyway?"
    )
    assert len(deals.get_deal(db, lena).payments) == 1, "Ana's payment is kept"
    assert dialog.payment_model.records[0].amount.plain() == "250.00", "the list shows hers"

    _anas_payment_change(ana, lena, paid, amount="275")  # and once more before Sam says Yes
    dialog.payment_table.selectRow(0)
    dialog._on_delete_payment()
    assert "€275.00" in questions[-1]
    assert deals.get_deal(db, lena).payments == ()


def test_deleting_a_post_a_teammate_changed_asks_first(
    qtbot, db: Database, ana: Database, questions
) -> None:
    lena, post = _post(db)
    dialog = _deal_dialog(qtbot, db, lena)
    result_edits.change_post(ana, post, ContentInput("instagram", MAY, url=LINK, likes="2k"), 1)
    dialog.content_table.selectRow(0)
    _yes_then_no(questions)

    dialog._on_delete_post()

    assert questions[-1].startswith("Ana changed this since you opened it; it now reads: posted")
    assert [p.likes for p in deals.get_deal(db, lena).content] == [2000]


def test_recording_a_payment_after_a_teammate_recorded_one_asks_before_paying_twice(
    qtbot, db: Database, ana: Database, questions
) -> None:
    lena = bake_off(db).lena
    dialog = _deal_dialog(qtbot, db, lena)
    deal_edits.add_payment(ana, lena, PaymentInput(MAY, "200", "EUR"), known=[])
    dialog.amount.setText("200")
    questions.answers[:] = [QMessageBox.StandardButton.No]

    assert not dialog.record_payment()

    assert questions[-1].startswith("Ana recorded €200.00 at ")
    assert questions[-1].endswith("on this deal since you opened it — record yours too?")
    assert len(deals.get_deal(db, lena).payments) == 1, "not paid twice"
    assert dialog.amount.text() == "200", "the form is kept"
    assert dialog.payment_model.rowCount() == 1, "Ana's payment shows in the list"

    deal_edits.add_payment(ana, lena, PaymentInput(MAY, "30", "EUR"), known=None)
    assert dialog.record_payment()
    assert "€30.00" in questions[-1], "the one recorded while Sam decided is named too"
    assert len(deals.get_deal(db, lena).payments) == 3


def test_a_teammates_payment_shown_as_it_lands_is_still_asked_about_before_paying(
    qtbot, db: Database, ana: Database, questions
) -> None:
    """The list follows Ana's payment at once; Sam may not have looked at it, so recording
    his own still asks first."""
    from infcrm.services.changes import from_tables
    from infcrm.ui import operations

    lena = bake_off(db).lena
    dialog = _deal_dialog(qtbot, db, lena)
    deal_edits.add_payment(ana, lena, PaymentInput(MAY, "200", "EUR"), known=[])
    operations.announce(from_tables(["payment"]))  # as the server's notice is announced
    qtbot.waitUntil(lambda: dialog.payment_model.rowCount() == 1)
    dialog.amount.setText("200")
    questions.answers[:] = [QMessageBox.StandardButton.No]

    assert not dialog.record_payment()

    assert questions[-1].startswith("Ana recorded €200.00 at ")
    assert len(deals.get_deal(db, lena).payments) == 1, "not paid twice"


def test_recording_a_payment_with_nothing_recorded_meanwhile_asks_nothing(
    qtbot, db: Database, questions
) -> None:
    lena = bake_off(db).lena
    dialog = _deal_dialog(qtbot, db, lena)
    dialog.amount.setText("200")
    assert dialog.record_payment()
    dialog.amount.setText("50")
    assert dialog.record_payment()
    assert questions == [] and len(deals.get_deal(db, lena).payments) == 2


def test_the_edit_buttons_open_the_selected_payment_and_post(
    qtbot, db: Database, monkeypatch, questions
) -> None:
    lena, _paid = _payment(db)
    deal_results.record_content(db, lena, ContentInput("instagram", MAY, url=LINK))
    stack = QUndoStack()
    undo_commands.use_stack(stack)
    dialog = _deal_dialog(qtbot, db, lena)
    opened: list[str] = []

    def payment_exec(form: PaymentDialog) -> int:
        opened.append(form.amount.text())
        form.amount.setText("210")
        form._on_save()
        return form.result()

    def post_exec(form: ContentDialog) -> int:
        opened.append(form.url.text())
        return 0

    monkeypatch.setattr(PaymentDialog, "exec", payment_exec)
    monkeypatch.setattr(ContentDialog, "exec", post_exec)
    dialog.payment_table.selectRow(0)
    dialog._on_edit_payment()
    dialog.content_table.selectRow(0)
    dialog._on_edit_post()

    assert opened == ["200.00", LINK]
    assert dialog.payment_model.records[0].amount.plain() == "210.00", "the list shows it"
    stack.undo()
    undo_commands.release_stack(stack)
    assert dialog.payment_model.records[0].amount.plain() == "200.00", "and shows the undo"


def test_a_post_saved_without_a_format_keeps_none_when_its_results_are_changed(
    qtbot, db: Database, questions
) -> None:
    # Posts restored or recorded without a format must not be given the first format on the
    # list ("Post") just because the user corrected their likes.
    lena = bake_off(db).lena
    deal_results.record_content(db, lena, ContentInput("instagram", MAY, url=LINK, likes="300"))
    dialog = _sams_post_form(qtbot, db, lena)
    assert dialog.format.currentData() is None
    assert not dialog.has_unsaved_changes()
    dialog.fields["likes"].setText("310")

    dialog._on_save()

    assert not dialog.isVisible()
    [post] = deals.get_deal(db, lena).content
    assert (post.likes, post.format) == (310, None)
