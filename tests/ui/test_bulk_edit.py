"""“Edit N people…” from the menu, the list's and the board's context menus; one Undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery
from infcrm.ui import bulk_edit
from infcrm.ui.dialogs.bulk_edit_dialog import BulkEditDialog
from infcrm.ui.main_window import MainWindow


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


@pytest.fixture
def window(demo_db: Database, open_window) -> MainWindow:
    return open_window(demo_db)


def _answer(monkeypatch, key: str, fill=None) -> list[BulkEditDialog]:
    """Make the dialog, when shown, choose `key` (and `fill` it), then Apply."""
    shown: list[BulkEditDialog] = []

    def exec_(dialog: BulkEditDialog) -> int:
        shown.append(dialog)
        dialog.action.setCurrentIndex(dialog.action.findData(key))
        if fill is not None:
            fill(dialog)
        dialog.apply_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BulkEditDialog, "exec", exec_)
    return shown


def _members(db: Database, campaign_id: int) -> int:
    from infcrm.services.campaigns import campaigns

    return next(c.influencers for c in campaigns.list_campaigns(db) if c.id == campaign_id)


def _stages_of(db: Database, ids: list[int]) -> list[int | None]:
    return [influencers.get(db, i).stage_id for i in ids]


def test_edit_menu_moves_the_selection_and_undo_names_and_takes_it_back(
    window, demo_db, monkeypatch
) -> None:
    view = window.influencers_view()
    ids = list(view.model.ids[:31])
    view.table.select_ids(ids)
    before = _stages_of(demo_db, ids)
    agreed = _stage(demo_db, "Agreed")
    _answer(monkeypatch, "stage", lambda d: d.stage.setCurrentIndex(d.stage.findData(agreed)))
    action = next(a for a in window.menus["edit"].actions() if a.text() == "&Edit people…")
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    action.trigger()
    assert _stages_of(demo_db, ids) == [agreed] * 31
    moved = sum(1 for s in before if s != agreed)
    assert window.statusBar().currentMessage().startswith(f"Moved {moved} to Agreed")
    assert window.undo_stack.undoText() == f"move of {moved} people to Agreed"
    undo = window.menus["edit"].actions()[0]
    assert undo.text() == f"&Undo move of {moved} people to Agreed"
    undo.trigger()
    assert _stages_of(demo_db, ids) == before
    window.undo_stack.redo()
    assert _stages_of(demo_db, ids) == [agreed] * 31


def test_the_whole_filtered_list_can_be_tagged_from_the_context_menu(
    qtbot, window, demo_db, monkeypatch
) -> None:
    view = window.influencers_view()
    listed = list(view.model.ids)
    view.table.select_ids(listed[:2])
    shown = _answer(
        monkeypatch,
        "add_tags",
        lambda d: (d.whole_list.setChecked(True), d.tags.setText("fair 2026")),
    )
    menu = view.table_menu()
    edit = next(a for a in menu.actions() if a.text() == "Edit 2 people…")
    edit.trigger()
    assert shown[0].windowTitle() == "Edit 2 people"
    assert shown[0].whole_list.text() == f"Everyone in this list ({len(listed)})"
    tagged = influencer_list.list_ids(demo_db, ListQuery(tag="fair 2026"))
    assert sorted(tagged) == sorted(listed)
    window.undo_stack.undo()
    assert influencer_list.list_ids(demo_db, ListQuery(tag="fair 2026")) == []


def test_do_not_contact_people_are_named_and_skipped_only_when_asked(
    window, demo_db, monkeypatch
) -> None:
    from infcrm.services.campaigns import campaigns
    from infcrm.services.campaigns.campaign_types import CampaignInput

    marked = influencers.create(
        demo_db, InfluencerInput(display_name="Quiet Quinn", do_not_contact=True)
    )
    other = influencers.create(demo_db, InfluencerInput(display_name="Open Olga"))
    fair = campaigns.create_campaign(demo_db, CampaignInput(name="Fair"))
    asked: list[str] = []
    monkeypatch.setattr(
        bulk_edit, "ask_to_skip", lambda _p, refused: asked.append(str(refused)) or False
    )
    _answer(
        monkeypatch, "campaign", lambda d: d.campaign.setCurrentIndex(d.campaign.findData(fair))
    )
    bulk_edit.edit_people(window, demo_db, [marked, other])
    assert asked == ["Marked “Do not contact”: Quiet Quinn."]
    assert _members(demo_db, fair) == 0
    assert window.statusBar().currentMessage() == "Nobody was changed."
    monkeypatch.setattr(bulk_edit, "ask_to_skip", lambda _p, _r: True)
    bulk_edit.edit_people(window, demo_db, [marked, other])
    assert _members(demo_db, fair) == 1
    assert window.undo_stack.undoText() == "adding 1 person to “Fair”"


def test_a_drag_on_the_board_is_one_undo_step(qtbot, window, demo_db) -> None:
    from infcrm.ui.models.board_column_model import move_cards

    ids = list(window.influencers_view().model.ids[:3])
    before = _stages_of(demo_db, ids)
    completed = _stage(demo_db, "Completed")
    assert move_cards(demo_db, ids, completed) is None
    assert _stages_of(demo_db, ids) == [completed] * 3
    assert window.undo_stack.undoText().startswith("move of ")
    window.undo_stack.undo()
    assert _stages_of(demo_db, ids) == before


def test_the_board_context_menu_offers_edit_people(
    qtbot, open_window, demo_db, monkeypatch
) -> None:
    window = open_window(demo_db, "pipeline")
    board = window.views["pipeline"]
    qtbot.waitUntil(lambda: not board.is_loading(), timeout=10_000)
    column = next(c for c in board.columns.values() if c.cards.model().rowCount())
    column.cards.selectAll()
    count = len(column.selected_ids())
    shown = _answer(monkeypatch, "rating", lambda d: d.rating.setCurrentIndex(d.rating.findData(5)))
    edit = next(a for a in column.card_menu().actions() if a.text().startswith("Edit "))
    assert edit.text() == (f"Edit {count} people…" if count > 1 else "Edit people…")
    edit.trigger()
    assert shown and all(influencers.get(demo_db, i).rating == 5 for i in column.selected_ids())


def test_closing_the_dialog_with_a_choice_asks_first(qtbot, demo_db, monkeypatch) -> None:
    dialog = BulkEditDialog(demo_db, 12, 60)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.action.setCurrentIndex(dialog.action.findData("add_tags"))
    dialog.tags.setText("vip")
    asked: list[str] = []

    def question(*args, **_kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    dialog.reject()
    assert asked == ["Apply this change before closing?"]
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("key", ["stage", "add_tags", "interaction", "follow_up"])
def test_dialog_screenshots(qtbot, demo_db, tmp_path, key) -> None:
    dialog = BulkEditDialog(demo_db, 31, 2345, action=key)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    image = dialog.grab()
    assert image.width() >= 460
    image.save(str(tmp_path / f"bulk-{key}.png"))


def test_no_tag_written_is_said_without_offering_to_skip_nobody(
    window, demo_db, monkeypatch
) -> None:
    view = window.influencers_view()
    ids = list(view.model.ids[:5])
    view.table.select_ids(ids)
    _answer(monkeypatch, "add_tags", lambda d: d.tags.setText(" , "))
    shown: list[tuple[str, str, str, list[str]]] = []

    def box_exec(box: QMessageBox) -> int:
        buttons = [b.text() for b in box.buttons()]
        shown.append((box.windowTitle(), box.text(), box.informativeText(), buttons))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    action = next(a for a in window.menus["edit"].actions() if a.text() == "&Edit people…")
    action.trigger()

    assert shown == [
        ("Edit people", "Write at least one tag.", "Nothing has been changed.", ["OK"])
    ]
    assert window.statusBar().currentMessage() == "Nobody was changed."


@pytest.mark.parametrize(("key", "noun"), [("add_tags", "tag"), ("remove_niches", "niche")])
def test_an_empty_list_disables_apply_while_typing_and_says_why(qtbot, demo_db, key, noun) -> None:
    dialog = BulkEditDialog(demo_db, 12, 60, action=key)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.tags if noun == "tag" else dialog.niches
    field.setFocus()
    default_hint = "One step: Edit › Undo (Ctrl+Z) puts everyone back exactly as they were."
    verb = "remove" if key.startswith("remove") else "add"

    assert not dialog.apply_button.isEnabled()
    assert dialog.hint.text() == f"Write at least one {noun} to {verb}."
    qtbot.keyClicks(field, " , ;")  # separators only: still nothing to change
    assert not dialog.apply_button.isEnabled()
    qtbot.keyClicks(field, "vip")
    assert dialog.apply_button.isEnabled() and dialog.hint.text() == default_hint
    for _ in range(len(field.text())):
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "" and not dialog.apply_button.isEnabled()
    assert dialog.hint.text() == f"Write at least one {noun} to {verb}."
    # Another change needs no text: Apply is back, and so is the usual hint.
    dialog.action.setCurrentIndex(dialog.action.findData("mark"))
    assert dialog.apply_button.isEnabled() and dialog.hint.text() == default_hint


def test_a_tag_over_the_limit_disables_apply_as_it_is_typed(qtbot, demo_db) -> None:
    dialog = BulkEditDialog(demo_db, 12, 60, action="add_tags")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.tags, "fair, " + "x" * 60)
    assert dialog.apply_button.isEnabled()
    qtbot.keyClicks(dialog.tags, "x")
    assert not dialog.apply_button.isEnabled()
    assert dialog.hint.text() == (
        "The tag “xxxxxxxxxxxxxxxxxxxx…” is too long; keep tags to 60 characters."
    )
    qtbot.keyClick(dialog.tags, Qt.Key.Key_Backspace)
    assert dialog.apply_button.isEnabled()


def test_the_chosen_peoples_versions_are_read_off_the_windows_thread(
    qtbot, window, demo_db, monkeypatch
) -> None:
    import threading

    from infcrm.services.people import bulk
    from infcrm.ui.dialogs.chosen_versions import ChosenVersions

    threads: list[threading.Thread] = []
    read = bulk.versions_of

    def versions_of(db: Database, ids: list[int]) -> dict[int, int]:
        threads.append(threading.current_thread())
        return read(db, ids)

    monkeypatch.setattr(bulk, "versions_of", versions_of)
    ids = list(window.influencers_view().model.ids[:3])
    name = influencers.get(demo_db, ids[0]).display_name

    def fill(dialog: BulkEditDialog) -> None:
        versions = dialog.findChild(ChosenVersions)
        qtbot.waitUntil(lambda: not versions.loader.waiting)
        bulk.set_owner(demo_db, ids[:1], "Someone else")  # changed elsewhere meanwhile
        dialog.tags.setText("fair 2026")

    _answer(monkeypatch, "add_tags", fill)
    bulk_edit.edit_people(window, demo_db, ids)
    assert threads and threading.main_thread() not in threads
    message = window.statusBar().currentMessage()
    assert message.startswith("Tagged 3 people “fair 2026”.")
    assert f"1 person had been changed elsewhere since you chose them ({name})" in message


def test_niches_that_would_not_fit_are_named_and_the_others_get_them_when_asked(
    window, demo_db, monkeypatch
) -> None:
    full = ", ".join([*(f"niche{n:03}" for n in range(99)), "abcdef"])  # 996 characters
    lena = influencers.create(demo_db, InfluencerInput(display_name="Full Lena", niches=full))
    ana = influencers.create(demo_db, InfluencerInput(display_name="Open Ana", niches="food"))
    asked: list[str] = []
    monkeypatch.setattr(
        bulk_edit, "ask_to_skip", lambda _p, refused: asked.append(str(refused)) or False
    )
    _answer(monkeypatch, "add_niches", lambda d: d.niches.setText("baking"))
    bulk_edit.edit_people(window, demo_db, [lena, ana])
    assert asked == [
        "Their niches would be longer than the 1,000 characters a person's niches hold: Full Lena."
    ]
    assert influencers.get(demo_db, ana).niches == "food"
    assert window.statusBar().currentMessage() == "Nobody was changed."
    monkeypatch.setattr(bulk_edit, "ask_to_skip", lambda _p, _r: True)
    bulk_edit.edit_people(window, demo_db, [lena, ana])
    assert influencers.get(demo_db, ana).niches == "food, baking"
    assert influencers.get(demo_db, lena).niches == full
    assert window.statusBar().currentMessage().startswith("Added “baking” to the niches of 1")
