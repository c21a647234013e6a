"""The same app on a PostgreSQL server: URLs, migrations from empty, triggers, search, ids.

These run on the session's own PostgreSQL server (tests/pg_server.py) whatever the backend
of the rest of the suite, and are skipped, saying why, where PostgreSQL is not installed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from sqlalchemy import insert, inspect, text

from infcrm import paths
from infcrm.db import (
    location,
    models,  # noqa: F401  (registers every table)
)
from infcrm.db.base import Base
from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.db.outreach_models import Interaction
from infcrm.db.sequences import next_id
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.conftest import _admin


@pytest.fixture
def server_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A database on the server, migrated from empty by open_database itself."""
    server, _template = request.getfixturevalue("pg_template")
    name = f"s{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name}")
    database = open_database(server.url(name).replace("postgresql+psycopg", "postgresql"))
    yield database
    database.close()
    _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def test_a_path_or_sqlite_url_is_a_file_and_a_postgresql_url_a_server(tmp_path: Path) -> None:
    assert not location.is_server(tmp_path / "crm.sqlite")
    assert location.file_path(f"sqlite:///{tmp_path}/crm.sqlite") == tmp_path / "crm.sqlite"
    assert location.is_server("postgresql://ana@db.shop.example:5432/crm?sslmode=require")
    url = location.server_url("postgresql://ana:secret@db.shop.example/crm?sslmode=require")
    assert url.drivername == "postgresql+psycopg" and url.query["sslmode"] == "require"
    # A password given in the URL is never shown back, not even as stars: the address shown
    # is one a user can copy into a command, where the password then comes from the keyring.
    shown = location.display_url(url)
    assert shown == "postgresql://ana@db.shop.example/crm?sslmode=require"
    # The time limit the connect dialog adds to its trial is not part of the address.
    trial = url.update_query_dict({"connect_timeout": "10"})
    assert location.display_url(trial) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "postgresql://ana@db/crm?sslmode=verify-full&sslrootcert=/home/ana/My%20certs/root.crt",
        "postgresql://jos%C3%A9@db/crm_m%C3%BCller?sslrootcert=/home/jos%C3%A9/ca.crt",
        "postgresql://ana%40shop@db/crm?sslrootcert=/c/a%26b%3Dc%2523.crt&application_name=x",
    ],
)
def test_an_address_is_shown_as_written_and_opens_the_same_database(typed: str) -> None:
    """Paths, names and letters outside ASCII read as the file system and the user write
    them (not %2F, %20 or +); the shown address, given to --db again, names the same
    database with the same options, and pg_dump's (libpq's) spelling decodes to them too."""
    url = location.server_url(typed)
    shown = location.display_url(url)
    for encoded in ("%2F", "%20", "%C3", "+"):
        assert encoded not in shown, shown
    path = url.query["sslrootcert"]
    assert path in shown or set(path) & set("&%+#"), shown  # those few stay escaped
    again = location.server_url(shown)
    assert (again.username, again.database, dict(again.query)) == (
        url.username, url.database, dict(url.query),
    )  # fmt: skip
    for_libpq = location.libpq_url(url)
    assert " " not in for_libpq and "+" not in for_libpq
    parsed = urlsplit(for_libpq)
    assert unquote(parsed.username or "") == url.username
    assert unquote(parsed.path[1:]) == url.database
    assert dict(parse_qsl(parsed.query)) == dict(url.query)


def test_db_and_infcrm_db_accept_a_server_url(monkeypatch, tmp_path: Path) -> None:
    url = "postgresql://ana@db.shop.example:5432/crm"
    assert paths.database_path(url) == url
    monkeypatch.setenv(paths.DB_ENV_VAR, url)
    assert paths.database_path() == url
    monkeypatch.setenv(paths.DB_ENV_VAR, f"sqlite:///{tmp_path}/crm.sqlite")
    assert paths.database_path() == (tmp_path / "crm.sqlite").resolve()


def test_every_migration_runs_on_an_empty_server_database(server_db: Database, db_path) -> None:
    """The server gets every table and column the file gets."""
    file_db = open_database(db_path)
    try:
        on_file = inspect(file_db.engine)
        on_server = inspect(server_db.engine)
        # Every table of the models (the search indexes differ by design: FTS5 vs tsvector).
        tables = set(Base.metadata.tables) & set(on_file.get_table_names())
        assert len(tables) > 20
        assert tables <= set(on_server.get_table_names())
        for table in tables:
            columns = {c["name"] for c in on_file.get_columns(table)}
            assert columns == {c["name"] for c in on_server.get_columns(table)}, table
    finally:
        file_db.close()
    assert not server_db.is_file and server_db.path is None
    assert server_db.url.startswith("postgresql://")


def test_the_main_account_trigger_keeps_the_list_figures_true(server_db: Database) -> None:
    person = influencers.create(
        server_db,
        InfluencerInput(
            display_name="Lena Vogel",
            accounts=(AccountInput(platform="instagram", handle="lena.bakes", followers=10_200),),
        ),
    )
    with server_db.transaction() as session:
        session.execute(text("UPDATE social_account SET followers = 12000"))
    with server_db.reader() as session:
        main = session.execute(
            text("SELECT main_handle, main_followers FROM influencer WHERE id = :p"), {"p": person}
        ).one()
    assert tuple(main) == ("lena.bakes", 12000)
    with server_db.transaction() as session:
        session.execute(text("DELETE FROM social_account"))
    with server_db.reader() as session:
        main = session.execute(text("SELECT main_handle FROM influencer")).scalar_one()
    assert main is None


