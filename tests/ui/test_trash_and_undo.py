"""Moving to the trash, Undo, the Trash screen's Restore, Forget and Empty trash."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.views.influencers_view import InfluencersView
from infcrm.ui.views.trash_view import TrashView


@pytest.fixture
def window(qtbot, main_window):
    """The main window, shown, on the Influencers screen."""
    main_window.show_view("influencers")  # with people in it, the app opens on the Dashboard
    main_window.resize(1300, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.show_view("influencers")
    return main_window


def _list(window) -> InfluencersView:
    return window.views["influencers"]


def _trash(window) -> TrashView:
    return window.views["trash"]


def _action(window, menu: str, text: str) -> QAction:
    return next(a for a in window.menus[menu].actions() if a.text().replace("&", "") == text)


def _undo(window) -> QAction:
    return next(
        a
        for a in window.menus["edit"].actions()
        if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    )


def _in_trash(window) -> list[int]:
    return influencer_list.list_ids(window.db, ListQuery(trash=True))


def _select_first(view, count: int) -> list[int]:
    view.table.selectRow(0)
    for row in range(1, count):
        view.table.selectionModel().select(
            view.model.index(row, 0),
            view.table.selectionModel().SelectionFlag.Select
            | view.table.selectionModel().SelectionFlag.Rows,
        )
    return view.table.selected_ids()


def test_del_moves_the_selection_to_the_trash_and_undo_brings_it_back(qtbot, window) -> None:
    view = _list(window)
    chosen = _select_first(view, 3)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.model.rowCount() == 57 and not view.model.loading)
    assert not set(chosen) & set(view.model.ids)
    assert sorted(_in_trash(window)) == sorted(chosen)
    assert window.statusBar().currentMessage() == (
        "Moved 3 influencers to the trash — Undo (Ctrl+Z)"
    )
    assert view.count_label.text() == "57 influencers"
    # The row that took their place is selected, ready for the next Del.
    assert len(view.table.selected_ids()) == 1

    undo = _undo(window)
    assert "move of 3 influencers to the trash" in undo.text()
    undo.trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 60 and not view.model.loading)
    assert set(chosen) <= set(view.model.ids)
    assert _in_trash(window) == []


def test_redo_trashes_them_again(qtbot, window) -> None:
    view = _list(window)
    chosen = _select_first(view, 1)
    _action(window, "edit", "Move to trash").trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 59)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: view.model.rowCount() == 60)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: view.model.rowCount() == 59)
    assert _in_trash(window) == chosen


def test_after_redo_the_status_bar_says_redone_not_undone(qtbot, window) -> None:
    """Redo left “Undone: …” in the status bar for five seconds: it read as if the redone
    change were still taken back."""
    view = _list(window)
    _select_first(view, 1)
    _action(window, "edit", "Move to trash").trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 59)
    _undo(window).trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 60)
    assert window.statusBar().currentMessage().startswith("Undone: move of")
    redo = next(
        a
        for a in window.menus["edit"].actions()
        if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    )
    redo.trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 59)
    message = window.statusBar().currentMessage()
    assert not message.startswith("Undone"), message
    assert message.startswith("Redone: move of") and "to the trash" in message


def test_at_1024_the_trash_shows_when_each_was_deleted_whole(qtbot, themed, window) -> None:
    """At 1024 × 640 the Deleted column was shrunk towards its title's width: “02/12/2026 11…”
    hid the time, which is what tells today's deletions apart."""
    from PySide6.QtCore import QLocale

    from infcrm.ui.widgets.deal_table_layout import CELL_PADDING

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        view = _list(window)
        _select_first(view, 2)
        view.trash_selected()
        window.resize(1024, 640)
        window.show_view("trash")
        trash = _trash(window)
        qtbot.waitUntil(lambda: trash.model.rowCount() == 2 and not trash.model.loading)
        column = trash.model.column_of("deleted")
        qtbot.waitUntil(lambda: trash.table.viewport().width() < 900)
        shown = trash.model.data(trash.model.index(0, column))
        assert "/" in shown and ":" in shown  # day and time, as this computer writes them
        needed = trash.table.fontMetrics().horizontalAdvance(shown) + CELL_PADDING
        assert trash.table.horizontalHeader().sectionSize(column) >= needed, shown
    finally:
        QLocale.setDefault(before)


def test_the_trash_screen_lists_deleted_people_and_restores_them(qtbot, window) -> None:
    view = _list(window)
    chosen = _select_first(view, 2)
    view.trash_selected()
    window.show_view("trash")
    trash = _trash(window)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 2 and not trash.model.loading)
    assert sorted(trash.model.ids) == sorted(chosen)
    deleted = trash.model.column_of("deleted")
    assert trash.model.data(trash.model.index(0, deleted))
    assert trash.count_label.text() == "2 influencers in the trash"

    trash.table.selectAll()
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0 and not trash.model.loading)
    assert _in_trash(window) == []
    assert trash.pages.currentIndex() == 1  # “The trash is empty”
    window.show_view("influencers")
    qtbot.waitUntil(lambda: view.model.rowCount() == 60)

    # Restoring is undoable too: Undo puts them back in the trash.
    _undo(window).trigger()
    assert sorted(_in_trash(window)) == sorted(chosen)


