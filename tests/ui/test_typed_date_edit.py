"""Dates typed whole into a date field: “15/03/2027”, and due dates rolling into next year."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from infcrm.ui.widgets.typed_date_edit import TypedDateEdit

TODAY = date(2026, 11, 30)


def _type(qtbot, field: TypedDateEdit, text: str) -> date:
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return field.date().toPython()


def test_a_whole_date_can_be_typed(qtbot) -> None:
    field = TypedDateEdit(TODAY, today=TODAY)
    qtbot.addWidget(field)
    field.show()
    assert _type(qtbot, field, "15/03/2027") == date(2027, 3, 15)
    assert field.text() == "Mon 15 Mar 2027"
    assert _type(qtbot, field, "2 Jan 2028") == date(2028, 1, 2)


def test_a_due_date_typed_without_a_year_that_has_passed_is_next_year(qtbot) -> None:
    field = TypedDateEdit(TODAY, due=True, today=TODAY)
    qtbot.addWidget(field)
    field.show()
    assert _type(qtbot, field, "15/03") == date(2027, 3, 15)
    assert _type(qtbot, field, "20/12") == date(2026, 12, 20)


def test_nonsense_keeps_the_date_shown_before(qtbot) -> None:
    field = TypedDateEdit(TODAY, today=TODAY)
    qtbot.addWidget(field)
    field.show()
    assert _type(qtbot, field, "31/02/2027") == TODAY
    assert field.text() == "Mon 30 Nov 2026"


def test_the_follow_up_date_of_log_interaction_takes_a_typed_date(qtbot, db) -> None:
    from infcrm.services.outreach import follow_up_lists
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput
    from infcrm.ui.dialogs.log_interaction_dialog import LogInteractionDialog

    person = influencers.create(db, InfluencerInput(display_name="Mia Bakes"))
    dialog = LogInteractionDialog(db, person, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.when.setDate(dialog.when.date().addDays(-1))
    # Enter takes the typed date and, as in every dialog, saves.
    assert _type(qtbot, dialog.follow_up_date, "15/03") == date(2027, 3, 15)
    assert dialog.follow_up_box.isChecked() and dialog.saved_id is not None
    assert [f.due_date for f in follow_up_lists.follow_ups_of(db, person)] == [date(2027, 3, 15)]
