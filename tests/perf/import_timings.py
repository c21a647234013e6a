"""Importing a large spreadsheet beside the raw baseline: the reader alone plus one executemany.

`python tests/perf/import_timings.py --rows 100000` writes a 9-column .xlsx and .csv of that
many influencers, imports each into an empty database, and times the same file read raw
(python-calamine for .xlsx, the csv module for .csv) and inserted with one `executemany` into a
plain table. Each file is imported both ways a user can: as `infcrm import` does (read,
decide and write block by block), and as the app's import wizard does (every row checked for
its summary page, then that plan written). Also used by bench.py's "import" section.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from infcrm.db.engine import open_database

HEADERS = [
    "Name", "Instagram handle", "Followers", "Email", "Country", "Niche", "Avg likes",
    "Avg comments", "Notes",
]  # fmt: skip
COUNTRIES = ("France", "Germany", "Spain", "Brazil", "Japan", "United States", "India")
NICHES = ("food", "travel", "fitness", "beauty", "tech", "fashion, style", "gaming")


def rows(count: int, seed: int = 1) -> list[list[object]]:
    """`count` plausible influencer rows, every handle and email unique."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        followers = int(rng.lognormvariate(10, 1.6))
        out.append(
            [
                f"Creator {i} {rng.choice(('Bakes', 'Travels', 'Lifts', 'Codes'))}",
                f"creator_{i}",
                followers,
                f"creator{i}@example.com" if i % 3 else None,
                rng.choice(COUNTRIES),
                rng.choice(NICHES),
                int(followers * rng.uniform(0.01, 0.06)),
                int(followers * rng.uniform(0.0005, 0.003)),
                "Met at the fair" if i % 7 == 0 else None,
            ]
        )
    return out


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    """The same rows as .xlsx (openpyxl write-only) and as .csv."""
    from openpyxl import Workbook

    data = rows(count)
    xlsx, csv_path = folder / "people.xlsx", folder / "people.csv"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("People")
    sheet.append(HEADERS)
    for row in data:
        sheet.append(row)
    book.save(xlsx)
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(["" if v is None else v for v in row] for row in data)
    return xlsx, csv_path


def _memory_now() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> float:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _memory_now()


WAYS = ("command", "wizard")


def ours(path: Path, folder: Path, way: str = "command") -> tuple[float, float, float, int]:
    """Seconds (wall, CPU), peak memory growth (MB) and people created, importing `path`
    the `way` given (one of WAYS)."""
    target = folder / f"ours-{way}-{path.suffix[1:]}.sqlite"
    db = open_database(target)
    gc.collect()
    before = _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    summary = _as_the_command(db, path) if way == "command" else _as_the_wizard(db, path)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    grown = _memory_now() - before
    db.close()
    return took, cpu, grown, summary.created


def _as_the_command(db, path: Path):
    from infcrm.files.import_apply import import_file

    return import_file(db, path, on_duplicate="create")


def _as_the_wizard(db, path: Path):
    """The wizard's steps without its pages: read and map, check every row, write the plan."""
    from infcrm.files.import_apply import apply_plan
    from infcrm.files.import_plan import build_plan
    from infcrm.files.import_source import read_source
    from infcrm.services.exchange.import_lookup import known_for

    source = read_source(path)
    table = source.table
    plan = build_plan(
        db,
        table,
        source.fields,
        platform=source.inferred.platform,
        on_duplicate="create",
        known=known_for(db, len(table.rows)),
    )
    return apply_plan(db, plan)


def raw(path: Path, folder: Path, repeat: int = 3) -> tuple[float, float]:
    """The fastest of `repeat` runs, in seconds (wall, CPU), of reading `path` raw and
    inserting its rows with one executemany.

    The baseline is cheap, so it runs a few times: on a shared machine a single run's time
    varied by half from one bench to the next, and the ratio with it. The fastest is the
    strictest baseline for the ratio.
    """
    runs = [_raw_once(path, folder / f"raw-{n}-{path.suffix[1:]}.sqlite") for n in range(repeat)]
    return min(wall for wall, _cpu in runs), min(cpu for _wall, cpu in runs)


def _raw_once(path: Path, target: Path) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    if path.suffix == ".xlsx":
        import python_calamine

        values = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        data = values.to_python()[1:]
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            data = list(csv.reader(handle))[1:]
    conn = sqlite3.connect(target)
    width = len(HEADERS)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(width))})")
    conn.executemany(f"INSERT INTO t VALUES ({','.join('?' * width)})", data)
    conn.commit()
    conn.close()
    return time.perf_counter() - start, time.process_time() - cpu


