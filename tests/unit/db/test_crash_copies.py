"""Pulling the plug on an export or a backup: the database stays whole, the destination is
either absent or complete, and nothing half-written survives the next start.

A helper process imports the app once and forks one `infcrm export` / `infcrm backup` per
kill, so each kill costs a fork rather than a fresh interpreter.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from infcrm.db.engine import open_database
from infcrm.demo import generate as demo
from infcrm.services.maintenance import maintenance

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is a POSIX signal")

RUNNER = textwrap.dedent(
    """
    import os, sys
    from infcrm.__main__ import main
    import openpyxl, infcrm.cli, infcrm.files.export_command, infcrm.files.xlsx_export  # noqa

    def say(text):
        os.write(1, ("@" + text + "\\n").encode())

    say("ready")
    for line in sys.stdin:
        command, *args = line.rstrip("\\n").split("\\t")
        if command == "go":
            pid = os.fork()
            if pid == 0:
                code = 70
                try:
                    code = main(args)
                finally:
                    os._exit(code)
            say(f"child {pid}")
        elif command == "wait":
            _, status = os.waitpid(int(args[0]), 0)
            say(f"reaped {os.waitstatus_to_exitcode(status)}")
    """
)


class Runner:
    """The helper process; `kill_after` runs one command and kills it after a while."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", RUNNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.process.stdout is not None
        while True:
            line = self.process.stdout.readline()
            assert line, "the helper process ended unexpectedly"
            if line.startswith("@"):
                return line[1:].strip()

    def _send(self, *parts: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\t".join(parts) + "\n")
        self.process.stdin.flush()

    def kill_after(self, args: list[str], seconds: float) -> int:
        """Run `infcrm ARGS`, SIGKILL it after `seconds`; its exit code (-9 when killed)."""
        self._send("go", *args)
        pid = int(self._line().split()[1])
        time.sleep(seconds)
        with contextlib.suppress(ProcessLookupError):  # finished already
            os.kill(pid, signal.SIGKILL)
        self._send("wait", str(pid))
        return int(self._line().split()[1])

    def close(self) -> None:
        """End the helper process."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _complete_export(path: Path, people: int) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        assert book["Influencers"].max_row == people + 1, "a finished export is complete"
    finally:
        book.close()


def _complete_backup(path: Path, people: int) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM influencer").fetchone()[0] == people
    finally:
        conn.close()


def run_kills(tmp_path: Path, kills: int, seed: int) -> int:
    """Kill exports and backups `kills` times at random moments; check after each."""
    db_path = tmp_path / "shop.sqlite"
    db = open_database(db_path)
    people = demo.populate(db, influencers=150, seed=5).influencers
    db.close()
    before = db_path.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    backups = tmp_path / "shop-backups"
    rng = random.Random(seed)
    runner = Runner()
    killed = 0
    try:
        for kill in range(kills):
            if kill % 4 == 1:
                target = out / f"copy{kill}.sqlite"
                args = ["backup", "--db", str(db_path), str(target)]
            elif kill % 4 == 3:
                target = backups / "made-by-the-command.sqlite"  # checked below, by listing
                args = ["backup", "--db", str(db_path)]
            else:
                target = out / f"list{kill}.{'xlsx' if kill % 4 == 0 else 'csv'}"
                args = ["export", str(target), "--db", str(db_path), "--all-sheets"]
                if target.suffix == ".csv":
                    args.pop()
            code = runner.kill_after(args, rng.uniform(0.0, 0.8))
            killed += code == -signal.SIGKILL
            # The database was only read: byte for byte what it was, and sound.
            assert db_path.read_bytes() == before
            if code == 0 and target.suffix == ".xlsx":
                _complete_export(target, people)
            elif code == 0 and target.parent == out and target.suffix == ".sqlite":
                _complete_backup(target, people)
            # The next start (of the app or a command) clears what the kill left.
            maintenance.clean_leftovers_of(db_path)
            maintenance.clean_leftovers(out)
            assert _hidden(out) == [], f"kill {kill} left {_hidden(out)}"
            if backups.exists():
                assert _hidden(backups) == []
                for copy in backups.glob("*.sqlite"):
                    _complete_backup(copy, people)
    finally:
        runner.close()
    return killed


def test_killing_20_exports_and_backups_leaves_nothing_half_written(tmp_path: Path) -> None:
    assert run_kills(tmp_path, kills=20, seed=1) >= 5, "most runs were killed midway"


@pytest.mark.slow
def test_killing_200_exports_and_backups_leaves_nothing_half_written(tmp_path: Path) -> None:
    assert run_kills(tmp_path, kills=200, seed=2) >= 50
