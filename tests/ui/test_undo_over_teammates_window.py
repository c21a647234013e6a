"""Edit › Undo never silently removes a teammate's work: Sam (the window) and Ana (a second
copy of the app) on one database. A refused undo says who did what and stays on offer; a
person Ana moved to the Trash while Sam's form was open is not saved into the Trash."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from infcrm.db.engine import Database
from infcrm.services.outreach import followups, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog
from tests.ui.comparing import answer_comparison
from tests.undo_screen import undo


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the warnings shown, each answered OK."""
    shown: list[str] = []

    def warn(_parent, _title: str, text: str, *_args) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def _heard_ana(qtbot, window) -> None:
    """On a server, wait until the window has heard Ana's saves, then stop listening: the
    announcement must not reach the screens after the server has gone."""
    refresh = window.server_refresh
    if refresh.listener is not None:
        qtbot.waitUntil(lambda: refresh.announced > 0)
        refresh.stop()


def _save_form(window, person: int | None, **typed: str) -> InfluencerDialog:
    form = InfluencerDialog(window.db, person, window)
    form.show()
    for name, value in typed.items():
        getattr(form, name).setText(value)
    form.save_button.click()
    return form


def test_ctrl_z_refuses_to_write_over_a_teammates_later_save(
    qtbot, open_window, db: Database, ana: Database, warnings: list[str]
) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Undo 0", city="Rome"))
    window = open_window(db)
    _save_form(window, person, city="Milan")
    seen = influencers.get(ana, person)
    influencers.update(ana, person, replace(seen.to_input(), city="Lisbon", notes="Ana's note"))

    undo(qtbot, window)

    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert "Ana changed “Undo 0” after this step" in warnings[0]
    now = influencers.get(db, person)
    assert (now.city, now.notes) == ("Lisbon", "Ana's note")
    assert window.undo_stack.undoText() == "edit of “Undo 0”"  # still on offer
    assert not window.statusBar().currentMessage().startswith("Undone")
    _heard_ana(qtbot, window)


def test_ctrl_z_keeps_a_new_person_a_teammate_has_since_worked_on(
    qtbot, open_window, db: Database, ana: Database, warnings: list[str]
) -> None:
    window = open_window(db)
    form = _save_form(window, None, display_name="Undo Create Test")
    person = form.saved_id
    assert person is not None
    interactions.log_interaction(
        ana, InteractionInput(person, "email", "inbound", subject="Ana's email", summary="Yes")
    )
    followups.add_follow_up(ana, person, dt.date.today(), "Ana: ship the box")

    undo(qtbot, window)

    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert "Ana logged 1 interaction and added 1 follow-up" in warnings[0]
    assert influencers.get(db, person).deleted_at is None
    assert window.undo_stack.undoText() == "addition of “Undo Create Test”"
    _heard_ana(qtbot, window)


def _answer_trash_question(monkeypatch: pytest.MonkeyPatch, button: str) -> list[str]:
    """Press `button` in the “moved to the Trash” question; the texts it showed."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        box.show()
        (chosen,) = [b for b in box.findChildren(QPushButton) if b.text() == button]
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def test_saving_a_person_a_teammate_trashed_meanwhile_offers_to_restore_them(
    qtbot, open_window, db: Database, ana: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Edge Two"))
    window = open_window(db)
    form = InfluencerDialog(db, person, window)
    form.show()
    form.city.setText("Oslo")
    influencers.trash(ana, [person])
    asked = _answer_trash_question(monkeypatch, "Restore and save")
    compared = answer_comparison(monkeypatch, lambda _dialog: True)

    form.save_button.click()

    assert asked == [
        "Ana moved Edge Two to the Trash while you were editing. Nothing was saved yet."
    ]
    assert compared == []  # Ana changed no field: nothing to compare
    now = influencers.get(db, person)
    assert (now.city, now.deleted_at) == ("Oslo", None)
    assert not form.isVisible()
    _heard_ana(qtbot, window)


def test_discarding_leaves_the_person_in_the_trash_as_the_teammate_left_them(
    qtbot, open_window, db: Database, ana: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Edge Four", city="Rome"))
    window = open_window(db)
    form = InfluencerDialog(db, person, window)
    form.show()
    form.city.setText("Oslo")
    influencers.trash(ana, [person])
    _answer_trash_question(monkeypatch, "Discard my changes")

    form.save_button.click()

    now = influencers.get(db, person)
    assert now.city == "Rome" and now.deleted_at is not None
    assert not form.isVisible()
    _heard_ana(qtbot, window)


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (title, text) of the notes shown, each answered OK."""
    shown: list[tuple[str, str]] = []

    def inform(_parent, title: str, text: str, *_args) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", inform)
    return shown


