"""Timings of the data-safety work, for bench.py: backup, quick check, lock.

Each function returns (infcrm's seconds, the raw baseline's seconds) measured in the same run.
Run alone: python tests/perf/safety_timings.py --db FILE
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from infcrm.db import backups
from infcrm.db.lock import DatabaseLock
from infcrm.services.maintenance import maintenance


def _median(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def backup_seconds(db_path: Path, repeat: int = 3) -> tuple[float, float]:
    """infcrm's backup (online API, 0600, rename into place) vs a raw sqlite3 backup."""
    with tempfile.TemporaryDirectory() as folder:
        dest = Path(folder) / "copy.sqlite"

        def ours() -> None:
            dest.unlink(missing_ok=True)
            backups.backup_copy(db_path, dest)

        def raw() -> None:
            dest.unlink(missing_ok=True)
            source, target = sqlite3.connect(db_path), sqlite3.connect(dest)
            source.backup(target)
            target.close()
            source.close()

        return _median(ours, repeat), _median(raw, repeat)


def quick_check_seconds(db_path: Path, repeat: int = 3) -> tuple[float, float]:
    """The start-up check (quick_check + counts per table) vs a raw PRAGMA quick_check."""

    def raw() -> None:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        conn.execute("PRAGMA quick_check").fetchall()
        conn.close()

    return _median(lambda: maintenance.check_file(db_path), repeat), _median(raw, repeat)


def full_check_seconds(db_path: Path) -> float:
    """`infcrm check`'s integrity_check with counts (one run: it reads every page)."""
    return _median(lambda: maintenance.check_file(db_path, full=True), 1)


def lock_seconds(db_path: Path, repeat: int = 20) -> tuple[float, float]:
    """Taking and releasing the lock vs creating and deleting a plain file beside it."""
    plain = db_path.with_name(db_path.name + ".bench")

    def ours() -> None:
        DatabaseLock(db_path).acquire().release()

    def raw() -> None:
        plain.write_bytes(b"x")
        plain.unlink()

    return _median(ours, repeat), _median(raw, repeat)


def startup_cost_seconds(db_path: Path) -> tuple[float, float]:
    """What start-up pays: (on the UI thread: the lock; in the background: the daily backup if
    due plus the quick check). The background part does not delay the first paint."""
    ui_thread, _ = lock_seconds(db_path, repeat=5)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        report = maintenance.check_file(db_path)
        if report.ok:
            backups.daily_backup_if_due(db_path, Path(folder))
    return ui_thread, time.perf_counter() - start


def main() -> None:
    """Print every timing for one database file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, type=Path)
    db_path = parser.parse_args().db
    size = db_path.stat().st_size / 1024 / 1024
    print(f"{db_path} ({size:,.0f} MB)")
    ours, raw = backup_seconds(db_path)
    print(f"backup            {ours * 1000:8.0f} ms   raw sqlite3 backup {raw * 1000:8.0f} ms")
    ours, raw = quick_check_seconds(db_path)
    print(f"quick check       {ours * 1000:8.0f} ms   raw quick_check    {raw * 1000:8.0f} ms")
    print(f"full check        {full_check_seconds(db_path) * 1000:8.0f} ms")
    ours, raw = lock_seconds(db_path)
    print(f"lock take+release {ours * 1000:8.2f} ms   raw file create    {raw * 1000:8.2f} ms")
    ui, background = startup_cost_seconds(db_path)
    print(f"start-up: {ui * 1000:.2f} ms before the window, {background * 1000:.0f} ms after it")


if __name__ == "__main__":
    main()
