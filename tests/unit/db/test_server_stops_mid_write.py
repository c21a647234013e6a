"""The server stops in the middle of a long write (an import, a bulk edit): the user is told in
plain words that the server does not answer, nothing is half-written, and the same action
done again once the server is back writes everything.

On a throw-away server of its own, which the test stops as an administrator would
(`pg_ctl stop -m fast`, every session cut off) and starts again; skipped, saying why, where
PostgreSQL is not installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from infcrm.db.connection_loss import ServerUnreachable, unreachable_message
from infcrm.db.engine import Database, open_database
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import
from infcrm.services.people import bulk, influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput


@pytest.fixture
def server(own_server) -> object:
    return own_server


@pytest.fixture
def sam(server) -> Iterator[Database]:
    import psycopg

    name = f"crm{os.getpid()}"
    admin = server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    database = open_database(server.url(name))
    database.sign_as("Sam")
    yield database
    database.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


class StopsTheServer:
    """A progress that stops the server at its `at`-th report, inside the write."""

    def __init__(self, server, at: int) -> None:
        self.server, self.at, self.reports = server, at, 0

    def report(self, _done: int, _total: int, _text: str = "") -> None:
        self.reports += 1
        if self.reports == self.at:
            self.server.pause()


def _rows(count: int) -> list[ImportRow]:
    return [
        ImportRow(n + 2, person={"display_name": f"Imported {n:04}", "email": f"i{n}@x.io"})
        for n in range(count)
    ]


def test_an_import_cut_off_by_the_server_says_so_and_writes_nothing(server, sam) -> None:
    stopping = StopsTheServer(server, at=3)
    try:
        with pytest.raises(ServerUnreachable) as lost:
            write_import(
                sam, _rows(3000), file_name="people.csv", sheet=None, on_duplicate="skip",
                progress=stopping,
            )  # fmt: skip
    finally:
        server.resume()
    assert str(lost.value) == unreachable_message("127.0.0.1")
    assert influencer_list.count(sam) == 0  # nothing half-written

    again = write_import(sam, _rows(3000), file_name="people.csv", sheet=None, on_duplicate="skip")
    assert again.created == 3000 and influencer_list.count(sam) == 3000


def test_a_bulk_edit_cut_off_by_the_server_says_so_and_changes_nobody(server, sam) -> None:
    people = [
        influencers.create(sam, InfluencerInput(display_name=f"Person {n}")) for n in range(5)
    ]
    try:
        with pytest.raises(ServerUnreachable):
            bulk.set_owner(sam, people, "Sam", progress=StopsTheServer(server, at=1))
    finally:
        server.resume()
    assert {influencers.get(sam, p).owner for p in people} == {None}

    bulk.set_owner(sam, people, "Sam")
    assert {influencers.get(sam, p).owner for p in people} == {"Sam"}
