"""Forgetting someone on a server leaves none of their words in the database's own storage:
the table, index and TOAST files of every infcrm table (read from the test server's data
folder), a backup made afterwards, the search index rows.

What a server keeps beyond its tables — its write-ahead log, its replicas and the backups made
before — cannot be scrubbed from the app; the person forgetting is told so (test below).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.services.people import influencers
from tests.conftest import BACKEND, _admin
from tests.unit.services.test_forget_leaves_nothing import SECRETS, _remember_everything

pytestmark = pytest.mark.skipif(
    BACKEND != "postgresql", reason="a server's storage (PostgreSQL pass); files: see "
    "test_forget_leaves_nothing.py"
)  # fmt: skip


def _stored_bytes(db: Database, request: pytest.FixtureRequest) -> bytes:
    """Every byte the server keeps on disk for this database (after writing out its cache)."""
    server, _template = request.getfixturevalue("pg_template")
    _admin(server, "CHECKPOINT")  # what the cache holds reaches the files
    with db.engine.connect() as conn:
        oid = conn.execute(
            text("SELECT oid FROM pg_database WHERE datname = current_database()")
        ).scalar_one()
    folder = server.folder / "data" / "base" / str(oid)
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


def _found(data: bytes) -> list[str]:
    data = data.lower()
    return [key for key, value in SECRETS.items() if value.lower().encode() in data]


def test_the_servers_files_really_hold_every_secret(
    db: Database, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Without this, a test that finds nothing after forgetting proves nothing."""
    _remember_everything(db, tmp_path)
    assert sorted(_found(_stored_bytes(db, request))) == sorted(SECRETS)


def test_forgetting_on_a_server_leaves_no_trace_in_its_tables_or_a_new_backup(
    db: Database, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    person = _remember_everything(db, tmp_path)

    done = influencers.forget_people(db, [person])

    assert done.count == 1
    assert _found(_stored_bytes(db, request)) == [], "the server's table files still hold them"
    with db.reader() as session:
        for table in ("influencer_search", "influencer_part_search", "tag_search"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
        assert session.execute(text("SELECT count(*) FROM import_batch_item")).scalar() == 0
    if shutil.which("pg_dump"):
        dump = tmp_path / "after.sql"
        url = db.engine.url.render_as_string(hide_password=False).replace("+psycopg", "")
        subprocess.run(["pg_dump", f"--file={dump}", f"--dbname={url}"], check=True)
        assert _found(dump.read_bytes()) == [], "a backup made after forgetting holds them"
    # What cannot be scrubbed from here is said to the person forgetting.
    assert done.server_copies


def test_a_teammate_holding_a_table_does_not_hang_the_forget(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rewrite waits a while for the tables, then gives up and says so; the person is
    forgotten all the same."""
    from infcrm.db import erase
    from infcrm.db.engine import open_database
    from infcrm.services.people.influencer_types import InfluencerInput

    monkeypatch.setattr(erase, "REWRITE_LOCK_WAIT", "1s")
    person = influencers.create(db, InfluencerInput(display_name="Zyqwenthia Vorblesk"))
    teammate = open_database(db.url)
    try:
        with teammate.engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT count(*) FROM influencer"))  # an unfinished reading

            done = influencers.forget_people(db, [person])

            assert done.count == 1 and done.server_copies
            assert not done.log_emptied, "the tables were not rewritten, and it must say so"
    finally:
        teammate.close()
    with db.reader() as session:
        assert session.execute(text("SELECT count(*) FROM influencer")).scalar() == 0
