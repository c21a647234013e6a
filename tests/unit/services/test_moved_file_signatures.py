"""A file one person kept, moved to the team's server: its old History reads there as it read
in the file, signed by nobody, or by the name the mover gave, never by the login name of the
computer the file was on (“root moved Lena to Agreed” names no one the team knows).

On a throw-away server of its own (`own_server`); skipped, saying why, where PostgreSQL is
not installed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from infcrm.db import authors
from infcrm.db.engine import Database, open_database
from infcrm.services.maintenance.database_copy import copy_database
from infcrm.services.outreach import followups, history, interactions, pipeline
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import bulk_stage, influencers
from infcrm.services.people.influencer_types import InfluencerInput

LOGIN = "root"  # the login name of the computer the file is kept on


@pytest.fixture
def empty_url(own_server) -> Iterator[str]:
    import psycopg

    admin = own_server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE team")
    yield own_server.url("team")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE team WITH (FORCE)")


@pytest.fixture
def kept_alone(tmp_path: Path, monkeypatch) -> Iterator[tuple[Database, int]]:
    """A file its one user kept without giving a name: every change signed with the login
    name. Lena was added, written to, given a follow-up and moved (alone and with others)."""
    monkeypatch.delenv(authors.ENV, raising=False)
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, LOGIN)
    source = open_database(tmp_path / "shop.sqlite")
    assert source.author == LOGIN
    lena = influencers.create(source, InfluencerInput(display_name="Lena"))
    mia = influencers.create(source, InfluencerInput(display_name="Mia"))
    interactions.log_interaction(
        source,
        InteractionInput(lena, "email", "inbound", subject="Spring box", summary="Yes!",
                         occurred_at=datetime(2026, 11, 2, 9)),
    )  # fmt: skip
    followups.add_follow_up(source, lena, datetime(2026, 11, 20).date(), "Send the box")
    stages = {stage.name: stage.id for stage in influencers.stages(source)}
    pipeline.move_to_stage(source, lena, stages["Contacted"])
    bulk_stage.set_stage(source, [lena, mia], stages["Agreed"])
    assert not source.names_tell  # in the file: no “by root” anywhere
    yield source, lena
    source.close()


def _read_by_a_teammate(url: str, lena: int) -> tuple[list[str], set[str | None], object]:
    """The History's titles and authors, and the person's detail, as Ben sees them."""
    ben = open_database(url)
    try:
        ben.sign_as("Ben")
        entries = history.timeline(ben, lena)
        return (
            [entry.title for entry in entries],
            {entry.author for entry in entries},
            influencers.get(ben, lena),
        )
    finally:
        ben.close()


def test_the_old_history_is_signed_by_nobody_when_the_mover_gave_no_name(
    kept_alone, empty_url: str
) -> None:
    source, lena = kept_alone
    copy_database(source, empty_url)
    titles, signed, person = _read_by_a_teammate(empty_url, lena)
    assert signed == {None}, titles
    assert not any(LOGIN in title for title in titles), titles
    assert "Moved from Contacted to Agreed (bulk, with 1 other)" in titles, titles
    assert "Moved from Prospect to Contacted" in titles, titles
    assert (person.created_by, person.changed_by) == (None, None)


def test_the_old_history_is_signed_with_the_name_the_mover_gave(
    kept_alone, empty_url: str, monkeypatch
) -> None:
    """Moving as Ana (--as Ana, or the name given in File › Your name…)."""
    source, lena = kept_alone
    monkeypatch.setenv(authors.ENV, "Ana Souza")
    source.sign_as(authors.default_name())
    copy_database(source, empty_url)
    titles, signed, person = _read_by_a_teammate(empty_url, lena)
    assert signed == {"Ana Souza"}, titles
    assert "Ana Souza moved Lena from Prospect to Contacted" in titles, titles
    assert "Ana Souza moved Lena from Contacted to Agreed (bulk, with 1 other)" in titles
    assert (person.created_by, person.changed_by) == ("Ana Souza", "Ana Souza")


def test_a_file_several_people_signed_keeps_every_name(
    tmp_path: Path, empty_url: str, monkeypatch
) -> None:
    """Names that already told people apart in the file are theirs: kept as they are."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, LOGIN)
    source = open_database(tmp_path / "shared.sqlite")
    try:
        source.sign_as("Cara")
        lena = influencers.create(source, InfluencerInput(display_name="Lena"))
        source.sign_as(LOGIN)
        stages = {stage.name: stage.id for stage in influencers.stages(source)}
        pipeline.move_to_stage(source, lena, stages["Agreed"])
        copy_database(source, empty_url)
    finally:
        source.close()
    titles, _signed, person = _read_by_a_teammate(empty_url, lena)
    assert f"{LOGIN} moved Lena from Prospect to Agreed" in titles, titles
    assert (person.created_by, person.changed_by) == ("Cara", LOGIN)
