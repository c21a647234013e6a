"""Saving a deal's terms and an agreement draft are steps of Edit › Undo, named after the deal."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreements, deal_tracking
from infcrm.ui.dialogs.agreement_dialog import AgreementDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.main_window import MainWindow
from tests.order_setup import bake_off
from tests.table_dump import everything


def _edit_action(window, key: QKeySequence.StandardKey):
    return next(a for a in window.menus["edit"].actions() if a.shortcut() == QKeySequence(key))


def test_saved_terms_are_undone_and_redone_from_the_edit_menu(db: Database, qtbot) -> None:
    setup = bake_off(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    dialog = DealDialog(db, setup.lena, window)
    qtbot.addWidget(dialog)
    before = everything(db)
    dialog.tracking.code.setText("LENA20")
    assert dialog.save_terms()
    after = everything(db)
    dialog.close()
    undo = _edit_action(window, QKeySequence.StandardKey.Undo)
    assert undo.text() == "&Undo edit of the deal of “Lena Bakes” in “Spring Bake-Off”"

    undo.trigger()

    assert deal_tracking.get_tracking(db, setup.lena).promo_code == "LENABAKES10"
    assert everything(db) == before
    _edit_action(window, QKeySequence.StandardKey.Redo).trigger()
    assert deal_tracking.get_tracking(db, setup.lena).promo_code == "LENA20"
    assert everything(db) == after


def test_a_saved_agreement_draft_is_undone_and_redone(db: Database, qtbot) -> None:
    setup = bake_off(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    dialog = AgreementDialog(db, setup.mia, window)
    qtbot.addWidget(dialog)
    first = dialog.current
    assert first is not None and first.is_draft
    dialog.editor.subject.setText("Our deal, Mia")
    dialog.editor.subject.textEdited.emit("Our deal, Mia")
    assert dialog.save_draft()
    undo = _edit_action(window, QKeySequence.StandardKey.Undo)
    assert undo.text() == f"&Undo edit of the agreement draft for {dialog.heading.title}"

    undo.trigger()

    assert agreements.version(db, first.id).subject == first.subject
    _edit_action(window, QKeySequence.StandardKey.Redo).trigger()
    assert agreements.version(db, first.id).subject == "Our deal, Mia"
