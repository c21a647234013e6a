"""The Follow-ups screen on the demo database: sections, counts, mark done, snooze, open, badge."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from infcrm.db.engine import Database
from infcrm.domain.numbers import format_count
from infcrm.services.outreach import follow_up_lists, followups
from infcrm.ui.events import events
from infcrm.ui.models.follow_up_table_model import COLUMN_KEYS, WAITING
from infcrm.ui.views.followups_view import (
    EMPTY_SECTION_PAGE,
    NO_FOLLOW_UPS_PAGE,
    SECTIONS,
    TABLE_PAGE,
    FollowUpsView,
)
from infcrm.ui.widgets.follow_up_badge import ms_to_midnight, sidebar_label

# The demo dates its follow-ups from the day it is made; noon of that day keeps every test
# away from midnight.
NOW = datetime.combine(date.today(), time(12, 0)).astimezone()
TODAY = NOW.date()


@pytest.fixture
def view(qtbot, demo_db: Database) -> FollowUpsView:
    widget = FollowUpsView(demo_db, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    _wait_for_first_read(qtbot, widget)
    return widget


def _wait_for_first_read(qtbot, view: FollowUpsView) -> None:
    """The screen reads in the background once shown; wait for that answer."""
    qtbot.waitUntil(lambda: not view.is_loading())


def _tab_texts(view: FollowUpsView) -> list[str]:
    return [view.tabs.tabText(i) for i in range(view.tabs.count())]


def _bucket_of(db: Database, follow_up_id: int) -> str:
    found = follow_up_lists.buckets(db, TODAY, now=NOW, per_bucket=10_000)
    for key in follow_up_lists.BUCKETS:
        if any(r.id == follow_up_id for r in getattr(found, key).rows):
            return key
    raise AssertionError("the follow-up is in no section")


def test_sections_and_counts_match_the_data(qtbot, qtmodeltester, view, demo_db) -> None:
    expected = follow_up_lists.buckets(demo_db, TODAY, now=NOW)
    for index, (key, title, _empty) in enumerate(SECTIONS):
        total = getattr(expected, key).total
        assert view.tabs.tabText(index) == (f"{title} {format_count(total)}" if total else title)
    # The demo has some of each kind.
    assert expected.overdue.total and expected.today.total and expected.later.total
    for key, _title, _empty in SECTIONS:
        view.show_section(key)
        qtmodeltester.check(view.model)
        shown = [view.model.row_data(r).id for r in range(view.model.rowCount())]
        assert shown == [r.id for r in getattr(expected, key).rows]
    view.show_section("overdue")
    due = view.model.index(0, COLUMN_KEYS.index("due")).data()
    assert "days late" in due or due == "Yesterday"


def test_the_waiting_marker_matches_who_has_not_replied(view, demo_db) -> None:
    view.show_section("overdue")
    ids = [view.model.row_data(r).influencer_id for r in range(view.model.rowCount())]
    waiting = followups.waiting_ids(demo_db, NOW, among=ids)
    status = COLUMN_KEYS.index("status")
    marked = {
        view.model.row_data(r).influencer_id
        for r in range(view.model.rowCount())
        if WAITING in view.model.index(r, status).data()
    }
    assert marked == waiting and waiting  # the demo has people who never answered


def test_space_marks_done_and_the_row_moves_to_done(qtbot, view, demo_db) -> None:
    view.show_section("today")
    before = view.section_total("today"), view.section_total("done_recent")
    view.table.setFocus()
    view.table.selectRow(0)
    chosen = view.selected_ids()[0]
    with qtbot.waitSignal(events.follow_ups_changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert (view.section_total("today"), view.section_total("done_recent")) == (
        before[0] - 1,
        before[1] + 1,
    )
    assert view.current_section() == "today" and view.model.row_of(chosen) is None
    assert _tab_texts(view)[1].startswith("Today")
    assert "marked done" in view.message.text()
    view.show_section("done_recent")
    assert view.select_follow_up(chosen)
    assert view.done_button.text() == "Reopen"
    view.reopen_selected()
    assert _bucket_of(demo_db, chosen) == "today"


def test_snooze_moves_rows_between_sections(qtbot, view, demo_db, monkeypatch) -> None:
    view.show_section("overdue")
    view.table.selectRow(0)
    chosen = view.selected_ids()[0]
    overdue = view.section_total("overdue")
    view.snooze_selected(1)
    assert view.section_total("overdue") == overdue - 1
    tomorrow = TODAY + timedelta(days=1)
    assert _bucket_of(demo_db, chosen) == (
        "this_week" if tomorrow <= follow_up_lists.week_end(TODAY) else "later"
    )
    # A date…: the picked day.
    view.show_section("today")
    view.table.selectRow(0)
    picked = view.selected_ids()[0]
    far = TODAY + timedelta(days=40)
    monkeypatch.setattr(view, "ask_date", lambda: far)
    view._on_snooze_to_date()
    assert _bucket_of(demo_db, picked) == "later"
    row = next(
        r
        for r in follow_up_lists.follow_ups_of(demo_db, _person_of(demo_db, picked))
        if r.id == picked
    )
    assert row.due_date == far and row.snoozed_from == TODAY


def _person_of(db: Database, follow_up_id: int) -> int:
    """The influencer a follow-up is about."""
    found = follow_up_lists.buckets(db, TODAY, now=NOW, per_bucket=10_000)
    for key in follow_up_lists.BUCKETS:
        for row in getattr(found, key).rows:
            if row.id == follow_up_id:
                return row.influencer_id
    raise AssertionError("no such follow-up")


def test_double_click_opens_the_influencer(qtbot, view) -> None:
    view.show_section("later")
    row = view.model.row_data(0)
    index = view.model.index(0, 1)
    rect = view.table.visualRect(index)
    # A real double-click is a click, then a double-click event on the same spot.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(events.open_influencer) as opened:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [row.influencer_id]


def test_empty_database_says_what_follow_ups_are(qtbot, db: Database) -> None:
    view = FollowUpsView(db, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    _wait_for_first_read(qtbot, view)
    assert view.pages.currentIndex() == NO_FOLLOW_UPS_PAGE
    assert "No follow-ups yet" in view.no_follow_ups.text()
    assert "Ctrl+L" in view.no_follow_ups.text()
    assert _tab_texts(view) == [title for _k, title, _e in SECTIONS]


def test_an_empty_section_says_so(qtbot, db: Database) -> None:
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput

    person = influencers.create(db, InfluencerInput(display_name="Mia"))
    followups.add_follow_up(db, person, TODAY, "Call")
    view = FollowUpsView(db, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    _wait_for_first_read(qtbot, view)
    view.show_section("today")
    assert view.pages.currentIndex() == TABLE_PAGE
    view.show_section("overdue")
    assert view.pages.currentIndex() == EMPTY_SECTION_PAGE
    assert view.empty_section.text() == "Nothing overdue. Well done!"


def test_the_first_follow_up_shows_where_it_is_not_behind_an_empty_overdue_tab(
    qtbot, db: Database
) -> None:
    # A new user sets their first follow-up for today from this screen's own button and
    # met “Nothing overdue. Well done!”, the follow-up one tab further.
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput

    view = FollowUpsView(db, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    _wait_for_first_read(qtbot, view)
    assert view.pages.currentIndex() == NO_FOLLOW_UPS_PAGE
    person = influencers.create(db, InfluencerInput(display_name="Mia"))
    followups.add_follow_up(db, person, TODAY, "Call")
    view.reload()
    assert view.current_section() == "today"
    assert view.pages.currentIndex() == TABLE_PAGE
    assert view.model.rowCount() == 1

    # Once the user is working through the tabs, the one they chose stays.
    view.show_section("overdue")
    view.reload()
    assert view.current_section() == "overdue"


def test_the_sidebar_counts_due_and_overdue_and_follows_changes(qtbot, main_window) -> None:
    item = main_window._sidebar_items["followups"]
    today = datetime.now().astimezone().date()
    due, overdue = follow_up_lists.due_counts(main_window.db, today)
    assert due and overdue
    assert item.text() == f"Follow-ups\n{due} due · {overdue} overdue"
    main_window.show()
    main_window.show_view("followups")
    view = main_window.views["followups"]
    _wait_for_first_read(qtbot, view)
    view.show_section("overdue")
    view.table.selectRow(0)
    view.mark_done_selected()
    assert item.text() == f"Follow-ups\n{due} due · {overdue - 1} overdue"


@pytest.mark.parametrize("width", [1024, 1280])
def test_thousands_of_follow_ups_show_whole_in_the_sidebar(qtbot, main_window, width) -> None:
    # At 100,000 people: "Follow-ups 4,425 due · 9,411 o…" was cut at the sidebar's edge.
    main_window.resize(width, 800 * width // 1280)
    main_window.show()
    qtbot.waitExposed(main_window)
    sidebar = main_window.sidebar
    item = main_window._sidebar_items["followups"]
    text = sidebar_label(4425, 9411, main_window.follow_up_badge._fits)
    assert text == "Follow-ups\n4,425 due\n9,411 overdue"
    room = sidebar.visualItemRect(item).width() - sidebar.iconSize().width() - 16
    for line in text.splitlines():
        assert sidebar.fontMetrics().horizontalAdvance(line) <= room, line
    # A few of each still share one line.
    assert (
        sidebar_label(3, 12, main_window.follow_up_badge._fits) == "Follow-ups\n3 due · 12 overdue"
    )


def test_sidebar_label_and_midnight() -> None:
    assert sidebar_label(0, 0) == "Follow-ups"
    assert sidebar_label(3, 0) == "Follow-ups\n3 due"
    assert sidebar_label(0, 1200) == "Follow-ups\n1,200 overdue"
    # Too wide for one line beside the icon: each count on a line of its own, never cut.
    assert sidebar_label(4425, 9411, fits=lambda line: len(line) < 20) == (
        "Follow-ups\n4,425 due\n9,411 overdue"
    )
    late = datetime.combine(date(2026, 3, 28), time(23, 59, 30)).astimezone()
    assert 30_000 <= ms_to_midnight(late) <= 31_000


def test_opening_an_influencer_shows_them_selected_in_the_list(qtbot, main_window) -> None:
    influencers_view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: influencers_view.model.rowCount() > 0)
    influencers_view.search.setText("zzzz-nobody")
    qtbot.waitUntil(lambda: influencers_view.model.rowCount() == 0)
    wanted = follow_up_lists.buckets(main_window.db, TODAY, now=NOW).later.rows[0].influencer_id
    main_window.show_view("followups")
    events.open_influencer.emit(wanted)
    assert main_window.current_view_key() == "influencers"
    qtbot.waitUntil(lambda: influencers_view.table.selected_ids() == [wanted])
    assert influencers_view.search.text() == ""


@pytest.mark.parametrize(("text", "days"), [("+1 day", 1), ("+3 days", 3), ("+1 week", 7)])
def test_each_snooze_menu_entry_moves_by_its_own_days(view, demo_db, text, days) -> None:
    # Triggered as a click would: Qt's triggered carries `checked`, which must not become the days.
    view.show_section("overdue")
    view.table.selectRow(0)
    chosen = view.selected_ids()[0]
    entry = next(a for a in view.snooze_menu.actions() if a.text() == text)
    entry.trigger()
    row = next(
        r
        for r in follow_up_lists.follow_ups_of(demo_db, _person_of(demo_db, chosen))
        if r.id == chosen
    )
    assert row.due_date == TODAY + timedelta(days=days)


def test_each_row_shows_the_persons_face(view: FollowUpsView) -> None:
    from infcrm.ui.models.follow_up_table_model import COLUMN_KEYS
    from infcrm.ui.widgets.avatar import colour_for

    name_column = COLUMN_KEYS.index("name")
    assert view.model.rowCount() > 0
    image = view.table.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    for row in range(min(3, view.model.rowCount())):
        person = view.model.row_data(row)
        rect = view.table.visualRect(view.model.index(row, name_column))
        x, y = int((rect.left() + 6) * ratio), int(rect.center().y() * ratio)
        assert image.pixelColor(x, y).name() == colour_for(person.influencer_name).name()


def test_every_section_tab_and_the_note_fit_a_1024_window(qtbot, demo_db) -> None:
    """At 1024 px (the screen is 1024 less the sidebar) with 100,000-person counts, every tab
    shows whole, no scroll arrows, and the note keeps a readable share of the table."""
    from infcrm.ui.views.followups_sections import SectionRead

    widget = FollowUpsView(demo_db, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    _wait_for_first_read(qtbot, widget)
    big = {"overdue": 9_411, "today": 4_425, "this_week": 12_161, "later": 19_511}
    big["done_recent"] = 3_204
    widget._present(SectionRead(NOW, big, widget.current_section(), ()))
    qtbot.wait(10)
    tabs = widget.tabs
    assert tabs.sizeHint().width() <= tabs.width()  # no scroll arrows, nothing hidden
    assert tabs.mapTo(widget, tabs.rect().topRight()).x() <= widget.width()
    assert _tab_texts(widget)[3] == "Later 19.5k"
    assert "19,511" in tabs.tabToolTip(3)  # the exact count is one hover away
    for button in (widget.done_button, widget.snooze_button, widget.open_button):
        right = button.mapTo(widget, button.rect().topRight()).x()
        assert right <= widget.width(), button.text()
    note = widget.table.columnWidth(COLUMN_KEYS.index("note"))
    assert note >= widget.table.viewport().width() // 4


# The standard 300-person demo's longest names and handles (the 60-person one's are shorter).
LONG_NAMES = ("Camille Kowalski", "Nadia Popescu", "Karim Lindqvist", "Saanvi O'Neill")
LONG_HANDLES = ("camille.kowalski.style", "nadia.popescu.travels", "karim.outdoors134", "")


def _longest_demo_names_on_overdue(db: Database) -> None:
    """Give the first overdue follow-ups' people the long names a real list holds."""
    from sqlalchemy import update

    from infcrm.db.models import Influencer, SocialAccount

    rows = follow_up_lists.buckets(db, TODAY, per_bucket=len(LONG_NAMES)).overdue.rows
    with db.sessions.begin() as session:
        for row, name, handle in zip(rows, LONG_NAMES, LONG_HANDLES, strict=False):
            person = Influencer.id == row.influencer_id
            session.execute(update(Influencer).where(person).values(display_name=name))
            if handle:
                account = SocialAccount.influencer_id == row.influencer_id
                session.execute(update(SocialAccount).where(account).values(handle=handle))


