"""Commands on a database on a PostgreSQL server (--db postgresql://… or INFCRM_DB).

Real processes against the session's own throw-away server; skipped where PostgreSQL is not
installed (tests/pg_server.py says why).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.safety_helpers import make_demo
from tests.cli.test_cli import infcrm
from tests.conftest import _admin


@pytest.fixture
def server_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a new, empty database on the test server, as a user would type it."""
    server, _template = request.getfixturevalue("pg_template")
    name = f"c{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name}")
    yield server.url(name).replace("postgresql+psycopg", "postgresql")
    _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def test_demo_import_and_export_work_on_a_server(server_url: str, tmp_path) -> None:
    made = infcrm("demo", "--db", server_url, "--influencers", "30")
    assert made.returncode == 0, made.stderr
    assert "30 influencers" in made.stdout and server_url in made.stdout
    again = infcrm("demo", "--db", server_url, "--influencers", "5")
    assert again.returncode == 1 and "already holds influencers" in again.stderr

    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Instagram,Followers\nLucía Ruíz,@lucia.cooks,12000\n", "utf-8")
    imported = infcrm("import", str(sheet), env={"INFCRM_DB": server_url})
    assert imported.returncode == 0, imported.stderr

    out = tmp_path / "found.xlsx"
    exported = infcrm("export", str(out), "--db", server_url, "--search", "lucia")
    assert exported.returncode == 0, exported.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 2 and "Lucía Ruíz" in rows[1]


@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="pg_restore is not installed")
def test_backup_of_a_server_is_a_dump_that_the_printed_command_puts_back(
    server_url: str, request: pytest.FixtureRequest
) -> None:
    make_demo(server_url, 12)
    made = infcrm("backup", "--db", server_url)
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.split("Backed up to ", 1)[1].splitlines()[0])
    # Beside the file backups, named like them, private, in pg_dump's custom format.
    name = server_url.rsplit("/", 1)[1]
    assert dump.parent.name == "backups" and dump.name.startswith(f"{name}-manual-")
    assert dump.suffix == ".dump" and dump.read_bytes()[:5] == b"PGDMP"
    assert dump.stat().st_mode & 0o077 == 0
    # The command it prints puts the data back, here into an empty database.
    command = next(line for line in made.stdout.splitlines() if "infcrm import" in line)
    server, _template = request.getfixturevalue("pg_template")
    _admin(server, "CREATE DATABASE restored_here")
    try:
        restored_url = server_url.rsplit("/", 1)[0] + "/restored_here"
        args = command.split("infcrm ", 1)[1].replace(server_url, restored_url).split()
        done = infcrm(*args)
        assert done.returncode == 0, done.stderr
        counted = infcrm("export", "--db", restored_url, str(dump.parent / "people.xlsx"))
        assert counted.returncode == 0, counted.stderr
        rows = list(load_workbook(dump.parent / "people.xlsx").active.iter_rows())
        assert len(rows) == 13  # the header and the 12 people
    finally:
        _admin(server, "DROP DATABASE restored_here WITH (FORCE)")


