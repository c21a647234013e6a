"""`infcrm copy` between a file and a PostgreSQL server, and `infcrm server-setup`.

Real processes, real files and the session's own throw-away server (tests/pg_server.py);
the server tests are skipped, saying why, where PostgreSQL is not installed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.cli.test_cli import infcrm
from tests.cli.test_server_cli import server_url  # noqa: F401  (a fixture)
from tests.conftest import _admin


def list_ids(db) -> list[int]:
    return influencer_list.list_ids(db, ListQuery())


pytestmark = pytest.mark.timeout(600)


def _sequences(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT name, seq FROM sqlite_sequence"))


def test_a_demo_goes_to_a_server_and_back_with_identical_exports(
    server_url: str,  # noqa: F811
    tmp_path: Path,
    workbook_differences,
) -> None:
    first, back = tmp_path / "shop.sqlite", tmp_path / "back.sqlite"
    made = infcrm("demo", "--db", str(first), "--influencers", "40")
    assert made.returncode == 0, made.stderr

    there = infcrm("copy", "--from", str(first), "--to", server_url)
    assert there.returncode == 0, there.stderr
    assert "the row counts and checksums match" in there.stdout
    assert "influencer " in there.stdout and " 40 rows" in there.stdout
    home = infcrm("copy", "--from", server_url, "--to", str(back))
    assert home.returncode == 0, home.stderr

    exports = []
    for database in (first, back):
        out = tmp_path / f"{database.stem}.xlsx"
        done = infcrm("export", str(out), "--db", str(database), "--all-sheets")
        assert done.returncode == 0, done.stderr
        exports.append(out)
    assert workbook_differences(*exports) == []
    # The next person, deal or post gets the id the original would have given it.
    assert _sequences(back) == _sequences(first)
    # Search works at the destination: its index was built there, not copied.
    found = tmp_path / "found.xlsx"
    name = sqlite3.connect(first).execute("SELECT display_name FROM influencer").fetchone()[0]
    searched = infcrm("export", str(found), "--db", str(back), "--search", name)
    assert searched.returncode == 0, searched.stderr
    rows = list(load_workbook(found).active.iter_rows(values_only=True))
    assert any(name in row for row in rows[1:])
    # The account trigger set aside during the copy works again on the server: a new person's
    # primary account gives them their followers (the list sorts them first).
    shared = open_database(server_url)
    try:
        account = AccountInput("instagram", "nova.bakes", is_primary=True, followers=900_000_000)
        nova = influencers.create(shared, InfluencerInput(display_name="Nova", accounts=(account,)))
        assert (
            influencer_list.list_ids(shared, ListQuery(sort="followers", descending=True))[0]
            == nova
        )
    finally:
        shared.close()


def _app_says_moved(path: Path) -> str:
    """What the app remembers of `path` having been moved (read as the app reads it at start)."""
    code = (
        "import sys; from pathlib import Path; from infcrm.app import make_application; "
        "make_application(); from infcrm.ui.moved_files import moved_to; "
        "print(moved_to(Path(sys.argv[1])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_file_copied_to_a_server_is_remembered_as_moved_like_the_move_dialog_does(
    server_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Opening the old file later asks whether to open the server: edits in the file would
    never reach the team. A copy back from the server, or to another file, moves nothing."""
    shop, back = tmp_path / "shop.sqlite", tmp_path / "back.sqlite"
    assert infcrm("demo", "--db", str(shop), "--influencers", "5").returncode == 0
    before = shop.read_bytes()

    moved = infcrm("copy", "--from", str(shop), "--to", server_url)
    assert moved.returncode == 0, moved.stderr
    assert shop.read_bytes() == before  # the file itself stays as it was
    assert "moved to" in moved.stdout and "opening it in infcrm" in moved.stdout
    said = _app_says_moved(shop)
    assert server_url.split("//")[1] in said and "datetime.date" in said

    assert infcrm("copy", "--from", server_url, "--to", str(back)).returncode == 0
    assert _app_says_moved(back) == "None"


