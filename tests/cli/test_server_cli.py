"""Commands on a database on a PostgreSQL server (--db postgresql://… or INFCRM_DB).

Real processes against the session's own throw-away server; skipped where PostgreSQL is not
installed (tests/pg_server.py says why).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

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


def test_file_only_commands_say_so_on_a_server(server_url: str) -> None:
    for command in ("check", "backup"):
        result = infcrm(command, "--db", server_url)
        assert result.returncode == 1, (command, result.stderr)
        assert "works on a database file" in result.stderr
        assert "Traceback" not in result.stderr
