"""Moving a file into a server database while a teammate is already connected to it and
starts working there: the copy is never mixed with her work nor deletes it. She waits for
the copy and then writes beside it, or, when she wrote first, the copy is refused saying
why and what to do.

On a throw-away server of its own (`own_server`); skipped, saying why, where PostgreSQL is
not installed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from infcrm.db.engine import Database, open_database
from infcrm.services.errors import Refused
from infcrm.services.maintenance.database_copy import copy_database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery


@pytest.fixture
def empty_url(own_server) -> Iterator[str]:
    import psycopg

    admin = own_server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE team")
    open_database(own_server.url("team")).close()  # set up, empty, as server-setup leaves it
    yield own_server.url("team")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE team WITH (FORCE)")


@pytest.fixture
def sams_file(tmp_path: Path) -> Iterator[Database]:
    source = open_database(tmp_path / "shop.sqlite")
    source.sign_as("Sam")
    for n in range(30):
        influencers.create(source, InfluencerInput(display_name=f"Sam's {n:02}"))
    yield source
    source.close()


def _names(db: Database) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery())
    return sorted(row.display_name for row in influencer_list.rows(db, ids).values())


class AnaAddsSomeone:
    """A progress during which Ana, connected to the destination, adds a person."""

    def __init__(self, ana: Database) -> None:
        self.ana, self.reports, self.thread = ana, 0, None
        self.added: list[object] = []

    def report(self, _done: int, _total: int, _text: str = "") -> None:
        self.reports += 1
        if self.reports == 2:
            self.thread = threading.Thread(target=self._add)
            self.thread.start()
            self.thread.join(2)  # she waits for the copy: it goes on meanwhile

    def _add(self) -> None:
        try:
            self.added.append(influencers.create(self.ana, InfluencerInput(display_name="Ana's")))
        except Exception as error:
            self.added.append(error)


def test_a_teammate_writing_during_a_move_waits_and_both_land(empty_url, sams_file) -> None:
    ana = open_database(empty_url)
    ana.sign_as("Ana")
    try:
        progress = AnaAddsSomeone(ana)
        copied = copy_database(sams_file, empty_url, progress=progress)
        progress.thread.join(30)

        assert copied.rows > 30
        assert isinstance(progress.added[0], int), progress.added  # she was not refused
        assert _names(ana) == sorted(["Ana's", *(f"Sam's {n:02}" for n in range(30))])
    finally:
        ana.close()


def test_a_move_into_a_database_a_teammate_wrote_to_first_is_refused(empty_url, sams_file) -> None:
    ana = open_database(empty_url)
    ana.sign_as("Ana")
    try:
        influencers.create(ana, InfluencerInput(display_name="Ana's"))
        with pytest.raises(Refused, match="not empty"):
            copy_database(sams_file, empty_url)
        assert _names(ana) == ["Ana's"]  # her work is untouched
    finally:
        ana.close()