def test_backup_of_a_server_without_pg_dump_says_how_to_back_it_up(
    server_url: str, tmp_path: Path
) -> None:
    bare = tmp_path / "bin"  # a PATH with Python but no PostgreSQL programs
    bare.mkdir()
    result = infcrm("backup", "--db", server_url, env={"PATH": str(bare)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "has no pg_dump" in result.stderr and "postgresql-client" in result.stderr
    assert "backed up where it runs" in result.stderr


def test_a_refused_connection_says_what_to_change_and_creates_nothing(
    server_url: str, tmp_path: Path
) -> None:
    base = server_url.rsplit("/", 1)[0]
    out = tmp_path / "people.csv"
    for address, says in (
        (base + "/no_such_crm", "no database called “no_such_crm”"),
        ("postgresql://ana@127.0.0.1:1/crm", "Nothing answers at 127.0.0.1, port 1"),
        (server_url + "?sslmode=require", "does not offer encrypted connections"),
    ):
        result = infcrm("export", str(out), "--db", address)
        assert result.returncode == 1, result.stderr
        assert says in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and "\t" not in result.stderr
        assert not out.exists()
    # Nothing was made on the server: no database for the misspelt name, no tables in the
    # one whose encrypted connection was refused.
    import psycopg

    with psycopg.connect(server_url) as conn:
        names = {row[0] for row in conn.execute("SELECT datname FROM pg_database")}
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert "no_such_crm" not in names and tables.fetchone()[0] == 0


def test_help_says_db_also_takes_a_servers_address() -> None:
    for args in (("--help",), ("export", "--help")):
        shown = " ".join(infcrm(*args).stdout.split())
        assert "or a team's server: postgresql://USER@SERVER/DATABASE" in shown, shown


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_backup_into_a_folder_to_make_or_under_a_name_writes_a_dump_the_command_takes(
    server_url: str, tmp_path: Path
) -> None:
    make_demo(server_url, 3)
    name = server_url.rsplit("/", 1)[1]
    into = infcrm("backup", "--db", server_url, str(tmp_path / "bk") + "/")
    assert into.returncode == 0, into.stderr
    (made,) = (tmp_path / "bk").iterdir()  # the folder, made, holding one dump
    assert made.name.startswith(f"{name}-manual-") and made.suffix == ".dump"
    assert f"infcrm import {made} --db" in into.stdout

    named = infcrm("backup", "--db", server_url, str(tmp_path / "monday"))
    assert named.returncode == 0, named.stderr
    assert (tmp_path / "monday.dump").read_bytes()[:5] == b"PGDMP"
    assert f"infcrm import {tmp_path / 'monday.dump'} --db" in named.stdout

    wrong = infcrm("backup", "--db", server_url, str(tmp_path / "shop-backup.sqlite"))
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert "shop-backup.dump" in wrong.stderr and not (tmp_path / "shop-backup.sqlite").exists()


def test_a_database_where_the_user_may_not_create_tables_names_the_setup_to_run(
    server_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server, _template = request.getfixturevalue("pg_template")
    _admin(server, "CREATE DATABASE plain_db")
    try:
        _admin(server, "DROP ROLE IF EXISTS plain_ana")
        _admin(server, "CREATE ROLE plain_ana LOGIN")
        _admin(server, "GRANT CONNECT ON DATABASE plain_db TO plain_ana")
        url = server_url.rsplit("/", 1)[0].replace("//infcrm@", "//plain_ana@") + "/plain_db"
        result = infcrm("demo", "--db", url, "--influencers", "2")
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "“plain_ana” may not create tables in the database “plain_db”" in result.stderr
        assert "infcrm server-setup --database plain_db --user plain_ana" in result.stderr
    finally:
        _admin(server, "DROP DATABASE plain_db WITH (FORCE)")
        _admin(server, "DROP ROLE plain_ana")


def test_an_address_without_a_user_and_a_demo_on_a_full_database_say_what_to_change(
    server_url: str,
) -> None:
    assert infcrm("demo", "--db", server_url, "--influencers", "2").returncode == 0
    again = infcrm("demo", "--db", server_url, "--influencers", "2")
    assert again.returncode == 1 and "the demo needs an empty database" in again.stderr
    assert "new file" not in again.stderr


def test_a_dry_run_on_a_server_says_what_an_import_would_do_and_writes_nothing(
    server_url: str, tmp_path: Path
) -> None:
    import psycopg

    def tables() -> int:
        with psycopg.connect(server_url) as conn:
            found = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            return found.fetchone()[0]

    from infcrm.db.engine import open_database
    from infcrm.files.xlsx_export import export_xlsx

    source = make_demo(tmp_path / "shop.sqlite", 4)
    full = tmp_path / "all.xlsx"  # a full export, made as `infcrm export --all-sheets` does
    db = open_database(source)
    try:
        export_xlsx(db, full, all_sheets=True)
    finally:
        db.close()
    restore = infcrm("import", str(full), "--db", server_url, "--dry-run")
    assert restore.returncode == 0, restore.stderr
    assert "would restore 4 people" in restore.stdout and "nothing was written" in restore.stdout
    assert tables() == 0  # not even infcrm's empty tables

    assert infcrm("demo", "--db", server_url, "--influencers", "3").returncode == 0
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Instagram\nLucía Ruíz,@lucia.cooks\n", "utf-8")
    dry = infcrm("import", str(sheet), "--db", server_url, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Would create 1" in dry.stdout and "Dry run: nothing was written." in dry.stdout
    out = tmp_path / "after.csv"
    assert infcrm("export", str(out), "--db", server_url).returncode == 0
    assert len(out.read_text("utf-8").splitlines()) == 4  # the header and the demo's 3


def test_a_sign_in_that_may_not_use_the_teams_tables_names_the_setup_to_run(
    server_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """A person signed in but not made one of the team (or tables made by another sign-in):
    every command says whose the tables are and what the administrator runs, no traceback."""
    server, _template = request.getfixturevalue("pg_template")
    base = server_url.rsplit("/", 1)[0]
    _admin(server, "CREATE DATABASE owned_db")
    try:
        for role in ("owned_dan", "owned_amy", "owned_db_team"):
            _admin(server, f"DROP ROLE IF EXISTS {role}")
        _admin(server, "CREATE ROLE owned_dan LOGIN")
        _admin(server, "GRANT CONNECT ON DATABASE owned_db TO owned_dan")
        dan = base.replace("//infcrm@", "//owned_dan@") + "/owned_db"
        # Tables made by the server's administrator account: no one should act as it.
        assert infcrm("demo", "--db", base + "/owned_db", "--influencers", "2").returncode == 0
        out = tmp_path / "people.csv"
        for command in (("check",), ("export", str(out))):
            result = infcrm(*command, "--db", dan)
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
            said = " ".join(result.stderr.split())
            assert "“owned_dan” may not use infcrm's tables in the database “owned_db”" in said
            assert "they belong to “infcrm”, the server's administrator" in said, said
            assert not out.exists()
        if shutil.which("pg_dump"):  # pg_dump meets the same refusal: said the same way
            result = infcrm("backup", "--db", dan, str(tmp_path))
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
            said = " ".join(result.stderr.split())
            assert "“owned_dan” may not use infcrm's tables in the database “owned_db”" in said
            assert "at least as new" not in said and not list(tmp_path.glob("*.dump"))

        # Tables the team owns (as server-setup makes them): the setup that adds Dan.
        _admin(server, "CREATE ROLE owned_db_team NOLOGIN")
        _admin(server, "CREATE ROLE owned_amy LOGIN IN ROLE owned_db_team")
        _admin(server, "DROP DATABASE owned_db WITH (FORCE)")
        _admin(server, "CREATE DATABASE owned_db OWNER owned_db_team")
        _admin(server, "ALTER ROLE owned_amy IN DATABASE owned_db SET role = 'owned_db_team'")
        _admin(server, "GRANT CONNECT ON DATABASE owned_db TO owned_dan")
        amy = base.replace("//infcrm@", "//owned_amy@") + "/owned_db"
        assert infcrm("demo", "--db", amy, "--influencers", "2").returncode == 0
        result = infcrm("check", "--db", dan)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        said = " ".join(result.stderr.split())
        assert "they belong to “owned_db_team”" in said, said
        assert "infcrm server-setup --database owned_db --user owned_dan prints" in said
    finally:
        _admin(server, "DROP DATABASE IF EXISTS owned_db WITH (FORCE)")
        for role in ("owned_dan", "owned_amy", "owned_db_team"):
            _admin(server, f"DROP ROLE IF EXISTS {role}")


def test_without_the_driver_the_message_gives_the_install_line_for_this_copy(
    tmp_path: Path,
) -> None:
    """A copy set up by ./start.sh has no PostgreSQL driver until README step 3: the message
    gives the line that installs it into this very copy (not a package of that name from
    the internet), and nothing else happens."""
    hidden = tmp_path / "hide"
    (hidden / "psycopg").mkdir(parents=True)
    (hidden / "psycopg" / "__init__.py").write_text("raise ImportError('hidden')\n")
    result = infcrm(
        "check", "--db", "postgresql://ana@127.0.0.1:1/crm", env={"PYTHONPATH": str(hidden)}
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    said = " ".join(result.stderr.split())
    assert "needs the PostgreSQL driver" in said, said
    folder = Path(__file__).resolve().parents[2]
    assert f"{sys.executable} -m pip install -e '{folder}[team]'" in said, said
    assert "pip install 'infcrm[team]'" not in said


@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="pg_restore is not installed")
def test_the_printed_restore_lines_work_pasted_when_the_address_has_options(
    server_url: str,
) -> None:
    """An address with two options holds `&`: pasted unquoted, the shell would run the
    restore in the background without the second option. Each printed line is one command
    whose --db is the whole address."""
    import subprocess

    def as_the_shell_reads(command: str) -> list[str]:
        """The words a shell passes to the command pasted (printf shows them one a line)."""
        shown = subprocess.run(
            ["bash", "-c", "printf '%s\\n' " + command], capture_output=True, text=True
        )
        return shown.stdout.splitlines()

    address = server_url + "?sslmode=disable&target_session_attrs=any"
    make_demo(address, 2)
    made = infcrm("backup", "--db", address)
    assert made.returncode == 0, made.stderr
    line = next(x for x in made.stdout.splitlines() if "infcrm import" in x)
    words = as_the_shell_reads(line.split(": ", 1)[1])
    assert words[:2] == ["infcrm", "import"] and words[3:] == ["--db", address], words
    restored = infcrm(*words[1:])
    assert restored.returncode == 0, restored.stderr
    back = next(x for x in restored.stdout.splitlines() if "infcrm import" in x)
    words = as_the_shell_reads(back.split("to go back to it, ", 1)[1])
    assert words[3:] == ["--db", address], words
