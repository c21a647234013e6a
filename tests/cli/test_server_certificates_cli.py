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
from urllib.parse import quote

import pytest

from tests.cli.test_cli import infcrm
from tests.conftest import _admin

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


def _kept_in_a_folder_with_a_space(crt: Path, tmp_path: Path) -> tuple[Path, str]:
    """The certificate copied where a person may keep it (a space, a letter outside ASCII),
    and the address's way of writing that path (percent-encoded, as a URL must)."""
    folder = tmp_path / "My certs" / "Zertifikate für Ana"
    folder.mkdir(parents=True)
    kept = folder / "root ca.crt"
    shutil.copy(crt, kept)
    return kept, quote(str(kept))


def test_a_certificate_path_with_a_space_is_shown_as_the_file_system_has_it(
    ssl_server, tmp_path: Path
) -> None:
    other, _key = _certificate(tmp_path, "another-authority")
    kept, written = _kept_in_a_folder_with_a_space(other, tmp_path)
    assert "%20" in written and "%C3%BC" in written
    said = _said(ssl_server, f"?sslmode=verify-full&sslrootcert={written}", tmp_path)
    assert f"not signed by the authority in {kept}, so" in said, said
    # The address at the start of the message reads as typed, the folder as it is named.
    assert f"sslrootcert={kept}" in said, said
    assert "%2F" not in said and "%20" not in said and "My+certs" not in said


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_a_certificate_in_a_folder_with_a_space_is_used_to_open_and_to_back_up(
    ssl_server, tmp_path: Path
) -> None:
    """The driver and pg_dump are given the path itself: both check the server with it."""
    from infcrm.db.engine import open_database
    from infcrm.services.people import influencer_list

    server, crt = ssl_server
    _kept, written = _kept_in_a_folder_with_a_space(crt, tmp_path)
    _admin(server, "CREATE DATABASE spaced")
    # verify-ca: the certificate is checked against the authority, not against a host name.
    address = (
        server.url("spaced").replace("postgresql+psycopg", "postgresql")
        + f"?sslmode=verify-ca&sslrootcert={written}"
    )
    try:
        opened = open_database(address)
        try:
            assert influencer_list.count(opened) == 0
        finally:
            opened.close()
        made = infcrm("backup", "--db", address, str(tmp_path / "dumps") + "/")
        assert made.returncode == 0, made.stderr
        assert "Backed up to" in made.stdout and "%2F" not in made.stdout, made.stdout
    finally:
        _admin(server, "DROP DATABASE spaced WITH (FORCE)")
