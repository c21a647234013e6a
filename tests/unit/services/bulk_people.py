"""A database of 10,000 people for bulk-edit tests, built once and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import event, insert, inspect, select

from infcrm.db import search_index
from infcrm.db.base import utcnow
from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer, InfluencerTag, Stage
from tests.table_dump import compared

PEOPLE = 10_000
# Tables a bulk edit may touch, and the search index, compared whole before and after.
TABLES = ("influencer", "influencer_tag", "interaction", "bulk_move", "follow_up", "deal", "tag")


def build(path: Path) -> None:
    """10,000 people spread over the first three stages; every tenth tagged “vip”, every
    hundredth marked do not contact; niches on half of them."""
    db = open_database(path)
    now = utcnow()
    with db.transaction() as session:
        stages = list(session.execute(select(Stage.id).order_by(Stage.position)).scalars())
        session.execute(
            insert(Influencer),
            [
                {
                    "id": n,
                    "display_name": f"Person {n:05d}",
                    "stage_id": stages[n % 3],
                    "niches": "food, travel" if n % 2 else None,
                    "owner": "Ana" if n % 4 == 0 else None,
                    "rating": n % 6 if n % 5 else None,
                    "do_not_contact": n % 100 == 0,
                    "found_via": "other",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(1, PEOPLE + 1)
            ],
        )
        session.execute(
            insert(InfluencerTag),
            [{"influencer_id": n, "name": "vip"} for n in range(10, PEOPLE + 1, 10)],
        )
        search_index.reindex(session)
    db.close()


def copy_of(template: Path, target: Path) -> Database:
    """A fresh database file with the template's people."""
    shutil.copyfile(template, target)
    return open_database(target)


def everything(db: Database) -> dict[str, list[tuple]]:
    """Every row of the tables a bulk edit touches, and the search indexes, as stored."""
    with db.reader() as session:
        tables = {
            name: [
                tuple(r)
                for r in session.connection().exec_driver_sql(
                    f'SELECT {compared(name)} FROM "{name}" ORDER BY 1, 2'
                )
            ]
            for name in TABLES
            if inspect(session.connection()).has_table(name)
        }
        tables["search"] = [
            tuple(r)
            for r in session.connection().exec_driver_sql(
                f"SELECT rowid, * FROM {search_index.INDEX_TABLE} ORDER BY rowid"
            )
        ]
        # Each tag name once, whatever row it sits in.
        tables["tag search"] = sorted(
            name.casefold()
            for (name,) in session.connection().exec_driver_sql(
                f"SELECT name FROM {search_index.TAG_TABLE}"
            )
        )
    return tables


class Commits:
    """Counts the transactions committed on a database while in use."""

    def __init__(self, db: Database) -> None:
        self.count = 0
        self._engine = db.engine

    def _on_commit(self, _conn) -> None:
        self.count += 1

    def __enter__(self) -> Commits:
        event.listen(self._engine, "commit", self._on_commit)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self._engine, "commit", self._on_commit)


__all__ = ["PEOPLE", "Commits", "build", "copy_of", "everything"]
