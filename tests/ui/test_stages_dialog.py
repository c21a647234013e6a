"""Managing pipeline stages: rename, reorder, add, archive with a destination, restore."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.services.outreach import history
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.dialogs.stages_dialog import StagesDialog
from infcrm.ui.events import events


@pytest.fixture
def dialog(qtbot, demo_db: Database) -> StagesDialog:
    window = StagesDialog(demo_db)
    qtbot.addWidget(window)
    window.show()
    return window


def _names(db: Database) -> list[str]:
    return [s.name for s in influencers.stages(db)]


def _choose(dialog: StagesDialog, name: str) -> None:
    row = next(r for r, s in enumerate(dialog.active_stages()) if s.name == name)
    dialog.stage_list.setCurrentRow(row)


def _stage_id(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db, include_archived=True) if s.name == name)


def test_lists_stages_in_board_order_with_how_many_people(
    dialog: StagesDialog, demo_db: Database
) -> None:
    shown = [dialog.stage_list.item(r).text() for r in range(dialog.stage_list.count())]
    assert [s.name for s in dialog.active_stages()] == _names(demo_db)
    prospects = len(
        influencer_list.list_ids(demo_db, ListQuery(stage_id=_stage_id(demo_db, "Prospect")))
    )
    assert shown[0] == f"Prospect — {prospects:,} people"
    assert any(text.startswith("Declined (closed) — ") for text in shown)


def test_rename_saves_and_tells_every_screen(
    qtbot, dialog: StagesDialog, demo_db: Database
) -> None:
    _choose(dialog, "In talks")
    dialog.name_edit.setText("Negotiating")
    with qtbot.waitSignal(events.stages_changed):
        dialog.rename_button.click()
    assert "Negotiating" in _names(demo_db) and "In talks" not in _names(demo_db)
    assert dialog.current_stage().name == "Negotiating"
    assert dialog.note.text() == "Renamed “In talks” to “Negotiating”."


def test_a_duplicate_or_empty_name_is_refused_beside_the_field(
    dialog: StagesDialog, demo_db: Database
) -> None:
    before = _names(demo_db)
    _choose(dialog, "In talks")
    dialog.name_edit.setText("agreed")
    dialog.rename_button.click()
    assert dialog.name_error.message == (
        "There is already a stage called “Agreed”; choose another name."
    )
    assert dialog.name_error.isVisible()
    dialog.new_name.setText("   ")
    dialog.add_button.click()
    assert dialog.add_error.message
    assert _names(demo_db) == before


def test_move_up_and_down_reorder_the_board(dialog: StagesDialog, demo_db: Database) -> None:
    _choose(dialog, "Agreed")
    dialog.up_button.click()
    assert _names(demo_db)[:4] == ["Prospect", "Contacted", "Agreed", "In talks"]
    assert dialog.current_stage().name == "Agreed"
    dialog.down_button.click()
    dialog.down_button.click()
    assert _names(demo_db)[:5] == ["Prospect", "Contacted", "In talks", "Content live", "Agreed"]
    _choose(dialog, "Prospect")
    assert not dialog.up_button.isEnabled()


def test_add_an_open_stage_lands_before_the_closed_ones(
    dialog: StagesDialog, demo_db: Database
) -> None:
    dialog.new_name.setText("Sample sent")
    dialog.add_button.click()
    names = _names(demo_db)
    assert names.index("Sample sent") == names.index("Completed") + 1
    assert names[-2:] == ["Declined", "Not a fit"]
    assert dialog.current_stage().name == "Sample sent"
    assert dialog.new_name.text() == ""


def test_archiving_a_stage_with_people_asks_where_they_go(
    qtbot, dialog: StagesDialog, demo_db: Database
) -> None:
    _choose(dialog, "In talks")
    in_talks = _stage_id(demo_db, "In talks")
    people = influencer_list.list_ids(demo_db, ListQuery(stage_id=in_talks))
    assert people
    dialog.archive_button.click()
    assert dialog.archive_error.message.startswith("“In talks” still holds")
    assert "In talks" in _names(demo_db)

    dialog.move_to.setCurrentIndex(dialog.move_to.findText("Agreed"))
    with qtbot.waitSignal(events.stages_changed):
        dialog.archive_button.click()
    assert "In talks" not in _names(demo_db)
    assert [dialog.archived_list.item(0).text()] == ["In talks"]
    assert all(influencers.get(demo_db, p).stage_name == "Agreed" for p in people)
    assert history.timeline(demo_db, people[0])[0].title.endswith(" from In talks to Agreed")
    assert f"{len(people)} people moved to “Agreed”" in dialog.note.text()


def test_restore_brings_an_archived_stage_back_at_the_end(
    dialog: StagesDialog, demo_db: Database
) -> None:
    dialog.new_name.setText("Paused")
    dialog.add_button.click()
    _choose(dialog, "Paused")
    dialog.archive_button.click()  # nobody in it: archived at once
    assert "Paused" not in _names(demo_db)
    assert not dialog.restore_button.isEnabled()
    dialog.archived_list.setCurrentRow(0)
    dialog.restore_button.click()
    assert _names(demo_db)[-1] == "Paused"
    assert dialog.archived_list.count() == 0


def test_the_last_stage_cannot_be_archived(qtbot, db: Database) -> None:
    dialog = StagesDialog(db)
    qtbot.addWidget(dialog)
    for name in _names(db)[1:]:
        _choose(dialog, name)
        dialog.archive_button.click()
    assert _names(db) == ["Prospect"]
    _choose(dialog, "Prospect")
    dialog.archive_button.click()
    assert dialog.archive_error.message == "The pipeline needs at least one stage; add another."
    assert _names(db) == ["Prospect"]


def test_edit_menu_opens_the_dialog(main_window) -> None:
    action = next(a for a in main_window.menus["edit"].actions() if a.text() == "Pipeline &stages…")
    assert action.toolTip()
    action.trigger()
    assert main_window.stages_dialog.isVisible()
    main_window.stages_dialog.close()


def test_the_archived_stages_box_shows_only_when_a_stage_is_archived(
    dialog: StagesDialog,
) -> None:
    """An empty box with no explanation said nothing: it appears with the first archived
    stage, saying what it holds and what Restore does."""
    assert dialog.archived_list.count() == 0
    assert dialog.archived_box.isHidden()
    dialog.new_name.setText("Sample sent")
    dialog.add_button.click()
    _choose(dialog, "Sample sent")
    dialog.archive_button.click()  # nobody in it: archived at once
    assert dialog.archived_box.isVisible()
    assert "hidden from the board" in dialog.archived_hint.text()
    dialog.archived_list.setCurrentRow(0)
    dialog.restore_button.click()
    assert dialog.archived_box.isHidden()
