"""The user's name: asked once when a team database opens (never for a file of one's own),
kept in the settings, signed on what they add, and changed from File › Your name…"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from infcrm.app import AppSession
from infcrm.db import authors
from infcrm.db.engine import open_database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui import your_name
from infcrm.ui.your_name import YourNameDialog
from tests.conftest import _admin

Answer = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _no_name_given(monkeypatch) -> None:
    monkeypatch.delenv(authors.ENV, raising=False)


@pytest.fixture
def asked() -> Iterator[Callable[[Callable[[YourNameDialog], None]], list[YourNameDialog]]]:
    """Answers the name question with a given answer whenever it shows; returns the dialogs
    seen. The watch stops with the test."""
    timers: list[QTimer] = []

    def watch(answer: Callable[[YourNameDialog], None]) -> list[YourNameDialog]:
        seen: list[YourNameDialog] = []

        def look() -> None:
            for widget in QApplication.topLevelWidgets():
                shown = isinstance(widget, YourNameDialog) and widget.isVisible()
                if shown and widget not in seen:
                    seen.append(widget)
                    answer(widget)

        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(look)
        timer.start()
        timers.append(timer)
        return seen

    yield watch
    for timer in timers:
        timer.stop()


def _type_and_save(name: str) -> Callable[[YourNameDialog], None]:
    def answer(dialog: YourNameDialog) -> None:
        dialog.name.setText(name)
        dialog.save_changes()

    return answer


def _lena(db) -> str | None:
    person = influencers.create(db, InfluencerInput(display_name="Lena"))
    return influencers.get(db, person).created_by


@pytest.fixture
def server_url(request) -> Iterator[str]:
    server, template = request.getfixturevalue("pg_template")
    name = f"n{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name} TEMPLATE {template}")
    yield server.url(name)
    _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def test_a_team_database_asks_for_the_name_once_and_signs_with_it(asked, server_url) -> None:
    seen = asked(_type_and_save("Ana Souza"))
    session = AppSession(interactive=True)
    try:
        assert session.open(server_url)
        assert len(seen) == 1
        assert seen[0].name.text() == "Ana Souza"
        assert your_name.stored_name() == "Ana Souza"
        assert _lena(session.db) == "Ana Souza"
        session.close()
        assert session.open(server_url)  # the next time: no question
        assert len(seen) == 1
        assert session.db.author == "Ana Souza"
    finally:
        session.close()


def test_a_file_is_never_interrupted_and_signs_with_the_stored_name(asked, tmp_path) -> None:
    seen = asked(_type_and_save("Should not be asked"))
    path = tmp_path / "shop.sqlite"
    session = AppSession(interactive=True)
    try:
        assert session.open(path)
        assert _lena(session.db) == authors.default_name()  # the login name, unasked
        session.close()
        your_name.store_name("Ben Okafor")
        assert session.open(path)
        assert _lena(session.db) == "Ben Okafor"
        QApplication.processEvents()
        assert seen == []
    finally:
        session.close()


def test_a_name_given_for_the_run_beats_the_stored_one(monkeypatch, db) -> None:
    your_name.store_name("Ben")
    monkeypatch.setenv(authors.ENV, "Cy")
    assert your_name.name_to_sign() == "Cy"
    assert not your_name.needs_asking(db)
    your_name.sign(db, ask=True)
    assert db.author == "Cy"


def test_closing_the_name_dialog_unsaved_asks_then_keeps_nothing(qtbot, monkeypatch) -> None:
    questions: list[str] = []
    replies = iter([Answer.Cancel, Answer.Discard])

    def answer(_parent, _title, text, *_a, **_k):
        questions.append(text)
        return next(replies)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    dialog = YourNameDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name.text() == (authors.full_name() or "")  # the computer's name, offered
    dialog.reject()  # untouched: closes without a question
    assert questions == [] and not dialog.isVisible()

    dialog = YourNameDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Mo")
    dialog.reject()  # Cancel: the dialog stays, with the name typed
    assert dialog.isVisible() and dialog.name.text() == "Mo"
    dialog.reject()  # Discard
    assert questions == [YourNameDialog.unsaved_question] * 2
    assert not dialog.isVisible() and your_name.stored_name() is None


def test_an_empty_name_is_refused_with_a_reason(qtbot) -> None:
    dialog = YourNameDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("   ")
    assert not dialog.save_changes()
    assert dialog.isVisible() and "Write the name" in dialog.error.text()
    assert your_name.stored_name() is None


def test_file_your_name_changes_who_signs_from_now_on(asked, open_window, db) -> None:
    window = open_window(db)
    asked(_type_and_save("Dee"))
    window.your_name_action.trigger()
    assert window.your_name_action.text().replace("&", "") == "Your name…"
    assert your_name.stored_name() == "Dee"
    assert _lena(db) == "Dee"
    assert "Dee" in window.statusBar().currentMessage()


def test_the_stored_name_is_kept_between_runs(tmp_path: Path) -> None:
    your_name.store_name("  Ana  ")
    assert your_name.stored_name() == "Ana"
    db = open_database(tmp_path / "x.sqlite")
    try:
        your_name.sign(db, ask=False)
        assert db.author == "Ana"
    finally:
        db.close()


def test_the_command_line_signs_with_the_name_given_in_the_app(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from tests.cli.test_cli import infcrm

    def _signers(path: Path) -> set[tuple]:
        # read here, not borrowed from the command-line tests: this file runs on its own too
        with closing(sqlite3.connect(path)) as con:
            return set(con.execute("SELECT created_by, changed_by FROM influencer"))

    QSettings().setValue(your_name.SETTING, "Ana Souza")  # given in an earlier version
    QSettings().sync()
    assert your_name.stored_name() == "Ana Souza"  # moved where the command line reads it
    done = infcrm("demo", "--db", str(tmp_path / "a.sqlite"), "--influencers", "2")
    assert done.returncode == 0, done.stderr
    assert _signers(tmp_path / "a.sqlite") == {("Ana Souza", "Ana Souza")}
    your_name.store_name("Ana S.")
    given = infcrm("demo", "--db", str(tmp_path / "b.sqlite"), "--influencers", "2", "--as", "Bo")
    assert given.returncode == 0, given.stderr
    assert _signers(tmp_path / "b.sqlite") == {("Bo", "Bo")}  # --as still wins
    plain = infcrm("demo", "--db", str(tmp_path / "c.sqlite"), "--influencers", "2")
    assert plain.returncode == 0 and _signers(tmp_path / "c.sqlite") == {("Ana S.", "Ana S.")}
