"""Two users on one server: a committed change reaches the other user's app (LISTEN/NOTIFY).

The tests with `db` run on the PostgreSQL pass only (a file has no other users); the one
reading statements runs on the file pass.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, text

from infcrm.db import change_notices
from infcrm.db.change_notices import Listener, Notice
from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery
from tests.conftest import BACKEND

on_server = pytest.mark.skipif(BACKEND != "postgresql", reason="a server's notices (pg pass)")


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """A second user's app on the same server database."""
    second = open_database(db.url)
    second.sign_as("Mo")
    yield second
    second.close()


def _listen(database: Database) -> tuple[Listener, queue.Queue[Notice]]:
    heard: queue.Queue[Notice] = queue.Queue()
    listener = Listener(database.engine, database.instance, heard.put, retry=0.2).start()
    assert listener.listening.wait(10), "the listener never connected"
    return listener, heard


def _names(database: Database) -> list[str]:
    ids = influencer_list.list_ids(database, ListQuery())
    return sorted(row.display_name for row in influencer_list.rows(database, ids).values())


def test_written_tables_are_read_off_the_statements() -> None:
    assert change_notices.written_tables(
        "INSERT INTO influencer (display_name) VALUES (%s) ON CONFLICT DO UPDATE SET x = 1"
    ) == {"influencer"}
    assert change_notices.written_tables('UPDATE "social_account" SET followers = 1') == {
        "social_account"
    }
    assert change_notices.written_tables("DELETE FROM follow_up WHERE id = 3") == {"follow_up"}
    many = "INSERT INTO tag (name) VALUES " + ", ".join(["(%s)"] * 5000)  # a bulk insert
    assert change_notices.written_tables(many) == {"tag"}
    # Reads write nothing, even when they lock rows or mention a table.
    assert not change_notices.written_tables("SELECT id FROM influencer FOR UPDATE OF influencer")
    assert not change_notices.written_tables("SELECT 'update influencer' AS words")


@on_server
def test_a_new_person_reaches_the_other_user_within_two_seconds(
    db: Database, other: Database
) -> None:
    listener, heard = _listen(other)
    try:
        db.sign_as("Ana")
        influencers.create(db, InfluencerInput(display_name="Lena Vogel"))
        notice = heard.get(timeout=2)
    finally:
        listener.stop()
    assert "influencer" in notice.tables and notice.by == "Ana"
    assert notice.source == db.instance and not notice.missed
    assert _names(other) == ["Lena Vogel"]  # what the other screen reloads to


@on_server
def test_own_changes_and_rolled_back_ones_are_not_announced(db: Database, other: Database) -> None:
    listener, heard = _listen(db)
    try:
        influencers.create(db, InfluencerInput(display_name="Mine"))  # shown by its own window
        with pytest.raises(RuntimeError), other.transaction() as session:
            session.execute(text("INSERT INTO tag (name) VALUES ('never saved')"))
            raise RuntimeError("the action failed")
        with pytest.raises(queue.Empty):
            heard.get(timeout=1)
        influencers.create(other, InfluencerInput(display_name="Theirs"))
        assert "influencer" in heard.get(timeout=2).tables
    finally:
        listener.stop()


@on_server
def test_one_notice_per_transaction_however_many_rows(db: Database, other: Database) -> None:
    listener, heard = _listen(other)
    try:
        with db.transaction() as session:
            for number in range(200):
                session.execute(insert(Influencer).values(display_name=f"P{number}"))
        first = heard.get(timeout=2)
        with pytest.raises(queue.Empty):
            heard.get(timeout=0.5)
    finally:
        listener.stop()
    assert first.tables == {"influencer"}


@on_server
def test_a_dropped_connection_is_taken_up_again_quietly(db: Database, other: Database) -> None:
    listener, heard = _listen(other)
    try:
        with db.transaction() as session:  # the server ends the listener's connection
            session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE query LIKE 'LISTEN%' AND datname = current_database()"
                )
            )
        missed = heard.get(timeout=10)
        assert missed.missed  # screens reload everything: changes may have been missed
        assert listener.listening.wait(5)
        influencers.create(db, InfluencerInput(display_name="After the cut"))
        assert "influencer" in heard.get(timeout=2).tables
    finally:
        listener.stop()
