"""The Connect dialog keeps an address's security settings: a team on a hosted server signs in
with verify-full, the authority's certificate (sslrootcert) and often more (hostaddr,
application_name, options…), and pressing Connect must sign in with all of them.

On a throw-away server of its own that encrypts with a certificate made out for
“db.office.example” (skipped, saying why, where PostgreSQL or openssl is not installed).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import make_url

from infcrm.app import AppSession
from infcrm.db import server_password
from infcrm.ui import your_name
from infcrm.ui.dialogs.server_dialog import ServerDialog
from tests.cli.test_server_certificates_cli import ssl_server  # noqa: F401  (a fixture)
from tests.ui.test_server_menu import _action, _with_dialog

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed"),
]


@pytest.fixture
def team_address(ssl_server, tmp_path: Path, monkeypatch) -> Iterator[str]:  # noqa: F811
    """An address to a database of the server that only verify-full with the authority's
    certificate (kept in a folder with a space), the server's name and its own address
    opens; signing in as Ben, whose password the server asks for."""
    import psycopg

    server, crt = ssl_server
    kept = tmp_path / "My certs" / "root.crt"
    kept.parent.mkdir()
    shutil.copy(crt, kept)
    name = f"team{os.getpid()}_{tmp_path.name}".replace("-", "_")
    admin = server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT FROM pg_roles WHERE rolname = 'ben'").fetchone() is None:
            conn.execute("CREATE ROLE ben LOGIN PASSWORD 'rosebud'")
            server.require_password("ben")
        conn.execute(f"CREATE DATABASE {name} OWNER ben")
    monkeypatch.setattr(server_password, "_this_run", {})
    monkeypatch.setattr(server_password, "_keyring", lambda: None)  # kept for this run only
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.postgresql/root.crt to fall back on
    your_name.store_name("Ben Okafor")  # a team database would first ask for the name
    yield (
        f"postgresql://ben@db.office.example:{server.port}/{name}?sslmode=verify-full"
        f"&sslrootcert={quote(str(kept))}&hostaddr=127.0.0.1&application_name=infcrm-shop"
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def _settings(url: str) -> dict[str, str]:
    return dict(make_url(url).query)


def _connect(seen: list[tuple[str, str, str]], password: str = ""):
    """What the dialog shows, then Connect pressed (Cancel when it did not connect)."""

    def press(dialog: ServerDialog) -> None:
        settings = dialog.findChild(QLabel, "server_settings")
        authority = dialog.certificates.edits["sslrootcert"].text()
        shown = (
            dialog.host.text(),
            str(dialog.ssl.currentData()),
            f"{settings and settings.text()} | CA certificate: {authority}",
        )
        if password:
            dialog.password.setText(password)
        dialog.ok_button.click()
        seen.append((*shown, dialog.message.text()))
        if dialog.isVisible():  # not connected: closed without asking to keep the details
            dialog.mark_clean()
            dialog.reject()

    return press


def test_connect_at_start_signs_in_with_every_setting_of_the_address(qtbot, team_address) -> None:
    seen: list[tuple[str, str, str]] = []
    _with_dialog(qtbot, _connect(seen, "rosebud"))
    session = AppSession(interactive=True)
    try:
        opened = session.open(team_address)
        assert seen, "the Connect dialog was not shown"
        host, sslmode, settings, said = seen[0]
        assert (host, sslmode) == ("db.office.example", "verify-full"), said
        assert opened, said
        used = _settings(session.window.db.url)
        assert used == _settings(team_address), used
        also, authority = settings.split(" | ")
        assert "hostaddr=127.0.0.1" in also and "sslrootcert" not in also
        assert authority.endswith("/My certs/root.crt")  # in its own row, to change
    finally:
        session.close()


def test_connect_again_from_the_menu_keeps_the_certificate_and_the_other_settings(
    qtbot, team_address, tmp_path: Path
) -> None:
    session = AppSession(interactive=True)
    try:
        seen: list[tuple[str, str, str]] = []
        _with_dialog(qtbot, _connect(seen, "rosebud"))
        assert session.open(team_address)  # the password typed once, kept for this run
        first = session.window

        def look_then_connect(dialog: ServerDialog) -> None:
            dialog.grab().save(str(tmp_path / "connect-again.png"))
            _connect(seen)(dialog)

        _with_dialog(qtbot, look_then_connect)
        _action(first, "Connect to a server…").trigger()
        host, sslmode, settings, said = seen[-1]
        assert (host, sslmode) == ("db.office.example", "verify-full"), said
        assert "/My certs/root.crt" in settings and "application_name=infcrm-shop" in settings
        qtbot.waitUntil(lambda: session.window is not first)
        assert _settings(session.window.db.url) == _settings(team_address)
    finally:
        session.close()


def test_an_address_checking_the_certificate_without_the_name_keeps_that_check(qapp) -> None:
    dialog = ServerDialog(None, action="Connect")
    dialog.fill_from("postgresql://ana@db.office.example/crm?sslmode=verify-ca&sslrootcert=/c.crt")
    assert "verify-ca" in dialog.ssl.currentText()
    assert _settings(dialog.address().url()) == {"sslmode": "verify-ca", "sslrootcert": "/c.crt"}
