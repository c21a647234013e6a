"""The Influencers screen: search, filters, sorting, remembered columns and empty states."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from infcrm.db.engine import Database
from infcrm.domain.enums import EngagementBand
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery
from infcrm.ui.events import events
from infcrm.ui.models.influencer_table_model import RAW_ROLE
from infcrm.ui.views.influencers_view import (
    EMPTY_PAGE,
    NO_MATCH_PAGE,
    SEARCH_PLACEHOLDER,
    TABLE_PAGE,
    InfluencersView,
)


@pytest.fixture
def make_view(qtbot) -> Callable[[Database], InfluencersView]:
    """Build a shown Influencers screen on a database (several may be made per test)."""
    stack = QUndoStack()

    def make(db: Database) -> InfluencersView:
        view = InfluencersView(db, stack)
        qtbot.addWidget(view)
        view.resize(1300, 700)
        view.show()
        qtbot.waitExposed(view)
        # The list reads in the background: tests start from its first answer, not before
        # (under load the answer came after the first assertion, about 1 run in 8).
        qtbot.waitUntil(lambda: not view.is_loading(), timeout=10_000)
        return view

    return make


@pytest.fixture
def view(make_view, demo_db: Database) -> InfluencersView:
    """The screen on the 60-person demo."""
    return make_view(demo_db)


def column(view: InfluencersView, key: str, role: int = Qt.ItemDataRole.DisplayRole) -> list:
    """Every value of one column, top to bottom, as the table shows it."""
    model = view.model
    c = model.column_of(key)
    return [model.data(model.index(r, c), role) for r in range(model.rowCount())]


def settle(qtbot, view: InfluencersView) -> None:
    """Wait until the list shows the answer to the newest query."""
    qtbot.waitUntil(lambda: not view.model.loading, timeout=5000)


def test_shows_everyone_with_a_count_and_a_helpful_search_box(view: InfluencersView) -> None:
    assert view.model.rowCount() == 60
    assert view.count_label.text() == "60 influencers"
    assert view.search.placeholderText() == SEARCH_PLACEHOLDER
    assert view.pages.currentIndex() == TABLE_PAGE
    assert column(view, "name")[0]


def test_the_list_model_passes_qt_model_checks(qtmodeltester, view: InfluencersView) -> None:
    qtmodeltester.check(view.model)


def test_typing_in_the_search_box_narrows_the_rows(qtbot, view: InfluencersView) -> None:
    city = next(c for c in column(view, "city") if c)
    qtbot.keyClicks(view.search, city)
    qtbot.waitUntil(lambda: 0 < view.model.rowCount() < 60 and not view.model.loading)
    model = view.model
    for r in range(model.rowCount()):
        texts = " ".join(str(model.data(model.index(r, c))) for c in range(model.columnCount()))
        assert city.casefold() in texts.casefold()
    assert view.count_label.text() == f"{model.rowCount()} of 60 influencers"


def test_a_search_with_no_match_says_so_and_offers_to_clear(qtbot, view: InfluencersView) -> None:
    view.filters.choose(view.filters.tier, "micro")
    qtbot.keyClicks(view.search, "zzqxwv")
    qtbot.waitUntil(lambda: view.pages.currentIndex() == NO_MATCH_PAGE)
    assert "zzqxwv" in view.no_match_message.text()
    assert "with these filters" in view.no_match_message.text()
    qtbot.mouseClick(view.clear_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == TABLE_PAGE)
    settle(qtbot, view)
    assert view.search.text() == ""
    assert view.filters.tier.currentIndex() == 0
    assert view.model.rowCount() == 60


@pytest.mark.parametrize(
    ("combo", "value", "key", "check"),
    [
        ("tier", "micro", "tier", lambda v: v == "Micro"),
        ("band", "high", "engagement", lambda v: v.endswith(EngagementBand.HIGH.label)),
        ("country", "Germany", "country", lambda v: v == "Germany"),
        ("tag", "vip", "tags", lambda v: "vip" in v.split(", ")),
    ],
)
def test_each_filter_narrows_to_matching_rows(qtbot, view, combo, value, key, check) -> None:
    view.filters.choose(getattr(view.filters, combo), value)
    qtbot.waitUntil(lambda: 0 < view.model.rowCount() < 60 and not view.model.loading)
    values = column(view, key)
    assert all(check(v) for v in values), values
    assert view.count_label.text().endswith("of 60 influencers")


def test_the_stage_filter_narrows_to_that_stage(qtbot, view: InfluencersView) -> None:
    stage = influencers.stages(view._db)[0]
    view.filters.choose(view.filters.stage, stage.id)
    qtbot.waitUntil(lambda: 0 < view.model.rowCount() < 60 and not view.model.loading)
    assert set(column(view, "stage")) == {stage.name}


def test_the_platform_filter_finds_anyone_with_an_account_there(
    qtbot, view: InfluencersView
) -> None:
    view.filters.choose(view.filters.platform, "tiktok")
    qtbot.waitUntil(lambda: 0 < view.model.rowCount() < 60 and not view.model.loading)
    for person_id in view.model.ids:
        platforms = {a.platform for a in influencers.get(view._db, person_id).accounts}
        assert "tiktok" in platforms


def test_the_follower_range_accepts_10k_and_narrows(qtbot, view: InfluencersView) -> None:
    qtbot.keyClicks(view.filters.min_followers, "10k")
    qtbot.keyClicks(view.filters.max_followers, "50k")
    qtbot.waitUntil(lambda: 0 < view.model.rowCount() < 60 and not view.model.loading)
    counts = column(view, "followers", RAW_ROLE)
    assert all(10_000 <= c <= 50_000 for c in counts)


def test_a_follower_typo_is_explained_and_changes_nothing(qtbot, view: InfluencersView) -> None:
    qtbot.keyClicks(view.filters.min_followers, "lots")
    qtbot.keyClick(view.filters.min_followers, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.filters.error.isVisible())
    assert "lots" in view.filters.error.text()
    assert view.model.rowCount() == 60
    view.filters.min_followers.clear()
    qtbot.waitUntil(lambda: not view.filters.error.isVisible())


def test_clear_filters_shows_everyone_again(qtbot, view: InfluencersView) -> None:
    view.filters.choose(view.filters.tier, "nano")
    qtbot.waitUntil(lambda: view.model.rowCount() < 60 and not view.model.loading)
    qtbot.mouseClick(view.filters.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 60 and not view.model.loading)
    assert view.count_label.text() == "60 influencers"


def _click_header(qtbot, view: InfluencersView, key: str) -> None:
    header = view.table.horizontalHeader()
    section = view.model.column_of(key)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_header_clicks_sort_by_followers_descending(qtbot, view: InfluencersView) -> None:
    _click_header(qtbot, view, "followers")
    settle(qtbot, view)
    if not view.model.query.descending:
        _click_header(qtbot, view, "followers")
    qtbot.waitUntil(lambda: view.model.shown_query.descending)
    counts = column(view, "followers", RAW_ROLE)
    known = [c for c in counts if c is not None]
    assert counts[:5] == sorted(known, reverse=True)[:5]
    assert counts[0] == max(known)


def test_clicking_a_column_without_an_order_keeps_the_sort(qtbot, view: InfluencersView) -> None:
    before = list(view.model.ids)
    _click_header(qtbot, view, "tags")
    settle(qtbot, view)
    assert list(view.model.ids) == before
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == view.model.column_of("name")


def test_hidden_columns_order_and_sort_survive_a_new_view(
    qtbot, make_view, demo_db: Database
) -> None:
    first = make_view(demo_db)
    country = first.model.column_of("country")
    followers = first.model.column_of("followers")
    menu = first.table.header_menu()
    next(a for a in menu.actions() if a.text() == "Country").trigger()
    header = first.table.horizontalHeader()
    header.moveSection(header.visualIndex(followers), 1)
    first.table.sortByColumn(followers, Qt.SortOrder.DescendingOrder)
    settle(qtbot, first)
    assert header.isSectionHidden(country)
    first.close()

    second = make_view(demo_db)
    # The remembered order is the first query's: the list arrives sorted, never reshuffled.
    assert (second.model.query.sort, second.model.query.descending) == ("followers", True)
    settle(qtbot, second)
    header = second.table.horizontalHeader()
    assert header.isSectionHidden(country)
    assert header.visualIndex(followers) == 1
    assert second.model.query.sort == "followers" and second.model.query.descending
    settle(qtbot, second)
    counts = [c for c in column(second, "followers", RAW_ROLE) if c is not None]
    assert counts == sorted(counts, reverse=True)


def test_reset_columns_brings_the_first_columns_back(make_view, demo_db: Database) -> None:
    view = make_view(demo_db)
    view.table.set_column_shown(view.model.column_of("city"), False)
    view.table.set_column_shown(view.model.column_of("email"), True)
    next(a for a in view.table.header_menu().actions() if a.text() == "Reset columns").trigger()
    assert view.visible_columns() == [c.key for c in view.model.columns if c.shown]
    assert "city" not in view.visible_columns() and "email" not in view.visible_columns()


def test_the_name_column_cannot_be_hidden(view: InfluencersView) -> None:
    name_action = view.table.header_menu().actions()[0]
    assert name_action.text() == "Name" and not name_action.isEnabled()
    view.table.set_column_shown(0, False)
    assert not view.table.horizontalHeader().isSectionHidden(0)


def test_an_empty_database_shows_a_friendly_start(make_view, db: Database) -> None:
    view = make_view(db)
    assert view.pages.currentIndex() == EMPTY_PAGE
    assert view.first_button.isVisible()
    assert view.first_button.text() == "Add your first influencer…"
    assert view.import_button.isVisible() and view.sample_button.isVisible()
    assert "infcrm demo" not in view.empty_message.text()
    assert not view.controls.isVisible()


def test_the_first_influencer_replaces_the_empty_state(qtbot, make_view, db: Database) -> None:
    view = make_view(db)
    person = influencers.create(db, InfluencerInput(display_name="Nora Field"))
    events.influencers_changed.emit([person])
    qtbot.waitUntil(lambda: view.pages.currentIndex() == TABLE_PAGE)
    assert column(view, "name") == ["Nora Field"]
    assert view.count_label.text() == "1 influencer"


def test_changes_elsewhere_refresh_the_list_and_keep_the_selection(
    qtbot, view: InfluencersView
) -> None:
    view.table.selectRow(5)
    chosen = view.table.selected_ids()
    person = influencers.create(view._db, InfluencerInput(display_name="Aaron Aardvark"))
    events.influencers_changed.emit([person])
    qtbot.waitUntil(lambda: view.model.rowCount() == 61)
    assert view.table.selected_ids() == chosen
    assert column(view, "name")[0] == "Aaron Aardvark"
    assert view.count_label.text() == "61 influencers"


def test_the_context_menu_offers_edit_campaign_trash_and_forget(view: InfluencersView) -> None:
    texts = [a.text() for a in view.table_menu().actions() if not a.isSeparator()]
    assert texts == [
        "Edit…",
        "Edit people…",
        "Add to campaign…",
        "Compose…",
        "Move to trash",
        "Forget…",
    ]


def test_forget_asks_first_and_cancel_keeps_everyone(
    qtbot, monkeypatch, view: InfluencersView
) -> None:
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    view.table.selectRow(0)
    name = column(view, "name")[0]
    view.forget_selected()
    assert name in asked[0] and "cannot be undone" in asked[0]
    assert view.model.rowCount() == 60


def test_forget_erases_the_selected_person_for_good(
    qtbot, monkeypatch, view: InfluencersView
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    # Once the question is answered nothing more is asked, on a file or on a server: a box
    # shown after the erasing would be recorded here instead of waiting for a click.
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    view.table.selectRow(0)
    person = view.table.selected_ids()[0]
    view.forget_selected()
    qtbot.waitUntil(lambda: view.model.rowCount() == 59)
    assert told == []
    assert person not in view.model.ids
    with pytest.raises(influencers.NotFound):
        influencers.get(view._db, person)
    assert influencer_list.list_ids(view._db, ListQuery(trash=True)) == []


def test_double_click_opens_the_edit_form_for_that_person(
    qtbot, monkeypatch, view: InfluencersView
) -> None:
    from infcrm.ui.dialogs import influencer_dialog

    opened: list[int | None] = []
    monkeypatch.setattr(
        influencer_dialog.InfluencerDialog,
        "exec",
        lambda dialog: opened.append(dialog.influencer_id) or QDialog.DialogCode.Rejected,
    )
    rect = view.table.visualRect(view.model.index(2, 0))
    # A real double-click starts with a press; the view only opens the row it saw pressed.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [view.model.id_at(2)]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened[-1] == view.table.current_id()


def test_find_in_the_menu_focuses_the_search_box(qtbot, main_window) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    find = next(a for a in main_window.menus["edit"].actions() if a.text() == "&Find")
    find.trigger()
    view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.search)


def test_choosing_someone_shows_them_in_the_panel_beside_the_list(qtbot, view) -> None:
    settle(qtbot, view)
    assert view.detail.influencer_id is None
    first = view.model.row_data(0)
    view.table.select_ids([first.id], first.id)
    assert view.detail.influencer_id == first.id
    assert view.detail.pages.currentIndex() == 1  # the person, not the "choose someone" hint


def test_an_empty_database_gives_the_welcome_the_whole_width(qtbot, make_view, db) -> None:
    empty = make_view(db)
    settle(qtbot, empty)
    assert not empty.detail.isVisibleTo(empty)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_the_first_columns_fit_the_window_without_scrolling_sideways(
    qtbot, main_window, size: tuple[int, int]
) -> None:
    main_window.resize(*size)
    main_window.show_view("influencers")
    main_window.show()
    qtbot.waitExposed(main_window)
    view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: not view.model.loading, timeout=10_000)
    assert view.visible_columns() == [
        "name",
        "handle",
        "followers",
        "tier",
        "engagement",
        "stage",
        "country",
    ]
    assert not view.splitter.panel_open()  # no one chosen: the list has the whole width
    qtbot.waitUntil(lambda: view.table.viewport().width() > 500)
    assert not view.table.horizontalScrollBar().isVisible()
    header = view.table.horizontalHeader()
    assert header.length() <= view.table.viewport().width()


def test_with_the_details_open_at_1024_the_names_stay_readable(qtbot, main_window) -> None:
    """At 1024 × 640 the details panel leaves the list some 460 pixels; the columns cannot
    all fit, yet every one was shrunk towards its title's width — the names first, cut to
    “Aino …”, “Aiyan…”, while the list scrolled sideways all the same."""
    main_window.resize(1024, 640)
    main_window.show_view("influencers")
    main_window.show()
    qtbot.waitExposed(main_window)
    view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: not view.model.loading, timeout=10_000)
    width = view.table.width()
    first = view.model.row_data(0)
    view.table.select_ids([first.id], first.id)
    qtbot.waitUntil(lambda: view.splitter.panel_open() and view.table.width() < width)
    name = view.table.horizontalHeader().sectionSize(0)
    room = view.table.fontMetrics().horizontalAdvance("Amara Mensah") + view.table.rowHeight(0)
    assert name >= room, (name, room)


def test_the_details_open_beside_the_list_and_close_again(qtbot, view) -> None:
    assert not view.splitter.panel_open()
    list_width = view.table.width()
    first = view.model.row_data(0)
    view.table.select_ids([first.id], first.id)
    assert view.splitter.panel_open() and view.detail.influencer_id == first.id
    qtbot.waitUntil(lambda: view.table.width() < list_width)
    qtbot.mouseClick(view.detail.close_button, Qt.MouseButton.LeftButton)
    assert not view.splitter.panel_open()
    qtbot.waitUntil(lambda: view.table.width() == list_width)
    # Clicking the chosen person again brings the panel back.
    rect = view.table.visualRect(view.model.index(view.model.row_of(first.id), 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.splitter.panel_open()
    view.table.clearSelection()
    assert not view.splitter.panel_open()


def test_the_panel_keeps_the_width_the_user_gave_it(qtbot, make_view, demo_db) -> None:
    first = make_view(demo_db)
    person = first.model.row_data(0)
    first.table.select_ids([person.id], person.id)
    total = sum(first.splitter.sizes())
    first.splitter.moveSplitter(total - 500, 1)  # the user drags the divider
    assert first.splitter.sizes()[1] == pytest.approx(500, abs=8)
    first.close()

    second = make_view(demo_db)
    second.table.select_ids([person.id], person.id)
    assert second.splitter.sizes()[1] == pytest.approx(first.splitter.sizes()[1], abs=8)


def test_a_person_just_added_is_selected_and_shown_beside_the_list(
    qtbot, view: InfluencersView
) -> None:
    """After Save the new person is picked in the list (their page opens), not lost among 60."""
    from PySide6.QtCore import QTimer

    def fill_in_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.display_name.setText("Zed Newcomer")  # type: ignore[union-attr]
        dialog._on_save()  # type: ignore[union-attr]

    QTimer.singleShot(0, fill_in_and_save)
    view.add_influencer()
    qtbot.waitUntil(lambda: view.table.selection_with_name()[1] == "Zed Newcomer", timeout=5000)
    assert view.model.rowCount() == 61


def test_column_titles_stay_whole_when_a_persons_page_narrows_the_list(
    qtbot, view: InfluencersView
) -> None:
    """With the page open beside the list, “Followers” read “ollower”: the titles stay whole."""
    view.resize(1000, 700)
    first = view.model.id_at(0)
    view.select_influencer(first)
    qtbot.waitUntil(view.splitter.panel_open, timeout=5000)
    table = view.table
    qtbot.waitUntil(lambda: table.viewport().width() < 700, timeout=5000)
    header = table.horizontalHeader()
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    cut = [
        view.model.columns[i].header
        for i in shown[:-1]
        if header.sectionSize(i) < min(view.model.columns[i].width, header.sectionSizeHint(i))
    ]
    assert cut == []


def test_the_country_stays_in_view_with_a_persons_page_open_at_1280(qtbot, main_window) -> None:
    """At 1280×800 with someone's page beside the list, every default column shows whole:
    Country had scrolled off to the right."""
    main_window.resize(1280, 800)
    main_window.show_view("influencers")
    main_window.show()
    qtbot.waitExposed(main_window)
    view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: not view.model.loading, timeout=10_000)
    view.select_influencer(view.model.id_at(0))
    qtbot.waitUntil(view.splitter.panel_open, timeout=5000)
    table = view.table
    qtbot.waitUntil(lambda: table.viewport().width() < 800, timeout=5000)
    assert view.visible_columns()[-1] == "country"
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width(), timeout=3000)
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible(), timeout=3000)
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    columns = view.model.columns
    assert all(
        header.sectionSize(i) >= min(columns[i].width, header.sectionSizeHint(i)) for i in shown
    )
