"""`infcrm import BACKUP.dump --db postgresql://…`: a server's backup put back for the team.

Real processes against the session's own throw-away server, as the team's sign-in roles that
`infcrm server-setup` makes — including a database set up before the search extensions were
created as the team, so that the server's administrator owns them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.safety_helpers import make_demo
from tests.cli.test_cli import infcrm
from tests.conftest import _admin

pytestmark = [
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
        reason="PostgreSQL's client programs (pg_dump, pg_restore) are not installed",
    ),
]


def _as_administrator(server, sql: str, tmp_path: Path, database: str = "postgres") -> None:
    """Run a psql script as the server's administrator, stopping at the first error."""
    script = tmp_path / "admin.sql"
    script.write_text(sql, "utf-8")
    run = [str(server.bin / "psql"), "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
           "-p", str(server.port), "-U", "infcrm", "-d", database, "-f", str(script)]  # fmt: skip
    done = subprocess.run(run, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _team_database(request, tmp_path: Path, database: str, user: str, *, old: bool) -> str:
    """A database made by server-setup's SQL, as its one user signs in to it. `old`: as the
    SQL was before it created the extensions as the team (the administrator owns them)."""
    sql = infcrm("server-setup", "--database", database, "--user", user).stdout
    if old:
        sql = sql.replace(f"SET ROLE {database}_team;\n", "").replace("RESET ROLE;\n", "")
    server, _template = request.getfixturevalue("pg_template")
    _as_administrator(server, sql, tmp_path)
    # The roles stay (the whole server is thrown away after the session); the data goes.
    request.addfinalizer(lambda: _admin(server, f"DROP DATABASE {database} WITH (FORCE)"))
    return f"postgresql://{user}@127.0.0.1:{server.port}/{database}"


def _names(url: str, tmp_path: Path) -> list[str]:
    out = tmp_path / "names.csv"
    done = infcrm("export", str(out), "--db", url)
    assert done.returncode == 0, done.stderr
    return sorted(line.split(",", 1)[0] for line in out.read_text("utf-8-sig").splitlines()[1:])


def _add_person(url: str, tmp_path: Path, name: str) -> None:
    sheet = tmp_path / "new.csv"
    sheet.write_text(f"Name,Instagram\n{name},@{name.lower().replace(' ', '.')}\n", "utf-8")
    assert infcrm("import", str(sheet), "--db", url).returncode == 0


def _back_up(url: str) -> Path:
    made = infcrm("backup", "--db", url)
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.split("Backed up to ", 1)[1].splitlines()[0])


def test_a_dump_goes_back_and_the_data_it_replaced_is_kept_to_undo_it(
    request, tmp_path: Path
) -> None:
    url = _team_database(request, tmp_path, "shop", "lia", old=False)
    make_demo(url, 6)
    dump = _back_up(url)
    before = _names(url, tmp_path)
    _add_person(url, tmp_path, "Late Arrival")
    assert "Late Arrival" in _names(url, tmp_path)

    done = infcrm("import", str(dump), "--db", url)

    assert done.returncode == 0, done.stderr
    assert f"Restored {url} from {dump.name}" in done.stdout
    assert _names(url, tmp_path) == before
    # The data it replaced was dumped first; importing that dump undoes the restore.
    command = done.stdout.split("to go back to it, ", 1)[1].strip()
    assert command.startswith("infcrm import ") and "before-restore" in command
    kept = Path(command.split()[2])
    undone = infcrm("import", str(kept), "--db", url)
    assert undone.returncode == 0, undone.stderr
    assert "Late Arrival" in _names(url, tmp_path)
    # New people get new ids after a restore (the sequences came back with the tables).
    _add_person(url, tmp_path, "After Restore")
    assert "After Restore" in _names(url, tmp_path)


def test_the_backup_command_prints_the_restore_that_works(request, tmp_path: Path) -> None:
    url = _team_database(request, tmp_path, "boutique", "max", old=False)
    make_demo(url, 3)
    made = infcrm("backup", "--db", url)
    command = next(line for line in made.stdout.splitlines() if "infcrm import" in line)
    args = command.split("infcrm ", 1)[1].split()
    _add_person(url, tmp_path, "Gone Again")
    assert infcrm(*args).returncode == 0
    assert "Gone Again" not in _names(url, tmp_path)


def test_a_database_whose_extensions_the_administrator_owns_is_restored(
    request, tmp_path: Path
) -> None:
    url = _team_database(request, tmp_path, "atelier", "noa", old=True)
    make_demo(url, 5)
    dump = _back_up(url)
    before = _names(url, tmp_path)
    # What the printed pg_restore command used to meet here: only an extension's owner may
    # drop it, and --clean tries to.
    plain = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={url}", str(dump)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert plain.returncode != 0 and "must be owner of extension" in plain.stderr

    _add_person(url, tmp_path, "Not In Backup")
    done = infcrm("import", str(dump), "--db", url)

    assert done.returncode == 0, done.stderr
    assert _names(url, tmp_path) == before
    found = tmp_path / "found.csv"  # search works on the restored tables
    searched = infcrm("export", str(found), "--db", url, "--search", before[0].split()[0])
    assert searched.returncode == 0 and before[0] in found.read_text("utf-8-sig")


def test_missing_extensions_the_team_may_not_create_name_the_sql_to_run(
    request, tmp_path: Path
) -> None:
    url = _team_database(request, tmp_path, "kiosk", "ida", old=False)
    make_demo(url, 4)
    dump = _back_up(url)
    before = _names(url, tmp_path)
    server, _template = request.getfixturevalue("pg_template")
    _as_administrator(
        server,
        "DROP EXTENSION unaccent, pg_trgm CASCADE;\n"
        "REVOKE CREATE ON DATABASE kiosk FROM kiosk_team;",
        tmp_path,
        database="kiosk",
    )

    refused = infcrm("import", str(dump), "--db", url)

    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Nothing was changed" in refused.stderr
    sql = refused.stderr.split("sudo -u postgres psql:", 1)[1].split("then restore again")[0]
    assert "CREATE EXTENSION IF NOT EXISTS unaccent;" in sql
    # Exactly that SQL, run by the administrator, lets the same restore through.
    _as_administrator(server, sql.strip(), tmp_path)
    done = infcrm("import", str(dump), "--db", url)
    assert done.returncode == 0, done.stderr
    assert _names(url, tmp_path) == before


def test_without_pg_restore_it_says_how_to_install_it(request, tmp_path: Path) -> None:
    url = _team_database(request, tmp_path, "stall", "eli", old=False)
    make_demo(url, 2)
    dump = _back_up(url)
    bare = tmp_path / "bin"  # a PATH with Python but no PostgreSQL programs
    bare.mkdir()
    result = infcrm("import", str(dump), "--db", url, env={"PATH": str(bare)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "has no pg_restore" in result.stderr
    assert "sudo apt install postgresql-client" in result.stderr


def test_a_dump_given_to_a_file_says_where_it_goes(tmp_path: Path) -> None:
    dump = tmp_path / "crm-manual-20260501-093000.dump"
    dump.write_bytes(b"PGDMP")
    result = infcrm("import", str(dump), "--db", str(tmp_path / "mine.sqlite"))
    assert result.returncode == 1
    assert "--db postgresql://" in result.stderr
    assert not (tmp_path / "mine.sqlite").exists()
