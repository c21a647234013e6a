"""`sslmode=verify-full` against a server whose certificate cannot be checked: the message
names the certificate problem and what to change, not the password or the server's address.

The module's own throw-away server (tests/pg_server.py) gets a self-signed certificate made
by `openssl`; skipped, saying why, where PostgreSQL or openssl is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import infcrm

pytestmark = [
    pytest.mark.timeout(600),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed"),
]


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for the computer `name`, and its key."""
    crt, key = folder / f"{name}.crt", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", f"/CN={name}",
         "-keyout", str(key), "-out", str(crt)],
        check=True, capture_output=True,
    )  # fmt: skip
    return crt, key


@pytest.fixture(scope="module")
def ssl_server(own_server, tmp_path_factory):
    """The module's server, encrypting with a certificate made out for “db.office.example”."""
    crt, key = _certificate(tmp_path_factory.mktemp("certs"), "db.office.example")
    data = own_server.folder / "data"
    shutil.copy(crt, data / "server.crt")
    shutil.copy(key, data / "server.key")
    if own_server.owner:
        for made in ("server.crt", "server.key"):
            shutil.chown(data / made, own_server.owner, own_server.owner)
    os.chmod(data / "server.key", 0o600)
    with (data / "postgresql.conf").open("a") as conf:
        conf.write("\nssl = on\n")
    own_server.pause()
    own_server.resume()
    return own_server, crt


def _said(ssl_server, query: str, tmp_path: Path) -> str:
    server, _crt = ssl_server
    address = server.url().replace("postgresql+psycopg", "postgresql") + query
    result = infcrm("check", "--db", address, env={"HOME": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return " ".join(result.stderr.split())


def test_no_authority_certificate_on_this_computer_says_where_to_put_it(
    ssl_server, tmp_path: Path
) -> None:
    said = _said(ssl_server, "?sslmode=verify-full", tmp_path)
    assert "this computer has no certificate of the authority" in said, said
    assert f"{tmp_path}/.postgresql/root.crt" in said and "sslrootcert=" in said
    assert "password" not in said and "does not exist" not in said


def test_a_certificate_made_out_for_another_name_says_which_name_to_connect_to(
    ssl_server, tmp_path: Path
) -> None:
    _server, crt = ssl_server
    said = _said(ssl_server, f"?sslmode=verify-full&sslrootcert={crt}", tmp_path)
    assert "made out for “db.office.example”, not for “127.0.0.1”" in said, said
    assert "Connect to db.office.example" in said and "password" not in said


def test_a_certificate_another_authority_signed_says_so(ssl_server, tmp_path: Path) -> None:
    other, _key = _certificate(tmp_path, "another-authority")
    said = _said(ssl_server, f"?sslmode=verify-full&sslrootcert={other}", tmp_path)
    assert "not signed by the authority in" in said and str(other) in said, said
    assert "password" not in said