def test_a_destination_holding_data_is_refused_untouched(
    server_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    first, other = tmp_path / "shop.sqlite", tmp_path / "other.sqlite"
    assert infcrm("demo", "--db", str(first), "--influencers", "10").returncode == 0
    assert infcrm("demo", "--db", str(other), "--influencers", "5").returncode == 0
    before = other.read_bytes()

    refused = infcrm("copy", "--from", str(first), "--to", str(other))
    assert refused.returncode == 1
    assert "is not empty" in refused.stderr and "influencer (5 rows)" in refused.stderr
    assert other.read_bytes() == before

    assert infcrm("copy", "--from", str(other), "--to", server_url).returncode == 0
    again = infcrm("copy", "--from", str(first), "--to", server_url)
    assert again.returncode == 1 and "influencer (5 rows)" in again.stderr
    assert "Traceback" not in again.stderr


def test_a_missing_source_or_a_bad_address_is_said_plainly(tmp_path: Path) -> None:
    missing = infcrm("copy", "--from", str(tmp_path / "nope.sqlite"), "--to", str(tmp_path / "b"))
    assert missing.returncode == 1 and "There is no database at" in missing.stderr
    assert not (tmp_path / "b").exists()

    assert infcrm("demo", "--db", str(tmp_path / "a.sqlite"), "--influencers", "3").returncode == 0
    for address, says in (
        ("postgresql://ana@db.example:port/crm", "is not a database address"),
        ("postgresql://ana@127.0.0.1:1/crm", "Nothing answers at 127.0.0.1, port 1"),
    ):
        bad = infcrm("copy", "--from", str(tmp_path / "a.sqlite"), "--to", address)
        assert bad.returncode == 1, bad.stderr
        assert says in bad.stderr and "Traceback" not in bad.stderr


def test_server_setup_prints_sql_that_a_server_accepts(request, tmp_path: Path) -> None:
    """The printed script runs on a real server, and both users can then open and share the
    database (the first one's infcrm creates the tables, the second uses them)."""
    printed = infcrm("server-setup", "--database", "crm", "--user", "ana", "--user", "ben")
    assert printed.returncode == 0, printed.stderr
    sql = printed.stdout
    assert "CREATE DATABASE crm" in sql and "CREATE EXTENSION IF NOT EXISTS pg_trgm" in sql
    assert "PASSWORD '" not in sql.upper() and "\\password ana" in sql  # never in a file
    # How to save it and run it, stopping at the first error (a rerun must not half-apply).
    assert "infcrm server-setup --database crm --user ana --user ben > infcrm-setup.sql" in sql
    # Read from standard input: the postgres user may not enter the administrator's home.
    assert "sudo -u postgres psql -v ON_ERROR_STOP=1 < infcrm-setup.sql" in sql
    assert "open sudo -u postgres psql (or psql as the" in sql

    refused = infcrm("server-setup", "--database", "Crm; DROP")
    assert refused.returncode == 1 and "cannot be a database name" in refused.stderr

    server, _template = request.getfixturevalue("pg_template")
    # The roles stay (the whole server is thrown away after the session); the databases go,
    # or a later test file on this server that sets up its own "shop" finds this one's people.
    for database in ("crm", "shop"):
        request.addfinalizer(
            lambda database=database: _admin(
                server, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"
            )
        )
    run = [str(server.bin / "psql"), "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
           "-p", str(server.port), "-U", "infcrm", "-d", "postgres"]  # fmt: skip

    def administrator_runs(script: str) -> None:
        done = subprocess.run(run, input=script, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    administrator_runs(sql)
    administrator_runs(sql)  # run twice by mistake: nothing breaks
    # ana's infcrm creates the tables (a copy of her file), ben's reads and writes them.
    ana, ben = (f"postgresql://{user}@127.0.0.1:{server.port}/crm" for user in ("ana", "ben"))
    mine = tmp_path / "ana.sqlite"
    assert infcrm("demo", "--db", str(mine), "--influencers", "3").returncode == 0
    copied = infcrm("copy", "--from", str(mine), "--to", ana)
    assert copied.returncode == 0, copied.stderr
    shared = open_database(ben)
    try:
        influencers.create(shared, InfluencerInput(display_name="Ben's find"))
        names = {r.display_name for r in influencer_list.rows(shared, list_ids(shared)).values()}
    finally:
        shared.close()
    assert len(names) == 4 and "Ben's find" in names

    # A teammate joins later, and ana gets a second database: the same command, run again.
    for args in (("--database", "crm", "--user", "cy"), ("--database", "shop", "--user", "ana")):
        more = infcrm("server-setup", *args)
        assert more.returncode == 0, more.stderr
        administrator_runs(more.stdout)
    cy = f"postgresql://cy@127.0.0.1:{server.port}/crm"
    seen = infcrm("export", str(tmp_path / "cy.csv"), "--db", cy, "--search", "ben")
    assert seen.returncode == 0 and "Exported 1 influencer" in seen.stdout, seen.stderr
    ana_shop = f"postgresql://ana@127.0.0.1:{server.port}/shop"
    made = infcrm("demo", "--db", ana_shop, "--influencers", "2")
    assert made.returncode == 0, made.stderr
    still = infcrm("export", str(tmp_path / "ana.csv"), "--db", ana, "--search", "ben")
    assert still.returncode == 0 and "Exported 1 influencer" in still.stdout, still.stderr

    # The backup ben makes goes back as printed, though the team's roles are not the server's
    # administrator: the extensions belong to the team too, so the restore may replace them.
    if shutil.which("pg_dump") is None:
        return
    made = infcrm("backup", "--db", ben.replace("ben@", "ben:typed-in@"), str(tmp_path))
    assert made.returncode == 0, made.stderr
    assert "typed-in" not in made.stdout  # a password given in the address is never printed
    command = next(line for line in made.stdout.splitlines() if "infcrm import" in line)
    done = infcrm(*command.split("infcrm ", 1)[1].split())
    assert done.returncode == 0, done.stderr
    after = infcrm("export", str(tmp_path / "after.csv"), "--db", ana, "--search", "ben")
    assert after.returncode == 0 and "Exported 1 influencer" in after.stdout, after.stderr
