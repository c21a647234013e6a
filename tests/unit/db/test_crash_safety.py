"""Pulling the plug: a writer killed at random moments loses nothing it acknowledged.

A child process creates influencers through the services (one transaction each) and imports
batches of 50 in one transaction, printing each id or batch once it is committed. The parent
kills it with SIGKILL at a random moment, then checks the file and that every acknowledged
write is there and no batch is half-written.
"""

from __future__ import annotations

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

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is a POSIX signal")

BATCH = 50
# The writer script. It imports the app once, then forks one writer per "go" line, so each
# kill costs a fork rather than a fresh interpreter; the killed writers are reaped on "wait".
WRITER = textwrap.dedent(
    f"""
    import os, sys
    from sqlalchemy import insert
    from infcrm.db.base import utcnow
    from infcrm.db.engine import open_database
    from infcrm.db.models import Influencer
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

    def say(text):
        # One write per line: lines from several processes never interleave in the pipe.
        os.write(1, (text + "\\n").encode())

    def write_forever(path, tag):
        db = open_database(path)
        me = os.getpid()
        say(f"{{me}} started")
        n = 0
        while True:
            n += 1
            if n % 5 == 0:
                # An import: the whole batch commits or none of it does.
                batch = f"{{tag}}-batch-{{n}}"
                rows = [dict(display_name=f"Imported {{i}}", found_via="imported", notes=batch,
                             do_not_contact=False, created_at=utcnow(), updated_at=utcnow())
                        for i in range({BATCH})]
                with db.transaction() as session:
                    session.execute(insert(Influencer), rows)
                say(f"{{me}} batch {{batch}}")
                continue
            new_id = influencers.create(db, InfluencerInput(
                display_name=f"Person {{tag}} {{n}}", notes="x" * 300,
                accounts=(AccountInput("instagram", f"p_{{tag}}_{{n}}", followers="12.5k"),)))
            if n % 7 == 0:
                influencers.update(db, new_id, InfluencerInput(
                    display_name=f"Edited-{{tag}}-{{n}}",
                    accounts=(AccountInput("tiktok", f"t_{{tag}}_{{n}}"),)))
                say(f"{{me}} edited {{new_id}} Edited-{{tag}}-{{n}}")
            else:
                say(f"{{me}} id {{new_id}}")

    say("ready")
    for line in sys.stdin:
        command, *args = line.split()
        if command == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    write_forever(*args)
                finally:
                    os._exit(1)
            say(f"child {{pid}}")
        elif command == "wait":
            os.waitpid(int(args[0]), 0)
            say(f"reaped {{args[0]}}")
    """
)


class Writers:
    """The writer process and the writers it forks."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.readline() == "ready"

    def readline(self) -> str:
        """The next line the writers printed."""
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the writer process ended unexpectedly"
        return line.strip()

    def send(self, text: str) -> None:
        """Send one command line."""
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def kill_after(self, path: Path, tag: str, seconds: float) -> list[str]:
        """Start a writer on `path`, SIGKILL it after `seconds`; return what it acknowledged."""
        self.send(f"go {path} {tag}")
        lines: list[str] = []
        while not (line := self.readline()).startswith("child "):
            lines.append(line)
        pid = int(line.split()[1])
        while (line := self.readline()) != f"{pid} started":
            lines.append(line)
        # The clock starts at its first acknowledged write, so a busy machine still kills
        # writers mid-work rather than while they start (start-up kills: test_upgrade_crash).
        lines.append(self.readline())
        time.sleep(seconds)
        os.kill(pid, signal.SIGKILL)
        self.send(f"wait {pid}")
        while (line := self.readline()) != f"reaped {pid}":
            lines.append(line)
        prefix = f"{pid} "
        return [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]

    def close(self) -> None:
        """End the writer process."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def check_after_kill(db_path: Path, acknowledged: list[str]) -> None:
    """The file passes integrity_check and holds every acknowledged write, batches whole."""
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        names = dict(conn.execute("SELECT id, display_name FROM influencer").fetchall())
        batches = dict(
            conn.execute(
                "SELECT notes, count(*) FROM influencer WHERE found_via = 'imported' GROUP BY notes"
            ).fetchall()
        )
    finally:
        conn.close()
    for line in acknowledged:
        kind, *rest = line.split(" ", 2)
        if kind == "id":
            assert int(rest[0]) in names, f"acknowledged id {rest[0]} is missing"
        elif kind == "edited":
            assert names.get(int(rest[0])) == rest[1], f"acknowledged edit of {rest[0]} is lost"
        elif kind == "batch":
            assert batches.get(rest[0]) == BATCH
    assert set(batches.values()) <= {BATCH}, "an import was left half-done"


def run_kills(tmp_path: Path, kills: int, seed: int) -> int:
    """Kill writers `kills` times, each after a random moment; returns the kills done."""
    path = tmp_path / "crash.sqlite"
    open_database(path).close()
    rng = random.Random(seed)
    writers = Writers()
    acknowledged = 0
    try:
        for kill in range(kills):
            lines = writers.kill_after(path, f"k{kill}", rng.uniform(0.0, 0.3))
            check_after_kill(path, lines)
            acknowledged += len(lines)
    finally:
        writers.close()
    assert acknowledged > kills, "the writers got to write between the kills"
    return kills


def test_killing_the_writer_20_times_loses_nothing_acknowledged(tmp_path: Path) -> None:
    assert run_kills(tmp_path, kills=20, seed=1) == 20


@pytest.mark.slow
def test_killing_the_writer_200_times_loses_nothing_acknowledged(tmp_path: Path) -> None:
    assert run_kills(tmp_path, kills=220, seed=2) == 220
