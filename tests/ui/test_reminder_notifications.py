"""Reminders with a fake clock: a follow-up due at 10:00 reminds once at 10:00 — not before,
not twice — through the tray or, without one, a banner with Open and Snooze 1 day."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtWidgets import QApplication

from infcrm.db.engine import Database
from infcrm.services.outreach import follow_up_lists, followups
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.reminders import Reminders, reminders_enabled, set_reminders_enabled

# Far from the real date, so the window's own reminders (on the real clock) stay quiet.
DAY = date(2030, 1, 15)


class FakeClock:
    """The time the test says it is."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def setup(qtbot, open_window, db: Database):
    mia = influencers.create(db, InfluencerInput(display_name="Mia Bakes"))
    follow_up = followups.add_follow_up(db, mia, DAY, "Ask about the cookies", due_time=time(10))
    window = open_window(db, view=None)
    clock = FakeClock(datetime(2030, 1, 15, 9, 59, 59))
    watcher = Reminders(window, clock=clock, tray=False)
    return window, watcher, clock, mia, follow_up


def _due(db: Database, follow_up_id: int) -> date:
    return next(f.due_date for f in follow_up_lists.follow_ups_of(db, 1) if f.id == follow_up_id)


def test_a_follow_up_due_at_ten_reminds_once_at_ten_in_a_banner(setup) -> None:
    _window, watcher, clock, _mia, follow_up = setup
    assert watcher.check() == []
    assert watcher.banner is None, "nothing before its time"
    clock.now = datetime(2030, 1, 15, 10, 0)
    assert watcher.check() == [follow_up]
    assert watcher.banner.isVisible()
    assert watcher.banner_text.text() == "Follow-up due: Mia Bakes: Ask about the cookies"
    watcher.hide_banner()
    clock.now = datetime(2030, 1, 15, 10, 0, 30)
    assert watcher.check() == []
    clock.now = datetime(2030, 1, 15, 17, 0)
    assert watcher.check() == []
    assert not watcher.banner.isVisible(), "not twice"


def test_the_timer_does_the_checking(setup, qtbot) -> None:
    _window, watcher, clock, _mia, follow_up = setup
    clock.now = datetime(2030, 1, 15, 10, 0)
    watcher.timer.setInterval(10)
    watcher.start()
    qtbot.waitUntil(lambda: watcher.banner is not None and watcher.banner.isVisible(), timeout=5000)
    assert watcher.log.shown == {(follow_up, datetime(2030, 1, 15, 10, 0))}


def test_open_shows_the_person_and_snooze_moves_the_follow_up_a_day(setup, qtbot, db) -> None:
    window, watcher, clock, mia, follow_up = setup
    clock.now = datetime(2030, 1, 15, 10, 0)
    watcher.check()
    watcher.open_button.click()
    assert window.current_view_key() == "influencers"
    qtbot.waitUntil(lambda: window.influencers_view().selected_influencer_id() == mia, timeout=5000)
    assert not watcher.banner.isVisible()
    watcher.show_banner(watcher.shown)
    watcher.snooze_button.click()
    assert _due(db, follow_up) == date(2030, 1, 16)
    assert window.undo_stack.undoText() == "follow-up snoozed a day"
    clock.now = datetime(2030, 1, 16, 10, 0)
    assert watcher.check() == [follow_up], "a snoozed follow-up reminds again on its new day"
    window.undo_stack.undo()
    assert _due(db, follow_up) == DAY


def test_turned_off_in_settings_nothing_reminds(setup, qtbot, monkeypatch) -> None:
    window, watcher, clock, _mia, _follow_up = setup
    from infcrm.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.db, window)
    qtbot.addWidget(dialog)
    assert dialog.reminders.isChecked()
    dialog.reminders.setChecked(False)
    dialog.save_button.click()
    assert not reminders_enabled()
    clock.now = datetime(2030, 1, 15, 10, 0)
    assert watcher.check() == []
    set_reminders_enabled(True)
    assert watcher.check() != []


def test_the_tray_menu_lists_whats_due_with_open_and_snooze(setup, db, monkeypatch) -> None:
    window, _watcher, clock, _mia, follow_up = setup
    clock.now = datetime(2030, 1, 15, 8, 0)
    tray = Reminders(window, clock=clock, tray=True)
    tray.fill_tray_menu()
    actions = tray.tray_menu.actions()
    assert actions[0].text() == "Due today and overdue"
    person = actions[1].menu()
    assert actions[1].text() == "Mia Bakes — Ask about the cookies"
    assert [a.text() for a in person.actions()] == ["Open", "Snooze 1 day"]
    person.actions()[1].trigger()
    assert _due(db, follow_up) == date(2030, 1, 16)
    messages: list[tuple] = []
    monkeypatch.setattr(tray.tray, "isVisible", lambda: True)
    monkeypatch.setattr(tray.tray, "showMessage", lambda *a: messages.append(a[:2]))
    clock.now = datetime(2030, 1, 16, 10, 0)
    assert tray.check() == [follow_up]
    assert messages == [("Follow-up due", "Mia Bakes: Ask about the cookies")]
    QApplication.processEvents()


def test_a_window_reminds_only_once_the_app_starts_it(qtbot, open_window, db: Database) -> None:
    """A window made for a screenshot or a test shows no banner on the real clock; the running
    app starts the reminders once the window is shown."""
    mia = influencers.create(db, InfluencerInput(display_name="Mia Bakes"))
    followups.add_follow_up(db, mia, date.today(), "Due today", due_time=time(0, 0))
    window = open_window(db, view=None)
    qtbot.wait(200)
    assert window.reminders.banner is None, "a window nobody started reminds of nothing"
    window.reminders.start()
    reminders = window.reminders
    qtbot.waitUntil(lambda: reminders.banner is not None and reminders.banner.isVisible())
