"""The daily backup goes on after a database moves to a server: a pg_dump in the backups
folder, rotated as a file's copies are; without pg_dump the app says once how the server
should be backed up. On a throw-away server of its own (skipped where PostgreSQL is not
installed)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from infcrm.db import server_backup
from infcrm.db.backup_rotation import KEEP_DAILY, KEEP_WEEKLY
from infcrm.db.engine import Database, open_database

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def team_db(own_server, request) -> Iterator[Database]:
    import psycopg

    name = f"bk{os.getpid()}_{id(request)}"
    admin = own_server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    database = open_database(own_server.url(name))
    database.sign_as("Ben")
    yield database
    database.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def _advice(window) -> QMessageBox | None:
    found = window.findChild(QMessageBox, "noPgDumpAdvice")
    return found if found is not None and found.isVisible() else None


def _checks_done(qtbot, window) -> None:
    safety = window.data_safety
    qtbot.waitUntil(
        lambda: not (safety._check.isRunning() or safety._dump.isRunning()), timeout=60_000
    )
    qtbot.wait(100)  # the result reaches the window through its event loop


def test_the_daily_backup_of_a_server_is_a_dump_rotated_as_a_files_copies(
    qtbot, open_window, team_db
) -> None:
    if server_backup.pg_dump() is None:
        pytest.skip("pg_dump is not installed")
    url = team_db.engine.url
    folder = server_backup.folder()
    folder.mkdir(parents=True, exist_ok=True)
    earlier = [
        folder / server_backup.dump_name(url, "daily", datetime.now() - timedelta(days))
        for days in range(1, 61)
    ]
    for path in earlier:
        path.write_bytes(b"an earlier dump")
    mine = folder / f"{url.database}-my-own-copy.dump"
    mine.write_bytes(b"kept: not a name infcrm gives")
    window = open_window(team_db)
    try:
        window.data_safety.start_background_checks()
        _checks_done(qtbot, window)
        assert "backup of the server is made" in window.statusBar().currentMessage()
        made = [p for p in server_backup.dumps(folder, url) if server_backup.made_at(p, url)]
        today = [p for p in made if p not in earlier]
        assert len(today) == 1 and today[0].stat().st_size > 0
        # As a file's copies: one a day for a week, then one a week for four weeks.
        assert len(made) == KEEP_DAILY + KEEP_WEEKLY
        assert earlier[0].exists() and not earlier[-1].exists()
        assert mine.exists(), "a file infcrm did not name is never rotated away"
        window.data_safety.start_background_checks()  # a second start the same day
        _checks_done(qtbot, window)
        assert len(server_backup.dumps(folder, url)) == len(made) + 1  # and mine
    finally:
        window.server_refresh.stop()


def test_without_pg_dump_the_app_says_once_how_the_server_should_be_backed_up(
    qtbot, open_window, team_db, monkeypatch
) -> None:
    monkeypatch.setattr(server_backup, "pg_dump", lambda: None)
    window = open_window(team_db)
    try:
        window.data_safety.start_background_checks()
        _checks_done(qtbot, window)
        box = _advice(window)
        assert box is not None, "nothing said that the server is not backed up from here"
        assert "pg_dump" in box.text() and "backed up where it runs" in box.text()
        box.grab().save(str(server_backup.folder().parent / "no-pg-dump.png"))
        box.close()
        window.data_safety.start_background_checks()  # the next start: not again
        _checks_done(qtbot, window)
        assert _advice(window) is None
    finally:
        window.server_refresh.stop()
