"""The team mode's benchmarks: search, filter, sort and opening the board on a PostgreSQL
server, each printed beside the same operation on the SQLite file in the same run.

    python tests/perf/bench.py --backend postgresql --influencers 100000 [--db FILE]
                               [--server-url postgresql://user@host:5432/bench]
                               [--only search filter list screens]

Without --server-url a throw-away server is started (tests/pg_server.py) and filled with the
demo generator from the same seed as the file, so both hold the same people. A server given
by URL is filled only when its database is empty, and kept: fill it once, measure often.
The targets are DESIGN.md §6's, the same on both backends; the baseline is the same query
sent by hand through psycopg, so the ratio is what infcrm adds on the server (for the band
filter, a query with one rate limit for everyone: what any band filter must at least do; for
a part of a handle or address, its read of the trigram index and of the word index, which
any search for it must make, and the trigram query alone on a line of its own).
Each figure is a median wall time and a median CPU time: this process's, and for a server on
this machine its processes' too (tests/perf/server_cpu.py), so ratios hold on a loaded
machine where wall times swing with the load; the ratio is given for both.
--only picks sections by bench.py's names: search, filter (sort, tier and band), list (a
block of rows), screens (the board) and trash (10,000 people moved to the trash and back).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable

from server_cpu import ServerCpu

from infcrm.db.engine import Database, open_database
from infcrm.demo import generate as demo
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery

SORT = """SELECT id FROM influencer WHERE deleted_at IS NULL
ORDER BY main_followers DESC NULLS LAST, id DESC"""
FILTER = """SELECT id FROM influencer
WHERE deleted_at IS NULL AND main_followers >= 10000 AND main_followers < 100000
ORDER BY display_name COLLATE "NOCASE", id"""
WORDS = """SELECT rowid FROM influencer_search
WHERE words @@ to_tsquery('simple', unaccent(lower(%s)))"""
PARTS = "SELECT rowid FROM influencer_part_search WHERE parts ILIKE %s"
# What a change of sort or filter waits for (influencer_list.list_start): the first rows in
# order and the count, sent by hand.
SORT_START = (SORT + " LIMIT 300", "SELECT count(*) FROM influencer WHERE deleted_at IS NULL")
FILTER_START = (
    FILTER + " LIMIT 300",
    "SELECT count(*) FROM influencer WHERE deleted_at IS NULL AND main_followers >= 10000 "
    "AND main_followers < 100000",
)

# The band filter's floor: one rate limit for everyone (infcrm looks up each person's limits
# by platform and tier).
RATE = "CAST(main_avg_likes + coalesce(main_avg_comments, 0) AS FLOAT) / nullif(main_followers, 0)"
BAND = f"""SELECT id FROM influencer WHERE deleted_at IS NULL AND {RATE} >= 0.03
ORDER BY display_name COLLATE "NOCASE", id"""
BAND_START = (
    BAND + " LIMIT 300",
    f"SELECT count(*) FROM influencer WHERE deleted_at IS NULL AND {RATE} >= 0.03",
)


# A measurement: the median wall time and the median CPU time of the runs, in seconds; the
# CPU time is this process's (every thread) plus, on a server on this machine, the server's
# (tests/perf/server_cpu.py), or None when the server's cannot be read.
Timing = tuple[float, float | None]


def _median(func: Callable[[], object], server: ServerCpu | None = None, *,
            on_server: bool = False, repeat: int = 9) -> Timing:  # fmt: skip
    """Run `func` after a warm-up (the first call fills caches on both sides) and time it.
    `on_server`: the work is shared with the server, whose CPU is counted through `server`."""
    func()
    if server is not None:
        server.refresh()  # the connections the warm-up used
    walls, cpus = [], []
    for _ in range(repeat):
        server_before = server.total_ns() if server is not None else 0
        cpu, start = time.process_time_ns(), time.perf_counter()
        func()
        walls.append(time.perf_counter() - start)
        cpu = time.process_time_ns() - cpu
        if server is not None:
            cpu += server.total_ns() - server_before
        cpus.append(cpu / 1e9)
    known = not on_server or server is not None
    return statistics.median(walls), statistics.median(cpus) if known else None


def _ms(timing: Timing | None) -> str:
    if timing is None:
        return " " * 15
    wall, cpu = timing
    return f"{wall * 1000:7.1f} {'' if cpu is None else f'{cpu * 1000:6.1f}':>6} ms"


def _ratio(on_server: Timing, raw: Timing | None) -> str:
    if raw is None:
        return " " * 13
    cpu = on_server[1] / raw[1] if on_server[1] is not None and raw[1] else None
    return f"{on_server[0] / raw[0]:5.1f}× {'' if cpu is None else f'{cpu:4.1f}×':>6}"


def _line(name: str, on_file: Timing, on_server: Timing, raw: Timing | None, target: str) -> None:
    print(
        f"{name:<36} {_ms(on_file)} | {_ms(on_server)} | {_ms(raw)} | "
        f"{_ratio(on_server, raw)} | {target}",
        flush=True,
    )


def _server(args: argparse.Namespace):
    """The server's URL, and the throw-away server to stop afterwards (or None)."""
    if args.server_url:
        return args.server_url, None
    import psycopg

    from tests import pg_server

    reason = pg_server.why_unavailable()
    if reason:
        raise SystemExit(f"No PostgreSQL server to measure: {reason}.")
    server = pg_server.start()
    admin = server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE bench")
    return server.url("bench"), server


