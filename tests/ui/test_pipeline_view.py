"""The Pipeline board on a real demo file: columns, counts, drag and drop, scrolling, filters."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent
from PySide6.QtWidgets import QApplication

from infcrm.db.engine import Database
from infcrm.domain.dates import long_day_text, near_day_text
from infcrm.services.outreach import history, pipeline
from infcrm.services.outreach.outreach_types import ENTRY_STAGE_CHANGE, BoardCard, BoardQuery
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery
from infcrm.ui.events import events
from infcrm.ui.models.board_column_model import CARD_ROLE, BoardColumnModel
from infcrm.ui.views.pipeline_column import PipelineColumn
from infcrm.ui.views.pipeline_view import SPARE_CARDS, PipelineView, measure_board_open
from infcrm.ui.widgets.board_card_delegate import card_height, reach_text, short_follow_up_text


@pytest.fixture
def board(qtbot, demo_db: Database) -> PipelineView:
    view = PipelineView(demo_db, per_column=5)
    qtbot.addWidget(view)
    # Low enough that five cards overflow a column: more are read only on scrolling down.
    view.resize(1400, 260)
    view.show()
    view.refresh()
    return view


def _column(view: PipelineView, name: str) -> PipelineColumn:
    return next(c for c in view.columns.values() if c.stage.name == name)


def _stage_id(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


def _names(column: PipelineColumn) -> list[str]:
    return [column.model.card(r).name for r in range(column.model.rowCount())]


def _shown_order(view: PipelineView) -> list[str]:
    layout = view._row
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [w.stage.name for w in widgets if isinstance(w, PipelineColumn)]


def test_the_column_model_is_a_sound_qt_model(qtmodeltester, demo_db: Database) -> None:
    [first, *_rest] = pipeline.board(demo_db, BoardQuery(), per_column=10)
    model = BoardColumnModel(demo_db, first.stage)
    model.set_cards(first.stage, first.cards, first.total)
    assert model.rowCount() == len(first.cards) > 0
    qtmodeltester.check(model)
    model.append_cards(pipeline.column_cards(demo_db, first.stage.id, BoardQuery(), 10, 10))
    qtmodeltester.check(model)


def test_columns_and_counts_match_the_database(board: PipelineView, demo_db: Database) -> None:
    stages = influencers.stages(demo_db)
    # One column per stage; the closed ones (Declined, Not a fit) always at the end.
    open_names = [s.name for s in stages if not s.is_closed]
    closed_names = [s.name for s in stages if s.is_closed]
    assert _shown_order(board) == open_names + closed_names
    assert closed_names == ["Declined", "Not a fit"]
    everyone = 0
    for stage in stages:
        ids = influencer_list.list_ids(demo_db, ListQuery(stage_id=stage.id))
        column = _column(board, stage.name)
        assert column.count_label.text() == f"{len(ids):,}"
        assert column.model.rowCount() == min(len(ids), 5)
        assert {column.model.card(r).id for r in range(column.model.rowCount())} <= set(ids)
        everyone += len(ids)
    assert board.count_label.text() == f"{everyone:,} people"
    assert _column(board, "Declined").delegate.quiet
    assert not _column(board, "Prospect").delegate.quiet


def test_dragging_a_card_to_another_column_moves_the_person(
    qtbot, board: PipelineView, demo_db: Database
) -> None:
    demo_db.sign_as("Ana")
    source, target = _column(board, "Prospect"), _column(board, "Agreed")
    card: BoardCard = source.model.index(0, 0).data(CARD_ROLE)
    before = target.model.total
    mime = source.model.mimeData([source.model.index(0, 0)])
    with qtbot.waitSignals([events.pipeline_changed, events.influencers_changed]):
        assert target.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert influencers.get(demo_db, card.id).stage_name == "Agreed"
    latest = history.timeline(demo_db, card.id)[0]
    assert latest.kind == ENTRY_STAGE_CHANGE
    assert latest.title == f"Ana moved {card.name} from Prospect to Agreed"
    # The board reloads itself: the card now leads the Agreed column.
    qtbot.waitUntil(lambda: target.model.total == before + 1)
    assert target.model.card(0).id == card.id
    assert card.id not in [source.model.card(r).id for r in range(source.model.rowCount())]


def test_a_card_dropped_back_on_its_own_column_changes_nothing(
    board: PipelineView, demo_db: Database
) -> None:
    column = _column(board, "Contacted")
    card = column.model.card(0)
    before = history.timeline(demo_db, card.id)
    mime = column.model.mimeData([column.model.index(0, 0)])
    assert not column.model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert not column.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert history.timeline(demo_db, card.id) == before
    assert influencers.get(demo_db, card.id).stage_name == "Contacted"


def test_a_drop_on_an_archived_stage_is_refused_with_a_sentence(
    qtbot, board: PipelineView, demo_db: Database
) -> None:
    source, target = _column(board, "Prospect"), _column(board, "Completed")
    card = source.model.card(0)
    pipeline.archive_stage(demo_db, target.stage.id, move_to=_stage_id(demo_db, "Agreed"))
    mime = source.model.mimeData([source.model.index(0, 0)])
    with qtbot.waitSignal(target.move_failed) as failed:
        assert not target.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert failed.args == ["That stage no longer exists; choose another."]
    assert board.message.text() == failed.args[0]
    assert influencers.get(demo_db, card.id).stage_name == "Prospect"


def test_move_to_from_the_context_menu_is_the_keyboard_way(
    qtbot, board: PipelineView, demo_db: Database
) -> None:
    column = _column(board, "In talks")
    column.cards.setCurrentIndex(column.model.index(0, 0))
    person = column.model.card(0).id
    menu = column.card_menu()
    move = next(a.menu() for a in menu.actions() if a.text() == "Move to")
    targets = [a.text() for a in move.actions()]
    assert "In talks" not in targets and "Not a fit" in targets
    with qtbot.waitSignal(events.pipeline_changed):
        next(a for a in move.actions() if a.text() == "Not a fit").trigger()
    assert influencers.get(demo_db, person).stage_name == "Not a fit"
    assert history.timeline(demo_db, person)[0].title.endswith(" from In talks to Not a fit")
    qtbot.waitUntil(lambda: person in [c.id for c in _column(board, "Not a fit").model._cards])


def test_scrolling_down_reads_the_next_cards_in_the_background(
    qtbot, board: PipelineView, demo_db: Database
) -> None:
    column = max(board.columns.values(), key=lambda c: c.model.total)
    total = column.model.total
    qtbot.waitUntil(lambda: not column.is_reading())
    shown = column.model.rowCount()
    assert shown == 5 < total
    bar = column.cards.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: column.model.rowCount() > shown)
    qtbot.waitUntil(lambda: not column.is_reading())
    expected = pipeline.column_cards(demo_db, column.stage.id, BoardQuery(), 0, total)
    assert _names(column) == [c.name for c in expected][: column.model.rowCount()]
    # A reload (after any change) keeps the cards the user scrolled to.
    kept = column.model.rowCount()
    board.refresh()
    qtbot.waitUntil(lambda: column.model.rowCount() >= kept and not column.is_reading())


def test_the_column_under_a_dragged_card_lights_up(qtbot, board: PipelineView) -> None:
    source, target = _column(board, "Prospect"), _column(board, "Contacted")
    data = source.model.mimeData([source.model.index(0, 0)])
    viewport = target.cards.viewport()
    enter = QDragEnterEvent(
        QPoint(20, 20), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(viewport, enter)
    assert target.cards.drop_highlight and not source.cards.drop_highlight
    QApplication.sendEvent(viewport, QDragLeaveEvent())
    assert not target.cards.drop_highlight


def test_filters_show_only_matching_cards(qtbot, board: PipelineView, demo_db: Database) -> None:
    tiktok = board.platform.findData("tiktok")
    board.platform.setCurrentIndex(tiktok)
    qtbot.waitUntil(lambda: not board.is_loading())
    for column in board.columns.values():
        expected = influencer_list.list_ids(
            demo_db, ListQuery(platform="tiktok", stage_id=column.stage.id)
        )
        assert column.model.total == len(expected)
        for row in range(column.model.rowCount()):
            accounts = influencers.get(demo_db, column.model.card(row).id).accounts
            assert "tiktok" in {a.platform for a in accounts}
    board.platform.setCurrentIndex(0)

    board.reload_choices()
    tag = board.tag.itemData(1)
    board.tag.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not board.is_loading())
    tagged = influencer_list.list_ids(demo_db, ListQuery(tag=tag))
    assert sum(c.model.total for c in board.columns.values()) == len(tagged)
    board.tag.setCurrentIndex(0)

    someone = _column(board, "Prospect").model.card(0)
    board.search.setText(someone.name)
    qtbot.waitUntil(lambda: not board.is_loading())
    matching = set(influencer_list.list_ids(demo_db, ListQuery(search=someone.name)))
    assert sum(c.model.total for c in board.columns.values()) == len(matching) >= 1
    shown = {c.id for col in board.columns.values() for c in col.model._cards}
    assert someone.id in shown and shown <= matching

    board.search.setText("zzzz-nobody")
    qtbot.waitUntil(lambda: board.count_label.text() == "0 people")
    assert board.message.text() == "No one matches this search and these filters."


def test_owner_filter(qtbot, board: PipelineView, demo_db: Database) -> None:
    board.reload_choices()
    assert board.owner.count() > 1
    owner = board.owner.itemData(1)
    board.owner.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not board.is_loading())
    for column in board.columns.values():
        for row in range(column.model.rowCount()):
            assert influencers.get(demo_db, column.model.card(row).id).owner == owner


def test_double_click_opens_the_influencer(qtbot, board: PipelineView) -> None:
    column = _column(board, "Prospect")
    rect = column.cards.visualRect(column.model.index(1, 0))
    # A real double-click starts with a press: the view opens only the card that was pressed.
    qtbot.mouseClick(column.cards.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(events.open_influencer) as opened:
        qtbot.mouseDClick(column.cards.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [column.model.card(1).id]


def test_a_renamed_stage_shows_its_new_name(qtbot, board: PipelineView, demo_db: Database) -> None:
    stage_id = _stage_id(demo_db, "In talks")
    pipeline.rename_stage(demo_db, stage_id, "Negotiating")
    events.stages_changed.emit()
    qtbot.waitUntil(lambda: board.columns[stage_id].title.text() == "Negotiating")


def test_an_empty_database_shows_empty_columns_and_says_how_to_start(qtbot, db: Database) -> None:
    view = PipelineView(db)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert len(view.columns) == 8
    assert all(c.model.rowCount() == 0 for c in view.columns.values())
    assert view.board_pages.currentWidget() is view.empty
    assert view.start_button.isVisible() and view.start_button.property("primary")
    assert not view.message.isVisible()


def test_an_empty_board_hides_its_filters_until_someone_is_added(qtbot, db: Database) -> None:
    view = PipelineView(db)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    filters = (view.search, view.tag, view.owner, view.platform, view.count_label)
    # Nobody to search or filter: the welcome stands alone, the stages can still be set up.
    assert not any(w.isVisible() for w in filters)
    assert view.stages_button.isVisible()
    assert view.stages_button.width() < view.width() / 3  # its own width, not the bar's
    influencers.create(db, InfluencerInput(display_name="Lena Vogel"))
    view.refresh()
    qtbot.waitUntil(lambda: view.board_pages.currentWidget() is view.scroll)
    assert all(w.isVisible() for w in filters)
    assert view.count_label.text() == "1 person"


def test_follow_up_dates_on_cards_read_in_one_style() -> None:
    """The interface's date near today, whatever the card's width: no “7 Jan 2027” beside
    “27 Dec” (the year shows only half a year or more away, where it is needed)."""
    today = date(2026, 11, 22)
    assert short_follow_up_text(date(2026, 11, 22), today) == "Today"
    assert short_follow_up_text(date(2026, 11, 3), today) == "3 Nov"  # in red: overdue
    assert short_follow_up_text(date(2026, 12, 24), today) == "24 Dec"
    assert short_follow_up_text(date(2027, 1, 5), today) == "5 Jan"
    assert short_follow_up_text(date(2027, 9, 5), today) == "5 Sep 2027"
    assert short_follow_up_text(date(2026, 1, 5), today) == "5 Jan 2026"
    for day in (date(2026, 12, 24), date(2027, 1, 5), date(2027, 9, 5)):
        assert short_follow_up_text(day, today) == near_day_text(day, today)


def test_every_card_on_the_board_writes_its_date_the_same_way(board: PipelineView) -> None:
    today, checked = board.today(), 0
    for column in board.columns.values():
        for row in range(column.model.rowCount()):
            card = column.model.card(row)
            if card.next_follow_up is not None and card.next_follow_up != today:
                due = card.next_follow_up
                assert short_follow_up_text(due, today) == near_day_text(due, today)
                tip = column.model.index(row).data(Qt.ItemDataRole.ToolTipRole) or ""
                assert long_day_text(due) in tip
                checked += 1
    assert checked  # the demo gives some of the first cards a follow-up


def test_the_stages_button_opens_the_stage_dialog(qtbot, board: PipelineView) -> None:
    board.stages_button.click()
    dialog = board.stages_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Pipeline stages"
    dialog.close()


def test_measure_board_open_times_a_real_paint(demo_db: Database) -> None:
    elapsed, busy, cpu = measure_board_open(demo_db)
    assert 0 < busy <= cpu and 0 < elapsed < 10


def test_a_column_reads_the_cards_that_fit_and_a_few_more(qtbot, demo_db: Database) -> None:
    """Cards below the screen are read as the user scrolls, not when the board opens."""
    view = PipelineView(demo_db)
    qtbot.addWidget(view)
    view.resize(1280, 400)
    view.show()
    view.show_screen()
    qtbot.waitUntil(lambda: not view.is_loading())
    prospects = _column(view, "Prospect")
    qtbot.waitUntil(
        lambda: prospects.isVisible() and prospects.cards.verticalScrollBar().maximum() > 0
    )
    fit = prospects.cards.viewport().height() // card_height(view.font())
    assert prospects.model.total > fit + SPARE_CARDS + 5  # the demo has more than that
    assert fit < prospects.model.rowCount() <= fit + SPARE_CARDS + 2
    bar = prospects.cards.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: prospects.model.rowCount() > fit + SPARE_CARDS + 2)


def test_a_card_with_a_channel_known_only_by_name_shows_its_followers() -> None:

    def card(platform: str | None, followers: int | None) -> BoardCard:
        return BoardCard(1, "Like Nastya", None, platform, followers, None, None, False)

    assert reach_text(card("youtube", 106_000_000)) == "106M"
    assert reach_text(card("youtube", None)) == ""  # an account, only no figures yet
    assert reach_text(card(None, None)) == "No account yet"


def test_a_card_without_figures_shows_its_handle() -> None:
    # Someone added by hand with only a pasted profile link had a card of a logo and
    # nothing else: the handle says who it is until their followers are known.
    def card(handle: str | None, platform: str | None, followers: int | None) -> BoardCard:
        return BoardCard(1, "Lena Vogel", handle, platform, followers, None, None, False)

    assert reach_text(card("lena.bakes", "instagram", None)) == "@lena.bakes"
    assert reach_text(card("lena.bakes", "instagram", 12_300)) == "12.3k"
    assert reach_text(card("https://lenabakes.de/", "other", None)) == "lenabakes.de"


def test_edit_undo_names_the_one_person_moved_on_the_board(
    qtbot, board: PipelineView, demo_db: Database
) -> None:
    """Edit › Undo read “Undo move of 1 person to Not a fit”: after a drag, which person?"""
    from infcrm.ui import undo_commands

    stack = undo_commands.UndoStack()
    undo_commands.use_stack(stack)
    column = _column(board, "In talks")
    column.cards.setCurrentIndex(column.model.index(0, 0))
    name = column.model.card(0).name
    column.move_selected(_stage_id(demo_db, "Not a fit"))
    assert stack.undoText() == f"move of “{name}” to Not a fit"
    undo_commands.release_stack(stack)


def test_a_move_on_the_board_says_so_with_the_way_back(qtbot, main_window) -> None:
    """Moving a card said nothing, where moving someone to the Trash says “— Undo (Ctrl+Z)”."""
    main_window.resize(1280, 800)
    main_window.show()
    main_window.show_view("pipeline")
    board = main_window.views["pipeline"]
    qtbot.waitUntil(lambda: not board.is_loading())
    column = _column(board, "In talks")
    qtbot.waitUntil(lambda: column.model.rowCount() > 0)
    column.cards.setCurrentIndex(column.model.index(0, 0))
    name = column.model.card(0).name
    column.move_selected(_stage_id(main_window.db, "Not a fit"))
    message = main_window.statusBar().currentMessage()
    assert message == f"Moved “{name}” to Not a fit — Undo (Ctrl+Z)"
