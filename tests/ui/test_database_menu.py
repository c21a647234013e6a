"""First run and files: sample data from the empty screen, New/Open database, Open recent."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QToolBar

from infcrm.app import AppSession
from infcrm.db.engine import Database
from infcrm.db.lock import lock_path
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.database_menu import recent_databases, sample_path
from infcrm.ui.views.dashboard_view import DashboardView
from infcrm.ui.views.influencers_view import InfluencersView


@pytest.fixture
def session(qapp, tmp_path: Path):
    """The app's session on a shop's file holding one person."""
    app_session = AppSession(interactive=True)
    shop = tmp_path / "shop.sqlite"
    assert app_session.open(shop)
    influencers.create(app_session.db, InfluencerInput(display_name="Mia Bakes"))
    yield app_session
    app_session.close()


def _warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(text))
    return said


def test_the_empty_screens_offer_buttons_not_a_command_line(qtbot, db: Database) -> None:
    view = InfluencersView(db, None)
    qtbot.addWidget(view)
    texts = {b.text() for b in (view.first_button, view.import_button, view.sample_button)}
    assert texts == {"Add your first influencer…", "Import a spreadsheet…", "Try with sample data"}
    assert "infcrm demo" not in view.empty_message.text()
    dashboard = DashboardView(db, open_view=lambda _k: None)
    qtbot.addWidget(dashboard)
    assert dashboard.sample_button.text() == "Try with sample data"
    welcome = dashboard.findChild(QLabel, "welcome_text")
    assert "infcrm demo" not in welcome.text() and "--db" not in welcome.text()


def test_the_title_shows_the_file_once(session: AppSession) -> None:
    assert session.window.windowTitle() == "infcrm — shop.sqlite"
    assert session.window.windowTitle().count("infcrm") == 1


def test_try_with_sample_data_opens_a_separate_marked_file(
    qtbot, session: AppSession, tmp_path: Path
) -> None:
    shop = session.db.path
    first = session.window
    first.views["influencers"].sample_requested.emit()

    window = session.window
    assert window is not first and session.db.path == sample_path()
    assert sample_path().parent != shop.parent, "kept in the data folder, beside no one's file"
    assert window.windowTitle() == "infcrm — sample-data.sqlite (sample data)"
    banner = window.findChild(QToolBar, "sample_data_banner")
    assert banner is not None and "sample data" in banner.findChild(QLabel).text()
    assert influencer_list.count(session.db) >= 100
    assert not lock_path(shop).exists(), "the shop's file is let go"
    assert lock_path(sample_path()).exists()
    # The shop's file is untouched by the sample.
    assert [r.display_name for r in influencer_list.rows(session.db, [1]).values()] != ["Mia Bakes"]


def test_open_recent_goes_back_and_the_screens_show_that_file(qtbot, session: AppSession) -> None:
    shop = session.db.path
    session.window.database_menu.try_sample()
    assert shop in recent_databases()
    menu = session.window.database_menu.recent_menu
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.text() == "shop.sqlite")
    entry.trigger()

    window = session.window
    assert session.db.path == shop and window.windowTitle() == "infcrm — shop.sqlite"
    assert window.findChild(QToolBar, "sample_data_banner") is None
    view = window.views["influencers"]
    window.show_view("influencers")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert not lock_path(sample_path()).exists()


def test_new_database_opens_an_empty_file_and_never_replaces_one(
    qtbot, session: AppSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = _warnings(monkeypatch)
    existing = session.db.path
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(existing), ""))
    assert not session.window.database_menu.new_database()
    assert "already exists" in said[0] and session.db.path == existing

    fresh = tmp_path / "agency" / "clients"
    fresh.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(fresh), ""))
    assert session.window.database_menu.new_database()
    assert session.db.path == fresh.with_suffix(".sqlite") and fresh.with_suffix(".sqlite").exists()
    assert influencer_list.count(session.db) == 0
    assert session.window.windowTitle() == "infcrm — clients.sqlite"


def test_open_database_refuses_a_file_that_is_not_one_and_keeps_the_window(
    qtbot, session: AppSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = _warnings(monkeypatch)
    notes = tmp_path / "notes.sqlite"
    notes.write_text("shopping list")
    window, shop = session.window, session.db.path
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(notes), ""))
    assert not window.database_menu.open_database()
    assert said and session.window is window and session.db.path == shop
    assert influencer_list.count(session.db) == 1, "the open file still works"
    assert not lock_path(notes).exists()


def test_a_window_closed_before_its_start_up_check_begins_starts_none(
    qtbot, session: AppSession, tmp_path: Path
) -> None:
    # The start-up backup and check begin a moment after a window shows; a window closed
    # sooner (the user switched database again, or quit) must not start them on a closed
    # database, where the running thread would outlive its window and bring the app down.
    assert session.open(tmp_path / "other.sqlite")
    switched_to = session.window
    session.close()  # closed; deleted only when the event loop next runs
    switched_to.data_safety.start_background_checks()  # its delayed start comes now
    assert switched_to.data_safety._check is None
