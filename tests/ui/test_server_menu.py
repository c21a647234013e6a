"""File › Connect to a server… and File › Move this database to a server…, on the session's
own throw-away PostgreSQL server (skipped, saying why, where PostgreSQL is not installed)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from infcrm.app import AppSession
from infcrm.db import server_password
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.dialogs.server_dialog import ServerDialog
from tests.conftest import _admin

pytestmark = pytest.mark.timeout(600)


def _action(window, text: str):
    return next(a for a in window.menus["file"].actions() if a.text().replace("&", "") == text)


def _with_dialog(qtbot, do: Callable[[ServerDialog], None]) -> list[ServerDialog]:
    """Run `do` on the server dialog once its exec() has shown it; returns it when done."""
    seen: list[ServerDialog] = []

    def act() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ServerDialog)]
        shown = [w for w in found if w.isVisible()]
        if not shown:
            QTimer.singleShot(20, act)
            return
        seen.append(shown[0])
        do(shown[0])

    QTimer.singleShot(0, act)
    return seen


def _fill(dialog: ServerDialog, port: int, database: str) -> None:
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText("infcrm")
    dialog.password.setText("not-needed-here")  # the test server trusts local sign-ins
    dialog.ssl.setCurrentIndex(dialog.ssl.findData("disable"))


@pytest.fixture
def questions(monkeypatch) -> list[str]:
    """Every question asked is answered Yes (Discard when it is about unsaved edits)."""
    asked: list[str] = []

    def answer(_parent, _title, text, buttons=None, *_rest, **_kw):
        asked.append(text)
        if buttons is not None and buttons & QMessageBox.StandardButton.Discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    monkeypatch.setattr(server_password, "_this_run", {})
    return asked


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a, **k: told.append(text))
    )
    return told


@pytest.fixture
def empty_server_db(request) -> Iterator[tuple[int, str]]:
    server, _template = request.getfixturevalue("pg_template")
    name = f"u{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name}")
    yield server.port, name
    _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def session(qapp, tmp_path: Path) -> Iterator[AppSession]:
    from infcrm.db.engine import open_database
    from infcrm.demo import generate as demo

    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    demo.populate(db, influencers=20, seed=3)
    db.close()
    opened = AppSession(interactive=False)
    assert opened.open(path)
    yield opened
    opened.close()


def test_closing_the_dialog_with_typed_details_asks_and_keeps_no_password(
    qtbot, session, questions
) -> None:
    def type_then_close(dialog: ServerDialog) -> None:
        dialog.host.setText("db.myshop.example")
        dialog.password.setText("s3cret")
        dialog.reject()  # Esc, Cancel or the close box

    window = session.window
    seen = _with_dialog(qtbot, type_then_close)
    _action(window, "Connect to a server…").trigger()
    assert seen and not seen[0].isVisible()
    assert questions == [ServerDialog.unsaved_question]  # asked, answered Discard
    assert session.window is window  # nothing was opened
    settings = QSettings()
    assert all("s3cret" not in str(settings.value(key)) for key in settings.allKeys())


def test_connect_tries_the_server_says_what_failed_then_opens_it(
    qtbot, session, questions, empty_server_db
) -> None:
    port, name = empty_server_db
    failures: list[str] = []

    def wrong_then_right(dialog: ServerDialog) -> None:
        _fill(dialog, 1, name)  # nothing listens on port 1
        dialog.ok_button.click()
        failures.append(dialog.message.text())
        assert dialog.isVisible()
        dialog.port.setValue(port)
        dialog.ok_button.click()

    _with_dialog(qtbot, wrong_then_right)
    _action(session.window, "Connect to a server…").trigger()
    assert "Nothing answers at 127.0.0.1, port 1" in failures[0] and "5432" in failures[0]
    qtbot.waitUntil(lambda: not session.window.db.is_file)
    assert session.window.db.url.endswith(f":{port}/{name}?sslmode=disable")
    assert name in session.window.windowTitle()
    assert not _action(session.window, "Move this database to a server…").isEnabled()


def test_move_copies_the_file_checks_it_and_refuses_a_database_holding_data(
    qtbot, session, questions, warnings, empty_server_db
) -> None:
    port, name = empty_server_db
    file_window, path = session.window, session.window.db.path
    _with_dialog(qtbot, lambda dialog: (_fill(dialog, port, name), dialog.ok_button.click()))
    _action(file_window, "Move this database to a server…").trigger()
    assert warnings == []
    assert any("checked every table" in text and "Open the server's copy now?" in text
               for text in questions)  # fmt: skip
    qtbot.waitUntil(lambda: not session.window.db.is_file)
    moved = session.window.db
    assert len(influencer_list.list_ids(moved, ListQuery())) == 20

    # The same server database again: it holds data now. The dialog says so itself, in
    # people, with the details still typed, and Move stays off; nothing is copied.
    assert session.open(path)
    said: list[str] = []

    def refused_in_the_dialog(dialog: ServerDialog) -> None:
        _fill(dialog, port, name)
        dialog.ok_button.click()
        said.append(dialog.message.text())
        assert dialog.isVisible() and dialog.database.text() == name
        assert not dialog.ok_button.isEnabled()
        dialog.grab().save(str(shots / "move-refused.png"))
        dialog.reject()

    shots = path.parent
    _with_dialog(qtbot, refused_in_the_dialog)
    _action(session.window, "Move this database to a server…").trigger()
    assert said and "already holds data (20 people)" in said[0], said
    assert "influencer" not in said[0] and "rows" not in said[0]
    assert warnings == []
    assert session.window.db.is_file


def _answer_box(qtbot, title: str, button: str, said: list[str]) -> None:
    """Click `button` on the message box titled `title` once it shows."""

    def act() -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == title
        ]
        if not boxes:
            QTimer.singleShot(20, act)
            return
        said.append(boxes[0].text())
        next(b for b in boxes[0].buttons() if b.text() == button).click()

    QTimer.singleShot(0, act)


def test_the_server_is_reopened_next_start_and_the_moved_file_says_where_it_went(
    qtbot, session, questions, warnings, empty_server_db, monkeypatch
) -> None:
    from infcrm.app import _database_to_open
    from infcrm.ui import your_name

    monkeypatch.delenv("INFCRM_DB", raising=False)
    your_name.store_name("Ben Okafor")  # a team database would first ask for the name
    port, name = empty_server_db
    path = session.window.db.path
    _with_dialog(qtbot, lambda dialog: (_fill(dialog, port, name), dialog.ok_button.click()))
    _action(session.window, "Move this database to a server…").trigger()
    qtbot.waitUntil(lambda: not session.window.db.is_file)
    server = session.window.db.url
    assert "password" not in server and server.startswith("postgresql://")

    # The next start with no database named opens the server, not the default file.
    assert _database_to_open(None) == server
    menu = session.window.database_menu
    menu._fill_recent()
    assert "shop.sqlite" in [a.text() for a in menu.recent_menu.actions()]

    # The old file is remembered as moved: opening it asks which to open.
    session.interactive = True
    said: list[str] = []
    _answer_box(qtbot, "This database was moved", "Open the file anyway", said)
    assert session.open(path)
    assert session.window.db.is_file
    assert said and f"was moved to {server} on " in said[0]
    menu = session.window.database_menu
    menu._fill_recent()
    assert server in [a.text() for a in menu.recent_menu.actions()]
    _answer_box(qtbot, "This database was moved", "Open the server", said)
    assert session.open(path)
    assert not session.window.db.is_file and session.window.db.url == server
