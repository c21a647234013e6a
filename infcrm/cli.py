"""The headless commands (demo, import, export, backup, check); never imports Qt."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from infcrm import paths
from infcrm.db.engine import Database, StorageError, backup_copy, open_database
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


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the database, consistently, to DEST (a file or folder) or the backups folder."""
    source = paths.database_path(getattr(args, "db", None))
    if not source.exists():
        print(f"There is no database at {source} to back up.", file=sys.stderr)
        return EXIT_REJECTED
    db = open_db(args)  # refuses files that are not infcrm databases
    db.close()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{source.stem}-{stamp}.sqlite"
    dest = Path(args.dest).expanduser() if args.dest else paths.backup_dir(source) / name
    if dest.is_dir():
        dest = dest / name
    if dest.exists():
        print(f"{dest} already exists; choose another name.", file=sys.stderr)
        return EXIT_REJECTED
    backup_copy(source, dest)
    print(f"Backed up to {dest}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Integrity check, schema version and counts."""
    from sqlalchemy import text

    from infcrm.services import influencer_list

    db = open_db(args)
    try:
        with db.reader() as session:
            result = session.execute(text("PRAGMA integrity_check")).scalars().all()
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        ok = result == ["ok"]
        print(f"Database: {db.path}")
        print(f"Schema version: {version}")
        print(f"Integrity: {'ok' if ok else 'DAMAGED — ' + '; '.join(result[:5])}")
        print(
            f"Influencers: {influencer_list.count(db):,} (in trash: "
            f"{influencer_list.count(db, trash=True):,})"
        )
    finally:
        db.close()
    return EXIT_OK if ok else EXIT_REJECTED


def cmd_import(args: argparse.Namespace) -> int:
    """Import influencers from a spreadsheet (see infcrm.files)."""
    from infcrm.files import import_command

    return import_command.run(args, open_db)


def cmd_export(args: argparse.Namespace) -> int:
    """Export influencers to a spreadsheet (see infcrm.files)."""
    from infcrm.files import export_command

    return export_command.run(args, open_db)


COMMANDS = {
    "demo": cmd_demo,
    "backup": cmd_backup,
    "check": cmd_check,
    "import": cmd_import,
    "export": cmd_export,
}


def run(args: argparse.Namespace) -> int:
    """Run one headless command; a rejected input prints why and returns 1."""
    try:
        return COMMANDS[args.command](args)
    except (StorageError, InvalidInput) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
