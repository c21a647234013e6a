"""Timings of `infcrm copy`, for bench.py: a file to a PostgreSQL server and back, each beside
a plain COPY of the same tables measured in the same run; and the proof that the round trip
loses nothing: the original and the file that came back give the same all-sheets export, cell
for cell (value and number format).

The baseline moves the rows only: the sqlite3 module reading, psycopg's COPY … FROM STDIN
writing (and COPY … TO STDOUT + executemany on the way back), into databases that already
hold the tables. infcrm's time includes everything a user waits for: the emptiness check, the
migrations at the destination, the search index built there and every table read back and
compared (counts and checksums).

Run alone: python tests/perf/copy_timings.py --db FILE   (the file is upgraded, never changed
otherwise). At 100,000 people it takes about half an hour on a quiet two-core machine.
"""

from __future__ import annotations

import argparse
import itertools
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from infcrm.db import table_copy
from infcrm.db.engine import open_database
from infcrm.services.maintenance import database_copy


def _ours(source: str | Path, destination: str | Path) -> float:
    start = time.perf_counter()
    opened = database_copy.open_source(source)
    try:
        database_copy.copy_database(opened, destination)
    finally:
        opened.close()
    return time.perf_counter() - start


def _names(table) -> str:
    return ", ".join(f'"{column.name}"' for column in table.columns)


def _select(table) -> str:
    keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
    return f'SELECT {_names(table)} FROM "{table.name}" ORDER BY {keys}'


def _raw_to_server(db_path: Path, dsn: str) -> float:
    """sqlite3 rows straight into COPY … FROM STDIN, one transaction (tables made already)."""
    import psycopg

    tables = table_copy.copied_tables()
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    with psycopg.connect(dsn) as conn:
        for table in reversed(tables):
            conn.execute(f'DELETE FROM "{table.name}"')
        conn.commit()
        start = time.perf_counter()
        with conn.cursor() as cursor:
            for table in tables:
                statement = f'COPY "{table.name}" ({_names(table)}) FROM STDIN'
                with cursor.copy(statement) as copy:
                    for row in source.execute(_select(table)):
                        copy.write_row(row)
        conn.commit()
        took = time.perf_counter() - start
    source.close()
    return took


def _raw_to_file(dsn: str, path: Path) -> float:
    """COPY … TO STDOUT rows straight into executemany, one transaction (tables made already)."""
    import psycopg

    tables = table_copy.copied_tables()
    target = sqlite3.connect(path, isolation_level=None)
    for table in reversed(tables):
        target.execute(f'DELETE FROM "{table.name}"')
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        start = time.perf_counter()
        target.execute("BEGIN")
        for table in tables:
            marks = ", ".join("?" * len(table.columns))
            insert = f'INSERT INTO "{table.name}" ({_names(table)}) VALUES ({marks})'
            with cursor.copy(f"COPY ({_select(table)}) TO STDOUT") as copy:
                target.executemany(insert, copy.rows())
        target.execute("COMMIT")
        took = time.perf_counter() - start
    target.close()
    return took


