"""Upgrading a database from schema 0001 to the newest keeps everyone and adds outreach."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import inspect, text

from infcrm.db import schema
from infcrm.db.engine import make_engine, open_database
from infcrm.services.outreach import follow_up_lists, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencers


def _database_at_0001(path: Path) -> None:
    engine = make_engine(path)
    schema.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO influencer (id, display_name, email, found_via, stage_id, "
                "do_not_contact, created_at, updated_at) VALUES (7, 'Mia Bakes', "
                "'mia@example.com', 'follows_us', 1, 0, '2026-01-05 10:00:00', "
                "'2026-01-05 10:00:00')"
            )
        )
    engine.dispose()


def test_upgrade_from_0001_keeps_the_person_and_adds_the_outreach_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _database_at_0001(path)
    engine = make_engine(path)
    assert "interaction" not in inspect(engine).get_table_names()
    engine.dispose()

    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert {"interaction", "follow_up"} <= tables
        indexes = {i["name"] for i in inspect(db.engine).get_indexes("follow_up")}
        assert "ix_follow_up_status_due" in indexes
        person = influencers.get(db, 7)
        assert (person.display_name, person.stage_name) == ("Mia Bakes", "Prospect")
        interactions.log_interaction(
            db,
            InteractionInput(
                influencer_id=7,
                channel="email",
                direction="outbound",
                follow_up_due=date(2026, 12, 1),
            ),
        )
        assert influencers.get(db, 7).stage_name == "Contacted"
        assert len(follow_up_lists.follow_ups_of(db, 7)) == 1
    finally:
        db.close()
    assert list((tmp_path / "backups").iterdir()), "a backup was made before upgrading"


def test_downgrade_to_0001_removes_only_the_outreach_tables(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "down.sqlite"
    _database_at_0001(path)
    engine = make_engine(path)
    schema.upgrade(engine, "0002")
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    tables = set(inspect(engine).get_table_names())
    assert "interaction" not in tables and "follow_up" not in tables
    with engine.connect() as conn:
        assert conn.execute(text("SELECT display_name FROM influencer")).scalar_one() == "Mia Bakes"
    engine.dispose()
