"""What the safety tests share: running the command line, read-only places, damaged files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest

W = TypeVar("W", Path, str)
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def infcrm(*args: str, env: dict[str, str] | None = None, timeout: float = 120, **kw):
    """Run `python -m infcrm ARGS` the way a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "infcrm", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        **kw,
    )


def make_demo(where: W, influencers: int = 40) -> W:
    """A demo database at `where` (a new file or an empty server database) for a test of some
    other command: filled by the services `infcrm demo` calls, with its default seed, but in
    this process, without starting the program (the demo command has tests of its own)."""
    from infcrm.db.engine import open_database
    from infcrm.demo import generate as demo

    db = open_database(where)
    try:
        demo.populate(db, influencers=influencers)
    finally:
        db.close()
    return where


def scramble_middle(path: Path, size: int = 4096) -> None:
    """Overwrite `size` bytes in the middle of the file with noise, as a failing disk would."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + size] = bytes((i * 97 + 13) % 256 for i in range(size))
    path.write_bytes(bytes(data))


def rows(path: Path, sql: str) -> list[tuple]:
    """Rows of `sql` read straight from the file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` (a file or a folder) read-only for the commands run inside.

    Modes do not stop root, so as root it becomes a read-only mount of itself, like a locked
    memory card; skips the test when neither works.
    """
    if not ROOT:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    bind = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip("cannot make a read-only place here (root without mount)")
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield
    finally:
        subprocess.run(["umount", str(path)], capture_output=True)


def assert_sentence(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 1 with a sentence (containing `words`) and no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert result.stderr.strip().endswith((".", "…")), output
    for word in words:
        assert word in output, output
