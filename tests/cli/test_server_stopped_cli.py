"""`infcrm import` on a server that stops while it writes: one plain sentence that says what
to do (run it again once the server is back), never a traceback nor words about an open
edit; nothing half-written, and the same command then imports everyone.

On a throw-away server of its own, stopped as an administrator would (`pg_ctl stop -m fast`)
once the import is writing; skipped, saying why, where PostgreSQL is not installed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list


@pytest.fixture
def server() -> Iterator[object]:
    from tests import pg_server

    reason = pg_server.why_unavailable()
    if reason:
        pytest.skip(reason)
    started = pg_server.start()
    try:
        yield started
    finally:
        started.stop()


def _admin(server) -> str:
    return server.url().replace("postgresql+psycopg", "postgresql")


def _writing(server) -> bool:
    """Whether a session of the database is inside a transaction that has written."""
    import psycopg

    with psycopg.connect(_admin(server), autocommit=True) as conn:
        found = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'crm' "
            "AND backend_xid IS NOT NULL"
        ).fetchone()
    return bool(found and found[0])


def test_an_import_cut_off_by_the_server_says_to_run_it_again(server, tmp_path: Path) -> None:
    import psycopg

    with psycopg.connect(_admin(server), autocommit=True) as conn:
        conn.execute("CREATE DATABASE crm")
    url = server.url("crm")
    open_database(url).close()
    source = tmp_path / "people.csv"
    lines = ["Name,Instagram handle,Email"]
    lines += [f"Person {n},handle_{n},p{n}@example.com" for n in range(40_000)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "infcrm", "import", str(source), "--db", url]

    run = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + 120
    while not _writing(server):
        assert run.poll() is None and time.monotonic() < deadline, "the import never wrote"
        time.sleep(0.05)
    server.pause()
    try:
        _out, said = run.communicate(timeout=120)
    finally:
        server.resume()

    assert run.returncode == 1, said
    assert "The server 127.0.0.1 does not answer" in said, said
    assert "Nothing was imported" in said and "again once it is back" in said, said
    for raw in ("Traceback", "psycopg", "OperationalError", "edit"):
        assert raw not in said, said
    db = open_database(url)
    try:
        assert influencer_list.count(db) == 0  # nothing half-written
    finally:
        db.close()
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    db = open_database(url)
    try:
        assert influencer_list.count(db) == 40_000
    finally:
        db.close()
