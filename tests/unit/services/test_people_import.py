"""The import writer: it waits for another writer instead of failing, and decides at write time."""

from __future__ import annotations

import sqlite3
import threading
import time

from infcrm.db.engine import Database
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput


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
