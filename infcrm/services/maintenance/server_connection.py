"""Connecting to a database on a PostgreSQL server from the app (File › Connect to a server…).

The address is kept as a URL without a password; the password is tried first, then kept in
the system's keyring (or, without one, for this run of the app only) — never in settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

from infcrm.db import location, server_password

SSL_MODES = ("prefer", "require", "verify-full", "disable")


@dataclass(frozen=True)
class ServerAddress:
    """Where a team's database is and who signs in."""

    host: str
    port: int
    database: str
    user: str
    sslmode: str = "prefer"

    def missing(self) -> str | None:
        """What must still be filled in, as a sentence, or None."""
        fields = (("server", self.host), ("database", self.database), ("user name", self.user))
        empty = [label for label, value in fields if not value.strip()]
        return f"Fill in the {' and the '.join(empty)}." if empty else None

    def url(self, password: str | None = None) -> str:
        """The postgresql:// URL (the password only for the one connection that tries it)."""
        query = {"sslmode": self.sslmode} if self.sslmode != "prefer" else {}
        made = URL.create(
            "postgresql", self.user.strip(), password or None, self.host.strip(), self.port,
            self.database.strip(), query,
        )  # fmt: skip
        return made.render_as_string(hide_password=False)


@dataclass(frozen=True)
class Connected:
    """The server answered: whether the database is empty (infcrm will set it up)."""

    url: str
    empty: bool
    kept_in_keyring: bool | None  # None: no password was typed (~/.pgpass or none needed)

    def sentence(self) -> str:
        state = (
            "The database is empty: infcrm sets it up when it opens it."
            if self.empty
            else "The database holds infcrm's data."
        )
        kept = {
            True: " The password is kept in your system's keyring.",
            False: " There is no keyring on this computer, so infcrm asks for the password "
            "again next time (or put it in ~/.pgpass).",
            None: "",
        }[self.kept_in_keyring]
        shown = location.display_url(location.server_url(self.url))
        return f"Connected to {shown}. {state}{kept}"


def connect(address: ServerAddress, password: str) -> Connected:
    """Try the address with the password; on success keep the password and say what is there.

    Raises StorageError (its message says what to check) when the server does not answer,
    refuses the sign-in, or holds another program's tables or a newer infcrm's.
    """
    from infcrm.db import server

    # A server that does not answer is given up on in seconds, not minutes.
    trial = make_url(address.url(password)).update_query_dict({"connect_timeout": "10"})
    engine = server.make_server_engine(trial.render_as_string(hide_password=False))
    try:
        revision = server.inspect_server(engine, in_dialog=True)  # the dialog shows refusals
    finally:
        engine.dispose()
    plain = address.url()
    kept = server_password.remember(location.server_url(plain), password) if password else None
    return Connected(plain, revision is None, kept)


def address_of(url: str) -> ServerAddress:
    """The fields of a postgresql:// address, as the Connect dialog shows them."""
    made = location.server_url(url)
    sslmode = str(made.query.get("sslmode", "prefer"))
    return ServerAddress(
        made.host or "", made.port or 5432, made.database or "", made.username or "",
        sslmode if sslmode in SSL_MODES else "prefer",
    )  # fmt: skip


def keyring_available() -> bool:
    """Whether a password can be kept in the system's keyring on this computer."""
    return server_password.keyring_available()


__all__ = [
    "SSL_MODES",
    "Connected",
    "ServerAddress",
    "address_of",
    "connect",
    "keyring_available",
]
