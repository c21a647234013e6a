"""A server that stopped answering, in one sentence: the one place connection loss is read.

On a server's database any query can fail because the server stopped, restarted or the
network went away. The driver then says "(psycopg.OperationalError) connection failed: …
Connection refused" wrapped in SQLAlchemy's text, which tells a user nothing. `unreachable`
turns such an error into `ServerUnreachable`, a `StorageError` whose message names the server
and says the edit is kept: every save shows that sentence, a read that failed says it could
not load (`for_a_read`: nobody was editing), and the window shows an offline state in words
that fit both (`offline_message`) until the server answers again (ui/server_refresh.py).
"""

from __future__ import annotations

from infcrm.db.engine import StorageError

# SQLSTATE classes of a lost connection: 08 (connection exception) and 57P (the server was
# shut down or is starting: admin_shutdown, crash_shutdown, cannot_connect_now).
_LOST_STATES = ("08", "57P")


class ServerUnreachable(StorageError):
    """The server did not answer; nothing was written, and the user's edit is still open."""

    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(unreachable_message(host))

    @property
    def on_screen(self) -> str:
        """The sentence for a screen that could not be read (no edit is open there)."""
        return self.for_a_read("this screen")

    def for_a_read(self, what: str) -> str:
        """The sentence for `what` (“this screen”, “some rows of the list”) that could not be
        read: nobody was editing, so there is no edit to keep."""
        return (
            f"Could not load {what}: the server {self.host} does not answer. Check the "
            "connection; it loads again by itself once the server is back."
        )

    @property
    def for_a_command(self) -> str:
        """The sentence for a command-line run (no edit is open to keep)."""
        return (
            f"The server {self.host} does not answer, so nothing was written. Run the same "
            "command again once it is back."
        )


def unreachable_message(host: str) -> str:
    """The one sentence for a server that does not answer."""
    return f"The server {host} does not answer. Your edit is kept; save again when it is back."


def offline_message(host: str) -> str:
    """The window's sentence while the server does not answer: said for a failed read as for
    a failed save, so it speaks of neither (a form that could not save says its edit is kept)."""
    return (
        f"The server {host} does not answer; check the connection. Screens load again, and "
        "saving works, once it is back."
    )


def is_connection_loss(error: BaseException) -> bool:
    """Whether `error` (or what it wraps) says the server cannot be reached any more.

    A refused or dropped connection has no SQLSTATE or one of class 08/57P; an error the
    server itself reports (a constraint, a serialization failure) is not connection loss.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ServerUnreachable):
            return True
        if getattr(current, "connection_invalidated", False):
            return True  # SQLAlchemy judged the connection dead
        if _is_driver_loss(current):
            return True
        current = getattr(current, "orig", None) or current.__cause__
    return False


def _is_driver_loss(error: BaseException) -> bool:
    kind = type(error)
    if not kind.__module__.startswith("psycopg"):
        return False
    import psycopg

    if isinstance(error, psycopg.InterfaceError):
        return True  # "the connection is closed"
    if isinstance(error, psycopg.OperationalError):
        state = getattr(error, "sqlstate", None)
        return state is None or state.startswith(_LOST_STATES)
    return False


def unreachable(error: BaseException, host: str | None) -> ServerUnreachable | None:
    """`ServerUnreachable` for `host` when `error` is connection loss, else None."""
    if host is None or isinstance(error, ServerUnreachable):
        return None
    return ServerUnreachable(host) if is_connection_loss(error) else None


__all__ = [
    "ServerUnreachable",
    "is_connection_loss",
    "offline_message",
    "unreachable",
    "unreachable_message",
]
