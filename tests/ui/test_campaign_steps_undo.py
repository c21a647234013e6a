"""On the Campaigns screen, creating, editing and deleting a campaign, adding people to it and
taking them out are each a step of Edit › Undo named after it: Ctrl+Z brings the screen back
as it was, Ctrl+Shift+Z does the change again."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreements, deal_results
from infcrm.services.campaigns.campaign_types import PaymentInput
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.campaign_dialog import CampaignDialog
from infcrm.ui.dialogs.campaign_picker_dialog import add_to_campaign
from tests.order_setup import bake_off
from tests.table_dump import everything
from tests.undo_screen import campaigns_screen, redo, undo


@pytest.fixture
def screen(qtbot, db: Database, monkeypatch):
    """The Campaigns screen on “Spring Bake-Off”; every question answered Yes."""
    setup = bake_off(db)
    sent = agreements.compose(db, setup.lena)
    agreements.mark_sent(db, sent.id)
    deal_results.record_payment(db, setup.lena, PaymentInput(date(2026, 4, 20), "120", "EUR"))
    window, view = campaigns_screen(qtbot, db, setup.campaign)
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kw: yes)
    return setup, window, view


def _campaigns(view) -> list[str]:
    return [c.name for c in view.campaign_model.records]


def _people(view) -> list[str]:
    return sorted(d.influencer_name for d in view.deal_model.records)


def test_a_deleted_campaign_comes_back_with_ctrl_z(qtbot, screen) -> None:
    _setup, window, view = screen
    before = everything(window.db)

    view.delete_campaign()

    qtbot.waitUntil(lambda: _campaigns(view) == [])
    assert window.undo_stack.undoText() == "deletion of the campaign “Spring Bake-Off”"
    undo(qtbot, window)
    qtbot.waitUntil(lambda: _campaigns(view) == ["Spring Bake-Off"])
    assert everything(window.db) == before  # deals, the sent agreement, the payment
    redo(qtbot, window)
    qtbot.waitUntil(lambda: _campaigns(view) == [])


def test_people_taken_out_and_added_come_back_and_go_again(qtbot, screen) -> None:
    setup, window, view = screen
    qtbot.waitUntil(lambda: _people(view) == ["Lena Bakes", "Mia Cooks"])
    view.deal_table.selectRow(0)

    view.remove_selected()

    qtbot.waitUntil(lambda: len(_people(view)) == 1)
    assert window.undo_stack.undoText().startswith("removal of “")
    undo(qtbot, window)
    qtbot.waitUntil(lambda: _people(view) == ["Lena Bakes", "Mia Cooks"])

    ana = influencers.create(window.db, InfluencerInput(display_name="Ana Ruiz"))
    assert add_to_campaign(view, window.db, [ana], setup.campaign) == 1
    qtbot.waitUntil(lambda: "Ana Ruiz" in _people(view))
    assert window.undo_stack.undoText() == "addition of 1 influencer to “Spring Bake-Off”"
    undo(qtbot, window)
    qtbot.waitUntil(lambda: "Ana Ruiz" not in _people(view))
    redo(qtbot, window)
    qtbot.waitUntil(lambda: "Ana Ruiz" in _people(view))


def test_a_new_campaign_and_an_edit_undo_from_the_edit_menu(qtbot, screen) -> None:
    setup, window, view = screen
    dialog = CampaignDialog(window.db, parent=window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Autumn boxes")
    dialog._on_save()
    qtbot.waitUntil(lambda: "Autumn boxes" in _campaigns(view))
    assert window.undo_stack.undoText() == "new campaign “Autumn boxes”"

    undo(qtbot, window)

    qtbot.waitUntil(lambda: "Autumn boxes" not in _campaigns(view))
    edit = CampaignDialog(window.db, setup.campaign, parent=window)
    qtbot.addWidget(edit)
    edit.name.setText("Spring Bake-Off 2026")
    edit._on_save()
    qtbot.waitUntil(lambda: _campaigns(view) == ["Spring Bake-Off 2026"])
    assert window.undo_stack.undoText() == "edit of the campaign “Spring Bake-Off 2026”"
    undo(qtbot, window)
    qtbot.waitUntil(lambda: _campaigns(view) == ["Spring Bake-Off"])
    redo(qtbot, window)
    qtbot.waitUntil(lambda: _campaigns(view) == ["Spring Bake-Off 2026"])
