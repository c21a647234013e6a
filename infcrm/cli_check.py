"""`infcrm check`: the health of a database file or of a server's database, and, on a server,
`--repair` of what the check finds there.

Both print one report (schema version, integrity, sent agreements, rows per table) and exit 1
when anything is wrong, each problem saying what to do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from infcrm import paths
from infcrm.db import location, schema
from infcrm.db.engine import Database
from infcrm.services.maintenance.health_report import HealthReport
from infcrm.services.maintenance.table_words import in_words

EXIT_OK, EXIT_REJECTED = 0, 1


def run(
    args: argparse.Namespace,
    existing_file: Callable[[argparse.Namespace], object],
    open_db: Callable[[argparse.Namespace], Database],
) -> int:
    """Check the database `args` names: `existing_file` gives a file's path (refusing a
    missing or foreign one), `open_db` opens a server's for a repair."""
    from infcrm.services.maintenance import maintenance

    where = paths.database_path(getattr(args, "db", None))
    on_server = location.is_server(where)
    if on_server:  # the server's driver and checks load only for a server
        from infcrm.services.maintenance import server_check
    if getattr(args, "repair", False):
        if not on_server:
            print(
                "--repair puts right a server's database. A damaged file is not repaired in "
                "place: restore a backup (File › Restore from backup…); the damaged file is kept.",
                file=sys.stderr,
            )
            return EXIT_REJECTED
        db = open_db(args)
        try:
            done = server_check.repair(db)
        finally:
            db.close()
        print("\n".join(done) if done else "Nothing needed repairing.")
    if on_server:
        report = server_check.check(str(where), full=True)
    else:
        report = maintenance.check_file(existing_file(args), full=True)
    return _print(report, maintenance.schema_mismatch(report), on_server)


def _print(report: HealthReport, mismatch: str | None, on_server: bool) -> int:
    print(f"Database: {report.path}")
    version = report.schema_revision or "unknown"
    if report.schema_revision and not report.up_to_date:
        version += f" (infcrm will upgrade it to {schema.head_revision()} when it opens it)"
    print(f"Schema version: {version}")
    if mismatch:
        print(f"Schema: DOES NOT MATCH — {mismatch}")
    if report.ok:
        print("Integrity: ok")
    elif on_server:  # each problem says what to do about it
        print("Integrity: DAMAGED")
        for problem in report.problems:
            print(f"  - {problem}")
        print(
            "The database needs attention: each problem above says what to do.",
            file=sys.stderr,
        )
    else:
        print("Integrity: DAMAGED — " + "; ".join(report.problems[:5]))
        print(
            "Do not keep working in this file. Open infcrm and restore a backup "
            "(File › Restore from backup…); the damaged file will be kept.",
            file=sys.stderr,
        )
    for note in report.notes:
        print(note)
    if report.changed_agreements:
        print(
            f"Sent agreements: {len(report.changed_agreements)} CHANGED since sent — their text "
            "no longer matches the SHA-256 recorded when they were sent: "
            + "; ".join(report.changed_agreements[:5])
        )
    elif report.sent_agreements:
        print(f"Sent agreements: every text matches its SHA-256 ({report.sent_agreements:,})")
    print(f"Influencers: {report.influencers:,} (in trash: {report.in_trash:,})")
    print("Besides them, it holds:")
    for words, rows in in_words(report.counts):
        print(f"  {words}: {rows:,}")
    print(f"Checked in {report.seconds:.2f} s")
    sound = report.ok and not report.changed_agreements and not mismatch
    return EXIT_OK if sound else EXIT_REJECTED


__all__ = ["run"]
