"""`infcrm check` on a server's database: each damage made for real on the test server, found,
said with its fix, and put right by `infcrm check --repair`.

The test server's role is a superuser, standing in for the administrator or the other program
that does the damage (a restore, a hand-made statement); infcrm's own commands never need one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import psycopg
import pytest

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.cli.test_cli import infcrm
from tests.cli.test_server_cli import server_url  # noqa: F401  (a fixture)
from tests.conftest import _admin


@pytest.fixture
def shop(request: pytest.FixtureRequest) -> Iterator[str]:
    """A server database holding a small demo (people, accounts, deals, sent agreements),
    as `infcrm demo --db` makes it (copied from the migrated template: faster)."""
    from infcrm.demo import generate as demo

    server, template = request.getfixturevalue("pg_template")
    name = f"k{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name} TEMPLATE {template}")
    db = open_database(server.url(name))
    try:
        demo.populate(db, influencers=20, seed=5)
    finally:
        db.close()
    yield server.url(name).replace("postgresql+psycopg", "postgresql")
    _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def sql(url: str, *statements: str) -> list[tuple]:
    """Run statements as the server's administrator; the last one's rows."""
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def check(url: str, *more: str):
    result = infcrm("check", "--db", url, *more)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_healthy_server_database_passes_with_the_file_checks_report(shop: str) -> None:
    result = check(shop)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert f"Database: {shop}" in out and "Schema version: 00" in out
    assert "Integrity: ok" in out and "Influencers: 20 (in trash: 0)" in out
    assert "  Social accounts: " in out and "social_account" not in out
    assert "Sent agreements: every text matches its SHA-256" in out
    # The search tables are the index, not data: not listed, as a file's FTS5 tables are not.
    assert "influencer_search" not in out
    # amcheck is never installed by the check: without it, it is skipped and said so.
    assert "Index structure (amcheck): skipped — PostgreSQL's amcheck extension is not" in out


def test_amcheck_runs_when_the_administrator_installed_it(shop: str) -> None:
    sql(shop, "CREATE EXTENSION amcheck")
    result = check(shop)
    assert result.returncode == 0, result.stdout
    assert "Index structure (amcheck): ok" in result.stdout


def test_search_rows_missing_or_extra_are_damage_that_the_repair_rebuilds(shop: str) -> None:
    first = sql(shop, "SELECT min(id) FROM influencer")[0][0]
    sql(
        shop,
        f"DELETE FROM influencer_search WHERE rowid = {first}",
        "INSERT INTO influencer_part_search (rowid, parts) VALUES (999999, 'ghost')",
    )
    result = check(shop)
    assert result.returncode == 1
    assert "The search index is out of step with the people" in result.stdout
    assert "people missing from influencer_search: 1" in result.stdout
    assert "entries in influencer_part_search of no person: 1" in result.stdout
    assert f"Repair it: infcrm check --repair --db {shop}." in result.stdout
    assert "each problem above says what to do" in result.stderr

    name = sql(shop, f"SELECT display_name FROM influencer WHERE id = {first}")[0][0]
    word = name.split()[0]
    found = sql(
        shop,
        f"SELECT count(*) FROM influencer_search WHERE rowid = {first} "
        f"AND words @@ to_tsquery('simple', unaccent(lower('{word}')))",
    )
    assert found == [(0,)]  # the person cannot be found by name

    repaired = check(shop, "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "The search index was made again from the people." in repaired.stdout
    assert "Integrity: ok" in repaired.stdout
    assert sql(shop, "SELECT count(*) FROM influencer_part_search WHERE rowid = 999999") == [(0,)]
    found = sql(
        shop,
        f"SELECT count(*) FROM influencer_search WHERE rowid = {first} "
        f"AND words @@ to_tsquery('simple', unaccent(lower('{word}')))",
    )
    assert found == [(1,)]


def test_stale_search_words_are_found_by_recomputing_them(shop: str) -> None:
    sql(shop, "UPDATE influencer_search SET words = to_tsvector('simple', 'nobody')")
    result = check(shop)
    assert result.returncode == 1
    assert "out-of-date entries in influencer_search: 20" in result.stdout


def test_a_name_out_of_date_in_the_search_entries_is_found_and_repaired(shop: str) -> None:
    """A search sorted by name reads the name and the Trash flag from the word entries
    (migration 0033): an entry left behind hides the person from every search."""
    first = sql(shop, "SELECT min(id) FROM influencer")[0][0]
    word = sql(shop, f"SELECT display_name FROM influencer WHERE id = {first}")[0][0].split()[0]
    sql(shop, f"UPDATE influencer_search SET name = 'Zz', alive = false WHERE rowid = {first}")
    db = open_database(shop)
    try:
        assert first not in influencer_list.list_ids(db, ListQuery(search=word))
        result = check(shop)
        assert result.returncode == 1
        assert "out-of-date entries in influencer_search: 1" in result.stdout

        repaired = check(shop, "--repair")
        assert repaired.returncode == 0, repaired.stdout + repaired.stderr
        assert "The search index was made again from the people." in repaired.stdout
        assert first in influencer_list.list_ids(db, ListQuery(search=word))
    finally:
        db.close()


def test_an_id_sequence_set_back_is_found_and_the_repair_lets_saves_work_again(
    shop: str, tmp_path
) -> None:
    sql(shop, "SELECT setval(pg_get_serial_sequence('influencer', 'id'), 1)")
    sheet = tmp_path / "new.csv"
    sheet.write_text("Name,Instagram,Followers\nNoor Haddad,@noor.h,15000\n", "utf-8")
    refused = infcrm("import", str(sheet), "--db", shop)
    assert refused.returncode != 0  # the next id handed out is already taken

    result = check(shop)
    assert result.returncode == 1
    assert "The ids of influencer are behind its rows: the next one handed out is 2" in (
        result.stdout
    )
    assert "the next influencer saved would be refused" in result.stdout

    repaired = check(shop, "--repair")
    assert repaired.returncode == 0, repaired.stdout
    assert "Ids moved past the rows of: influencer." in repaired.stdout
    imported = infcrm("import", str(sheet), "--db", shop)
    assert imported.returncode == 0, imported.stderr
    assert sql(shop, "SELECT count(*) FROM influencer WHERE display_name = 'Noor Haddad'") == [(1,)]


def test_a_dropped_or_disabled_trigger_is_found_and_made_again(shop: str) -> None:
    sql(
        shop,
        "DROP TRIGGER social_account_main_update ON social_account",
        "ALTER TABLE agreement DISABLE TRIGGER agreement_text_frozen",
        # What the missing trigger lets through: the list shows the old follower count.
        "UPDATE social_account SET followers = followers + 1 WHERE is_primary",
    )
    result = check(shop)
    assert result.returncode == 1
    assert "social_account_main_update (missing)" in result.stdout
    assert "agreement_text_frozen (disabled)" in result.stdout
    assert "people show another main account than the one marked main" in result.stdout

    repaired = check(shop, "--repair")
    assert repaired.returncode == 0, repaired.stdout
    assert "social_account_main_update" in repaired.stdout
    assert "main account of 20 people was copied onto them again" in repaired.stdout
    # The trigger works again: a change of followers reaches the list's column.
    sql(shop, "UPDATE social_account SET followers = 4242 WHERE is_primary")
    assert sql(shop, "SELECT DISTINCT main_followers FROM influencer") == [(4242,)]
    enabled = sql(shop, "SELECT tgenabled FROM pg_trigger WHERE tgname = 'agreement_text_frozen'")
    assert enabled == [("O",)]


def test_an_invalid_index_is_found_and_rebuilt(shop: str) -> None:
    sql(
        shop,
        "UPDATE pg_index SET indisvalid = false "
        "WHERE indexrelid = 'ix_influencer_search_words'::regclass",
    )
    result = check(shop)
    assert result.returncode == 1
    assert "Indexes left unusable by an interrupted build: ix_influencer_search_words" in (
        result.stdout
    )
    repaired = check(shop, "--repair")
    assert repaired.returncode == 0, repaired.stdout
    assert "Indexes rebuilt: ix_influencer_search_words." in repaired.stdout


def test_a_missing_extension_says_what_the_administrator_runs(shop: str) -> None:
    sql(shop, "DROP EXTENSION unaccent")
    result = check(shop)
    assert result.returncode == 1
    database = shop.rsplit("/", 1)[1]
    assert "The PostgreSQL extension search needs is missing: unaccent" in result.stdout
    assert f"in the database {database}: CREATE EXTENSION unaccent;" in result.stdout
    assert f"infcrm server-setup --database {database}" in result.stdout


def test_a_changed_sent_agreement_is_found_as_on_a_file(shop: str) -> None:
    sql(
        shop,
        "ALTER TABLE agreement DISABLE TRIGGER USER",
        "UPDATE agreement SET body = body || ' (edited)' "
        "WHERE id = (SELECT min(id) FROM agreement WHERE sent_at IS NOT NULL)",
        "ALTER TABLE agreement ENABLE TRIGGER USER",
    )
    result = check(shop)
    assert result.returncode == 1
    assert "Sent agreements: 1 CHANGED since sent" in result.stdout


def test_repair_of_a_file_says_how_a_file_is_put_right(tmp_path) -> None:
    path = tmp_path / "shop.sqlite"
    assert infcrm("demo", "--db", str(path), "--influencers", "3").returncode == 0
    result = infcrm("check", "--repair", "--db", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "restore a backup (File › Restore from backup…)" in result.stderr


def test_an_empty_server_database_is_refused_as_a_missing_file_is(server_url: str) -> None:  # noqa: F811
    result = check(server_url)
    assert result.returncode == 1
    assert "There is no infcrm database at" in result.stderr and "it is empty" in result.stderr
    assert sql(server_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def test_a_database_moved_from_a_file_checks_clean(server_url: str, tmp_path) -> None:  # noqa: F811
    """`copy` sets each sequence to hand out the id after the rows (setval …, false): that
    is not an id behind its rows."""
    path = tmp_path / "shop.sqlite"
    assert infcrm("demo", "--db", str(path), "--influencers", "6").returncode == 0
    moved = infcrm("copy", "--from", str(path), "--to", server_url)
    assert moved.returncode == 0, moved.stderr
    result = check(server_url)
    assert result.returncode == 0, result.stdout
    assert "Integrity: ok" in result.stdout and "Influencers: 6 (in trash: 0)" in result.stdout
