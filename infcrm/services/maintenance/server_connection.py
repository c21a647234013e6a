"""Connecting to a database on a PostgreSQL server from the app (File › Connect to a server…).

The address is kept as a URL without a password; the password is tried first, then kept in
the system's keyring (or, without one, for this run of the app only) — never in settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from infcrm.db import location, server_password

SSL_MODES = ("prefer", "require", "verify-full", "disable")
# The other modes libpq knows: an address naming one keeps it, though the dialog offers the
# four above (verify-ca checks the certificate without the server's name; allow tries
# without encryption first).
OTHER_SSL_MODES = ("verify-ca", "allow")
# Query settings of an address that are not kept with it: the password is typed in the
# dialog (and kept in the keyring), the time limit is the dialog's own for its trial.
_NOT_KEPT = ("password", "connect_timeout")
# The certificate files the dialog has a row for, by setting, with the row's name: the
# authority that signed the server's certificate, and the client's own certificate and key.
CERTIFICATE_FILES = {
    "sslrootcert": "CA certificate",
    "sslcert": "Client certificate",
    "sslkey": "Client key",
}
# sslrootcert=system (libpq 16) names the system's trusted authorities, not a file.
SYSTEM_AUTHORITIES = "system"


@dataclass(frozen=True)
class ServerAddress:
    """Where a team's database is and who signs in."""

    host: str
    port: int
    database: str
    user: str
    sslmode: str = "prefer"
    # The address's other libpq settings, kept as they are: options, target_session_attrs,
    # hostaddr, application_name… A hosted server may need any of them, and a dialog that
    # dropped them would sign in without them.
    settings: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    # The certificate files (CERTIFICATE_FILES), each a path or "" for none.
    sslrootcert: str = ""
    sslcert: str = ""
    sslkey: str = ""

    def missing(self) -> str | None:
        """What must still be filled in, as a sentence, or None."""
        fields = (("server", self.host), ("database", self.database), ("user name", self.user))
        empty = [label for label, value in fields if not value.strip()]
        return f"Fill in the {' and the '.join(empty)}." if empty else None

    def files(self) -> dict[str, str]:
        """The certificate files named, by setting (sslrootcert, sslcert, sslkey)."""
        named = {name: getattr(self, name) for name in CERTIFICATE_FILES}
        return {name: path for name, path in named.items() if path}

    def file_problem(self) -> tuple[str, str] | None:
        """The first certificate file that cannot be used, as (setting, sentence naming its
        row and path), or None; checked before connecting, so nothing is tried with it."""
        for name, path in self.files().items():
            problem = _file_problem(name, path)
            if problem:
                return name, problem
        return None

    def settings_text(self) -> str:
        """The other settings as a person reads them (paths as the folders are named)."""
        return ", ".join(
            f"{name}={value if isinstance(value, str) else ','.join(value)}"
            for name, value in self.settings
        )

    def url(self, password: str | None = None) -> str:
        """The postgresql:// URL (the password only for the one connection that tries it)."""
        query = {**dict(self.settings), **self.files()}
        if self.sslmode != "prefer":
            query["sslmode"] = self.sslmode
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
    """The fields of a postgresql:// address, as the Connect dialog shows them, with its
    other settings kept as they are (the password and a trial's time limit left out)."""
    made = location.server_url(url)
    sslmode = str(made.query.get("sslmode", "prefer"))
    settings = tuple(
        (name, value)
        for name, value in sorted(made.query.items())
        if name != "sslmode" and name not in _NOT_KEPT and name not in CERTIFICATE_FILES
    )
    # A setting named twice counts once, as libpq reads it: the last one.
    files = {name: _last(made.query.get(name, "")) for name in CERTIFICATE_FILES}
    return ServerAddress(
        made.host or "", made.port or 5432, made.database or "", made.username or "",
        sslmode if sslmode in SSL_MODES + OTHER_SSL_MODES else "prefer", settings, **files,
    )  # fmt: skip


def file_path(typed: str) -> str:
    """A certificate's path as kept in the address: "~" read as the home folder and made
    absolute (libpq would read it from wherever infcrm was started); "" for none."""
    typed = typed.strip()
    if not typed or typed == SYSTEM_AUTHORITIES:
        return typed
    return os.path.abspath(os.path.expanduser(typed))


def _last(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else (value[-1] if value else "")


def _file_problem(name: str, path: str) -> str | None:
    if name == "sslrootcert" and path == SYSTEM_AUTHORITIES:
        return None
    row, file = CERTIFICATE_FILES[name], Path(path)
    if not file.exists():
        return (
            f"The {row} file {path} does not exist (moved, renamed, or on a drive that is "
            f"not attached). Choose it again in the {row} row, or clear the row."
        )
    if not file.is_file():
        return f"The {row} {path} is a folder, not a file. Choose the file in the {row} row."
    if not os.access(file, os.R_OK):
        return (
            f"The {row} file {path} cannot be read with your sign-in on this computer. "
            f"Copy it to a folder of yours and choose the copy in the {row} row."
        )
    stat = file.stat()
    mine = hasattr(os, "getuid") and stat.st_uid == os.getuid()
    if name == "sslkey" and mine and stat.st_mode & 0o077:
        # libpq refuses a private key of yours that others may read.
        return (
            f"The {row} file {path} may be read by others on this computer, and PostgreSQL "
            f'refuses such a key. Make it yours only (chmod 600 "{path}"), then try again.'
        )
    return None


def keyring_available() -> bool:
    """Whether a password can be kept in the system's keyring on this computer."""
    return server_password.keyring_available()


__all__ = [
    "CERTIFICATE_FILES",
    "OTHER_SSL_MODES",
    "SSL_MODES",
    "Connected",
    "ServerAddress",
    "address_of",
    "connect",
    "file_path",
    "keyring_available",
]
