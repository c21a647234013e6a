"""Two people edit Lena at once: the second to save sees “Ana changed Lena Vogel while you
were editing” with both versions side by side, chooses per field, and saves; closing the
comparison keeps the form open with everything typed. Ana and Sam are two `Database`
objects on the same file, as two copies of the app would be."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from infcrm.db.engine import Database, open_database
from infcrm.services.campaigns import campaign_edits, campaigns
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.dialogs.campaign_dialog import CampaignDialog
from infcrm.ui.dialogs.edit_conflict_dialog import MINE, THEIRS, EditConflictDialog
from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog
from tests.ui.comparing import answer_comparison


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


def _lena(db: Database) -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Vogel",
            city="Berlin",
            notes="Loves sourdough",
            accounts=(AccountInput("instagram", "lena.bakes", followers="12000"),),
        ),
    )


def _anas_edit(ana: Database, lena: int, **values: object) -> None:
    form = influencers.get(ana, lena).to_input()
    influencers.update(ana, lena, dataclasses.replace(form, **values))


def _sams_form(qtbot, db: Database, lena: int) -> InfluencerDialog:
    dialog = InfluencerDialog(db, lena)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.city.setText("Munich")
    dialog.notes.setPlainText("Vegan only")
    return dialog


def test_the_second_save_shows_both_versions_and_saves_the_fields_chosen(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    lena = _lena(db)
    dialog = _sams_form(qtbot, db, lena)
    _anas_edit(ana, lena, city="Hamburg", owner="Ana")

    def choose(comparing: EditConflictDialog) -> bool:
        comparing.radios[("city", THEIRS)].click()  # Ana's city, Sam's notes
        return True

    seen = answer_comparison(monkeypatch, choose)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    (comparing,) = seen
    assert comparing.windowTitle() == "Changed while you were editing"
    rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
    assert rows == {
        "city": ("Munich", "Hamburg"),
        "owner": ("", "Ana"),
        "notes": ("Vegan only", "Loves sourdough"),
    }, "only the fields the two versions disagree on, nothing about the accounts"
    # Defaults: what Sam changed is his, what he left alone is Ana's.
    assert not dialog.isVisible(), "saved and closed"
    now = influencers.get(db, lena)
    assert (now.city, now.owner, now.notes) == ("Hamburg", "Ana", "Vegan only")
    assert now.changed_by == "Sam" and now.version == 3


def test_closing_the_comparison_unsaved_keeps_the_form_and_every_edit(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    lena = _lena(db)
    dialog = _sams_form(qtbot, db, lena)
    _anas_edit(ana, lena, city="Hamburg")
    seen = answer_comparison(monkeypatch, lambda _comparing: False)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(seen) == 1 and dialog.isVisible()
    assert (dialog.city.text(), dialog.notes.toPlainText()) == ("Munich", "Vegan only")
    assert "Ana changed Lena Vogel while you were editing" in dialog.general_error.text()
    assert influencers.get(db, lena).city == "Hamburg", "nothing of Ana's was overwritten"

    # Saving again asks again; keeping all of Sam's version then saves it whole.
    seen.clear()
    answer_comparison(monkeypatch, lambda comparing: comparing.choose_all(MINE) or True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    now = influencers.get(db, lena)
    assert (now.city, now.notes) == ("Munich", "Vegan only")


def test_take_all_theirs_shows_their_version_in_the_form_and_saves_it(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    lena = _lena(db)
    dialog = _sams_form(qtbot, db, lena)
    _anas_edit(ana, lena, city="Hamburg", tags="vegan")

    def take_all(comparing: EditConflictDialog) -> bool:
        # Her name as she wrote it, as in the column above the button.
        assert comparing.take_theirs.toolTip() == "Choose Ana's version of every field"
        comparing.take_theirs.click()
        return True

    answer_comparison(monkeypatch, take_all)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    now = influencers.get(db, lena)
    assert (now.city, now.notes, now.tags) == ("Hamburg", "Loves sourdough", ("vegan",))


def test_a_save_from_another_window_of_ones_own_is_the_saved_version(
    qtbot, db: Database, monkeypatch
) -> None:
    db.sign_as("Sam")
    lena = _lena(db)
    dialog = _sams_form(qtbot, db, lena)
    other_window = open_database(db.url)
    other_window.sign_as("Sam")
    try:
        _anas_edit(other_window, lena, city="Hamburg")
    finally:
        other_window.close()

    def look(comparing: EditConflictDialog) -> bool:
        words = [label.text() for label in comparing.findChildren(QLabel)]
        assert "Lena Vogel was changed in another window while you were editing" in words
        assert "Saved version" in words
        assert comparing.take_theirs.toolTip() == "Choose the saved version of every field"
        return False

    seen = answer_comparison(monkeypatch, look)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1


def test_the_same_values_saved_by_both_need_no_choice(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    lena = _lena(db)
    dialog = _sams_form(qtbot, db, lena)
    _anas_edit(ana, lena, city="Munich", notes="Vegan only")
    seen = answer_comparison(monkeypatch, lambda _comparing: True)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert seen == [] and not dialog.isVisible()
    assert influencers.get(db, lena).version == 3


def test_closing_the_comparison_after_choosing_asks_first(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    lena = _lena(db)
    dialog = _sams_form(qtbot, db, lena)
    _anas_edit(ana, lena, city="Hamburg")
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    def choose_then_close(comparing: EditConflictDialog) -> bool:
        monkeypatch.setattr(QMessageBox, "question", question)
        comparing.radios[("city", THEIRS)].click()
        comparing.reject()  # asks; Cancel keeps the comparison open
        assert comparing.isVisible()
        monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
        return False

    answer_comparison(monkeypatch, choose_then_close)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert asked == ["You chose which versions to keep. Save with these choices?"]
    assert dialog.isVisible() and dialog.city.text() == "Munich"
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_a_campaign_saved_meanwhile_is_compared_and_merged_field_by_field(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    summer = campaigns.create_campaign(db, CampaignInput("Summer launch", brief="Sunny"))
    dialog = CampaignDialog(db, summer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.brief.setPlainText("Rainy")
    theirs = campaigns.get_campaign(ana, summer)
    campaign_edits.edit(
        ana,
        summer,
        CampaignInput(theirs.name, brand="Oat & Honey", brief=theirs.brief, version=1),
    )

    def choose(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {"brand": ("", "Oat & Honey"), "brief": ("Rainy", "Sunny")}
        words = [label.text() for label in comparing.findChildren(QLabel)]
        assert "Ana changed the campaign “Summer launch” while you were editing" in words
        assert "Ana's version" in words, "her column is named after her"
        assert comparing.radios[("brand", THEIRS)].isChecked(), "Sam left the brand alone"
        return True

    seen = answer_comparison(monkeypatch, choose)
    dialog._on_save()

    assert len(seen) == 1 and not dialog.isVisible()
    now = campaigns.get_campaign(db, summer)
    assert (now.brand, now.brief, now.version) == ("Oat & Honey", "Rainy", 3)


def test_closing_a_campaigns_comparison_keeps_the_form(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    summer = campaigns.create_campaign(db, CampaignInput("Summer launch", brief="Sunny"))
    dialog = CampaignDialog(db, summer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.brief.setPlainText("Rainy")
    campaign_edits.edit(ana, summer, CampaignInput("Summer sale", brief="Sunny", version=1))
    answer_comparison(monkeypatch, lambda _comparing: False)

    dialog._on_save()

    assert dialog.isVisible() and dialog.brief.toPlainText() == "Rainy"
    assert campaigns.get_campaign(db, summer).name == "Summer sale"
