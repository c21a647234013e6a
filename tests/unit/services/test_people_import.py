"""The import writer: it waits for another writer instead of failing, and decides at write time."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime

from infcrm.db.engine import Database
from infcrm.services.common import as_utc
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery


def _row(number: int, name: str, email: str | None = None) -> ImportRow:
    return ImportRow(number, person={"display_name": name, "email": email})


def test_an_import_waits_for_a_writer_holding_the_file_longer_than_sqlite_waits(
    db: Database,
) -> None:
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is saving, for longer than 5 s
    done: list[object] = []
    worker = threading.Thread(
        target=lambda: done.append(
            write_import(db, [_row(2, "Anna")], file_name="a.csv", sheet=None, on_duplicate="skip")
        )
    )
    worker.start()
    time.sleep(6.5)
    assert not done, "the import must not write while the other writer holds the file"
    other.execute("COMMIT")
    other.close()
    worker.join(timeout=30)

    assert done and done[0].created == 1
    assert influencer_list.count(db) == 1


def test_who_a_row_is_is_decided_again_when_writing(db: Database) -> None:
    rows = [_row(2, "Anna", "anna@example.com"), _row(3, "Ben")]
    # Between the preview and the write someone added Anna: she is skipped, not doubled.
    influencers.create(db, InfluencerInput(display_name="Anna", email="ANNA@example.com"))

    outcome = write_import(db, rows, file_name="a.csv", sheet=None, on_duplicate="skip")

    assert (outcome.created, len(outcome.skipped)) == (1, 1)
    assert outcome.skipped[0].reason == "Already in infcrm as Anna (same email)."
    assert influencer_list.count(db) == 2


def _account_row(number: int, name: str, handle: str, followers: int, likes: int) -> ImportRow:
    account = {
        "platform": "instagram",
        "handle": handle,
        "url": f"https://www.instagram.com/{handle}/",
        "is_primary": True,
        "followers": followers,
        "avg_likes": likes,
    }
    return ImportRow(number, person={"display_name": name}, accounts=[account])


def test_the_list_filters_and_sorts_imported_people_by_their_main_account(
    db: Database,
) -> None:
    # The list filters and sorts by the main account's figures kept on the person's row.
    def ids(**query: object) -> list[int]:
        return influencer_list.list_ids(db, ListQuery(**query))

    first = [_account_row(2, "Anna", "anna.bakes", 12_000, 300), _row(3, "Ben")]
    write_import(db, first, file_name="a.csv", sheet=None, on_duplicate="skip")
    anna, ben = ids(sort="name")
    assert ids(min_followers=10_000) == [anna]
    assert ids(platform="instagram") == [anna]
    assert ids(sort="avg_likes", descending=True) == [anna, ben]

    # The same file later, with Anna's figures grown: the update keeps the list true.
    again = [_account_row(2, "Anna", "anna.bakes", 15_000, 420)]
    write_import(db, again, file_name="a.csv", sheet=None, on_duplicate="update")
    assert ids(min_followers=14_000) == [anna]

    # Ben, imported with no account, gets one in the form after the import.
    influencers.update(
        db,
        ben,
        InfluencerInput(
            display_name="Ben",
            accounts=(AccountInput("tiktok", "ben.cooks", is_primary=True, followers=90_000),),
        ),
    )
    assert ids(platform="tiktok") == [ben]
    assert ids(sort="followers", descending=True) == [ben, anna]
    assert ids(search="bakes") == [anna]


def _stored(db: Database, person_id: int) -> tuple[object, object]:
    from sqlalchemy import select

    from infcrm.db.models import Influencer

    with db.reader() as session:
        row = session.execute(
            select(Influencer.updated_at, Influencer.created_at).where(Influencer.id == person_id)
        ).one()
    return row.updated_at, row.created_at


def test_a_row_that_changes_nothing_is_not_written_nor_counted(db: Database) -> None:
    first = [_account_row(2, "Anna", "anna.bakes", 12_000, 300)]
    write_import(db, first, file_name="a.csv", sheet=None, on_duplicate="skip")
    (anna,) = influencer_list.list_ids(db, ListQuery())
    updated_at, created_at = _stored(db, anna)
    assert created_at.second or created_at.microsecond  # stored finer than a file writes it
    added = created_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
    same = _account_row(2, "Anna", "anna.bakes", 12_000, 300)
    # The “Added” date as an export writes it (to the minute, local time), read back as UTC.
    same.person["created_at"] = as_utc(added.replace(second=0, microsecond=0))

    outcome = write_import(db, [same], file_name="a.csv", sheet=None, on_duplicate="update")

    assert (outcome.created, outcome.updated, outcome.up_to_date) == (0, 0, 1)
    assert outcome.batch_id is None  # nothing for Undo last import to put back
    assert _stored(db, anna) == (updated_at, created_at)

    # The day alone, with no time written, is the same date too.
    same.person["created_at"] = as_utc(datetime.combine(added.date(), datetime.min.time()))
    outcome = write_import(db, [same], file_name="a.csv", sheet=None, on_duplicate="update")
    assert (outcome.updated, outcome.up_to_date) == (0, 1)

    grown = _account_row(2, "Anna", "anna.bakes", 12_000, 420)
    outcome = write_import(db, [grown], file_name="a.csv", sheet=None, on_duplicate="update")

    assert (outcome.updated, outcome.up_to_date) == (1, 0)
    assert outcome.batch_id is not None
    assert _stored(db, anna)[0] != updated_at
    assert influencers.get(db, anna).accounts[0].avg_likes == 420


def test_a_row_with_a_new_tag_or_another_day_is_an_update(db: Database) -> None:
    write_import(db, [_row(2, "Anna", "anna@example.com")], file_name="a.csv", sheet=None,
                 on_duplicate="skip")  # fmt: skip
    tagged = _row(2, "Anna", "anna@example.com")
    tagged.tags = ["vegan"]
    outcome = write_import(db, [tagged], file_name="a.csv", sheet=None, on_duplicate="update")
    assert (outcome.updated, outcome.up_to_date) == (1, 0)

    earlier = _row(2, "Anna", "anna@example.com")
    earlier.person["created_at"] = datetime(2020, 5, 1, 9, 30)
    outcome = write_import(db, [earlier], file_name="a.csv", sheet=None, on_duplicate="update")
    assert (outcome.updated, outcome.up_to_date) == (1, 0)
    assert outcome.batch_id is not None
