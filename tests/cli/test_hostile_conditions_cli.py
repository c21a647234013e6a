"""Every command meets a bad moment with a sentence: a folder where a file should be, a
read-only database file, a database another program keeps busy, a full disk. Exit 1 (or 0
where reading is all it takes), never a traceback, never a changed database."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import ROOT, assert_sentence, infcrm, make_demo, read_only

READING = ("check", "export", "backup")


def _commands(db: Path, out: Path, people: Path) -> dict[str, list[str]]:
    return {
        "demo": ["demo", "--db", str(db)],
        "import": ["import", str(people), "--db", str(db)],
        "export": ["export", str(out / "list.xlsx"), "--db", str(db), "--all-sheets"],
        "backup": ["backup", "--db", str(db), str(out)],
        "check": ["check", "--db", str(db)],
    }


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A demo database big enough that its export does not fit on a tiny disk."""
    return make_demo(tmp_path_factory.mktemp("demo") / "shop.sqlite", 300).read_bytes()


@pytest.fixture
def shop(tmp_path: Path, demo_bytes: bytes) -> Path:
    path = tmp_path / "data" / "shop.sqlite"
    path.parent.mkdir()
    path.write_bytes(demo_bytes)
    return path


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nNew Person,new@example.com\n", encoding="utf-8")
    return path


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def test_a_folder_given_as_the_database_or_the_file(tmp_path: Path, shop: Path, people) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for name, args in _commands(folder, tmp_path, people).items():
        assert_sentence(infcrm(*args), "folder")
        assert list(folder.iterdir()) == [], f"{name} wrote into the folder"
    assert_sentence(infcrm("import", str(folder), "--db", str(shop)))
    assert_sentence(infcrm("export", str(folder), "--db", str(shop)), "folder")


def test_a_read_only_database_file(tmp_path: Path, shop: Path, people: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = shop.read_bytes()
    with read_only(shop):
        results = {name: infcrm(*args) for name, args in _commands(shop, out, people).items()}
    for name, result in results.items():
        if name in READING:
            assert result.returncode == 0, (name, result.stderr)
        else:
            assert_sentence(result)
        _no_traceback(result)
    assert "read-only" in results["import"].stderr
    assert shop.read_bytes() == before


WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE influencer SET notes = 'held' WHERE id = 1")
    print("writing", flush=True)
    time.sleep(600)
    """
)


def test_a_database_another_program_keeps_busy(tmp_path: Path, shop: Path, people) -> None:
    out = tmp_path / "out"
    out.mkdir()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(shop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        results = {
            name: infcrm(*args, env={"INFCRM_LOCK_WAIT": "1"})
            for name, args in _commands(shop, out, people).items()
        }
    finally:
        writer.kill()
        writer.wait()
    for name, result in results.items():
        if name in READING:
            assert result.returncode == 0, (name, result.stderr)  # readers are never blocked
        else:
            assert_sentence(result)
    assert "Nothing was imported" in results["import"].stderr
    assert "database is locked" not in results["import"].stderr


@contextlib.contextmanager
def _full_disk(folder: Path) -> Iterator[dict[str, object]]:
    """`folder` on a tiny disk (a 64 KB RAM disk as root), else a tiny file-size limit."""
    folder.mkdir()
    if ROOT:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
            capture_output=True,
        )
        if mounted.returncode == 0:
            try:
                yield {}
            finally:
                subprocess.run(["umount", str(folder)], capture_output=True)
            return

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (96 * 1024, 96 * 1024))

    yield {"preexec_fn": limit}


def test_a_full_disk_during_export_and_backup(tmp_path: Path, shop: Path) -> None:
    full = tmp_path / "full"
    with _full_disk(full) as how:
        export = infcrm("export", str(full / "list.xlsx"), "--db", str(shop), "--all-sheets", **how)
        csv = infcrm("export", str(full / "list.csv"), "--db", str(shop), **how)
        backup = infcrm("backup", "--db", str(shop), str(full), **how)
        left = sorted(p.name for p in full.iterdir())
    for result in (export, csv, backup):
        assert_sentence(result, "full")
    assert left == [], f"half-written files were left: {left}"
    check = infcrm("check", "--db", str(shop))
    assert check.returncode == 0 and "Integrity: ok" in check.stdout
    assert os.path.getsize(shop) == len(shop.read_bytes())