def test_search_folds_accents_and_finds_part_of_a_handle(server_db: Database) -> None:
    for name, handle in (("Lucía Ruíz", "lucia.cooks"), ("Ana Costa", "anacosta_daily")):
        influencers.create(
            server_db,
            InfluencerInput(
                display_name=name,
                accounts=(AccountInput(platform="instagram", handle=handle),),
            ),
        )

    def found(typed: str) -> list[str]:
        ids = influencer_list.list_ids(server_db, ListQuery(search=typed))
        return [row.display_name for row in influencer_list.rows(server_db, ids).values()]

    assert found("lucia") == ["Lucía Ruíz"]  # typed without the accent
    assert found("RUÍ") == ["Lucía Ruíz"]  # the start of a word, any case
    assert found("costa_da") == ["Ana Costa"]  # the middle of a handle
    assert found("osta") == ["Ana Costa"]
    assert found("ana zzz") == []  # every term must match


def test_sorting_by_name_ignores_case(server_db: Database) -> None:
    for name in ("bea", "Ana", "Carla", "álvaro"):
        influencers.create(server_db, InfluencerInput(display_name=name))
    ids = influencer_list.list_ids(server_db, ListQuery(sort="name"))
    names = [influencer_list.rows(server_db, [i])[i].display_name for i in ids]
    assert names == ["álvaro", "Ana", "bea", "Carla"]


def test_ids_handed_out_for_a_bulk_insert_are_never_given_again(server_db: Database) -> None:
    with server_db.transaction() as session:
        conn = session.connection()
        first = next_id(conn, Influencer.__table__.c.id, 3)
        conn.execute(
            insert(Influencer),
            [{"id": first + n, "display_name": f"Bulk {n}"} for n in range(3)],
        )
    person = influencers.create(server_db, InfluencerInput(display_name="After the bulk"))
    assert person == first + 3
    with server_db.transaction() as session:
        session.execute(text("DELETE FROM influencer WHERE id = :p"), {"p": person})
    again = influencers.create(server_db, InfluencerInput(display_name="Later"))
    assert again > person  # a forgotten person's id is not reused
    with server_db.transaction() as session:
        conn = session.connection()
        assert next_id(conn, SocialAccount.__table__.c.id, 0) == 1  # only looks


def test_rows_another_user_adds_meanwhile_stay_out_of_an_actions_id_range(
    server_db: Database,
) -> None:
    """An action's new rows are the ids between a look before and a look after its inserts
    (bulk.next_row_id; undo deletes that range): a second user's interaction saved meanwhile
    waits for the action's commit and gets an id past the range, so undo never takes it."""
    person = influencers.create(server_db, InfluencerInput(display_name="Lena Vogel"))
    row = {"influencer_id": person, "occurred_at": datetime(2026, 5, 1), "kind": "note"}
    saved_by_other: list[int] = []

    def other_user() -> None:
        with server_db.engine.begin() as conn:
            saved_by_other.append(
                conn.execute(insert(Interaction).values(**row)).inserted_primary_key[0]
            )

    with server_db.transaction() as session:
        conn = session.connection()
        first = next_id(conn, Interaction.__table__.c.id, 0)
        other = threading.Thread(target=other_user)
        other.start()
        other.join(0.5)
        assert other.is_alive()  # waiting for this action to end
        conn.execute(insert(Interaction), [row, row])
        last = next_id(conn, Interaction.__table__.c.id, 0) - 1
    other.join(10)
    assert last - first == 1
    assert saved_by_other and not first <= saved_by_other[0] <= last


def test_a_sent_agreement_is_frozen_on_the_server(server_db: Database) -> None:
    from tests.unit.db.test_frozen_agreements import _sent_agreement

    _person, _deal, agreement = _sent_agreement(server_db)
    with pytest.raises(Exception, match="frozen once sent"), server_db.transaction() as session:
        session.execute(
            text("UPDATE agreement SET body = 'changed' WHERE id = :a"), {"a": agreement}
        )
    with (
        pytest.raises(Exception, match="kept as long as its deal"),
        server_db.transaction() as session,
    ):
        session.execute(text("DELETE FROM agreement WHERE id = :a"), {"a": agreement})


def test_a_server_holding_another_programs_tables_is_refused(request) -> None:
    from infcrm.db.engine import NotAnInfcrmDatabase

    server, _template = request.getfixturevalue("pg_template")
    name = f"o{os.getpid()}"
    _admin(server, f"CREATE DATABASE {name}")
    try:
        import psycopg

        dsn = server.url(name).replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id integer)")
        with pytest.raises(NotAnInfcrmDatabase, match="another program"):
            open_database(dsn)
    finally:
        _admin(server, f"DROP DATABASE {name} WITH (FORCE)")
