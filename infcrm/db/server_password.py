"""Where the password of a server's database comes from — never from a settings file.

In this order: the URL itself (if someone typed one there), then what the user typed in this
run of the app (the newest word: it was just tried and worked), then the system's keyring (the
optional `keyring` package of the `team` extra: GNOME Keyring, KWallet, macOS Keychain,
Windows Credential Locker), and only then libpq's own PGPASSWORD and ~/.pgpass, which the
driver reads by itself when no password is given. A PGPASSWORD left over in a shell must not
beat the password the user chose in the app: that made a working sign-in fail with a message
that retyping could not help. Each password is kept under the server, port, database and user
it opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

SERVICE = "infcrm"
# Given in this run of the app when there is no keyring to keep it: forgotten at exit.
_this_run: dict[str, str] = {}


def account(url: URL) -> str:
    """The name a password is kept under: user@host:port/database."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def _keyring() -> Any | None:
    """The keyring module when it is installed and the system has a real keyring."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
    except Exception:  # a broken keyring set-up is no keyring; ~/.pgpass still works
        return None
    return keyring


def keyring_available() -> bool:
    """Whether passwords can be kept in the system's keyring here."""
    return _keyring() is not None


def remember(url: URL, password: str) -> bool:
    """Keep `password` for `url`: in the keyring (True) or, with none, for this run only.
    Either way it is the one used for the rest of this run (a keyring may keep an old one)."""
    _this_run[account(url)] = password
    keyring = _keyring()
    if keyring is not None:
        try:
            keyring.set_password(SERVICE, account(url), password)
            return True
        except Exception:  # a locked or refusing keyring: kept for this run only
            pass
    return False


def stored(url: URL) -> str | None:
    """The password kept for `url` (typed in this run, then the keyring), or None."""
    if account(url) in _this_run:
        return _this_run[account(url)]
    keyring = _keyring()
    if keyring is not None:
        try:
            found = keyring.get_password(SERVICE, account(url))
        except Exception:
            found = None
        if found:
            return found
    return None


def with_password(url: URL) -> URL:
    """`url` with the password it should use, or as it is when libpq will find it itself
    (PGPASSWORD, ~/.pgpass) or none is needed."""
    if url.password:
        return url
    password = stored(url)
    return url.set(password=password) if password else url


__all__ = ["SERVICE", "account", "keyring_available", "remember", "stored", "with_password"]
