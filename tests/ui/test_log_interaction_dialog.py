"""The Log interaction dialog: saving with a follow-up, refusing bad input, picking the person."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog

from infcrm.db.engine import Database
from infcrm.services.outreach import follow_up_lists, history
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.log_interaction_dialog import LogInteractionDialog
from infcrm.ui.events import events
from infcrm.ui.widgets.timeline_widget import TimelineWidget

TODAY = date(2026, 11, 18)


def _person(db: Database, name: str = "Mia Bakes", stage: str | None = None) -> int:
    stage_id = next(s.id for s in influencers.stages(db) if s.name == stage) if stage else None
    return influencers.create(db, InfluencerInput(display_name=name, stage_id=stage_id))


def _dialog(qtbot, db: Database, influencer_id: int | None) -> LogInteractionDialog:
    dialog = LogInteractionDialog(db, influencer_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_logging_with_a_one_click_follow_up(qtbot, db: Database) -> None:
    person = _person(db, stage="Contacted")
    dialog = _dialog(qtbot, db, person)
    assert dialog.person_label.text() == "Mia Bakes"
    dialog.channel.setCurrentIndex(dialog.channel.findText("Instagram DM"))
    qtbot.keyClicks(dialog.subject, "Spring collab")
    qtbot.keyClicks(dialog.summary, "Offered the vegan box.")
    qtbot.mouseClick(dialog.quick_buttons["Tomorrow"], Qt.MouseButton.LeftButton)
    assert dialog.follow_up_box.isChecked()
    qtbot.keyClicks(dialog.follow_up_note, "Ask about the box")
    with qtbot.waitSignal(events.follow_ups_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [follow_up] = follow_up_lists.follow_ups_of(db, person)
    assert follow_up.due_date == TODAY + timedelta(days=1)
    assert follow_up.note == "Ask about the box"
    titles = [e.title for e in history.timeline(db, person)]
    assert "Instagram DM to them: Spring collab" in titles
    assert any(t.startswith("Follow-up set for Thu 19 Nov 2026") for t in titles)


def test_without_the_follow_up_nothing_is_set(qtbot, db: Database) -> None:
    person = _person(db)
    dialog = _dialog(qtbot, db, person)
    qtbot.keyClicks(dialog.subject, "Hello")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    assert follow_up_lists.follow_ups_of(db, person) == []


def test_a_future_date_is_refused_next_to_the_field_and_nothing_saved(qtbot, db) -> None:
    person = _person(db)
    dialog = _dialog(qtbot, db, person)
    dialog.when.setDateTime(QDateTime(datetime.now() + timedelta(days=5)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved_id is None
    error = dialog.errors["occurred_at"]
    assert error.isVisible() and "in the future" in error.message
    assert history.timeline(db, person) == []
    # Fixing the field clears the complaint and saves.
    dialog.when.setDateTime(QDateTime.currentDateTime())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None and not dialog.errors["occurred_at"].isVisible()


def test_a_too_long_subject_is_refused(qtbot, db: Database) -> None:
    person = _person(db)
    dialog = _dialog(qtbot, db, person)
    dialog.subject.setText("x" * 400)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["subject"].isVisible() and dialog.saved_id is None
    assert history.timeline(db, person) == []


def test_ctrl_enter_saves(qtbot, db: Database) -> None:
    person = _person(db)
    dialog = _dialog(qtbot, db, person)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts only reach the active window
    dialog.summary.setFocus()
    qtbot.keyClicks(dialog.summary, "Called her")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved_id is not None
    messages = [e for e in history.timeline(db, person) if e.interaction_id == dialog.saved_id]
    assert [e.full_text for e in messages] == ["Called her"]


def test_an_outbound_message_to_a_prospect_shows_the_stage_move_in_the_timeline(
    qtbot, db: Database
) -> None:
    db.sign_as("Ana")
    person = _person(db, stage="Prospect")
    timeline = TimelineWidget(db)
    qtbot.addWidget(timeline)
    timeline.show()  # a history reads again only while on show, as the user sees it
    timeline.set_influencer(person)
    assert timeline.model.rowCount() == 0 and timeline.empty.isVisibleTo(timeline)
    dialog = _dialog(qtbot, db, person)
    qtbot.keyClicks(dialog.subject, "First hello")
    with qtbot.waitSignal(events.pipeline_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    db.sign_as("Ben")  # a teammate reads it: names tell who did what
    timeline.set_influencer(person)
    shown = [timeline.model.index(r, 0).data() for r in range(timeline.model.rowCount())]
    assert shown[0].startswith("➜  Ana moved ") and " from Prospect to Contacted\n" in shown[0]
    assert shown[1].startswith("✉  Email to them: First hello")
    assert influencers.get(db, person).stage_name == "Contacted"


def test_without_a_person_the_picker_is_required_and_finds_them(qtbot, db: Database) -> None:
    mia = _person(db, "Mia Bakes")
    _person(db, "Noah Runs")
    dialog = _dialog(qtbot, db, None)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Choose who this was with" in dialog.errors["influencer_id"].message
    qtbot.keyClicks(dialog.person, "mia")
    qtbot.waitUntil(lambda: dialog._picker_model.stringList() == ["Mia Bakes"])
    dialog.person.completer().activated.emit("Mia Bakes")
    assert dialog.influencer_id == mia
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    assert history.interaction_detail(db, dialog.saved_id).influencer_id == mia


def test_ctrl_l_logs_for_the_influencer_selected_in_the_list(qtbot, main_window) -> None:
    main_window.show_view("influencers")
    view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    chosen = view.model.id_at(2)
    view.table.select_ids([chosen], chosen)
    action = next(a for a in main_window.actions() if a.shortcut().toString() == "Ctrl+L")
    action.trigger()
    dialog = main_window.log_dialog
    assert dialog.influencer_id == chosen
    assert dialog.person_label.text() == influencers.get(main_window.db, chosen).display_name
    dialog.reject()
    # From a screen without a selection the dialog asks who it was with.
    main_window.show_view("trash")
    action.trigger()
    assert main_window.log_dialog.influencer_id is None
    assert main_window.log_dialog.person.isVisibleTo(main_window.log_dialog)
    main_window.log_dialog.reject()


def test_an_interaction_is_tied_to_the_person_s_one_open_campaign(qtbot, db: Database) -> None:
    from infcrm.services.campaigns import campaigns
    from infcrm.services.campaigns.campaign_types import CampaignInput

    person = _person(db)
    spring = campaigns.create_campaign(db, CampaignInput(name="Spring", status="active"))
    campaigns.create_campaign(db, CampaignInput(name="Old", status="completed"))
    campaigns.add_influencers(db, spring, [person])
    dialog = _dialog(qtbot, db, person)
    assert dialog.campaign.currentText() == "Spring", "their one open campaign is chosen"
    assert dialog.campaign.findText("Old") == -1, "finished campaigns are not offered"
    qtbot.keyClicks(dialog.subject, "Shipping your box")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert any("Shipping your box" in e.title for e in history.timeline(db, person))
    with db.reader() as session:
        from sqlalchemy import text

        tied = (
            session.execute(text("SELECT campaign_id FROM interaction WHERE kind = 'message'"))
            .scalars()
            .all()
        )
    assert tied == [spring]
    other = _person(db, "Noah Runs")
    assert _dialog(qtbot, db, other).campaign.currentData() is None, "nobody else's campaign"


def test_a_logged_message_is_one_step_of_undo(qtbot, db: Database) -> None:
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    person = _person(db, stage="Prospect")
    dialog = _dialog(qtbot, db, person)
    qtbot.keyClicks(dialog.subject, "Hello")
    qtbot.mouseClick(dialog.quick_buttons["Tomorrow"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Edit › Undo says what and with whom, like every other step.
    assert window.undo_stack.undoText() == "logged email with “Mia Bakes”"
    assert influencers.get(db, person).stage_name == "Contacted"
    with qtbot.waitSignal(events.interactions_changed):
        window.undo_stack.undo()
    assert history.timeline(db, person) == []
    assert follow_up_lists.follow_ups_of(db, person) == []
    assert influencers.get(db, person).stage_name == "Prospect"


def test_edit_undo_names_a_network_s_message_with_its_capitals(qtbot, db: Database) -> None:
    """Edit › Undo read “Undo logged instagram dm with …”: the channel was lowercased whole."""
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    person = _person(db)
    for channel, said in (
        ("Instagram DM", "Instagram DM"),
        ("TikTok DM", "TikTok DM"),
        ("Other DM", "other DM"),
        ("In person", "in person"),
    ):
        dialog = _dialog(qtbot, db, person)
        dialog.channel.setCurrentIndex(dialog.channel.findText(channel))
        qtbot.keyClicks(dialog.subject, "Hello")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert window.undo_stack.undoText() == f"logged {said} with “Mia Bakes”"


def test_a_name_typed_in_full_without_picking_it_is_taken(qtbot, db: Database) -> None:
    """Typing “Mia Bakes” in full and pressing Save said “pick them from the list”: the name
    was there, but only a click in the pop-up list counted."""
    mia = _person(db, "Mia Bakes")
    _person(db, "Mia Rose")
    dialog = _dialog(qtbot, db, None)
    qtbot.keyClicks(dialog.person, "mia bakes")
    qtbot.keyClicks(dialog.subject, "Hello")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    assert history.interaction_detail(db, dialog.saved_id).influencer_id == mia


def test_a_typed_name_that_is_not_one_person_says_what_to_do(qtbot, db: Database) -> None:
    _person(db, "Mia Bakes")
    _person(db, "Mia Rose")
    dialog = _dialog(qtbot, db, None)
    qtbot.keyClicks(dialog.person, "mia")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is None
    message = dialog.errors["influencer_id"].message
    assert message == "2 people match “mia”: pick one from the list."
    dialog.person.clear()
    qtbot.keyClicks(dialog.person, "Zed")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is None
    message = dialog.errors["influencer_id"].message
    assert message == "No one matches “Zed”. Add them first: File › New influencer… (Ctrl+N)."


def test_a_follow_up_for_later_today_is_one_click(qtbot, themed, db: Database) -> None:
    """“Call back this afternoon”: a follow-up for today needed its date typed in by hand."""
    person = _person(db)
    dialog = _dialog(qtbot, db, person)
    qtbot.keyClicks(dialog.subject, "Rang, she is driving")
    qtbot.mouseClick(dialog.quick_buttons["Today"], Qt.MouseButton.LeftButton)
    assert dialog.follow_up_box.isChecked()
    # The day buttons and the date all fit: the date was cut to “Sat 5 Dec 20”.
    date_field = dialog.follow_up_date
    assert date_field.width() >= date_field.sizeHint().width()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [follow_up] = follow_up_lists.follow_ups_of(db, person)
    assert follow_up.due_date == TODAY


def test_a_name_typed_then_saved_at_once_searches_no_more_once_closed(
    qtbot, monkeypatch, db: Database
) -> None:
    """Save within the picker's pause after typing: its search ran after the dialog had
    closed, on a database the window may have closed or a server may have dropped by then."""
    from infcrm.services.people import influencer_list
    from infcrm.ui.dialogs import log_interaction_picker

    _person(db, "Mia Bakes")
    searched: list[str] = []
    real_start = influencer_list.list_start

    def list_start(database, query, limit):
        searched.append(query.search)
        return real_start(database, query, limit)

    monkeypatch.setattr(influencer_list, "list_start", list_start)
    dialog = _dialog(qtbot, db, None)
    qtbot.keyClicks(dialog.person, "mia bakes")
    qtbot.keyClicks(dialog.subject, "Hello")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None and not dialog.isVisible()
    searched.clear()
    qtbot.wait(log_interaction_picker.PICKER_DEBOUNCE_MS * 3)
    assert searched == []
