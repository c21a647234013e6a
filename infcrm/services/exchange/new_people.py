"""New people of an import written chunk by chunk, each chunk's search entries made while the
next chunk is prepared.

Turning rows into tuples is Python's work and holds Python's lock; making and tokenising the
search entries is SQLite's, and Python's sqlite3 runs a statement without that lock. So once a
chunk is stored, one background thread makes its entries from the stored rows (two
statements, long ones, with no Python between: `search_index.index_new`) while the caller builds
the next chunk: on two cores the two overlap. (Many short statements on that thread would
gain nothing: each would wait for the lock the caller holds.) Only one thread ever uses the
connection at a time — the caller waits before its next insert — and it is still one
transaction: a failure on either side waits for the other, then rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from types import TracebackType

from sqlalchemy.engine import Connection

from infcrm.db import search_index
from infcrm.db.authors import signer
from infcrm.db.dialect import flag_values
from infcrm.db.main_account import MAIN_COLUMNS, MAIN_SOURCES
from infcrm.db.models import Influencer, InfluencerTag, MetricSnapshot, SocialAccount
from infcrm.db.sequences import next_id, used_up_to
from infcrm.domain.enums import FoundVia
from infcrm.services.exchange.bulk_insert import tuple_inserter
from infcrm.services.exchange.import_matching import ImportRow

METRICS = ("followers", "avg_likes", "avg_comments", "avg_views")


class NewPeople:
    """Inserts chunks of new people with their accounts, tags, snapshots and search entries.

    Rows go to the driver as tuples in each statement's column order: SQLAlchemy's per-value
    processing of an executemany costs more than SQLite's own work at 100,000 rows, and the
    values here are already plain (text, numbers, naive UTC datetimes in SQLAlchemy's format).
    Use as a context manager; leaving it waits for the last chunk.
    """

    def __init__(self, conn: Connection, now: datetime, file_name: str, stage: int | None) -> None:
        self.conn = conn
        self.now = stored(now)
        self.found = (FoundVia.IMPORTED.value, file_name[:200])
        self.stage = stage
        author = signer(conn)
        self.signed = (author, author)  # created_by, changed_by
        self.flags = flag_values(conn)
        self.people = tuple_inserter(conn, Influencer, _PERSON_KEYS)
        self.accounts = tuple_inserter(conn, SocialAccount, _ACCOUNT_KEYS)
        self.snapshots = tuple_inserter(conn, MetricSnapshot, _SNAPSHOT_KEYS)
        self.tags = tuple_inserter(conn, InfluencerTag, ("influencer_id", "name"))
        # The caller holds the write lock (on a server, next_id closes the table to others'
        # inserts): nobody else takes account ids meanwhile.
        self.next_account = next_id(conn, SocialAccount.__table__.c.id, 0)
        self._indexing = _OneBehind()

    def __enter__(self) -> NewPeople:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._indexing.finish(failed=kind is not None)
        if kind is None:
            used_up_to(self.conn, SocialAccount.__table__.c.id, self.next_account)

    def wait(self) -> None:
        """Wait until the chunk before is in the search index: the connection is free for the
        caller's own statements."""
        self._indexing.wait()

    def add(self, rows: list[ImportRow], first_id: int) -> None:
        """Prepare `rows` as the people with ids from `first_id` on, and store them behind."""
        now = self.now
        people, accounts, tags = [], [], []
        next_account = first_account = self.next_account
        false, true = self.flags
        found_via, found_detail = self.found
        first_stage = self.stage
        snapshots = []
        for person_id, row in enumerate(rows, start=first_id):
            main = _NO_MAIN
            if row.accounts:
                for account in row.accounts:
                    if account["is_primary"]:
                        break
                else:  # somebody is the main account: the first one
                    row.accounts[0]["is_primary"] = True
                for account in row.accounts:
                    values = tuple(map(account.get, _ACCOUNT_VALUES))
                    primary = true if account["is_primary"] else false
                    accounts.append((next_account, person_id, primary, *values, now, now))
                    figures = values[_FIGURES]
                    if figures != _NO_FIGURES:
                        snapshots.append((next_account, now, *figures))
                    next_account += 1
                    if primary:
                        main = _main_of(values)
            get = row.person.get
            created = get("created_at")
            people.append(
                (
                    person_id,
                    *map(get, _PERSON_TEXTS),
                    found_via,
                    found_detail,
                    get("stage_id") or first_stage,
                    get("owner"),
                    get("brand_fit"),
                    get("rating"),
                    true if get("do_not_contact") else false,
                    stored(created) if created else now,
                    now,
                    *self.signed,
                    *main,
                )
            )
            if row.tags:
                tags.extend([(person_id, tag) for tag in row.tags])
        self.next_account = next_account

        self._indexing.wait()  # the chunk before is in the index: the connection is free
        self.people(people)
        self.accounts(accounts)
        self.snapshots(snapshots)
        self.tags(tags)
        added = range(first_id, first_id + len(rows))
        their_accounts = range(first_account, next_account)
        self._indexing.start(lambda: search_index.index_new(self.conn, added, their_accounts))


class _OneBehind:
    """Runs each job on one background thread, at most one at a time, after the one before."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._job: Future[None] | None = None

    def start(self, job: Callable[[], None]) -> None:
        """Start `job` once the job before has finished (raising its error)."""
        self.wait()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="import-store")
        self._job = self._pool.submit(job)

    def finish(self, *, failed: bool) -> None:
        """Wait for the last job; its error is raised unless the caller is failing already."""
        try:
            if failed:
                if self._job is not None:
                    self._job.exception()  # waits; the caller's own error goes on
            else:
                self.wait()
        finally:
            self._job = None
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None

    def wait(self) -> None:
        """Wait for the running job, raising its error."""
        job, self._job = self._job, None
        if job is not None:
            job.result()


@lru_cache(maxsize=256)
def stored(value: datetime) -> str:
    """A naive datetime as SQLAlchemy's SQLite dialect stores it (with microseconds)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


# Each statement's columns, in the order the rows give them.
_PERSON_TEXTS = (
    "display_name", "real_name", "other_names", "email", "other_emails", "phone", "country",
    "city", "language", "niches", "notes",
)  # fmt: skip
_PERSON_KEYS = (
    "id", *_PERSON_TEXTS, "found_via", "found_detail", "stage_id", "owner", "brand_fit",
    "rating", "do_not_contact", "created_at", "updated_at", "created_by", "changed_by",
    *MAIN_COLUMNS,
)  # fmt: skip
_ACCOUNT_VALUES = (
    "platform", "handle", "label", "url", "followers", "avg_likes", "avg_comments",
    "avg_views", "posts_per_week", "audience_countries", "audience_gender", "audience_age",
    "audience_notes", "authenticity",
)  # fmt: skip
# Flags go in as dialect.flag_values gives them (0 and 1 on SQLite: sqlite3 binds a bool
# through its slow adapter lookup).
_ACCOUNT_KEYS = (
    "id", "influencer_id", "is_primary", *_ACCOUNT_VALUES, "created_at", "updated_at",
)  # fmt: skip
_FIGURES = slice(
    _ACCOUNT_VALUES.index(METRICS[0]), _ACCOUNT_VALUES.index(METRICS[0]) + len(METRICS)
)
_NO_FIGURES = (None,) * len(METRICS)
# The main account's values for the person's main_* columns, picked from its account values.
_main_of = itemgetter(*(_ACCOUNT_VALUES.index(key) for key in MAIN_SOURCES))
_NO_MAIN = (None,) * len(MAIN_SOURCES)
_SNAPSHOT_KEYS = ("account_id", "taken_at", *METRICS)

__all__ = ["METRICS", "NewPeople", "stored"]
