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
filter, a query with one rate limit for everyone: what any band filter must at least do).
--only picks sections by bench.py's names: search, filter (sort, tier and band), list (a
block of rows) and screens (the board).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

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


def _median(func: Callable[[], object], repeat: int = 7) -> float:
    func()  # warm-up: the first call fills caches on both sides
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _line(name: str, on_file: float, on_server: float, raw: float | None, target: str) -> None:
    ratio = f"{on_server / raw:6.2f}×" if raw else " " * 7
    raw_text = f"{raw * 1000:9.1f} ms" if raw is not None else " " * 12
    print(
        f"{name:<34} {on_file * 1000:9.1f} ms | {on_server * 1000:9.1f} ms | "
        f"{raw_text} | {ratio} | {target}",
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
    from infcrm.ui.views.pipeline_view import measure_board_open

    url, throwaway = _server(args)
    try:
        server_db = _filled(url, args.influencers)
        count = influencer_list.count(server_db)
        print(f"server: {count:,} influencers at {server_db.url}")
        raw = server_db.engine.raw_connection()
        cursor = raw.cursor()

        def raw_time(sql: str, *params: object) -> float:
            return _median(lambda: cursor.execute(sql, params).fetchall())

        def both(query: ListQuery) -> tuple[float, float]:
            # Told how many there are, as the list is when it reads every id.
            many = influencer_list.count_matching(file_db, query)
            return tuple(
                _median(lambda db=db: influencer_list.list_ids(db, query, expected=many))
                for db in (file_db, server_db)
            )

        def both_start(query: ListQuery) -> tuple[float, float]:
            return tuple(
                _median(lambda db=db: influencer_list.list_start(db, query, 300))
                for db in (file_db, server_db)
            )

        def raw_start(sqls: tuple[str, str]) -> float:
            return _median(lambda: [cursor.execute(sql).fetchall() for sql in sqls])

        print(f"{'operation':<34} {'SQLite file':>12} | {'PostgreSQL':>12} | "
              f"{'raw server':>12} | ratio   | target")  # fmt: skip
        if _chosen(args, "search"):
            _search(both, raw_time)
        if _chosen(args, "filter"):
            _filters(both, both_start, raw_time, raw_start)
        if _chosen(args, "list"):
            ids = influencer_list.list_ids(server_db, ListQuery())
            page = ids[len(ids) // 2 : len(ids) // 2 + 200]
            on_file, on_server = (
                _median(lambda db=db: influencer_list.rows(db, page)) for db in (file_db, server_db)
            )
            _line("rows for one block of 200", on_file, on_server, None, "")
        if _chosen(args, "screens"):
            make_application()
            boards = [
                statistics.median(measure_board_open(db)[0] for _ in range(3))
                for db in (file_db, server_db)
            ]
            _line("open the pipeline board", *boards, None, "≤ 300 ms")
            QApplication.processEvents()
        cursor.close()
        raw.close()
        server_db.close()
    finally:
        if throwaway is not None:
            throwaway.stop()


def _chosen(args: argparse.Namespace, section: str) -> bool:
    return not args.only or section in args.only


def _search(both, raw_time) -> None:
    for term in ("mi", "mia", "bakes", "berlin vegan"):
        words = " & ".join(f"{word}:*" for word in term.split())
        _line(f"search ids “{term}”", *both(ListQuery(search=term)),
              raw_time(WORDS, words), "≤ 5× raw")  # fmt: skip
    for term, part in (("akes", "akes"), ("@mia.b", "mia.b")):
        _line(f"search ids “{term}”", *both(ListQuery(search=term)),
              raw_time(PARTS, f"%{part}%"), "≤ 5× raw")  # fmt: skip


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
    _line("  then every id, by followers", *both(by_followers), raw_time(SORT), "")
    _line("  then every id, tier = micro", *both(micro), raw_time(FILTER), "")
    _line("  then every id, band = high", *both(high), raw_time(BAND), "")
