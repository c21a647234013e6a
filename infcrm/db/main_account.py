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

INSERT_TRIGGER = "social_account_main_insert"
# influencer.main_* and the social_account columns they copy, in the same order.
MAIN_COLUMNS = (
    "main_platform", "main_handle", "main_followers", "main_avg_likes", "main_avg_comments",
)  # fmt: skip
MAIN_SOURCES = ("platform", "handle", "followers", "avg_likes", "avg_comments")


@contextmanager
def insert_trigger_paused(conn: Connection) -> Iterator[None]:
    """Inside, inserting a primary account leaves its influencer's `main_*` to the caller.

    Only for new people inserted with their `main_*` already set. The caller holds the write
    transaction; SQLite's schema changes are part of it, so the trigger is back at commit, and
    a failure that rolls the transaction back brings it back too.
    """
    if conn.dialect.name != "sqlite":
        # On a server, pausing it would lock the table for everyone until the commit; the
        # trigger writes the same main_* the caller gives.
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


__all__ = ["INSERT_TRIGGER", "MAIN_COLUMNS", "MAIN_SOURCES", "insert_trigger_paused"]
