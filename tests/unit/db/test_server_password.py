"""A server's password comes from the URL, this run, the keyring, PGPASSWORD or ~/.pgpass —
and the URL's sslmode reaches the driver (checked against the session's real server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infcrm.db import location, server, server_password
from infcrm.db.engine import StorageError

keyring = pytest.importorskip("keyring")
from keyring.backend import KeyringBackend  # noqa: E402


class _MemoryKeyring(KeyringBackend):
    """A keyring kept in memory: the system's (Secret Service) needs a desktop session."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch) -> Iterator[_MemoryKeyring]:
    before = keyring.get_keyring()
    kept = _MemoryKeyring()
    keyring.set_keyring(kept)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setattr(server_password, "_this_run", {})
    yield kept
    keyring.set_keyring(before)


URL = "postgresql://ana@db.shop.example:5433/crm?sslmode=require"


def test_a_password_kept_in_the_keyring_opens_the_server(memory_keyring, monkeypatch) -> None:
    url = location.server_url(URL)
    assert server_password.with_password(url).password is None  # ~/.pgpass's turn
    assert server_password.keyring_available()
    assert server_password.remember(url, "s3cret") is True
    assert memory_keyring.kept == {("infcrm", "ana@db.shop.example:5433/crm"): "s3cret"}
    engine = server.make_server_engine(URL)
    try:
        assert engine.url.password == "s3cret"
        # What the driver is handed: the password, and the URL's sslmode.
        _args, params = engine.dialect.create_connect_args(engine.url)
        assert params["password"] == "s3cret" and params["sslmode"] == "require"
    finally:
        engine.dispose()
    # An old PGPASSWORD left in the shell does not beat the password the app keeps (README).
    monkeypatch.setenv("PGPASSWORD", "from-env")
    assert server_password.with_password(url).password == "s3cret"


def test_a_password_typed_in_this_run_beats_an_old_one(memory_keyring, monkeypatch) -> None:
    url = location.server_url(URL)
    memory_keyring.set_password("infcrm", server_password.account(url), "old")
    monkeypatch.setenv("PGPASSWORD", "older")

    def refuse(*_args) -> None:  # a locked keyring keeps the old one
        raise RuntimeError("locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    assert server_password.remember(url, "typed") is False
    assert server_password.with_password(url).password == "typed"
    # Nothing kept anywhere by infcrm: libpq's PGPASSWORD (then ~/.pgpass) has its turn.
    other = location.server_url("postgresql://ben@db.shop.example:5433/crm")
    assert server_password.with_password(other).password is None


def test_without_a_keyring_a_password_lasts_for_this_run_only(monkeypatch) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setattr(server_password, "_this_run", {})
    try:
        url = location.server_url(URL)
        assert not server_password.keyring_available()
        assert server_password.remember(url, "typed") is False
        assert server_password.with_password(url).password == "typed"
        other = location.server_url("postgresql://ben@db.shop.example:5433/crm")
        assert server_password.with_password(other).password is None
    finally:
        keyring.set_keyring(before)


def test_the_urls_sslmode_is_honoured_by_the_real_server(request) -> None:
    """The test server has no certificate: "require" must fail, "disable" must connect."""
    test_server, _template = request.getfixturevalue("pg_template")
    plain = test_server.url("postgres").replace("postgresql+psycopg", "postgresql")
    engine = server.make_server_engine(plain + "?sslmode=disable")
    try:
        with engine.connect() as conn:
            assert conn.connection.dbapi_connection.info.get_parameters()["sslmode"] == "disable"
    finally:
        engine.dispose()
    engine = server.make_server_engine(plain + "?sslmode=require")
    try:
        with pytest.raises(StorageError, match="SSL"):
            server.inspect_server(engine)
    finally:
        engine.dispose()
