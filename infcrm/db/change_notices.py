"""Telling the other computers on a server what changed: NOTIFY at commit, LISTEN in a thread.

A server's database is shared, so another user's screens must learn of a change without
polling. Each transaction that wrote something sends, as it commits, one NOTIFY on `CHANNEL`
with a small JSON payload: the tables written, who wrote them (db/authors.py) and which open
database sent it (`Database.instance`, so a window ignores its own notices: it has already
announced them itself). PostgreSQL delivers a notice only when its transaction commits, and
one per transaction, however many rows it wrote.

The tables are read off the statements on their way to the server (`after_cursor_execute`),
so every writer — services, imports, raw SQL, undo — is covered and no service knows about
it. A file has no other users: nothing here is attached to one.

`Listener` keeps its own connection (not one of the pool's) in a thread, LISTENs, and hands
each other instance's `Notice` to a callback; after a dropped connection it quietly connects
again and reports one `missed` notice, since anything may have changed meanwhile.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from infcrm.db import authors

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

CHANNEL = "infcrm_changes"
_WRITTEN = "infcrm_written_tables"  # key in the connection's info: tables this transaction wrote
# The table a data statement writes (written by SQLAlchemy, or by hand in raw_rows & co).
_WRITES = re.compile(
    r'\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?"?(\w+)"?',
    re.IGNORECASE,
)
_QUOTED = re.compile(r"'(?:[^']|'')*'")  # a text literal, whose words are not SQL
POLL_SECONDS = 0.5  # how soon a stopped listener notices it should end
RETRY_SECONDS = 2.0  # how long a cut-off listener waits before connecting again

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """What another user's committed transaction changed."""

    tables: frozenset[str]
    by: str | None = None  # who made the change (None: nobody gave a name)
    source: str = ""  # the open database (app instance) that made it
    missed: bool = False  # the listener was cut off: anything may have changed meanwhile


@functools.cache
def _tables() -> frozenset[str]:
    from infcrm.db import models  # noqa: F401  (registers every table)
    from infcrm.db.base import Base

    return frozenset(Base.metadata.tables)


def written_tables(statement: str) -> frozenset[str]:
    """The infcrm tables `statement` writes to (none for a read); words that only look like a
    table ("DO UPDATE SET", "FOR UPDATE OF") are not tables and drop out."""
    # Short statements repeat (the same SQL, other values) and are remembered; a bulk insert's
    # text of thousands of placeholders is read each time rather than kept.
    if len(statement) <= _REMEMBERED:
        return _written_tables(statement)
    return _written_tables.__wrapped__(statement)


_REMEMBERED = 4000  # characters of the longest statement whose tables are remembered


@functools.lru_cache(maxsize=1024)
def _written_tables(statement: str) -> frozenset[str]:
    known = _tables()
    found = _WRITES.findall(_QUOTED.sub("''", statement))
    return frozenset(name.lower() for name in found if name.lower() in known)


def send_on_commit(engine: Engine, instance: str) -> None:
    """Make every committed write through `engine` send one notice (a server's engine only)."""
    from sqlalchemy import event

    event.listen(engine, "begin", _forget)
    event.listen(engine, "rollback", _forget)
    event.listen(engine, "after_cursor_execute", _note)
    event.listen(engine, "commit", functools.partial(_notify, instance))


def _forget(conn: Connection) -> None:
    # A connection the server cut off mid-transaction is rolled back too, and asking it for
    # its `info` then raises PendingRollbackError, which would hide the loss itself (the
    # user got a traceback instead of "the server does not answer"). Its notes go with it.
    if not conn.invalidated:
        conn.info.pop(_WRITTEN, None)


def _note(conn: Connection, _cursor, statement: str, _params, _context, _many: bool) -> None:
    tables = written_tables(statement)
    if tables:
        conn.info.setdefault(_WRITTEN, set()).update(tables)


def payload(tables: set[str] | frozenset[str], by: str | None, source: str) -> str:
    """The notice's text: a few hundred bytes at most (the server allows 8,000)."""
    return json.dumps({"tables": sorted(tables), "by": by, "from": source})


def _notify(instance: str, conn: Connection) -> None:
    """Queue the notice inside the committing transaction (sent only if the commit succeeds)."""
    tables = conn.info.pop(_WRITTEN, None)
    if tables:
        text = payload(tables, authors.signer(conn), instance)
        conn.connection.driver_connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, text))


def announce_everything(conn: Connection, by: str | None, source: str) -> None:
    """Tell the other computers that every table changed (a restore replaced them all), as
    part of `conn`'s transaction."""
    from sqlalchemy import text as sql

    conn.execute(
        sql("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": payload(_tables(), by, source)},
    )


def parse(text: str) -> Notice | None:
    """A notice from its payload; None for one this app did not write."""
    try:
        found = json.loads(text)
        return Notice(frozenset(found["tables"]), found.get("by"), str(found["from"]))
    except (ValueError, KeyError, TypeError):
        return None


class Listener:
    """LISTENs on the database of `engine` in a thread, reporting other instances' notices.

    `on_notice` runs on the listener's thread; it must hand the work on (ui/ posts it to the
    GUI thread). `listening` is set while the LISTEN is in place; `on_state`, when given,
    hears (on the same thread) each change of it: False when the server stopped answering,
    True when the LISTEN is in place again — the window's offline state follows it.
    """

    def __init__(
        self,
        engine: Engine,
        instance: str,
        on_notice: Callable[[Notice], None],
        *,
        retry: float = RETRY_SECONDS,
        on_state: Callable[[bool], None] | None = None,
    ) -> None:
        # Connected exactly as the engine connects (address, password, sslmode…).
        args, params = engine.dialect.create_connect_args(engine.url)
        params.pop("context", None)  # SQLAlchemy's own type adapters: not needed here
        params.setdefault("connect_timeout", 10)
        self._connect = functools.partial(_connect, args, params)
        self._instance = instance
        self._on_notice = on_notice
        self._retry = retry
        self._on_state = on_state or (lambda _listening: None)
        self._stop = threading.Event()
        self.listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="infcrm-notices", daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self, wait: float = 2 * POLL_SECONDS) -> None:
        """Stop listening; the thread ends within `POLL_SECONDS` (waited for up to `wait`)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(wait)

    def _run(self) -> None:
        import psycopg

        cut_off = False
        while not self._stop.is_set():
            try:
                with self._connect() as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    self._on_state(True)
                    if cut_off:
                        self._hand_on(Notice(frozenset(), missed=True))
                        cut_off = False
                    while not self._stop.is_set():
                        for notify in conn.notifies(timeout=POLL_SECONDS):
                            notice = parse(notify.payload)
                            if notice is not None and notice.source != self._instance:
                                self._hand_on(notice)
            except psycopg.Error as error:  # the server went away, or cannot be reached yet
                if self.listening.is_set():
                    log.info("Stopped hearing of other users' changes (%s); retrying.", error)
                    cut_off = True
                    self.listening.clear()
                    self._on_state(False)
                self._stop.wait(self._retry)
        self.listening.clear()

    def _hand_on(self, notice: Notice) -> None:
        try:
            self._on_notice(notice)
        except Exception:  # a screen's trouble must not end the listening
            log.exception("A change notice could not be handled")


def _connect(args: list, params: dict):
    import psycopg

    return psycopg.connect(*args, **params, autocommit=True)


__all__ = ["CHANNEL", "Listener", "Notice", "parse", "payload", "send_on_commit"]
