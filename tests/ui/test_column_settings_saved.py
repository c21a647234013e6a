"""The list's columns are remembered once the user's own change settles: a drag of a column's
edge is written once, not on every step, and nothing Qt moves by itself (the last column
stretching when the scroll bar comes or goes) is written at all."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QUndoStack

from infcrm.db.engine import Database
from infcrm.ui.views.influencers_view import NO_MATCH_PAGE, SETTINGS_KEY, InfluencersView


@pytest.fixture
def make_view(qtbot) -> Callable[[Database], InfluencersView]:
    stack = QUndoStack()

    def make(db: Database, *, closed_by_test: bool = False) -> InfluencersView:
        view = InfluencersView(db, stack)
        if not closed_by_test:
            qtbot.addWidget(view)
        view.resize(1300, 700)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda: not view.is_loading(), timeout=10_000)
        return view

    return make


def _count_saves(monkeypatch, view: InfluencersView) -> list[int]:
    """Every write of the columns' settings, counted (the real writes still happen)."""
    saves: list[int] = []
    real = view.table.save_columns

    def counted() -> None:
        saves.append(1)
        real()

    monkeypatch.setattr(view.table, "save_columns", counted)
    return saves


def test_the_scroll_bar_coming_and_going_writes_no_settings(
    qtbot, monkeypatch, make_view, demo_db: Database
) -> None:
    view = make_view(demo_db)
    bar = view.table.verticalScrollBar()
    assert bar.isVisible()  # 60 people: more than a screenful
    QSettings().remove(SETTINGS_KEY)
    saves = _count_saves(monkeypatch, view)

    view.search.setText("Mia")  # a handful: the scroll bar goes, the last column widens
    qtbot.waitUntil(lambda: not view.is_loading() and not bar.isVisible(), timeout=10_000)
    view.search.setText("zzzz-nobody")
    qtbot.waitUntil(lambda: view.pages.currentIndex() == NO_MATCH_PAGE, timeout=10_000)
    view.search.clear()
    qtbot.waitUntil(lambda: not view.is_loading() and bar.isVisible(), timeout=10_000)
    qtbot.wait(1_000)  # longer than any settling

    assert saves == []
    assert not QSettings().contains(f"{SETTINGS_KEY}/header")


def test_a_drag_of_a_column_edge_is_written_once_when_it_settles(
    qtbot, monkeypatch, make_view, demo_db: Database
) -> None:
    view = make_view(demo_db)
    saves = _count_saves(monkeypatch, view)
    header = view.table.horizontalHeader()
    handle = view.model.column_of("handle")
    for width in range(120, 220, 10):  # what a drag does: a resize per mouse move
        header.resizeSection(handle, width)
    assert saves == []  # not while the edge is still moving
    qtbot.waitUntil(lambda: len(saves) == 1, timeout=5_000)
    qtbot.wait(1_000)  # longer than any settling
    assert len(saves) == 1

    again = make_view(demo_db)
    assert again.table.horizontalHeader().sectionSize(handle) == 210


def test_a_width_changed_just_before_closing_is_kept(make_view, demo_db: Database) -> None:
    view = make_view(demo_db, closed_by_test=True)
    header = view.table.horizontalHeader()
    handle = view.model.column_of("handle")
    header.resizeSection(handle, 233)
    view.close()  # at once, before the change has settled
    view.deleteLater()  # gone for good, its timers with it
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    again = make_view(demo_db)
    assert again.table.horizontalHeader().sectionSize(handle) == 233
