"""Keyboard use: Tab leaves tables, Down enters results, Enter confirms, shortcuts listed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.ui.dialogs.campaign_picker_dialog import CampaignPickerDialog
from infcrm.ui.dialogs.influencer_picker_dialog import InfluencerPickerDialog
from infcrm.ui.dialogs.shortcuts_dialog import shortcut_rows


def _influencers(qtbot, main_window):
    main_window.resize(1280, 800)
    with qtbot.waitActive(main_window):
        main_window.show()
        main_window.activateWindow()
    main_window.show_view("influencers")
    view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: view.model.rowCount() > 5)
    return view


def test_tab_leaves_the_list_and_ctrl_tab_moves_inside(qtbot, main_window) -> None:
    view = _influencers(qtbot, main_window)
    table = view.table
    table.setFocus()
    table.setCurrentIndex(view.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().column() == 1 and QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().column() == 0
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table, "Tab goes on to the next control"


def test_down_in_the_search_box_moves_into_the_results(qtbot, main_window) -> None:
    view = _influencers(qtbot, main_window)
    view.search.setFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.table
    assert view.selected_influencer_ids() == [view.model.id_at(0)]


def test_enter_in_the_influencer_picker_takes_the_first_found(qtbot, demo_db) -> None:
    dialog = InfluencerPickerDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search, "a")
    first = None

    def remember() -> None:
        nonlocal first
        first = dialog.chosen_ids()

    dialog.accepted.connect(remember)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert first == [dialog.list.item(0).data(Qt.ItemDataRole.UserRole)]


def test_down_then_enter_in_the_campaign_picker_confirms(qtbot, db) -> None:
    campaigns.create_campaign(db, CampaignInput(name="Spring"))
    dialog = CampaignPickerDialog(db, 2)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_space_to_mark_done_is_shown(qtbot, main_window) -> None:
    followups = main_window.views["followups"]
    assert "(Space)" in followups.done_button.toolTip()
    rows = shortcut_rows(main_window)
    assert ("Follow-ups", "Mark the selected follow-ups done", "Space") in rows


def test_help_keyboard_shortcuts_lists_every_shortcut_of_the_menus(qtbot, main_window) -> None:
    action = next(
        a
        for a in main_window.menus["help"].actions()
        if a.text().replace("&", "") == "Keyboard shortcuts"
    )
    action.trigger()
    dialog = main_window.shortcuts_dialog
    shown = {dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    every = {
        a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        for a in main_window.findChildren(type(action))
        if not a.shortcut().isEmpty() and a.parent() is main_window
    }
    missing = {keys for keys in every if not any(keys in s for s in shown)}
    assert not missing, f"shortcuts not listed: {missing}"
    for expected in ("Ctrl+L", "Ctrl+E", "Ctrl+I", "Ctrl+1", "Ctrl+O", "Ctrl+Shift+C", "Space"):
        assert any(expected in s for s in shown), expected
    dialog.reject()


def test_people_chosen_in_one_search_stay_chosen_through_the_next(qtbot, db) -> None:
    """Adding a campaign's people one search at a time: each search keeps the earlier picks."""
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput

    for name in ("Anna Bakes", "Ben Bakes", "Cara Cooks", "Dan Cooks", "Eve Paints"):
        influencers.create(db, InfluencerInput(display_name=name))
    dialog = InfluencerPickerDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()

    def search(text: str) -> dict[str, object]:
        dialog.search.setText(text)
        dialog.run_search()
        return {dialog.list.item(r).text(): dialog.list.item(r) for r in range(dialog.list.count())}

    found = search("bakes")
    found["Anna Bakes"].setSelected(True)
    found["Ben Bakes"].setSelected(True)
    found = search("cooks")
    assert set(found) == {"Cara Cooks", "Dan Cooks"}
    found["Dan Cooks"].setSelected(True)
    assert dialog.add_button.text() == "Add 3 selected"
    assert "Anna Bakes" in dialog.hint.text() and "Ben Bakes" in dialog.hint.text()
    found = search("")  # everyone again: the three are shown chosen
    assert {t for t, item in found.items() if item.isSelected()} == {
        "Anna Bakes",
        "Ben Bakes",
        "Dan Cooks",
    }
    found["Ben Bakes"].setSelected(False)  # changed their mind
    names = {dialog.list.item(r).data(Qt.ItemDataRole.UserRole): dialog.list.item(r).text()
             for r in range(dialog.list.count())}  # fmt: skip
    assert [names[i] for i in dialog.chosen_ids()] == ["Anna Bakes", "Dan Cooks"]
    assert dialog.add_button.text() == "Add 2 selected"
