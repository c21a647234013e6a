"""Imports are steps of Edit › Undo: the people import, the full-export restore and the shop
orders import each undo from the Edit menu (Ctrl+Z) and come back with Redo (Ctrl+Shift+Z)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from infcrm.db.engine import Database, open_database
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.exchange import import_history
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.dialogs.import_wizard import PAGE_DONE, PAGE_SUMMARY, ImportWizard
from infcrm.ui.dialogs.orders_import_dialog import OrdersImportDialog
from tests.order_setup import bake_off, shopify_file
from tests.table_dump import everything

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _edit_action(window, key: QKeySequence.StandardKey) -> QAction:
    return next(a for a in window.menus["edit"].actions() if a.shortcut() == QKeySequence(key))


def _undo(window) -> QAction:
    return _edit_action(window, QKeySequence.StandardKey.Undo)


def _redo(window) -> QAction:
    return _edit_action(window, QKeySequence.StandardKey.Redo)


def _wizard(qtbot, window, path: Path) -> ImportWizard:
    wizard = ImportWizard(window.db, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    return wizard


def _fair_csv(tmp_path: Path) -> Path:
    lines = (FIXTURES / "messy_influencers.csv").read_bytes().split(b"\r\n")
    path = tmp_path / "fair.csv"
    path.write_bytes(b"\r\n".join(line for line in lines if not line.startswith(b"Bad Row")))
    return path


def test_a_people_import_is_undone_from_the_edit_menu_and_redone(
    qtbot, main_window, tmp_path: Path
) -> None:
    db = main_window.db
    main_window.show_view("influencers")
    main_window.resize(1300, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.show_view("influencers")
    view = main_window.views["influencers"]
    before, rows_before = influencer_list.count(db), everything(db)
    wizard = _wizard(qtbot, main_window, _fair_csv(tmp_path))
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == PAGE_SUMMARY
    wizard.next()  # Import
    assert wizard.currentId() == PAGE_DONE
    imported = everything(db)
    added = influencer_list.count(db) - before
    assert added == 7
    new_ids = set(influencer_list.list_ids(db, ListQuery())) - set(
        r[0] for r in rows_before["influencer"]
    )
    qtbot.waitUntil(lambda: view.model.rowCount() == before + 7 and not view.model.loading)
    (renee,) = influencer_list.list_ids(db, ListQuery(search="cafe.renee"))
    assert renee in new_ids
    undo = _undo(main_window)
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert undo.text() == "&Undo import of 7 people from “fair.csv”"

    undo.trigger()

    assert influencer_list.count(db) == before
    assert influencer_list.list_ids(db, ListQuery(search="cafe.renee")) == []
    assert everything(db) == rows_before
    qtbot.waitUntil(lambda: view.model.rowCount() == before and not view.model.loading)
    assert view.count_label.text() == f"{before} influencers"
    assert all(r.file_name != "fair.csv" for r in import_history.imports(db))
    redo = _redo(main_window)
    assert redo.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)  # Ctrl+Shift+Z / Ctrl+Y
    assert redo.text() == "&Redo import of 7 people from “fair.csv”"

    redo.trigger()

    assert everything(db) == imported  # the same people, ids, accounts and history
    assert influencer_list.list_ids(db, ListQuery(search="cafe.renee")) == [renee]
    qtbot.waitUntil(lambda: view.model.rowCount() == before + 7)
    undo.trigger()
    assert everything(db) == rows_before


def test_undo_last_import_takes_the_newest_step_so_redo_can_bring_it_back(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    db = main_window.db
    before = influencer_list.count(db)
    wizard = _wizard(qtbot, main_window, _fair_csv(tmp_path))
    for _ in range(5):
        wizard.next()
    imported = everything(db)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    entry = next(a for a in main_window.actions() if a.text() == "Undo last &import…")

    entry.trigger()

    assert influencer_list.count(db) == before
    assert "removed 7" in main_window.statusBar().currentMessage()
    assert main_window.undo_stack.redoText() == "import of 7 people from “fair.csv”"
    _redo(main_window).trigger()
    assert everything(db) == imported


def test_a_full_export_restore_is_one_undo_step(qtbot, demo_db: Database, tmp_path: Path) -> None:
    from infcrm.ui.main_window import MainWindow

    backup = tmp_path / "everything.xlsx"
    export_xlsx(demo_db, backup, all_sheets=True)
    empty = open_database(tmp_path / "new.sqlite")
    try:
        window = MainWindow(empty)
        qtbot.addWidget(window)
        wizard = _wizard(qtbot, window, backup)
        wizard.next()
        wizard.next()  # Restore
        assert wizard.currentId() == PAGE_DONE
        restored = everything(empty)
        undo = _undo(window)
        assert undo.text().startswith("&Undo import of 60 people, ")
        assert undo.text().endswith(" from “everything.xlsx”")

        undo.trigger()

        gone = everything(empty)
        assert gone["influencer"] == gone["campaign"] == gone["deal"] == []
        _redo(window).trigger()
        assert everything(empty) == restored
        window.close()
    finally:
        empty.close()


def _report(db: Database, campaign: int) -> list[tuple]:
    report = campaign_report(db, campaign, date(2026, 5, 1))
    return [(r.deal_id, r.orders, r.revenue) for r in report.rows] + [report.total.orders]


def test_an_orders_import_is_undone_and_redone_with_the_older_orders_it_matched(
    db: Database, qtbot, monkeypatch, tmp_path: Path
) -> None:
    from infcrm.ui.main_window import MainWindow

    setup = bake_off(db)
    plain = {"Name": "#3001", "Total": "40.00", "Subtotal": "40.00"}
    a_file = shopify_file(tmp_path / "a.csv", [plain])
    b_file = shopify_file(tmp_path / "b.csv", [{**plain, "Discount Code": "LENABAKES10"}])
    window = MainWindow(db)
    qtbot.addWidget(window)
    chosen = [str(a_file)]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen[0], ""))
    )
    monkeypatch.setattr(OrdersImportDialog, "exec", lambda self: self.import_now() and 1)
    entry = next(
        a for a in window.menus["file"].actions() if a.text().replace("&", "") == "Import orders…"
    )
    entry.trigger()  # A: #3001 carries no code yet
    after_a = _report(db, setup.campaign)
    chosen[0] = str(b_file)
    entry.trigger()  # B: the shop's newer export shows #3001 with Lena's code
    after_b, rows_b = _report(db, setup.campaign), everything(db)
    assert after_b != after_a
    undo = _undo(window)
    assert undo.text() == "&Undo import of 1 older order matched from “b.csv”"

    undo.trigger()

    assert _report(db, setup.campaign) == after_a
    _redo(window).trigger()
    assert _report(db, setup.campaign) == after_b and everything(db) == rows_b
    undo.trigger()
    undo.trigger()  # A too
    assert _report(db, setup.campaign)[-1] == 0


def test_undo_last_import_behind_a_later_change_can_be_taken_back_too(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    """An import followed by another change is not the newest step of Edit › Undo, so Redo
    cannot reach it: Undo last import… becomes a step of its own, which Edit › Undo takes
    back (bringing the import back whole) and the status bar says so."""
    from infcrm.services.people import photos
    from infcrm.ui import undo_commands

    db = main_window.db
    rows_before = everything(db)
    before = influencer_list.count(db)
    wizard = _wizard(qtbot, main_window, _fair_csv(tmp_path))
    for _ in range(5):
        wizard.next()
    (renee,) = influencer_list.list_ids(db, ListQuery(search="cafe.renee"))
    photo = b"\x89PNG\r\n\x1a\n" + bytes(32)
    undo_commands.remember(db, "photo of Renée", photos.set_photo(db, renee, photo))
    imported = everything(db)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    entry = next(a for a in main_window.actions() if a.text() == "Undo last &import…")

    entry.trigger()

    assert influencer_list.count(db) == before
    message = main_window.statusBar().currentMessage()
    assert "removed 7" in message and message.endswith("Edit › Undo (Ctrl+Z) brings it back.")
    undo = _undo(main_window)
    assert undo.text() == "&Undo taking back the import of “fair.csv”"

    undo.trigger()

    assert everything(db) == imported  # the people, their ids, the photo added since
    assert photos.photo(db, renee) == photo
    _redo(main_window).trigger()
    assert influencer_list.count(db) == before
    undo.trigger()
    # The steps below still work in order: the photo, then the import itself.
    undo.trigger()
    assert photos.photo(db, renee) is None
    assert undo.text() == "&Undo import of 7 people from “fair.csv”"
    undo.trigger()
    assert everything(db) == rows_before


def _update_wizard(qtbot, window, path: Path) -> None:
    """The wizard run through with “Update the people in infcrm with the file's values”."""
    wizard = _wizard(qtbot, window, path)
    while not hasattr(wizard.currentPage(), "duplicates"):
        wizard.next()
    wizard.currentPage().duplicates.button(1).click()
    while wizard.currentId() != PAGE_DONE:
        wizard.next()


def test_two_updating_imports_undone_newest_first_give_back_the_users_own_note(
    qtbot, main_window, tmp_path: Path
) -> None:
    from dataclasses import replace

    from infcrm.files.import_apply import import_file
    from infcrm.services.people import influencers

    db = main_window.db
    head = "Name,Email,{} handle,Notes\n"
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(head.format("Instagram") + "Bo Chen,bo@example.com,@bochen,file note bo\n")
    b.write_text(head.format("TikTok") + "Bo Chen,bo@example.com,@bochen.tt,second note\n")
    import_file(db, a)
    (bo,) = influencer_list.list_ids(db, ListQuery(search="Bo Chen"))
    influencers.update(db, bo, replace(influencers.get(db, bo).to_input(), notes="my own note"))
    _update_wizard(qtbot, main_window, a)
    _update_wizard(qtbot, main_window, b)
    assert influencers.get(db, bo).notes == "second note"
    undo = _undo(main_window)

    undo.trigger()
    assert influencers.get(db, bo).notes == "file note bo"
    undo.trigger()

    assert influencers.get(db, bo).notes == "my own note"
