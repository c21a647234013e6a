"""The main account's figures on the influencer row, written by the caller during a bulk insert.

Triggers (migration 0001) copy the primary account's platform, handle and figures onto
`influencer.main_*` whoever writes. Inserting 100,000 new accounts one statement at a time,
the insert trigger costs about three times the insert itself (it runs per row), so a bulk
insert of new people pauses that one trigger and writes `main_*` with each person instead.
The update and delete triggers stay: updates of existing people are kept true by the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

INSERT_TRIGGER = "social_account_main_insert"
# influencer.main_* and the social_account columns they copy, in the same order.
MAIN_COLUMNS = (
    "main_platform", "main_handle", "main_followers", "main_avg_likes", "main_avg_comments",
)  # fmt: skip
MAIN_SOURCES = ("platform", "handle", "followers", "avg_likes", "avg_comments")


@contextmanager
def insert_trigger_paused(conn: Connection, *, new_database: bool = False) -> Iterator[None]:
    """Inside, inserting a primary account leaves its influencer's `main_*` to the caller.

    Only for new people inserted with their `main_*` already set. The caller holds the write
    transaction; SQLite's schema changes are part of it, so the trigger is back at commit, and
    a failure that rolls the transaction back brings it back too.

    On a server only into a `new_database` nobody else uses yet (a copy): pausing it locks the
    table until the commit. Elsewhere the trigger writes the same main_* the caller gives.
    """
    if conn.dialect.name != "sqlite":
        if new_database:
            with _server_trigger_paused(conn):
                yield
        else:
            yield
        return
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).scalar()
    if sql is None:  # an older file without the trigger: nothing to pause
        yield
        return
    conn.exec_driver_sql(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield  # an exception here rolls back the whole transaction, the DROP included
    conn.exec_driver_sql(sql)


@contextmanager
def _server_trigger_paused(conn: Connection) -> Iterator[None]:
    # Only the table's owner (or a member of the owning role) may; anyone else copies with the
    # trigger running, a third slower. The savepoint keeps a refusal from ending the copy.
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(f"ALTER TABLE social_account DISABLE TRIGGER {INSERT_TRIGGER}")
    except DBAPIError:
        yield
        return
    yield
    conn.exec_driver_sql(f"ALTER TABLE social_account ENABLE TRIGGER {INSERT_TRIGGER}")


__all__ = ["INSERT_TRIGGER", "MAIN_COLUMNS", "MAIN_SOURCES", "insert_trigger_paused"]
