"""Starting infcrm on a server's address whose password it does not know: the Connect dialog,
filled in from the address, asks for it, and the app goes on to open the database.

On a throw-away server of its own where one user must give a password (skipped, saying why,
where PostgreSQL is not installed)."""

from __future__ import annotations

import os

import pytest

from infcrm.app import AppSession
from infcrm.db import server_password
from infcrm.ui import your_name
from tests.ui.test_server_menu import _with_dialog

pytestmark = pytest.mark.timeout(300)


def test_a_missing_password_is_asked_for_in_the_connect_dialog_then_the_app_opens(
    qtbot, own_server, monkeypatch
) -> None:
    import psycopg

    name = f"pw{os.getpid()}"
    admin = own_server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE ROLE ben LOGIN PASSWORD 'rosebud'")
        conn.execute(f"CREATE DATABASE {name} OWNER ben")
    own_server.require_password("ben")
    monkeypatch.setattr(server_password, "_this_run", {})
    monkeypatch.setattr(server_password, "_keyring", lambda: None)  # kept for this run only
    your_name.store_name("Ben Okafor")  # a team database would first ask for the name
    asked: list[tuple[str, int, str, str, str]] = []

    def type_the_password(dialog) -> None:
        shown = dialog.host.text(), dialog.port.value(), dialog.database.text()
        asked.append((*shown, dialog.user.text(), dialog.message.text()))
        dialog.grab().save(str(own_server.folder / "asks-password.png"))
        dialog.password.setText("rosebud")
        dialog.ok_button.click()

    _with_dialog(qtbot, type_the_password)
    session = AppSession(interactive=True)
    try:
        assert session.open(f"postgresql://ben@127.0.0.1:{own_server.port}/{name}")
        assert asked, "the Connect dialog was not shown"
        host, port, database, user, said = asked[0]
        assert (host, port, database, user) == ("127.0.0.1", own_server.port, name, "ben")
        assert "password" in said and "Password field above" in said
        # The dialog says this computer has no keyring; the message must not promise one.
        assert "keyring" not in said, said
        assert not session.window.db.is_file
        assert name in session.window.windowTitle()
    finally:
        session.close()