def test_forget_in_the_trash_asks_names_the_cost_and_erases(qtbot, monkeypatch, window) -> None:
    view = _list(window)
    chosen = _select_first(view, 3)
    view.trash_selected()
    window.show_view("trash")
    trash = _trash(window)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 3)
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    trash.table.selectAll()
    qtbot.mouseClick(trash.forget_button, Qt.MouseButton.LeftButton)
    assert "Forget 3 influencers for good?" in asked[0]
    assert "cannot be undone" in asked[0]
    assert "social accounts" in asked[0] and "history" in asked[0]
    # Nothing is kept to know them by, so the user hears that a later list brings them back.
    assert "a list you import later that holds them adds them again" in asked[0]
    # On a server the question also says what stays beyond the app's reach (its log and
    # backups); a file is rewritten whole, so there is nothing more to say.
    assert ("server's administrator" in asked[0]) == (not window.db.is_file)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0)
    assert told == []  # nothing more is asked once the answer is given
    assert window.statusBar().currentMessage() == "Forgot 3 influencers for good."
    for person in chosen:
        with pytest.raises(influencers.NotFound):
            influencers.get(window.db, person)
    # Forgetting cannot be undone, so no step is left that could try.
    assert window.undo_stack.count() == 0
    assert not _undo(window).isEnabled()


def test_forget_cancelled_keeps_them_in_the_trash(qtbot, monkeypatch, window) -> None:
    view = _list(window)
    chosen = _select_first(view, 1)
    view.trash_selected()
    window.show_view("trash")
    trash = _trash(window)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 1)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Cancel)
    trash.table.selectAll()
    trash.forget_selected()
    assert _in_trash(window) == chosen
    assert window.undo_stack.count() == 1


def test_empty_trash_erases_everyone_in_it(qtbot, monkeypatch, window) -> None:
    view = _list(window)
    _select_first(view, 4)
    view.trash_selected()
    window.show_view("trash")
    trash = _trash(window)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 4)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    qtbot.mouseClick(trash.empty_button, Qt.MouseButton.LeftButton)
    assert "4 influencers" in asked[0]
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0)
    assert not trash.empty_button.isEnabled()
    assert influencer_list.count(window.db) == 56


def test_forget_from_the_menu_works_on_the_influencers_screen(qtbot, monkeypatch, window) -> None:
    view = _list(window)
    chosen = _select_first(view, 2)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    _action(window, "edit", "Forget…").trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 58)
    assert not set(chosen) & set(view.model.ids)
    assert window.statusBar().currentMessage() == "Forgot 2 influencers for good."
    assert told == []


def test_menu_entries_have_the_expected_shortcuts(window) -> None:
    assert _action(window, "file", "New influencer…").shortcut() == QKeySequence(
        QKeySequence.StandardKey.New
    )
    assert _action(window, "edit", "Find").shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert _action(window, "edit", "Move to trash").shortcut() == QKeySequence(
        QKeySequence.StandardKey.Delete
    )
    assert _action(window, "edit", "Forget…").toolTip()


def test_nothing_selected_says_what_to_do(window) -> None:
    view = _list(window)
    view.table.clearSelection()
    view.trash_selected()
    assert window.statusBar().currentMessage() == (
        "Select the influencers to move to the trash first."
    )
    assert _in_trash(window) == []


def test_forget_says_when_another_program_kept_the_log_from_being_emptied(
    qtbot, monkeypatch, window
) -> None:
    """On a file: a reader kept the log; on a server: a teammate kept a table busy."""
    from infcrm.db import erase

    view = _list(window)
    _select_first(view, 1)
    view.trash_selected()
    window.show_view("trash")
    trash = _trash(window)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 1)
    # A reader in another program keeps SQLite from truncating the log; waiting it out for
    # real takes the checkpoint's full 20 tries of the busy timeout, so the answer is given.
    monkeypatch.setattr(erase, "rebuild_file", lambda _path: False)
    # On a server a teammate's open transaction does the same to the tables' rewrite, which
    # gives up after 20 s of waiting for its lock.
    monkeypatch.setattr(erase, "rewrite_server_tables", lambda _engine: False)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    trash.table.selectAll()
    trash.forget_selected()
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0)
    kept = "could not be emptied" if window.db.is_file else "could not be rewritten yet"
    assert len(told) == 1 and kept in told[0]


def test_a_hidden_trash_catches_up_when_shown(qtbot, window) -> None:
    trash = _trash(window)
    assert trash.model.rowCount() == 0
    view = _list(window)
    _select_first(view, 2)
    view.trash_selected()  # the trash is hidden: it only notes that it is stale
    assert trash.freshness.stale
    window.show_view("trash")
    qtbot.waitUntil(lambda: trash.model.rowCount() == 2)
    assert not trash.freshness.stale
