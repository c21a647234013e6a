"""Writing what an import's updates change, for many people at a time.

Each person updated costs one row in a few statements run once per group of people (the
person's changed fields, the tags and accounts added, the figures replaced, the import item
holding what they replaced, the search entries), not a dozen statements of their own: a
re-import of 100,000 changed rows took ten minutes written person by person.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from itertools import count

from sqlalchemy import bindparam, insert, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infcrm.db import search_index
from infcrm.db.import_models import ImportBatchItem
from infcrm.db.models import Influencer, InfluencerTag, MetricSnapshot, SocialAccount
from infcrm.db.sequences import next_id, used_up_to
from infcrm.services.exchange.import_chain import BEFORE
from infcrm.services.exchange.import_since import UPDATED
from infcrm.services.exchange.new_people import METRICS

ACCOUNT_COLUMNS = (
    "platform", "handle", "label", "url", "is_primary", "followers", "avg_likes", "avg_comments",
    "avg_views", "posts_per_week", "authenticity", "audience_countries", "audience_gender",
    "audience_age", "audience_notes",
)  # fmt: skip
# An account's fields an update replaces: those that say who it is stay.
ACCOUNT_FIGURES = tuple(
    k for k in ACCOUNT_COLUMNS if k not in ("platform", "handle", "label", "url", "is_primary")
)
AccountChange = tuple[Mapping[str, object] | None, dict[str, object], dict[str, object]]


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


class UpdateWrites:
    """The writes of a group of people's updates, gathered with `add` and run with `write`.

    A person is added at most once per group: each one's changes are planned from what the
    database held before the group's writes."""

    def __init__(self, batch_id: int, now: datetime) -> None:
        self.batch_id, self.now = batch_id, now
        self.people: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        self.tags: list[dict] = []
        self.new_accounts: list[dict] = []
        self.created_for: list[tuple[dict, Mapping[str, object]]] = []  # (previous, account)
        self.figures: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        self.snapshots: list[dict] = []
        self.items: list[tuple[int, dict]] = []  # (person, what the update replaced)
        self.searched: list[int] = []  # the people whose search entries change

    def add(
        self,
        person_id: int,
        current: Mapping[str, object],
        changes: dict[str, object],
        new_tags: list[str],
        accounts: list[AccountChange],
        has_main_account: bool,
    ) -> None:
        """Gather one person's update: `changes` to their row (`current`), the tags and
        accounts to add, the accounts' figures to replace (`import_updates._account_changes`)."""
        previous: dict[str, object] = {
            "person": {k: _jsonable(current[k]) for k in changes}
            | {"updated_at": _jsonable(current["updated_at"])},
            "tags_added": new_tags,
            "accounts": {},
            "accounts_created": [],
            BEFORE: current["version"],  # what an undo hands on (import_chain.py)
        }
        self.people[(*sorted(changes), "updated_at")].append(
            {**changes, "b_id": person_id, "updated_at": self.now}
        )
        self.tags.extend({"influencer_id": person_id, "name": t} for t in new_tags)
        for old, account, fields in accounts:
            if old is None:
                values = {key: account.get(key) for key in ACCOUNT_COLUMNS}
                values["is_primary"] = not has_main_account
                has_main_account = True
                self.new_accounts.append(
                    values
                    | {"influencer_id": person_id, "created_at": self.now, "updated_at": self.now}
                )
                self.created_for.append((previous, account))
                continue
            previous["accounts"][str(old["id"])] = {k: old[k] for k in fields} | {  # type: ignore[index]
                "updated_at": _jsonable(old["updated_at"])
            }
            self.figures[(*sorted(fields), "updated_at")].append(
                {**fields, "b_id": old["id"], "updated_at": self.now}
            )
            if any(m in fields for m in METRICS):
                self._snapshot(old["id"], {m: fields.get(m, old[m]) for m in METRICS})
        self.items.append((person_id, previous))
        adds_names = new_tags or any(old is None for old, _account, _fields in accounts)
        if adds_names or not search_index.SEARCHED_COLUMNS.isdisjoint(changes):
            self.searched.append(person_id)

    def _snapshot(self, account_id: object, figures: Mapping[str, object]) -> None:
        if any(figures.get(m) is not None for m in METRICS):
            self.snapshots.append(
                {"account_id": account_id, "taken_at": self.now}
                | {m: figures.get(m) for m in METRICS}
            )

    def write(self, conn: Connection) -> int:
        """Run the gathered writes; returns how many people they updated."""
        update_by_id(conn, Influencer, self.people)
        if self.tags:
            conn.execute(insert(InfluencerTag), self.tags)
        if self.new_accounts:
            # Ids given, not returned (SQLite returns them one insert at a time): the import
            # holds the write lock, and on a server next_id closes the table to others' inserts.
            column = SocialAccount.__table__.c.id
            first = next_id(conn, column, 0)
            for new_id, values, (previous, account) in zip(
                count(first), self.new_accounts, self.created_for, strict=False
            ):
                values["id"] = new_id
                previous["accounts_created"].append(new_id)  # type: ignore[union-attr]
                self._snapshot(new_id, account)
            conn.execute(insert(SocialAccount), self.new_accounts)
            used_up_to(conn, column, first + len(self.new_accounts))
        update_by_id(conn, SocialAccount, self.figures)
        if self.snapshots:
            conn.execute(insert(MetricSnapshot), self.snapshots)
        if self.items:
            conn.execute(
                insert(ImportBatchItem),
                [
                    {
                        "batch_id": self.batch_id,
                        "influencer_id": person_id,
                        "action": UPDATED,
                        "previous": json.dumps(previous),
                    }
                    for person_id, previous in self.items
                ],
            )
        if self.searched:  # new figures alone change nobody's entries
            search_index.reindex(conn, self.searched)
        return len(self.items)


def update_by_id(
    conn: Connection | Session, model: type, rows: Mapping[tuple[str, ...], list[dict]]
) -> None:
    """Update `model`'s rows by their id (`b_id`): for each set of columns, the rows giving
    those columns, in one statement (the change count raised by the column's own
    `onupdate`)."""
    table = model.__table__  # type: ignore[attr-defined]
    for columns, params in rows.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({k: bindparam(k) for k in columns})
        )
        conn.execute(statement, params)


__all__ = ["ACCOUNT_COLUMNS", "ACCOUNT_FIGURES", "AccountChange", "UpdateWrites", "update_by_id"]
