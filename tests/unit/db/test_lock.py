"""One copy at a time: a second process is told at once; a crashed copy's lock is taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from infcrm.db.lock import AlreadyOpen, DatabaseLock, lock_path

HOLDER = textwrap.dedent(
    """
    import sys, time
    from infcrm.db.lock import DatabaseLock
    lock = DatabaseLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the parent says so
    lock.release()
    """
)

SECOND = textwrap.dedent(
    """
    import sys, time
    from infcrm.db.lock import AlreadyOpen, DatabaseLock
    started = time.perf_counter()
    try:
        DatabaseLock(sys.argv[1]).acquire()
    except AlreadyOpen as exc:
        print(f"{time.perf_counter() - started:.4f}")
        print(exc)
        sys.exit(3)
    print("got the lock")
    """
)


def python(script: str, *args: str, **kwargs) -> subprocess.Popen[str]:
    """Start `script` in a fresh Python process."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], text=True, stdout=subprocess.PIPE, **kwargs
    )


def test_a_second_process_is_told_within_a_second_when_the_other_copy_started(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "shop.sqlite"
    holder = python(HOLDER, str(db_path), stdin=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        second = python(SECOND, str(db_path))
        out, _ = second.communicate(timeout=30)
        assert second.returncode == 3, out
        seconds, message = out.split("\n", 1)
        assert float(seconds) < 1.0
        assert "“shop.sqlite” is already open in another copy of infcrm" in message
        assert f"today at {datetime.now():%H}:" in message or "on " in message
        assert "on this computer" in message
    finally:
        holder.communicate("\n", timeout=30)
    assert not lock_path(db_path).exists(), "the lock is released when the first copy quits"
    third = python(SECOND, str(db_path))
    out, _ = third.communicate(timeout=30)
    assert third.returncode == 0 and "got the lock" in out


def test_a_lock_left_by_a_killed_copy_is_taken_over(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.sqlite"
    holder = python(HOLDER, str(db_path), stdin=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    holder.kill()  # a crash: the lock file stays behind
    holder.wait(timeout=30)
    assert lock_path(db_path).exists()

    with DatabaseLock(db_path) as lock:
        assert lock.held
        assert json.loads(lock_path(db_path).read_text())["pid"] == os.getpid()
    assert not lock_path(db_path).exists()


def test_a_lock_naming_a_dead_pid_is_taken_over(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.sqlite"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    started = (datetime.now() - timedelta(days=2)).astimezone().isoformat()
    lock_path(db_path).write_text(
        json.dumps({"pid": int(dead.stdout), "host": socket.gethostname(), "started": started})
    )
    lock = DatabaseLock(db_path).acquire()
    assert lock.held
    lock.release()


def test_the_same_database_cannot_be_locked_twice_in_one_process(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.sqlite"
    with DatabaseLock(db_path), pytest.raises(AlreadyOpen):
        DatabaseLock(db_path).acquire()


def test_a_lock_from_another_computer_is_respected(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.sqlite"
    started = datetime(2026, 3, 4, 9, 15).astimezone().isoformat()
    lock_path(db_path).write_text(
        json.dumps({"pid": 1234567, "host": "office-pc", "started": started})
    )
    with pytest.raises(AlreadyOpen, match="started on 04 Mar 2026 at 09:15 on the computer"):
        DatabaseLock(db_path).acquire()
    assert lock_path(db_path).exists()


def test_release_leaves_a_lock_taken_over_by_someone_else(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.sqlite"
    lock = DatabaseLock(db_path).acquire()
    other = {"pid": 1, "host": "office-pc", "started": datetime.now().astimezone().isoformat()}
    lock_path(db_path).write_text(json.dumps(other))
    lock.release()
    assert json.loads(lock_path(db_path).read_text())["host"] == "office-pc"


def test_a_hard_link_or_second_path_to_the_same_file_is_caught(tmp_path: Path) -> None:
    from infcrm.db.engine import open_database

    db_path = tmp_path / "shop.sqlite"
    open_database(db_path).close()
    other = tmp_path / "elsewhere"
    other.mkdir()
    linked = other / "same-data.sqlite"
    os.link(db_path, linked)
    with DatabaseLock(db_path), pytest.raises(AlreadyOpen, match="already open"):
        DatabaseLock(linked).acquire()
    with DatabaseLock(linked):  # released: the other path opens
        pass
