"""The Dashboard on the demo file: what is due, the pipeline chart, activity, the welcome page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from infcrm.db.engine import Database
from infcrm.services.outreach import dashboard, follow_up_lists, followups, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.events import events
from infcrm.ui.models.dashboard_list_model import (
    FOLLOW_UP_ID_ROLE,
    INFLUENCER_ID_ROLE,
    DashboardItem,
    DashboardListModel,
)
from infcrm.ui.views.dashboard_view import CONTENT_PAGE, WELCOME_PAGE, DashboardView
from infcrm.ui.widgets.dashboard_list import action_rect
from infcrm.ui.widgets.stage_bar_chart import ROW_HEIGHT


@pytest.fixture
def opened() -> list[str]:
    """The screens the dashboard asked to open."""
    return []


@pytest.fixture
def view(qtbot, demo_db: Database, opened: list[str]) -> DashboardView:
    widget = DashboardView(demo_db, open_view=opened.append)
    # One fixed moment for the whole test, taken just after the demo is made: its follow-ups
    # are dated around that day (a moment taken earlier fails a run that passes midnight).
    widget.now = datetime.now(UTC).replace(microsecond=0)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    widget.refresh()
    return widget


def test_the_list_model_is_a_sound_qt_model(qtmodeltester) -> None:
    model = DashboardListModel()
    model.set_items([DashboardItem("Mia — send the brief", "Due today", 4, urgent=True)])
    qtmodeltester.check(model)
    assert model.index(0, 0).data(INFLUENCER_ID_ROLE) == 4


def test_counts_match_the_demo_database(view: DashboardView, demo_db: Database) -> None:
    today = view.now.astimezone().date()
    sections = follow_up_lists.buckets(demo_db, today, now=view.now)
    assert view.pages.currentIndex() == CONTENT_PAGE
    assert view.tile_today.number.text() == f"{sections.today.total:,}"
    assert view.tile_overdue.number.text() == f"{sections.overdue.total:,}"
    assert sections.today.total > 0 and sections.overdue.total > 0
    assert view.tile_people.number.text() == f"{influencer_list.count(demo_db):,}"
    # The lists show the first of each section, in the Follow-ups screen's order.
    shown_today = view.today_list.model()
    assert shown_today.rowCount() == min(sections.today.total, 8)
    assert [shown_today.item(r).influencer_id for r in range(shown_today.rowCount())] == [
        r.influencer_id for r in sections.today.rows[:8]
    ]
    assert (
        view.overdue_list.model()
        .item(0)
        .text.endswith(
            f"(due {sections.overdue.rows[0].due_date.day} {sections.overdue.rows[0].due_date:%b})"
        )
    )
    # The chart has a bar per stage with the number of people in it.
    for entry in view.chart.counts():
        in_stage = influencer_list.list_ids(demo_db, ListQuery(stage_id=entry.stage.id))
        assert entry.count == len(in_stage)
    assert [e.stage.name for e in view.chart.counts()] == [
        s.name for s in influencers.stages(demo_db)
    ]
    assert view.recent_list.model().rowCount() == 10


def test_clicking_an_item_opens_the_influencer(qtbot, view: DashboardView) -> None:
    for widget in (view.overdue_list, view.recent_list):
        index = widget.model().index(0, 0)
        rect = widget.visualRect(index)
        with qtbot.waitSignal(events.open_influencer) as opened:
            qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert opened.args == [index.data(INFLUENCER_ID_ROLE)]


def test_numbers_and_bars_open_their_screens(qtbot, view: DashboardView, opened: list[str]) -> None:
    qtbot.mouseClick(view.tile_overdue, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.tile_people, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=QPoint(200, ROW_HEIGHT + 10))
    assert opened == ["followups", "influencers", "pipeline"]


def test_logging_a_message_updates_the_week_and_the_activity(
    qtbot, view: DashboardView, demo_db: Database
) -> None:
    before = int(view.tile_week.number.text().replace(",", ""))
    demo_db.sign_as("Ana")
    person = influencer_list.list_ids(demo_db, ListQuery())[0]
    interactions.log_interaction(
        demo_db,
        InteractionInput(
            person, "email", "outbound", occurred_at=view.now, subject="Dashboard test"
        ),
    )
    events.interactions_changed.emit([person])
    qtbot.waitUntil(lambda: view.tile_week.number.text() == f"{before + 1:,}")
    recent = view.recent_list.model()
    # Written to a Prospect, the message may also have moved them on: both lead the list.
    top = [recent.item(r).text for r in range(2)]
    assert any(text.endswith(": Dashboard test · by Ana") for text in top)


def test_an_empty_database_welcomes_the_user(qtbot, db: Database) -> None:
    added: list[bool] = []
    widget = DashboardView(db, add_influencer=lambda: added.append(True), import_file=lambda: None)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    assert widget.pages.currentIndex() == WELCOME_PAGE
    assert "Welcome to infcrm" in widget.findChild(type(widget.title), "welcome_text").text()
    assert widget.add_button.isVisible() and widget.import_button.isVisible()
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert added == [True]


def test_the_app_opens_on_the_dashboard_once_there_are_people(qtbot, main_window) -> None:
    assert main_window.current_view_key() == "dashboard"
    # Read in the background so the window paints at once; the figures arrive a moment later.
    qtbot.waitUntil(lambda: main_window.views["dashboard"].tile_people.number.text() == "60")


def test_an_empty_app_opens_on_the_influencer_list(qtbot, db: Database) -> None:
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.current_view_key() == "influencers"


def test_the_dashboard_never_reads_on_the_window_thread_when_shown(
    qtbot, open_window, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 100,000 people its counts take a second: start-up and switching back must not wait."""

    def blocking_refresh(_self) -> None:
        raise AssertionError("the dashboard was read on the window's thread")

    monkeypatch.setattr(DashboardView, "refresh", blocking_refresh)
    window = open_window(demo_db, view=None)
    dashboard = window.views["dashboard"]
    qtbot.waitUntil(lambda: not dashboard.is_loading())
    assert dashboard.pages.currentIndex() == CONTENT_PAGE
    window.show_view("influencers")
    events.follow_ups_changed.emit()  # a change while the dashboard is hidden
    window.show_view("dashboard")
    qtbot.waitUntil(lambda: not dashboard.is_loading())
    assert dashboard.pages.currentIndex() == CONTENT_PAGE