SIZES_AND_LOOKS = [((1024, 640), "light"), ((1024, 640), "dark"), ((1280, 800), "light")]


@pytest.mark.parametrize(("size", "look"), [*SIZES_AND_LOOKS, ((1920, 1080), "dark")])
def test_who_which_account_and_status_read_whole_beside_the_note(
    qtbot, themed, main_window, size: tuple[int, int], look: str
) -> None:
    """At 1024 px the name, the account and “Waiting for a reply” were cut to “Priya Men…”
    and “@priya.style · In…”: every column but the note now shows its text whole, with no
    sideways scrolling, and the note keeps a readable share."""
    from PySide6.QtWidgets import QApplication

    _longest_demo_names_on_overdue(main_window.db)
    themed.apply(QApplication.instance(), look)
    main_window.resize(*size)
    main_window.show_view("followups")
    main_window.show()
    qtbot.waitExposed(main_window)
    view = main_window.views["followups"]
    _wait_for_first_read(qtbot, view)
    view.show_section("overdue")
    for _ in range(5):
        QApplication.processEvents()
    table, header = view.table, view.table.horizontalHeader()
    assert table.model().rowCount() > 2
    assert any(table.model().row_data(r).waiting for r in range(table.model().rowCount()))
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    for column, key in enumerate(COLUMN_KEYS):
        if key != "note":  # what each row's text and icons ask, as the delegate measures
            assert table.sizeHintForColumn(column) <= table.columnWidth(column), key
            assert header.sectionSizeHint(column) <= table.columnWidth(column), key
    assert table.columnWidth(COLUMN_KEYS.index("note")) >= table.viewport().width() // 4