def changed_copy(path: Path, folder: Path) -> Path:
    """`path` (the .csv) with every follower count one higher: a list exported, its
    figures refreshed, to be imported again."""
    changed = folder / "people-refreshed.csv"
    with path.open(encoding="utf-8", newline="") as source:
        lines = list(csv.reader(source))
    for line in lines[1:]:
        line[2] = str(int(line[2]) + 1)
    with changed.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines)
    return changed


def reimport(path: Path, folder: Path) -> tuple[float, float, float, float, int]:
    """Seconds (wall, CPU) importing the refreshed copy of the .csv `path` into a database
    that holds everyone in it (each row updates its person), the raw baseline's (wall, CPU)
    and the people updated.

    The raw baseline reads the refreshed file with the csv module and updates a plain table
    holding the rows, keyed by an indexed handle, with one executemany."""
    from infcrm.files.import_apply import import_file

    changed = changed_copy(path, folder)
    db = open_database(folder / "ours-update.sqlite")
    import_file(db, path, on_duplicate="create")
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    summary = import_file(db, changed, on_duplicate="update")
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    target = folder / "raw-update.sqlite"
    conn = sqlite3.connect(target)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(HEADERS)))})")
    with path.open(encoding="utf-8", newline="") as handle:
        conn.executemany(
            f"INSERT INTO t VALUES ({','.join('?' * len(HEADERS))})", list(csv.reader(handle))[1:]
        )
    conn.execute("CREATE UNIQUE INDEX t_handle ON t (c1)")
    conn.commit()
    raw_start, raw_cpu = time.perf_counter(), time.process_time()
    with changed.open(encoding="utf-8", newline="") as handle:
        data = [(line[2], line[1]) for line in list(csv.reader(handle))[1:]]
    conn.executemany("UPDATE t SET c2 = ? WHERE c1 = ?", data)
    conn.commit()
    raw_took, raw_cpu = time.perf_counter() - raw_start, time.process_time() - raw_cpu
    conn.close()
    return took, cpu, raw_took, raw_cpu, summary.updated


def measure(count: int) -> list[tuple]:
    """Per file kind and way: (kind, way, ours wall, ours CPU, raw wall, raw CPU, memory
    growth MB, people).

    Wall-clock seconds are what a user waits; CPU seconds hold still on a busy machine.
    """
    folder = Path(tempfile.mkdtemp(prefix="infcrm-import-bench-"))
    try:
        xlsx, csv_path = write_files(folder, count)
        results = []
        for path in (xlsx, csv_path):
            raw_wall, raw_cpu = raw(path, folder)
            for way in WAYS:
                took, cpu, grown, created = ours(path, folder, way)
                results.append((path.suffix, way, took, cpu, raw_wall, raw_cpu, grown, created))
        return results
    finally:  # the files and databases of a 100,000-row run take a quarter of a gigabyte
        shutil.rmtree(folder, ignore_errors=True)


def measure_update(count: int) -> tuple[float, float, float, float, int]:
    """`reimport` of a .csv of `count` rows (see there)."""
    folder = Path(tempfile.mkdtemp(prefix="infcrm-import-bench-"))
    try:
        _xlsx, csv_path = write_files(folder, count)
        return reimport(csv_path, folder)
    finally:  # the files and databases of a 100,000-row run take a quarter of a gigabyte
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    for kind, way, took, cpu, raw_wall, raw_cpu, grown, created in measure(args.rows):
        print(
            f"import {created:,} rows {kind:<5} {way:<7} wall {took:7.2f} s "
            f"vs raw {raw_wall:6.2f} s "
            f"= {took / raw_wall:5.1f}× | CPU {cpu:6.2f} s vs raw {raw_cpu:5.2f} s = "
            f"{cpu / raw_cpu:5.1f}× (target ≤ 5×) | memory +{grown:.0f} MB (target ≤ 200)"
        )
    took, cpu, raw_wall, raw_cpu, updated = measure_update(args.rows)
    print(
        f"update {updated:,} people from .csv wall {took:7.2f} s vs raw {raw_wall:6.2f} s = "
        f"{took / raw_wall:5.1f}× | CPU {cpu:6.2f} s vs raw {raw_cpu:5.2f} s = "
        f"{cpu / raw_cpu:5.1f}×"
    )


if __name__ == "__main__":
    main()
