"""A schema upgrade is all or nothing: killed after any statement, the file opens next time.

A helper process imports the app once and forks one upgrader per kill. Each upgrader opens a
copy of the first released schema (so the real migrations run, backup first) and ends itself
abruptly, like a power cut, right after statement K of the upgrade. The test then opens the file
as the app does: it must upgrade cleanly, pass integrity_check, keep its people, and the retry
must not add a second backup of the same file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="forks a child per kill")

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "schema-0001.sqlite"

UPGRADER = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from infcrm.db import schema
    from infcrm.db.engine import open_database
    import alembic.command  # noqa: F401  (imported once, before the forks)

    def say(text):
        os.write(1, (text + "\\n").encode())

    def upgrade(path, backups, stop_after):
        seen = 0

        def after(*_args):
            nonlocal seen
            seen += 1
            if seen == stop_after:
                os._exit(9)  # no cleanup, no rollback: as if the power went

        event.listen(Engine, "after_cursor_execute", after)
        open_database(path, backup_dir=backups).close()
        say(f"done {seen}")

    say("ready")
    for line in sys.stdin:
        path, backups, stop_after = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                upgrade(path, backups, int(stop_after))
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        say(f"exit {os.waitstatus_to_exitcode(status)}")
    """
)


class Upgrader:
    """The helper process; each `run` upgrades one file in a fresh fork."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", UPGRADER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the upgrader ended unexpectedly"
        return line.strip()

    def run(self, path: Path, backups: Path, stop_after: int) -> tuple[int, int | None]:
        """Upgrade `path`, dying after statement `stop_after`; (exit code, statements if done)."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{path} {backups} {stop_after}\n")
        self.process.stdin.flush()
        done = None
        while not (line := self._line()).startswith("exit "):
            if line.startswith("done "):
                done = int(line.split()[1])
        return int(line.split()[1]), done

    def close(self) -> None:
        """End the helper process."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _fresh_copy(folder: Path) -> tuple[Path, Path]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    path = folder / "old.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path, folder / "backups"


def _opens_cleanly(path: Path, backups: Path, k: int) -> None:
    """What a user sees on the next start: the file opens, upgraded, whole, one backup."""
    db = open_database(path, backup_dir=backups)
    db.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], k
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (schema.head_revision(),)
        ], k
        names = {row[0] for row in conn.execute("SELECT display_name FROM influencer")}
        assert {"Mia Bakes", "Kofi Mensah", "Lucía Romero"} <= names, k
    finally:
        conn.close()
    copies = list(backups.glob("old-before-upgrade-0001-*.sqlite"))
    assert len(copies) == 1, f"after a kill at statement {k}: {len(copies)} backups of one file"


def _kill_at(statements: list[int], tmp_path: Path) -> int:
    upgrader = Upgrader()
    try:
        path, backups = _fresh_copy(tmp_path / "count")
        code, total = upgrader.run(path, backups, 0)
        assert code == 0 and total, "the upgrade ran to the end when not stopped"
        chosen = sorted({k for k in statements if 1 <= k <= total} or set(range(1, total + 1)))
        for k in chosen:
            path, backups = _fresh_copy(tmp_path / "kill")
            code, done = upgrader.run(path, backups, k)
            assert code == 9 and done is None, f"the upgrader was not stopped at {k}"
            _opens_cleanly(path, backups, k)
        return total
    finally:
        upgrader.close()


def test_an_upgrade_killed_after_sampled_statements_leaves_a_file_that_opens(
    tmp_path: Path,
) -> None:
    # First, last, and every 11th statement in between (all migrations are crossed).
    total = _kill_at([1, 2, 3, *range(5, 1000, 11)], tmp_path)
    assert total > 20, "the upgrade from the first schema runs many statements"


@pytest.mark.slow
def test_an_upgrade_killed_after_every_statement_leaves_a_file_that_opens(
    tmp_path: Path,
) -> None:
    _kill_at([], tmp_path)