def test_a_screenshot_of_the_dashboard_waits_for_its_numbers(
    qtbot, demo_db: Database, tmp_path
) -> None:
    from infcrm.app import save_screenshot
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    save_screenshot(window, tmp_path / "dashboard.png", "dashboard", (1280, 800))
    dashboard = window.views["dashboard"]
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    assert dashboard.data is not None and dashboard.data.people == 60, "drawn with its data"


def test_a_list_says_how_many_more_there_are(
    qtbot, view: DashboardView, demo_db: Database, opened: list[str]
) -> None:
    today = view.now.astimezone().date()
    person = influencer_list.list_ids(demo_db, ListQuery())[0]
    for days in range(1, 12):
        followups.add_follow_up(demo_db, person, today - timedelta(days=days), "Chase")
    view.refresh()
    sections = follow_up_lists.buckets(demo_db, today, now=view.now)
    more = view.findChild(QPushButton, "overdue_list_more")
    shown = view.overdue_list.model().rowCount()
    assert sections.overdue.total > shown
    assert more.isVisible() and more.text() == f"+{sections.overdue.total - shown:,} more"
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert opened == ["followups"]


def test_a_follow_up_is_marked_done_from_its_line(
    qtbot, view: DashboardView, demo_db: Database
) -> None:
    model = view.today_list.model()
    follow_up = model.index(0, 0).data(FOLLOW_UP_ID_ROLE)
    person = model.item(0).influencer_id
    before = view.tile_today.number.text()
    cell = view.today_list.visualRect(model.index(0, 0))
    done = action_rect(cell, "done").center()
    with qtbot.assertNotEmitted(events.open_influencer):
        qtbot.mouseClick(view.today_list.viewport(), Qt.MouseButton.LeftButton, pos=done)
    row = next(r for r in follow_up_lists.follow_ups_of(demo_db, person) if r.id == follow_up)
    assert row.status == "done"
    qtbot.waitUntil(lambda: view.tile_today.number.text() != before)
    assert int(view.tile_today.number.text()) == int(before) - 1


def test_a_follow_up_is_snoozed_from_its_line(
    qtbot, view: DashboardView, demo_db: Database
) -> None:
    model = view.overdue_list.model()
    follow_up = model.index(0, 0).data(FOLLOW_UP_ID_ROLE)
    person = model.item(0).influencer_id
    cell = view.overdue_list.visualRect(model.index(0, 0))
    with qtbot.waitSignal(view.overdue_list.snooze_requested) as asked:
        qtbot.mouseClick(
            view.overdue_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=action_rect(cell, "snooze").center(),
        )
    assert asked.args[0] == follow_up
    menu = view.snooze_menu(follow_up)
    assert [a.text() for a in menu.actions()] == ["Tomorrow", "In 3 days", "In a week"]
    menu.actions()[2].trigger()
    row = next(r for r in follow_up_lists.follow_ups_of(demo_db, person) if r.id == follow_up)
    assert row.due_date == view.now.astimezone().date() + timedelta(days=7)
    qtbot.waitUntil(lambda: follow_up not in _follow_up_ids(view.overdue_list))


