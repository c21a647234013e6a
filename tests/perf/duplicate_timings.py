"""Find duplicates at scale: the whole search beside one raw GROUP BY of the emails, and how
soon a search told to stop (its window closed) gives the database back.

Used by bench.py's `duplicates` section; also runs on its own:

    python tests/perf/duplicate_timings.py FILE
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from infcrm.db.engine import open_read_only  # noqa: E402
from infcrm.services.people import duplicates  # noqa: E402
from infcrm.services.progress import Cancelled  # noqa: E402
from infcrm.ui.workers import Progress  # noqa: E402

# When, into the search, it is told to stop: inside each of its long reads at 100,000 people.
STOP_AFTER = (0.05, 0.15, 0.3, 0.45, 0.6, 0.8, 1.0)


def search_seconds(path: Path, repeat: int = 3) -> tuple[float, float, int]:
    """The whole search's median wall and CPU seconds, and the groups it finds."""
    db = open_read_only(path)
    walls, cpus, found = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        found = len(duplicates.find_groups(db, Progress()))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    db.close()
    return statistics.median(walls), statistics.median(cpus), found


def raw_email_seconds(path: Path, repeat: int = 3) -> float:
    """One plain GROUP BY of the lower-cased emails on the same file (the search's first read
    without its folding function, its join back to the people or anything after)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        connection.execute(
            "SELECT lower(trim(email)) k, count(*) FROM influencer WHERE deleted_at IS NULL "
            "AND email IS NOT NULL GROUP BY k HAVING count(*) > 1"
        ).fetchall()
        times.append(time.perf_counter() - start)
    connection.close()
    return statistics.median(times)


def stop_seconds(path: Path) -> list[tuple[float, float | None]]:
    """(told after, seconds until it stopped) for a search told to stop at each of
    STOP_AFTER; None when it had finished before."""
    db = open_read_only(path)
    measured = []
    for after in STOP_AFTER:
        progress, ended = Progress(), {}

        def search(progress: Progress = progress, ended: dict = ended) -> None:
            try:
                duplicates.find_groups(db, progress)
            except Cancelled:
                ended["stopped"] = time.perf_counter()

        worker = threading.Thread(target=search)
        worker.start()
        time.sleep(after)
        told = time.perf_counter()
        progress.cancel()
        worker.join()
        measured.append((after, ended["stopped"] - told if "stopped" in ended else None))
    db.close()
    return measured


def main() -> None:
    path = Path(sys.argv[1])
    wall, cpu, found = search_seconds(path)
    print(
        f"search: {wall:.2f} s wall, {cpu:.2f} s CPU, {found} groups; raw email GROUP BY "
        f"{raw_email_seconds(path):.2f} s"
    )
    for after, took in stop_seconds(path):
        print(
            f"told to stop {after:.2f} s in: "
            + ("finished first" if took is None else f"stopped {took * 1000:.0f} ms later")
        )


if __name__ == "__main__":
    main()
