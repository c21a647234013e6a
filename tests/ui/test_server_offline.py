"""The server stops while the app is open: plain words, the edit kept, an offline state that
clears when the server answers again.

On a throw-away server of its own (skipped, saying why, where PostgreSQL is not installed),
which the test stops as an administrator would (`pg_ctl stop -m fast`) and starts again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from infcrm.db.connection_loss import unreachable_message
from infcrm.db.engine import Database, open_database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput

RAW_WORDS = ("psycopg", "OperationalError", "sqlalche", "Connection refused", "Traceback")


@pytest.fixture
def ben(own_server) -> Iterator[Database]:
    """Ben's app on a fresh database of the server that will stop."""
    import psycopg

    name = f"crm{os.getpid()}"
    admin = own_server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    database = open_database(own_server.url(name))
    database.sign_as("Ben")
    yield database
    database.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def _plain(text: str) -> None:
    for word in RAW_WORDS:
        assert word not in text, f"raw error text shown: {text!r}"


def test_a_server_that_stops_mid_edit_is_said_plainly_and_the_edit_saves_after(
    qtbot, open_window, own_server, ben: Database
) -> None:
    from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog

    zara = influencers.create(ben, InfluencerInput(display_name="Zara Okafor"))
    influencers.create(ben, InfluencerInput(display_name="Lena Vogel"))
    window = open_window(ben)
    note = window.server_refresh.offline
    try:
        assert window.server_refresh.listener.listening.wait(10)
        assert not note.offline
        dialog = InfluencerDialog(ben, zara, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.notes.setPlainText("Ben typed this while the server went away")
        own_server.pause()
        try:
            dialog.save_button.click()
            said = unreachable_message("127.0.0.1")
            assert dialog.isVisible(), "the edit stays open"
            assert dialog.general_error.text() == said
            assert dialog.notes.toPlainText() == "Ben typed this while the server went away"
            qtbot.waitUntil(lambda: note.offline)
            assert note.isVisible() and "127.0.0.1 does not answer" in note.text()

            window.show_view("pipeline")
            board = window.current_view()
            qtbot.waitUntil(lambda: "does not answer" in board.message.text())
            _plain(board.message.text())

            window.show_view("influencers")
            people = window.current_view()
            people.search.setText("Zara")
            qtbot.waitUntil(lambda: "does not answer" in window.statusBar().currentMessage())
            _plain(window.statusBar().currentMessage())
            assert note.offline
        finally:
            own_server.resume()
        # The offline state clears by itself once the server answers again.
        qtbot.waitUntil(lambda: not note.offline, timeout=15_000)
        dialog.save_button.click()
        assert not dialog.isVisible(), dialog.general_error.text()
        assert influencers.get(ben, zara).notes == "Ben typed this while the server went away"
    finally:
        window.server_refresh.stop()


def test_a_screen_that_cannot_load_says_so_and_speaks_of_no_edit(
    qtbot, open_window, own_server, ben: Database
) -> None:
    for n in range(3):
        influencers.create(ben, InfluencerInput(display_name=f"Zara {n}"))
    window = open_window(ben)
    note = window.server_refresh.offline
    shown: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: text and shown.append(text))
    try:
        assert window.server_refresh.listener.listening.wait(10)
        window.show_view("influencers")
        people = window.current_view()
        qtbot.waitUntil(lambda: people.model.rowCount() == 3)
        own_server.pause()
        try:
            people.model._blocks.clear()  # the rows read again, as scrolling to them does
            assert people.model.row_data(0) is None
            people.search.setText("Zara 1")
            qtbot.waitUntil(lambda: note.offline)
            qtbot.waitUntil(lambda: any("Could not load" in text for text in shown))
            window.show_view("pipeline")
            board = window.current_view()
            qtbot.waitUntil(lambda: "does not answer" in board.message.text())
            said = [*shown, board.message.text(), note.toolTip()]
        finally:
            own_server.resume()
        for text in said:
            assert "edit" not in text, f"a read speaks of an edit: {text!r}"
            _plain(text)
        assert any("check the connection" in text for text in said), said
    finally:
        window.server_refresh.stop()


def test_an_import_whose_server_stops_says_to_import_again_and_then_does(
    qtbot, own_server, ben: Database, tmp_path
) -> None:
    from infcrm.services.people import influencer_list
    from infcrm.ui.dialogs.import_wizard import PAGE_DONE, PAGE_SUMMARY, ImportWizard

    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nLena Vogel,lena@example.com\nMia Bakes,mia@example.com\n")
    wizard = ImportWizard(ben)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == PAGE_SUMMARY
    own_server.pause()
    try:
        wizard.next()  # Import
        said = wizard.pages[PAGE_SUMMARY].advice.text()
    finally:
        own_server.resume()

    assert wizard.currentId() == PAGE_SUMMARY, "the import stays ready to try again"
    assert "Nothing was imported" in said and "127.0.0.1 does not answer" in said
    assert "import again" in said and "edit" not in said
    _plain(said)
    wizard.next()  # Import, once the server is back
    assert wizard.currentId() == PAGE_DONE
    assert influencer_list.count(ben) == 2
