"""The headless commands (demo, import, export, duplicates, backup, check); never imports Qt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from infcrm import paths
from infcrm.db.engine import Database, StorageError, inspect_file, open_database
from infcrm.domain.validation import InvalidInput

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def open_db(args: argparse.Namespace) -> Database:
    """The database the command works on (--db, INFCRM_DB or the default), migrated."""
    path = paths.database_path(getattr(args, "db", None))
    return open_database(path, backup_dir=paths.backup_dir(path))


def cmd_demo(args: argparse.Namespace) -> int:
    """Create a demo database; refuses to add demo people to a file that already has data."""
    from infcrm.services import demo, influencer_list

    if not getattr(args, "db", None):
        print("Give the demo its own file, e.g.: infcrm demo --db demo.sqlite", file=sys.stderr)
        return EXIT_USAGE
    if args.influencers < 1 or args.influencers > 1_000_000:
        print("--influencers must be between 1 and 1,000,000.", file=sys.stderr)
        return EXIT_USAGE
    db = open_db(args)
    try:
        if influencer_list.count(db) or influencer_list.count(db, trash=True):
            print(
                f"{db.path} already holds influencers; the demo needs a new file so it never "
                "mixes with real data. Choose another --db.",
                file=sys.stderr,
            )
            return EXIT_REJECTED
        summary = demo.populate(db, influencers=args.influencers, seed=args.seed)
    finally:
        db.close()
    print(
        f"Demo database ready: {db.path} ({summary.influencers:,} influencers, "
        f"{summary.accounts:,} social accounts). Open it with: infcrm --db {db.path}"
    )
    return EXIT_OK


def _existing_database(args: argparse.Namespace) -> Path:
    """The database file a read-only command works on; refuses a missing or foreign file."""
    path = paths.database_path(getattr(args, "db", None))
    if not path.exists():
        raise StorageError(f"There is no database at {path}.")
    inspect_file(path)  # refuses files that are not infcrm databases, writing nothing
    return path


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the database, consistently, to DEST (a file or folder) or the backups folder.

    Read-only on the database, so it is safe while the app has it open.
    """
    from infcrm.db import backups

    source = _existing_database(args)
    if not args.dest:
        print(f"Backed up to {backups.make_backup(source, 'manual')}")
        return EXIT_OK
    dest = Path(args.dest).expanduser()
    if dest.is_dir():
        dest = dest / backups.backup_name(source, "manual")
    if dest.exists():
        print(f"{dest} already exists; choose another name.", file=sys.stderr)
        return EXIT_REJECTED
    backups.backup_copy(source, dest)
    print(f"Backed up to {dest}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Full integrity check, schema version and counts per table; exit 1 when damaged."""
    from infcrm.db import schema
    from infcrm.services import maintenance

    report = maintenance.check_file(_existing_database(args), full=True)
    print(f"Database: {report.path}")
    version = report.schema_revision or "unknown"
    if report.schema_revision and not report.up_to_date:
        version += f" (infcrm will upgrade it to {schema.head_revision()} when it opens it)"
    print(f"Schema version: {version}")
    if report.ok:
        print("Integrity: ok")
    else:
        print("Integrity: DAMAGED — " + "; ".join(report.problems[:5]))
        print(
            "Do not keep working in this file. Open infcrm and restore a backup "
            "(File > Restore from backup…); the damaged file will be kept.",
            file=sys.stderr,
        )
    if report.changed_agreements:
        print(
            f"Sent agreements: {len(report.changed_agreements)} CHANGED since sent — their text "
            "no longer matches the SHA-256 recorded when they were sent: "
            + "; ".join(report.changed_agreements[:5])
        )
    elif report.sent_agreements:
        print(f"Sent agreements: every text matches its SHA-256 ({report.sent_agreements:,})")
    print(f"Influencers: {report.influencers:,} (in trash: {report.in_trash:,})")
    for table, rows in report.counts.items():
        print(f"  {table}: {rows:,}")
    print(f"Checked in {report.seconds:.2f} s")
    return EXIT_OK if report.ok and not report.changed_agreements else EXIT_REJECTED


def cmd_import(args: argparse.Namespace) -> int:
    """Import influencers from a spreadsheet (see infcrm.files)."""
    from infcrm.files import import_command

    return import_command.run(args, open_db)


def cmd_export(args: argparse.Namespace) -> int:
    """Export influencers to a spreadsheet (see infcrm.files)."""
    from infcrm.files import export_command

    return export_command.run(args, open_db)


def cmd_duplicates(args: argparse.Namespace) -> int:
    """Print the groups of people who look like one person, with the reason; reads only."""
    from infcrm.db.engine import open_read_only
    from infcrm.services import duplicates

    db = open_read_only(paths.database_path(getattr(args, "db", None)))
    try:
        groups = duplicates.find_groups(db)
    finally:
        db.close()
    if not groups:
        print("No possible duplicates found.")
        return EXIT_OK
    likely = sum(g.certain for g in groups)
    print(
        f"{len(groups):,} group{'s' if len(groups) != 1 else ''} of possible duplicates "
        f"({likely:,} likely, {len(groups) - likely:,} possible):"
    )
    for number, group in enumerate(groups, start=1):
        print(f"\n{number}. {group.label}")
        for reason in group.reasons:
            print(f"   because: {reason.text}")
        for member in group.members:
            account = f"{member.main_platform} @{member.main_handle}" if member.main_handle else ""
            details = ", ".join(x for x in (member.email, account, member.country) if x)
            print(f"   #{member.id} {member.display_name}" + (f" — {details}" if details else ""))
    print("\nMerge them in the app: Edit > Find duplicates…")
    return EXIT_OK


COMMANDS = {
    "demo": cmd_demo,
    "backup": cmd_backup,
    "check": cmd_check,
    "import": cmd_import,
    "export": cmd_export,
    "duplicates": cmd_duplicates,
}


def run(args: argparse.Namespace) -> int:
    """Run one headless command; a rejected input prints why and returns 1."""
    try:
        return COMMANDS[args.command](args)
    except (StorageError, InvalidInput) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
