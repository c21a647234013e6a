"""Sam's own Edit › Undo changes the record his open form shows, while he has an edit there:
the rows come back signed by whoever wrote them before (Ana), yet the comparison his Save
then shows names his undo, not Ana, who saved nothing meanwhile. Sam is at the screen
(`db`); Ana saved earlier from a second copy of the app (`ana`)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaign_edits, campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.changes import from_tables
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs.campaign_dialog import CampaignDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.dialogs.edit_conflict_dialog import MINE, EditConflictDialog
from infcrm.ui.main_window import MainWindow
from tests.order_setup import bake_off
from tests.ui.comparing import answer_comparison
from tests.ui.test_open_forms_follow_teammates import anas_save
from tests.undo_screen import undo


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


DEAL = "the deal of “Lena Bakes” in “Spring Bake-Off”"


def _window(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def _names_sams(comparing: EditConflictDialog, doing: str, record: str) -> None:
    """The comparison says Sam's `doing` ("undo", "redo") changed `record`, and Ana is
    nowhere in it."""
    texts = [label.text() for label in comparing.findChildren(QLabel)]
    assert f"Your {doing} changed {record} while you were editing" in texts
    assert f"After your {doing}" in texts
    assert not [text for text in texts if "Ana" in text], texts
    assert (
        comparing.take_theirs.toolTip() == f"Choose the version after your {doing} of every field"
    )


def test_the_deal_comparison_after_sams_undo_names_his_undo_not_ana(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    lena = bake_off(db).lena
    anas_save(ana, lena, usage_rights="Repost 3 months")
    window = _window(qtbot, db)
    dialog = DealDialog(db, lena, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.usage.setText("Repost 1 month")
    assert dialog.save_terms()
    dialog.notes.setPlainText("Ships in May")  # typed, not saved

    undo(qtbot, window)

    qtbot.waitUntil(lambda: dialog.usage.text() == "Repost 3 months")
    assert "changed by Undo while you were editing" in dialog.terms_status.text()

    said: list[str] = []

    def keep_mine(comparing: EditConflictDialog) -> bool:
        _names_sams(comparing, "undo", DEAL)
        said.append(dialog.terms_error.message)
        assert [d.key for d in comparing.differences] == ["notes"]
        assert comparing.radios[("notes", MINE)].isChecked()
        return True

    seen = answer_comparison(monkeypatch, keep_mine)
    assert dialog.save_terms()

    assert len(seen) == 1
    line = said[0]  # beside Save terms while the comparison is open
    assert line.startswith(f"Your undo changed {DEAL} while you were editing") and "Ana" not in line
    now = deals.get_deal(ana, lena)
    assert (now.usage_rights, now.notes) == ("Repost 3 months", "Ships in May")
    dialog.close()


def _campaign_edit(db: Database, summer: int, **values: object) -> object:
    now = campaigns.get_campaign(db, summer)
    fields = {"name": now.name, "brand": now.brand, "brief": now.brief, **values}
    return campaign_edits.edit(db, summer, CampaignInput(**fields, version=now.version))


def test_the_campaign_comparison_after_sams_undo_names_it_and_then_anas_save_names_her(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    summer = campaigns.create_campaign(db, CampaignInput("Summer launch", brief="Sunny"))
    _campaign_edit(ana, summer, brand="Oat")
    window = _window(qtbot, db)
    undo_commands.remember(db, "rename", _campaign_edit(db, summer, name="Summer"))
    dialog = CampaignDialog(db, summer, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.brief.setPlainText("Rainy")

    undo(qtbot, window)  # the name is as Ana left it, signed by her

    qtbot.waitUntil(lambda: dialog.name.text() == "Summer launch")

    def close_it(comparing: EditConflictDialog) -> bool:
        _names_sams(comparing, "undo", "the campaign “Summer launch”")
        return False  # closed: the form stays as typed

    seen = answer_comparison(monkeypatch, close_it)
    dialog._on_save()
    assert len(seen) == 1 and dialog.isVisible()
    line = dialog.errors["name"].message  # stays under the name, the form as typed
    assert line.startswith("Your undo changed the campaign “Summer launch” while you were")
    assert "Ana" not in line

    _campaign_edit(ana, summer, name="Summer 26")
    operations.announce(from_tables(["campaign"]))  # as the server's notice is heard
    qtbot.waitUntil(lambda: dialog.name.text() == "Summer 26")

    def names_ana(comparing: EditConflictDialog) -> bool:
        assert comparing.take_theirs.toolTip() == "Choose Ana's version of every field"
        return True

    seen = answer_comparison(monkeypatch, names_ana)
    dialog._on_save()
    assert len(seen) == 1 and not dialog.isVisible()
    now = campaigns.get_campaign(db, summer)
    assert (now.name, now.brief) == ("Summer 26", "Rainy")