def _follow_up_ids(widget) -> list[int]:
    model = widget.model()
    return [model.index(r, 0).data(FOLLOW_UP_ID_ROLE) for r in range(model.rowCount())]


def test_the_weeks_chart_and_the_active_campaigns(view: DashboardView, demo_db: Database) -> None:
    summary = dashboard.summary(demo_db, view.now.astimezone().date(), now=view.now)
    assert view.week_chart.weeks() == list(summary.weeks)
    assert sum(w.outreach for w in summary.weeks) > 0
    entries = view.campaigns.entries
    assert entries and view.campaigns.isVisible()
    first = entries[0]
    name = view.campaigns.findChild(QLabel, f"campaign_progress_{first.campaign_id}")
    assert first.name in name.text() and name.wordWrap()
    texts = [label.text() for label in view.campaigns.findChildren(QLabel)]
    assert f"{first.posts_delivered} of {first.posts_promised} posts delivered" in " ".join(texts)


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)])
def test_both_charts_and_the_weeks_legend_are_in_view_without_scrolling(
    qtbot, demo_db: Database, tmp_path, size: tuple[int, int]
) -> None:
    """The legend says which colour is sent and which replies: a chart without it is a
    riddle, so it shows on a small laptop's window as it opens, not below the fold."""
    from infcrm.app import save_screenshot
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    save_screenshot(window, tmp_path / "dashboard.png", "dashboard", size)
    dashboard = window.views["dashboard"]
    scroll = dashboard.pages.currentWidget()
    viewport = scroll.viewport()
    assert scroll.verticalScrollBar().value() == 0
    chart = dashboard.week_chart
    legend = chart.legend_rect().translated(chart.mapTo(viewport, QPoint(0, 0)))
    assert viewport.rect().contains(legend), (legend, viewport.rect())
    whole = chart.rect().translated(chart.mapTo(viewport, QPoint(0, 0)))
    assert viewport.rect().contains(whole), "and the weeks' dates under the bars"
    bars = dashboard.chart.geometry().translated(
        dashboard.chart.parentWidget().mapTo(viewport, QPoint(0, 0))
    )
    assert viewport.rect().contains(bars), "every stage of the pipeline is in view too"


def test_the_tiles_flow_onto_a_second_row_in_a_narrow_window(qtbot, view: DashboardView) -> None:
    view.resize(1300, 700)
    qtbot.waitUntil(lambda: view.tile_people.y() == view.tile_today.y())
    view.resize(520, 700)
    qtbot.waitUntil(lambda: view.tile_people.y() > view.tile_today.y())
    assert view.tile_people.geometry().right() <= view.tiles.width()


def test_a_follow_up_removed_meanwhile_is_a_message_and_the_list_catches_up(
    qtbot, view: DashboardView, demo_db: Database, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: told.append(text))
    model = view.today_list.model()
    follow_up = model.index(0, 0).data(FOLLOW_UP_ID_ROLE)
    followups.delete_follow_up(demo_db, follow_up)  # in another window, say
    cell = view.today_list.visualRect(model.index(0, 0))
    qtbot.mouseClick(
        view.today_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=action_rect(cell, "done").center(),
    )
    assert told and "no longer exists" in told[0]
    qtbot.waitUntil(lambda: follow_up not in _follow_up_ids(view.today_list))


def test_long_lines_are_shortened_never_scrolled_over_their_buttons(
    qtbot, view: DashboardView, demo_db: Database
) -> None:
    """A long follow-up note made its list scroll sideways, at 1024 × 640: the sideways bar
    took the last line's room, a second bar then covered the ✓ and snooze buttons."""
    today = view.now.astimezone().date()
    person = influencer_list.list_ids(demo_db, ListQuery())[0]
    note = "Check whether they opened the email about the spring tasting box and the hamper"
    followups.add_follow_up(demo_db, person, today - timedelta(days=90), note)
    followups.add_follow_up(demo_db, person, today, note)
    view.resize(824, 600)  # the dashboard's part of a 1024 × 640 window
    view.refresh()
    qtbot.waitUntil(lambda: note in view.overdue_list.model().index(0, 0).data())
    for widget in (view.today_list, view.overdue_list, view.recent_list):
        name = widget.objectName()
        assert not widget.horizontalScrollBar().isVisible(), name
        assert not widget.verticalScrollBar().isVisible(), name
    for widget in (view.today_list, view.overdue_list):
        room = widget.viewport().rect()
        model = widget.model()
        for row in range(model.rowCount()):
            cell = widget.visualRect(model.index(row, 0))
            assert room.contains(action_rect(cell, "snooze")), (widget.objectName(), row)
