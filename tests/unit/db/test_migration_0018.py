"""Schema 0018 keeps audience figures past 2,147,483,647: a file's are kept exactly as they
were (SQLite held them already), and a server's columns, which refused them, take them now."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DataError

from infcrm.db import schema
from infcrm.db.engine import Database, open_database
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from tests.conftest import _admin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FOLLOWERS = 2_900_000_000  # as tests/fixtures/make_schema_0017.py wrote them
FIGURES = {
    "influencer": {"main_followers", "main_avg_likes", "main_avg_comments"},
    "social_account": {"followers", "avg_likes", "avg_comments", "avg_views"},
    "metric_snapshot": {"followers", "avg_likes", "avg_comments", "avg_views"},
    "content": {"likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions"},
}


def _biggest_first(db: Database) -> list[tuple[str, int | None]]:
    ids = influencer_list.list_ids(db, ListQuery(sort="followers", descending=True))
    people = [influencers.get(db, i) for i in ids]
    return [(p.display_name, p.accounts[0].followers if p.accounts else None) for p in people]


def test_a_files_big_figures_are_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0017.sqlite").read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        listed = _biggest_first(db)
        (kofi,) = influencer_list.list_ids(db, ListQuery(search="kofi"))
        account = influencers.get(db, kofi).accounts[0]
        snapshots = influencers.snapshots(db, account.id)
        report = campaign_report(db, 1, date(2026, 7, 2))
    finally:
        db.close()
    assert listed[0] == ("Kofi Mensah", FOLLOWERS), "the biggest account sorts first"
    assert [s.followers for s in snapshots] == [FOLLOWERS]
    assert report.total.reach == 2_200_000_000


@pytest.fixture
def server_at_0017(request: pytest.FixtureRequest):
    """The URL of a server database migrated to 0017, holding Kofi's account (54,000)."""
    server, _template = request.getfixturevalue("pg_template")
    name = f"u{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name}")
    url = server.url(name)
    engine = create_engine(url)
    try:
        schema.upgrade(engine, "0017")
        with engine.begin() as conn:
            person = conn.execute(
                text(
                    "INSERT INTO influencer (display_name, found_via, do_not_contact, created_at, "
                    "updated_at) VALUES ('Kofi Mensah', 'manual', false, now(), now()) "
                    "RETURNING id"
                )
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO social_account (influencer_id, platform, handle, is_primary, "
                    "followers, created_at, updated_at) "
                    "VALUES (:p, 'instagram', 'kofi.runs', true, 54000, now(), now())"
                ),
                {"p": person},
            )
        with pytest.raises(DataError), engine.begin() as conn:
            conn.execute(text("UPDATE social_account SET followers = :n"), {"n": FOLLOWERS})
    finally:
        engine.dispose()
    yield url
    _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def test_a_servers_figure_columns_take_billions_after_the_upgrade(server_at_0017: str) -> None:
    db = open_database(server_at_0017)
    try:
        before = _biggest_first(db)
        with db.transaction() as session:
            session.execute(text("UPDATE social_account SET followers = :n"), {"n": FOLLOWERS})
        after = _biggest_first(db)
        on_server = inspect(db.engine)
        types = {
            table: {c["name"]: str(c["type"]) for c in on_server.get_columns(table)}
            for table in FIGURES
        }
    finally:
        db.close()
    assert before == [("Kofi Mensah", 54_000)], "the upgrade keeps what was there"
    assert after == [("Kofi Mensah", FOLLOWERS)]
    for table, columns in FIGURES.items():
        assert {types[table][c] for c in columns} == {"BIGINT"}, table
