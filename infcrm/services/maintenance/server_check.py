"""The health check of a database on a PostgreSQL server, and the repair of what it finds.

The same report as a file's check (maintenance.HealthReport), read in one read-only snapshot:
the schema version, rows per table, the sent agreements' hashes, and, in place of SQLite's
integrity_check, what goes wrong on a server (db/server_health.py). Each problem says what to
do; most are put right by `repair` (`infcrm check --repair`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from infcrm.db import location, schema, server, server_health, server_repair, shared_snapshot
from infcrm.db.engine import Database, StorageError
from infcrm.services.maintenance.health_report import HealthReport, sent_agreements_checked


def check(where: str, *, full: bool = True) -> HealthReport:
    """Check the server database at the address `where` without changing it (nor upgrading
    it); refuses an empty database, another program's or a newer infcrm's, as opening does."""
    engine = server.make_server_engine(where)
    try:
        if server.inspect_server(engine) is None:
            raise StorageError(
                f"There is no infcrm database at {location.display_url(engine.url)} yet: "
                "it is empty."
            )
        return check_engine(engine, full=full)
    finally:
        engine.dispose()


def check_engine(engine: Engine, *, full: bool) -> HealthReport:
    """The check on an open server database (the app's, at start-up: `full` False leaves out
    the slower looks — every search entry recomputed, amcheck, the agreements' hashes)."""
    started = time.perf_counter()
    where = location.display_url(engine.url)
    problems: list[str] = []
    notes: list[str] = []
    sent, changed = 0, []
    with _snapshot(engine) as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        counts = server_health.counts(conn)
        in_trash = conn.exec_driver_sql(
            "SELECT count(*) FROM influencer WHERE deleted_at IS NOT NULL"
        ).scalar_one()
        current = revision == schema.head_revision()
        refusal = server_health.amcheck_refusal(conn) if full else None
        # Recomputing the words needs the newest schema and the extensions (unaccent).
        words = full and current and not server_health.missing_extensions(conn)
        stale, damaged = _slow_looks(engine, conn, words=words, amcheck=full and not refusal)
        if current:
            problems += _server_problems(conn, where, engine.url.database or "", stale)
        else:  # what to look for is what the newest schema holds
            notes.append(
                "The search index, triggers and ids are checked once infcrm has upgraded "
                "the database (the app or any other command does so when it opens it)."
            )
        problems += _index_problems(conn, where)
        if full:
            if refusal:
                notes.append(f"Index structure (amcheck): skipped — {refusal}.")
            else:
                problems += [
                    f"PostgreSQL's amcheck found damage: {found}. Ask the server's "
                    "administrator to rebuild that index (REINDEX INDEX …); if it comes "
                    "back, restore a backup (infcrm import BACKUP.dump --db …)."
                    for found in damaged
                ]
                if not damaged:
                    notes.append("Index structure (amcheck): ok")
            if "agreement" in counts:
                sent, changed = sent_agreements_checked(lambda sql: server_health.rows(conn, sql))
    return HealthReport(
        path=where,
        ok=not problems,
        problems=tuple(problems),
        schema_revision=revision,
        counts=counts,
        in_trash=in_trash,
        full=full,
        seconds=time.perf_counter() - started,
        changed_agreements=tuple(changed),
        sent_agreements=sent,
        notes=tuple(notes),
    )


# Connections beside the check's own for its slow looks: a server gives each statement one
# core, and even the smallest (two cores) finishes them in about half the time with these.
HELPERS = 2


def _slow_looks(
    engine: Engine, conn: Connection, *, words: bool, amcheck: bool
) -> tuple[int, list[str]]:
    """The full check's slow looks, shared out over a few connections that see the check's
    snapshot: how many search entries are stale (when `words`), and what amcheck found wrong
    in the indexes (when `amcheck`). At 100,000 people each takes seconds."""
    shares = HELPERS + 1 if words else 0
    looks: list[Callable[[Connection], int | str | None]] = [
        partial(server_health.stale_words, share=share, shares=shares) for share in range(shares)
    ]
    if amcheck:  # the largest first, so the connections finish together
        looks += [
            partial(server_health.amcheck_index, name=name)
            for name in server_health.btree_indexes(conn)
        ]
    if not looks:
        return 0, []
    answers = shared_snapshot.share_out(engine, conn, looks, HELPERS)
    stale = sum(answer for answer in answers[:shares] if isinstance(answer, int))
    return stale, sorted(answer for answer in answers[shares:] if isinstance(answer, str))


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction seeing the database as of its start, whoever writes meanwhile."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            yield conn


def _repair(where: str) -> str:
    return "Repair it: " + server_health.REPAIR_COMMAND.format(where=where) + "."


def _server_problems(conn: Connection, where: str, database: str, stale: int) -> list[str]:
    """What the check finds wrong in a database of the newest schema, each with the fix
    (`stale`: the search entries `_slow_looks` found out of date)."""
    problems = []
    missing = server_health.missing_extensions(conn)
    if missing:
        create = " ".join(f"CREATE EXTENSION {name};" for name in missing)
        problems.append(
            f"The PostgreSQL extension{'s' if len(missing) > 1 else ''} search needs "
            f"{'are' if len(missing) > 1 else 'is'} missing: {', '.join(missing)}. Ask the "
            f"server's administrator to run, in the database {database}: {create} "
            f"(infcrm server-setup --database {database} prints the whole setup)."
        )
    gaps = server_health.search_gaps(conn, full=False)
    if stale:
        gaps[server_health.STALE_WORDS] = stale
    if gaps:
        found = "; ".join(f"{what}: {count:,}" for what, count in gaps.items())
        problems.append(
            f"The search index is out of step with the people ({found}), so searches miss "
            f"people or find the wrong ones. {_repair(where)}"
        )
    states = server_health.trigger_states(conn)
    if states:
        listed = ", ".join(f"{name} ({state})" for name, state in states.items())
        problems.append(
            f"Triggers of infcrm are not working: {listed}. They keep each person's main "
            f"account up to date and keep sent agreements from being changed. {_repair(where)}"
        )
    out_of_step = server_health.main_account_gaps(conn)
    if out_of_step:
        problems.append(
            f"{out_of_step:,} {'people show' if out_of_step > 1 else 'person shows'} another "
            "main account than the one marked main (the list's followers, sorting and "
            f"filters are wrong for them). {_repair(where)}"
        )
    for sequence in server_health.sequences(conn):
        if sequence.behind:
            problems.append(
                f"The ids of {sequence.table} are behind its rows: the next one handed out "
                f"is {sequence.next_value:,}, but ids already go up to {sequence.highest:,}, "
                f"so the next {sequence.table} saved would be refused. {_repair(where)}"
            )
    return problems


def _index_problems(conn: Connection, where: str) -> list[str]:
    invalid = server_health.invalid_indexes(conn)
    if not invalid:
        return []
    return [
        f"Indexes left unusable by an interrupted build: {', '.join(invalid)} (lists and "
        f"searches slow down, and a rule they enforce is not checked). {_repair(where)}"
    ]


def repair(db: Database) -> list[str]:
    """Put right what the check finds and a repair can: one transaction; what it did."""
    done = []
    with db.engine.begin() as conn:
        missing = server_health.missing_extensions(conn)
        if missing:  # the words of the index are made with them
            done.append(
                "The search index was left as it is: it needs the extensions "
                f"{', '.join(missing)}, which the server's administrator puts back."
            )
        elif server_repair.rebuild_search(conn):
            done.append("The search index was made again from the people.")
        repaired, failed = server_repair.restore_triggers(conn)
        if repaired:
            done.append("Triggers made again or switched back on: " + ", ".join(repaired) + ".")
        if failed:
            done.append(
                "Triggers that could not be made again (their function is gone too): "
                + ", ".join(failed)
                + ". Restore a backup (infcrm import BACKUP.dump --db …)."
            )
        fixed = server_health.copy_main_accounts(conn)
        if fixed:
            done.append(f"The main account of {fixed:,} people was copied onto them again.")
        moved = server_repair.advance_sequences(conn)
        if moved:
            done.append("Ids moved past the rows of: " + ", ".join(moved) + ".")
        rebuilt = server_repair.rebuild_invalid_indexes(conn)
        if rebuilt:
            done.append("Indexes rebuilt: " + ", ".join(rebuilt) + ".")
    return done


__all__ = ["check", "check_engine", "repair"]
