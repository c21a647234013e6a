"""Schema 0017 clears a follow-up's link to a deleted interaction with a trigger instead of
ON DELETE SET NULL: an older file upgrades whole, deleting a message keeps its follow-up (only
the link goes), forgetting a person still takes their follow-ups, and going back to 0016
declares SET NULL again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import Database, open_database
from infcrm.services.outreach import interactions
from infcrm.services.people import trash

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
KOFI, MESSAGE = 2, 2  # Kofi Mensah and the message his follow-up comes from (fixture 0016)


def _follow_ups(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT id, influencer_id, note, interaction_id FROM follow_up ORDER BY id"
        ).fetchall()


def _definition(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = 'follow_up'").fetchone()[0]


@pytest.fixture
def upgraded(tmp_path: Path) -> Database:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0016.sqlite").read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    yield db
    db.close()


def test_an_older_file_upgrades_with_every_follow_up_and_its_link(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0016.sqlite").read_bytes())
    before = _follow_ups(path)
    open_database(path, backup_dir=tmp_path / "backups").close()
    with sqlite3.connect(path) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        check = conn.execute("PRAGMA integrity_check").fetchall()
        keys = conn.execute("PRAGMA foreign_key_check").fetchall()
    assert revision == schema.head_revision()
    assert check == [("ok",)] and keys == []
    assert _follow_ups(path) == before
    assert (KOFI, "Ask for the rates", MESSAGE) in [row[1:] for row in before]
    assert "SET NULL" not in _definition(path)
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"


def test_deleting_a_message_keeps_its_follow_up_without_the_link(upgraded: Database) -> None:
    interactions.delete_interaction(upgraded, MESSAGE)
    kofi = [row for row in _follow_ups(upgraded.path) if row[1] == KOFI]
    assert kofi == [(2, KOFI, "Ask for the rates", None)]


def test_a_follow_up_still_cannot_point_at_a_missing_interaction(upgraded: Database) -> None:
    with sqlite3.connect(upgraded.path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE follow_up SET interaction_id = 999 WHERE id = 1")


def test_forgetting_a_person_takes_their_messages_and_follow_ups(upgraded: Database) -> None:
    trash.forget(upgraded, [KOFI])
    assert [row for row in _follow_ups(upgraded.path) if row[1] == KOFI] == []
    with sqlite3.connect(upgraded.path) as conn:
        left = conn.execute("SELECT count(*) FROM interaction WHERE influencer_id = ?", (KOFI,))
        assert left.fetchone() == (0,)


def test_going_back_to_0016_declares_set_null_again(upgraded: Database) -> None:
    from alembic import command

    config = schema.alembic_config()
    with upgraded.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0016")
    upgraded.close()
    assert "ON DELETE SET NULL" in _definition(upgraded.path)
    with sqlite3.connect(upgraded.path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM interaction WHERE id = ?", (MESSAGE,))
        triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        assert not [name for (name,) in triggers if name.startswith("follow_up_")]
    assert (2, KOFI, "Ask for the rates", None) in _follow_ups(upgraded.path)