def test_ctrl_z_of_a_move_of_several_undoes_the_rest_and_says_whom_a_teammate_moved(
    qtbot,
    open_window,
    db: Database,
    ana: Database,
    warnings: list[str],
    notes: list[tuple[str, str]],
) -> None:
    from infcrm.ui.bulk_edit import move_people
    from tests.undo_screen import redo

    people = [influencers.create(db, InfluencerInput(display_name=f"Board {n}")) for n in range(3)]
    stages = {s.name: s.id for s in influencers.stages(db)}
    first = influencers.get(db, people[0]).stage_id
    window = open_window(db)
    assert move_people(db, people, stages["Agreed"]) is None  # Move to ▸ Agreed
    seen = influencers.get(ana, people[2])
    influencers.update(ana, people[2], replace(seen.to_input(), stage_id=stages["Declined"]))

    undo(qtbot, window)

    qtbot.waitUntil(lambda: len(notes) == 1)
    assert notes[0] == (
        "Undo",
        "Undone for 2 people; “Board 2” was changed by Ana after your edit and keeps Ana's values.",
    )
    assert warnings == []
    now = [influencers.get(db, p).stage_id for p in people]
    assert now == [first, first, stages["Declined"]]
    assert window.undo_stack.redoText().startswith("move of 3 people")

    redo(qtbot, window)  # moves again those the undo moved back, and no one else

    qtbot.waitUntil(lambda: window.undo_stack.canUndo())
    now = [influencers.get(db, p).stage_id for p in people]
    assert now == [stages["Agreed"], stages["Agreed"], stages["Declined"]]
    assert len(notes) == 1 and warnings == []
    _heard_ana(qtbot, window)


def _edit_menu_redo(window):
    """Edit › Redo, as the menu holds it."""
    (action,) = [a for a in window.menus["edit"].actions() if a.text().startswith("&Redo")]
    return action


def test_edit_redo_of_a_move_of_several_redoes_the_rest_and_says_whom_a_teammate_moved(
    qtbot,
    open_window,
    db: Database,
    ana: Database,
    warnings: list[str],
    notes: list[tuple[str, str]],
) -> None:
    from infcrm.ui.bulk_edit import move_people

    people = [influencers.create(db, InfluencerInput(display_name=f"Board {n}")) for n in range(3)]
    stages = {s.name: s.id for s in influencers.stages(db)}
    first = influencers.get(db, people[0]).stage_id
    window = open_window(db)
    assert move_people(db, people, stages["Agreed"]) is None  # Move to ▸ Agreed
    undo(qtbot, window)
    qtbot.waitUntil(lambda: window.undo_stack.canRedo())
    seen = influencers.get(ana, people[0])
    influencers.update(ana, people[0], replace(seen.to_input(), stage_id=stages["Declined"]))

    _edit_menu_redo(window).trigger()

    qtbot.waitUntil(lambda: len(notes) == 1)
    assert notes[0] == (
        "Redo",
        "Redone for 2 people; “Board 0” was changed by Ana after your undo and keeps Ana's values.",
    )
    assert warnings == []
    now = [influencers.get(db, p).stage_id for p in people]
    assert now == [stages["Declined"], stages["Agreed"], stages["Agreed"]]

    undo(qtbot, window)  # takes back only what the redo did, and says nothing more

    qtbot.waitUntil(lambda: window.undo_stack.canRedo())
    now = [influencers.get(db, p).stage_id for p in people]
    assert now == [stages["Declined"], first, first]
    assert len(notes) == 1 and warnings == []
    _heard_ana(qtbot, window)
