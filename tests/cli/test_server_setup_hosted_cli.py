"""`infcrm server-setup` on a hosted server: there the administrator's account may create
roles and databases but is not a superuser (no `sudo -u postgres`), and the printed SQL must
still run through to the end. On the session's own throw-away server, skipped where
PostgreSQL is not installed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import infcrm
from tests.conftest import _admin

pytestmark = pytest.mark.timeout(600)

ROLES = ("hosted_admin", "hosted_eva", "hosted_crm_team")


def test_the_setup_runs_signed_in_as_a_hosted_servers_administrator(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server, _template = request.getfixturevalue("pg_template")

    def clean() -> None:
        _admin(server, "DROP DATABASE IF EXISTS hosted_crm WITH (FORCE)")
        for role in ROLES:
            _admin(server, f"DROP ROLE IF EXISTS {role}")

    clean()
    request.addfinalizer(clean)
    # What a provider's "managed PostgreSQL" hands over: roles and databases, no superuser.
    _admin(server, "CREATE ROLE hosted_admin LOGIN CREATEROLE CREATEDB")
    printed = infcrm("server-setup", "--database", "hosted_crm", "--user", "hosted_eva")
    assert printed.returncode == 0, printed.stderr
    assert 'psql "postgresql://ADMIN@HOST/postgres" -v ON_ERROR_STOP=1' in printed.stdout
    run = [str(server.bin / "psql"), "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
           "-p", str(server.port), "-U", "hosted_admin", "-d", "postgres"]  # fmt: skip
    for _time in ("first", "again"):  # run twice by mistake: nothing breaks
        done = subprocess.run(run, input=printed.stdout, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    eva = f"postgresql://hosted_eva@127.0.0.1:{server.port}/hosted_crm"
    made = infcrm("demo", "--db", eva, "--influencers", "3")
    assert made.returncode == 0, made.stderr
    checked = infcrm("check", "--db", eva)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Influencers: 3" in checked.stdout
