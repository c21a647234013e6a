"""Saved views in the window: saved from the list, listed in the sidebar with a live count,
opened, renamed, moved, deleted — each one step of Undo — and kept across a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from infcrm.db.engine import Database, open_database
from infcrm.services.changes import Changes
from infcrm.services.people import influencers, saved_views, tags
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from infcrm.ui import operations
from infcrm.ui.main_window import MainWindow
from infcrm.ui.saved_views_menu import SavedViewActions

GERMANY = "Germans by followers"


def _person(db: Database, name: str, country: str, followers: int, tag: str = "") -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name=name,
            country=country,
            tags=tag,
            accounts=(
                AccountInput("instagram", name.lower().replace(" ", "."), followers=followers),
            ),
        ),
    )


@pytest.fixture
def people(db: Database) -> Database:
    _person(db, "Anna Backt", "Germany", 20_000, "fair")
    _person(db, "Bernd Kocht", "Germany", 45_000)
    _person(db, "Dora Eats", "France", 25_000, "fair")
    return db


def _actions(window: MainWindow) -> SavedViewActions:
    return window.saved_views


def _sidebar(window: MainWindow) -> list[tuple[str, int | None]]:
    panel = _actions(window).panel
    return [(v.name, panel.count_of(v.id)) for v in panel.views()]


def _counted(qtbot, window: MainWindow) -> None:
    panel = _actions(window).panel
    qtbot.waitUntil(lambda: not panel.is_counting(), timeout=10_000)
    QApplication.processEvents()


def _listed(qtbot, window: MainWindow) -> list[str]:
    screen = window.influencers_view()
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=10_000)
    model = screen.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _save_as(qtbot, window: MainWindow, name: str) -> None:
    _actions(window).save_action.trigger()
    dialog = _actions(window).dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name.setText(name)
    dialog._on_save()
    assert not dialog.isVisible(), dialog.errors["name"].message
    _counted(qtbot, window)


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


def test_saving_the_list_adds_a_view_with_its_count_and_undo_takes_it_back(
    qtbot, open_window, people
) -> None:
    window = open_window(people, view=None)
    window.show_view("influencers")
    screen = window.influencers_view()
    screen.filters.choose(screen.filters.country, "Germany")
    screen.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # Followers, highest first
    assert _listed(qtbot, window) == ["Bernd Kocht", "Anna Backt"]
    _save_as(qtbot, window, GERMANY)
    assert _sidebar(window) == [(GERMANY, 2)]
    assert screen.saved_bar.isVisible()
    assert window.undo_stack.undoText() == f"saving of view “{GERMANY}”"
    window.undo_stack.undo()
    assert _sidebar(window) == []
    assert _actions(window).panel.hint.isVisibleTo(window)
    window.undo_stack.redo()
    _counted(qtbot, window)
    assert _sidebar(window) == [(GERMANY, 2)]


def test_a_name_already_taken_is_refused_beside_the_field(qtbot, open_window, people) -> None:
    saved_views.create(people, GERMANY, ListQuery(country="Germany"))
    window = open_window(people, view=None)
    _actions(window).save_action.trigger()
    dialog = _actions(window).dialog
    dialog.name.setText("germans BY followers")
    dialog._on_save()
    assert dialog.isVisible()
    assert "already a view called" in dialog.errors["name"].message
    assert len(saved_views.views(people)) == 1


def test_opening_a_view_shows_its_search_filters_sort_and_columns(
    qtbot, open_window, people
) -> None:
    query = ListQuery(country="Germany", sort="followers", descending=True)
    view_id = saved_views.create(people, GERMANY, query, ("name", "followers", "country")).value
    window = open_window(people, view=None)
    _counted(qtbot, window)
    panel = _actions(window).panel
    panel.list.itemClicked.emit(panel.list.item(0))
    assert window.current_view_key() == "influencers"
    screen = window.influencers_view()
    assert _listed(qtbot, window) == ["Bernd Kocht", "Anna Backt"]
    assert screen.filters.country.currentData() == "Germany"
    assert screen.visible_columns() == ["name", "followers", "country"]
    assert screen.saved_bar.isVisible() and GERMANY in screen.saved_bar.title.text()
    assert panel.current_view_id() == view_id
    assert not screen.saved_bar.update_button.isEnabled()
    # A change to the list offers to update the view; Update keeps it, undoably.
    screen.filters.choose(screen.filters.country, None)
    assert _listed(qtbot, window) == ["Bernd Kocht", "Dora Eats", "Anna Backt"]
    assert screen.saved_bar.update_button.isEnabled()
    screen.saved_bar.update_button.click()
    assert saved_views.get(people, view_id).query.country is None
    assert window.undo_stack.undoText() == f"update of view “{GERMANY}”"
    window.undo_stack.undo()
    assert saved_views.get(people, view_id).query.country == "Germany"
    # Close view: everyone again, the view stays in the sidebar.
    screen.saved_bar.close_button.click()
    assert not screen.saved_bar.isVisible()
    assert panel.current_view_id() is None
    assert [v.name for v in panel.views()] == [GERMANY]


def test_the_sidebar_count_follows_a_change_of_the_data(qtbot, open_window, people) -> None:
    saved_views.create(people, GERMANY, ListQuery(country="Germany"))
    window = open_window(people, view=None)
    _counted(qtbot, window)
    assert _sidebar(window) == [(GERMANY, 2)]
    new_id = _person(people, "Clara Isst", "Germany", 30_000)
    operations.announce(Changes(people=(new_id,)))
    qtbot.waitUntil(lambda: _sidebar(window) == [(GERMANY, 3)], timeout=10_000)
    influencers.trash(people, [new_id])
    operations.announce(Changes(people=(new_id,)))
    qtbot.waitUntil(lambda: _sidebar(window) == [(GERMANY, 2)], timeout=10_000)


def test_rename_move_and_delete_from_the_menu_are_each_one_undo(qtbot, open_window, people) -> None:
    for name in ("One", "Two", "Three"):
        saved_views.create(people, name, ListQuery())
    window = open_window(people, view=None)
    actions = _actions(window)
    names = lambda: [v.name for v in actions.panel.views()]  # noqa: E731
    actions.panel.select(saved_views.find(people, "Three").id)
    actions.up_action.trigger()
    assert names() == ["One", "Three", "Two"]
    assert window.undo_stack.undoText() == "move of view “Three”"
    assert actions.panel.current_view_id() == saved_views.find(people, "Three").id
    actions.up_action.trigger()
    actions.down_action.trigger()
    actions.down_action.trigger()
    assert names() == ["One", "Two", "Three"]
    window.undo_stack.undo()
    assert names() == ["One", "Three", "Two"]
    # Dragged to the top of the list.
    actions.panel.list.moved.emit(saved_views.find(people, "Two").id, 0)
    assert names() == ["Two", "One", "Three"]
    actions.panel.select(saved_views.find(people, "One").id)
    actions.rename_action.trigger()
    dialog = actions.dialog
    assert dialog.windowTitle() == "Rename view" and dialog.name.text() == "One"
    dialog.name.setText("Number one")
    dialog._on_save()
    assert names() == ["Two", "Number one", "Three"]
    assert window.undo_stack.undoText() == "rename of view “One” to “Number one”"
    actions.panel.select(saved_views.find(people, "Number one").id)
    actions.delete_action.trigger()
    assert names() == ["Two", "Three"]
    assert "Deleted the view “Number one”" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert names() == ["Two", "Number one", "Three"]
    window.undo_stack.undo()
    assert names() == ["Two", "One", "Three"]


def test_actions_without_a_chosen_view_say_what_to_do(qtbot, open_window, people) -> None:
    window = open_window(people, view=None)
    actions = _actions(window)
    for action in (actions.rename_action, actions.up_action, actions.delete_action):
        action.trigger()
        assert window.statusBar().currentMessage() == "Choose a saved view in the sidebar first."
    actions.update_action.trigger()
    assert "Open a saved view first" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0


def test_the_shortcuts_reach_the_view_actions(qtbot, open_window, people) -> None:
    window = open_window(people, view=None)
    actions = _actions(window)
    assert actions.save_action.shortcut().toString() == "Ctrl+Shift+S"
    assert actions.up_action.shortcut().toString() == "Ctrl+Alt+Up"
    assert actions.down_action.shortcut().toString() == "Ctrl+Alt+Down"
    qtbot.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert actions.dialog is not None and actions.dialog.isVisible()
    actions.dialog.done(0)


def test_the_save_dialog_closed_with_a_name_typed_asks_first(
    qtbot, open_window, people, monkeypatch
) -> None:
    window = open_window(people, view=None)
    actions = _actions(window)
    actions.save_action.trigger()
    dialog = actions.dialog
    dialog.name.setText("Half typed")
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    dialog.reject()  # Esc, Cancel or the close box
    assert dialog.isVisible(), "Cancel keeps the dialog and the name typed"
    assert dialog.name.text() == "Half typed"
    dialog.reject()
    assert not dialog.isVisible()
    assert len(asked) == 2
    assert saved_views.views(people) == []


def test_a_view_of_a_deleted_tag_shows_no_one_says_why_and_fixes_itself(
    qtbot, open_window, people
) -> None:
    """Its tag deleted, the view counted and showed everyone in Germany — the opposite of
    what it was saved for. It shows no one, says its tag no longer exists, and Fix view
    removes that condition (the list then shows who the rest of the view finds)."""
    query = ListQuery(tag="fair", country="Germany", stage_id=_stage(people, "Prospect"))
    view_id = saved_views.create(people, "Fair, Germany", query).value
    tags.delete_tag(people, "fair")
    window = open_window(people, view=None)
    _counted(qtbot, window)
    assert _sidebar(window) == [("Fair, Germany", 0)]
    _actions(window).open_view(view_id)
    screen = window.influencers_view()
    assert _listed(qtbot, window) == []
    assert screen.filters.tag.currentText() == "fair"  # the condition is on show
    note = screen.saved_bar.note.text()
    assert "The tag “fair” this view filters by no longer exists" in note
    assert "shows no one" in note
    assert screen.saved_bar.fix_button.isVisible()
    screen.saved_bar.fix_button.click()
    assert saved_views.get(people, view_id).query.tag is None
    assert saved_views.get(people, view_id).query.country == "Germany"
    assert _listed(qtbot, window) == ["Anna Backt", "Bernd Kocht"]
    assert not screen.saved_bar.fix_button.isVisible()
    assert window.undo_stack.undoText() == "fix of view “Fair, Germany”"
    window.undo_stack.undo()
    assert saved_views.get(people, view_id).query.tag == "fair"


def test_a_view_survives_closing_the_window_and_the_file(qtbot, open_window, people) -> None:
    window = open_window(people, view=None)
    window.show_view("influencers")
    screen = window.influencers_view()
    screen.filters.choose(screen.filters.country, "France")
    assert _listed(qtbot, window) == ["Dora Eats"]
    _save_as(qtbot, window, "In France")
    window.close()
    people.close()
    reopened = open_database(people.url)  # the same file, or the same server's database
    try:
        again = open_window(reopened, view=None)
        _counted(qtbot, again)
        assert _sidebar(again) == [("In France", 1)]
        _actions(again).open_view(saved_views.find(reopened, "In France").id)
        assert _listed(qtbot, again) == ["Dora Eats"]
        again.close()
    finally:
        reopened.close()


TYPICAL_NAMES = ("Micro food creators in Germany", "Check engagement", "VIPs on TikTok")
LONG_NAME = "Micro food creators in Germany and Austria we have never written to, nor met"


def test_view_names_read_whole_in_the_sidebar_and_long_ones_say_the_rest_on_hover(
    qtbot, open_window, people
) -> None:
    """At 1024 px “Micro food creat…” and even “Check engagem…” were cut beside their counts:
    a name wraps onto more lines; only a very long one ends in “…”, its tooltip whole."""
    for name in (*TYPICAL_NAMES, LONG_NAME):
        saved_views.create(people, name, ListQuery())
    window = open_window(people, view=None)
    window.resize(1024, 640)
    _counted(qtbot, window)
    panel = _actions(window).panel
    lines_of = {panel.list.item(r).text(): panel.shown_lines(r) for r in range(panel.list.count())}
    assert set(lines_of) == {*TYPICAL_NAMES, LONG_NAME}
    metrics = panel.list.fontMetrics()
    for row in range(panel.list.count()):
        item = panel.list.item(row)
        name, lines = item.text(), lines_of[item.text()]
        if name in TYPICAL_NAMES:
            assert " ".join(lines) == name
        else:
            assert lines[-1].endswith("…") and len(lines) > 1
            assert name in item.toolTip()
        assert not any(line.endswith("…") for line in lines[:-1])
        # The row is tall enough for its lines, and they stay left of the count.
        assert panel.list.visualItemRect(item).height() >= len(lines) * metrics.lineSpacing()
    assert len(lines_of["VIPs on TikTok"]) == 1  # a short name keeps a one-line row


def test_a_closed_window_leaves_opening_people_and_campaigns_to_the_open_one(
    qtbot, open_window, people
) -> None:
    """A closed window lives until Qt deletes it; it must not answer “open this person” (its
    database may be gone: on a server that raised an error in the window still open)."""
    from infcrm.ui.events import events

    closed = open_window(people, view="dashboard")
    closed.close()
    events.open_influencer.emit(1)
    events.open_campaign.emit(1)
    assert "influencers" not in closed.views and "campaigns" not in closed.views