def _filled(url: str, influencers: int) -> Database:
    db = open_database(url)
    if influencer_list.count(db) == 0:
        start = time.perf_counter()
        demo.populate(db, influencers=influencers, seed=42)  # the file's seed: the same people
        took = time.perf_counter() - start
        print(f"filled the server with {influencers:,} people in {took:.0f} s")
        with db.engine.connect() as conn:  # fresh statistics, as autovacuum would leave them
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return db


def run(args: argparse.Namespace, file_db: Database) -> None:
    """Measure on the server, each operation beside the same one on `file_db`."""
    from PySide6.QtWidgets import QApplication

    from infcrm.app import make_application

    url, throwaway = _server(args)
    try:
        server_db = _filled(url, args.influencers)
        count = influencer_list.count(server_db)
        print(f"server: {count:,} influencers at {server_db.url}")
        raw = server_db.engine.raw_connection()
        cursor = raw.cursor()

        server_cpu = ServerCpu.of(cursor)
        if server_cpu is None:
            print("the server's CPU time cannot be read here: wall times only on the server")

        def timed(db: Database | None, func: Callable[[], object]) -> Timing:
            """`func` timed on the file (`db` is file_db) or on the server (else)."""
            if db is file_db:
                return _median(func)
            return _median(func, server_cpu, on_server=True)

        def raw_time(*queries: tuple[str, tuple]) -> Timing:
            """The queries (each SQL and its values) sent one after the other."""
            return timed(None, lambda: [cursor.execute(*query).fetchall() for query in queries])

        def both(query: ListQuery) -> tuple[Timing, Timing]:
            # Told how many there are, as the list is when it reads every id.
            many = influencer_list.count_matching(file_db, query)
            return tuple(
                timed(db, lambda db=db: influencer_list.list_ids(db, query, expected=many))
                for db in (file_db, server_db)
            )

        def both_start(query: ListQuery) -> tuple[Timing, Timing]:
            return tuple(
                timed(db, lambda db=db: influencer_list.list_start(db, query, 300))
                for db in (file_db, server_db)
            )

        def raw_start(sqls: tuple[str, str]) -> Timing:
            return timed(None, lambda: [cursor.execute(sql).fetchall() for sql in sqls])

        columns = " | ".join(f"{name:>17}" for name in ("SQLite file", "PostgreSQL", "raw server"))
        print(f"{'':<36} {columns} | {'ratio to raw':>13} |")
        times = f"{'wall':>7} {'CPU':>6}   "
        print(f"{'operation':<36} {times} | {times} | {times} | {'wall':>6} {'CPU':>6} | target")
        if _chosen(args, "search"):
            _search(both, both_start, raw_time)
        if _chosen(args, "filter"):
            _filters(both, both_start, raw_time, raw_start)
        if _chosen(args, "list"):
            ids = influencer_list.list_ids(server_db, ListQuery())
            page = ids[len(ids) // 2 : len(ids) // 2 + 200]
            on_file, on_server = (
                timed(db, lambda db=db: influencer_list.rows(db, page))
                for db in (file_db, server_db)
            )
            _line("rows for one block of 200", on_file, on_server, None, "")
        if _chosen(args, "trash"):
            for name, on_file, on_server in trash_timings(file_db, server_db, server_cpu):
                _line(name, on_file, on_server, None, "≤ 2 s")
        if _chosen(args, "screens"):
            make_application()
            boards = [_board_open(db, server_cpu if db is server_db else None, db is server_db)
                      for db in (file_db, server_db)]  # fmt: skip
            _line("open the pipeline board", *boards, None, "≤ 300 ms")
            QApplication.processEvents()
        cursor.close()
        raw.close()
        server_db.close()
    finally:
        if throwaway is not None:
            throwaway.stop()


def _board_open(db: Database, server: ServerCpu | None, on_server: bool) -> Timing:
    """Opening the board, three times: the median wall time and CPU time (every thread of
    this process, and the server's when it can be read)."""
    from infcrm.ui.views.pipeline_view import measure_board_open

    walls, cpus = [], []
    for _ in range(3):
        if server is not None:
            server.refresh()
        before = server.total_ns() if server is not None else 0
        wall, _busy, cpu = measure_board_open(db)
        walls.append(wall)
        cpus.append(cpu + ((server.total_ns() - before) / 1e9 if server is not None else 0))
    known = not on_server or server is not None
    return statistics.median(walls), statistics.median(cpus) if known else None


TRASHED = 10_000


def trash_and_back(
    db: Database, server: ServerCpu | None = None, repeat: int = 5
) -> tuple[Timing, Timing]:
    """Moving TRASHED people to the trash, and restoring them, as the list's Move to trash
    and the trash's Restore do: the median wall and CPU time of each (this process's, and
    with `server` the server's processes' too)."""
    from infcrm.services.people import influencers

    ids = influencer_list.list_ids(db, ListQuery())[:TRASHED]
    moved: list[tuple[float, float]] = []
    back: list[tuple[float, float]] = []
    for _ in range(repeat + 1):  # the first pair warms the caches up
        for action, times in ((influencers.trash, moved), (influencers.restore, back)):
            if server is not None:
                server.refresh()
            server_before = server.total_ns() if server is not None else 0
            cpu, start = time.process_time_ns(), time.perf_counter()
            assert action(db, ids) == len(ids)
            wall, cpu = time.perf_counter() - start, time.process_time_ns() - cpu
            if server is not None:
                cpu += server.total_ns() - server_before
            times.append((wall, cpu / 1e9))
    return tuple(  # type: ignore[return-value]
        (statistics.median(w for w, _ in t[1:]), statistics.median(c for _, c in t[1:]))
        for t in (moved, back)
    )


def trash_timings(
    file_db: Database, server_db: Database, server: ServerCpu | None
) -> list[tuple[str, Timing, Timing]]:
    """Trash and restore on the file and on the server, the server's CPU counted too."""
    on_file, on_server = trash_and_back(file_db), trash_and_back(server_db, server)
    return [
        (f"move {TRASHED:,} people to the trash", on_file[0], on_server[0]),
        ("  and restore them", on_file[1], on_server[1]),
    ]


def _chosen(args: argparse.Namespace, section: str) -> bool:
    return not args.only or section in args.only


def _search(both, both_start, raw_time) -> None:
    for term in ("m", "mi", "mia", "bakes", "berlin vegan"):
        words = " & ".join(f"{word}:*" for word in term.split())
        raw = raw_time((WORDS, (words,)))
        _line(f"search ids “{term}”", *both(ListQuery(search=term)), raw, "≤ 5× raw")
        # What a keystroke waits for: the first rows and the count (every id comes later).
        _line(f"  first 300 + count “{term}”", *both_start(ListQuery(search=term)), raw,
              "≤ 5× raw")  # fmt: skip
    # A part of a handle or address is found by the trigram index, and as words by the word
    # index: reading both is what any search for it must at least do. A word of one or two
    # letters is left out: no search reads it from the index (pg_search: it is checked on
    # the rows the longer words found). The trigram query alone is given too: it was the
    # baseline until the words were counted, and "@mia.b"'s word "mia" alone costs twice it.
    for term, part in (("akes", "akes"), ("@mia.b", "mia.b")):
        found = both(ListQuery(search=term))
        longer = " & ".join(f"{word}:*" for word in re.findall(r"\w+", part) if len(word) > 2)
        reads = [(PARTS, (f"%{part}%",)), (WORDS, (longer,))]
        raw = raw_time(*reads)
        _line(f"search ids “{term}”", *found, raw, "≤ 5× raw")
        _line("  against the trigram query alone", *found, raw_time(reads[0]), "")
        _line(f"  first 300 + count “{term}”", *both_start(ListQuery(search=term)), raw,
              "≤ 5× raw")  # fmt: skip


def _filters(both, both_start, raw_time, raw_start) -> None:
    by_followers, micro = ListQuery(sort="followers", descending=True), ListQuery(tier="micro")
    _line("sort by followers (first + count)", *both_start(by_followers),
          raw_start(SORT_START), "≤ 100 ms")  # fmt: skip
    _line("filter tier = micro (first + count)", *both_start(micro), raw_start(FILTER_START),
          "≤ 100 ms")  # fmt: skip
    high = ListQuery(band="high")
    _line("filter band = high (first + count)", *both_start(high), raw_start(BAND_START),
          "≤ 100 ms")  # fmt: skip
    # Every id, as the list reads them next in the background.
    _line("  then every id, by followers", *both(by_followers), raw_time((SORT, ())), "")
    _line("  then every id, tier = micro", *both(micro), raw_time((FILTER, ())), "")
    _line("  then every id, band = high", *both(high), raw_time((BAND, ())), "")