def _exported(database: Path, out: Path) -> float:
    """`infcrm export OUT --all-sheets` as a user runs it; its seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "infcrm", "export", str(out), "--db", str(database), "--all-sheets"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"The export of {database} failed: {done.stderr}")
    return time.perf_counter() - start


def _parts_differing(first: Path, second: Path) -> set[str]:
    """The parts of two .xlsx files (zip members) whose bytes differ, the document's creation
    time aside. An export writes each sheet's cells, inline texts and style numbers into its
    part in order, so equal parts mean equal cells; reading them cell by cell with openpyxl
    took 215 s at 10,000 people on a busy machine, comparing the bytes under a second."""
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        names = set(a.namelist()) | set(b.namelist())
        return {
            name
            for name in names - {"docProps/core.xml"}
            if name not in a.namelist() or name not in b.namelist() or a.read(name) != b.read(name)
        }


def differences(first: Path, second: Path) -> list[tuple[str, int, str, object, object]]:
    """Every cell the two workbooks disagree on: (sheet, row, header, first, second), each side
    (value, number format). Only the sheets whose parts differ are read, row by row
    (read-only mode: 100,000 people's workbook loaded whole would take gigabytes)."""
    from openpyxl import load_workbook

    differing = _parts_differing(first, second)
    if not differing:
        return []
    a, b = load_workbook(first, read_only=True), load_workbook(second, read_only=True)
    found: list[tuple[str, int, str, object, object]] = []
    if a.sheetnames != b.sheetnames:
        found.append(("(sheets)", 0, "", a.sheetnames, b.sheetnames))
    if differing - {f"xl/worksheets/sheet{n}.xml" for n in range(1, len(a.sheetnames) + 1)}:
        found.append(("(workbook)", 0, "", sorted(differing), ""))  # styles, names…
    for index, title in enumerate(a.sheetnames, start=1):
        if title not in b.sheetnames or f"xl/worksheets/sheet{index}.xml" not in differing:
            continue
        headers: list[object] = []
        rows = itertools.zip_longest(a[title].iter_rows(), b[title].iter_rows(), fillvalue=())
        for number, (row_a, row_b) in enumerate(rows, start=1):
            seen_a = [(cell.value, getattr(cell, "number_format", None)) for cell in row_a]
            seen_b = [(cell.value, getattr(cell, "number_format", None)) for cell in row_b]
            if number == 1:
                headers = [value for value, _format in seen_a]
            for column, (one, other) in enumerate(
                itertools.zip_longest(seen_a, seen_b, fillvalue=(None, None))
            ):
                if one != other:
                    header = headers[column] if column < len(headers) else column
                    found.append((title, number, str(header), one, other))
    a.close()
    b.close()
    return found


def measure(db_path: Path, prove: bool = True) -> list[tuple[str, float, float | None]]:
    """(what, infcrm's seconds, the plain COPY's seconds or None): to a server and back to a
    file, then (`prove`) both files' all-sheets exports, compared cell by cell."""
    import psycopg

    from tests import pg_server

    reason = pg_server.why_unavailable()
    if reason:
        raise SystemExit(f"No PostgreSQL server to copy to: {reason}.")
    server = pg_server.start()
    try:
        admin = server.url().replace("postgresql+psycopg", "postgresql")
        dsn = admin.rsplit("/", 1)[0]
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in ("copy_ours", "copy_raw"):
                conn.execute(f"CREATE DATABASE {name}")
        timings: list[tuple[str, float, float | None]] = []

        def step(what: str, ours: float, raw: float | None = None) -> None:
            timings.append((what, ours, raw))
            beside = f", plain COPY {raw:.1f} s ({ours / raw:.1f}×)" if raw else ""
            print(f"  {what}: {ours:.1f} s{beside}", file=sys.stderr, flush=True)

        with tempfile.TemporaryDirectory(prefix="infcrm-copy-bench-") as folder:
            here = Path(folder)
            database_copy.open_source(db_path).close()  # an older file is upgraded first
            there = _ours(db_path, server.url("copy_ours"))
            open_database(server.url("copy_raw")).close()  # the tables, outside the timing
            step("copy file → server (verified)", there, _raw_to_server(db_path, f"{dsn}/copy_raw"))
            back = _ours(server.url("copy_ours"), here / "back.sqlite")
            open_database(here / "raw.sqlite").close()
            step("copy server → file (verified)", back,
                 _raw_to_file(f"{dsn}/copy_ours", here / "raw.sqlite"))  # fmt: skip
            if prove:
                step("all-sheets export of the original", _exported(db_path, here / "a.xlsx"))
                step(
                    "all-sheets export of the copy back",
                    _exported(here / "back.sqlite", here / "b.xlsx"),
                )
                start = time.perf_counter()
                found = differences(here / "a.xlsx", here / "b.xlsx")
                step("the two exports compared cell by cell", time.perf_counter() - start)
                for sheet, row, header, one, other in found[:20]:
                    print(f"  differs: {sheet} row {row} “{header}”: {one!r} ≠ {other!r}")
                print(f"exports after the round trip: {len(found):,} cells differ"
                      + ("" if found else " (identical)"), flush=True)  # fmt: skip
        return timings
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--no-proof", action="store_true", help="time the copies only")
    arguments = parser.parse_args()
    measure(arguments.db, prove=not arguments.no_proof)
