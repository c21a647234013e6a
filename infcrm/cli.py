"""The headless commands (demo, import, export, report, duplicates, orders, backup, check).

They never import Qt, except a report asked for as a PDF, which Qt draws offscreen, and the
app's settings (QtCore, no window): a copy of a file to a server is remembered there as moved,
and an import or orders into such a file reads it there first.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from infcrm import cli_team, paths
from infcrm.db import location, schema
from infcrm.db.connection_loss import ServerUnreachable
from infcrm.db.engine import (
    Database,
    StorageError,
    busy_message,
    inspect_file,
    is_busy,
    open_database,
    open_read_only,
    refuse_read_only,
)
from infcrm.db.lock import AlreadyOpen, DatabaseLock
from infcrm.domain.enums import Platform, label_of
from infcrm.domain.validation import InvalidInput

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
# How long a writing command waits for another command to let go of the file: long enough
# for a big import to finish. The app holds its file until it closes, so it is not waited for.
LOCK_WAIT_ENV = "INFCRM_LOCK_WAIT"
LOCK_WAIT_SECONDS = 120.0


@dataclass
class LockedDatabase(Database):
    """A database a writing command holds the single-instance lock of until it closes it."""

    lock: DatabaseLock | None = None

    def close(self) -> None:
        """Release the file, then the lock."""
        try:
            super().close()
        finally:
            if self.lock is not None:
                self.lock.release()


def _lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, LOCK_WAIT_SECONDS)))
    except ValueError:
        return LOCK_WAIT_SECONDS


def _database_path(args: argparse.Namespace) -> Path:
    """The database file the command names (--db, INFCRM_DB or the default); never a folder."""
    path = paths.database_path(getattr(args, "db", None))
    if location.is_server(path):  # every command takes a server; this guards a new one
        raise StorageError("This command works on a database file, not on a server's database.")
    if path.is_dir():
        raise StorageError(f"“{path}” is a folder; give the database file (--db FILE).")
    return path


def _take_lock(path: Path) -> DatabaseLock:
    """The app's single-instance lock, waiting a while (and saying so) if another copy has it."""
    wait = _lock_wait()

    def waiting(exc: AlreadyOpen) -> None:
        print(
            f"“{path.name}” is in use by another infcrm command ({exc.started_where}); "
            f"waiting up to {wait:.0f} seconds for it to finish…",
            file=sys.stderr,
            flush=True,
        )

    try:
        return DatabaseLock(path, command=True).acquire(wait=wait, waiting=waiting)
    except KeyboardInterrupt:
        raise StorageError("Stopped while waiting; nothing was changed.") from None
    except AlreadyOpen as exc:
        raise StorageError(
            f"“{path.name}” is open in another copy of infcrm ({exc.started_where}), so "
            "nothing was changed. Close that copy (or let its command finish) and run this again."
        ) from exc


def open_db(args: argparse.Namespace) -> Database:
    """The database a writing command works on: checked, locked like the app, migrated.

    Refuses a read-only, damaged or foreign file before anything is written.
    """
    from infcrm.db import backups

    where = paths.database_path(getattr(args, "db", None))
    if location.is_server(where):  # the server handles many users: no file lock, no copies
        return open_database(where)
    path = _database_path(args)
    cli_team.refuse_moved_file(path, args)
    if path.exists():
        inspect_file(path)  # not a database, another program's, too new: refused untouched
    refuse_read_only(path)
    lock = _take_lock(path)
    try:
        if path.exists() and path.stat().st_size:
            backups.refuse_if_damaged(path)
        folder = backups.default_folder(path)
        backups.clean_leftovers(folder)
        db = open_database(path, backup_dir=folder)
    except BaseException:
        lock.release()
        raise
    return LockedDatabase(db.path, db.make, db._engine, db._sessions, lock=lock)


def open_reader(args: argparse.Namespace) -> Database:
    """The database a reading command works on, opened read-only (safe while the app runs,
    and on read-only media). A file that needs an upgrade first is opened as for writing."""
    from infcrm.db import backups

    if location.is_server(paths.database_path(getattr(args, "db", None))):
        return open_db(args)
    path = _existing_database(args)
    backups.refuse_if_damaged(path)
    if inspect_file(path) != schema.head_revision():
        return open_db(args)
    return open_read_only(path)


def cmd_demo(args: argparse.Namespace) -> int:
    """Create a demo database; refuses to add demo people to a file that already has data."""
    from infcrm.demo import generate as demo
    from infcrm.services.people import influencer_list

    if not getattr(args, "db", None):
        print("Give the demo its own file, e.g.: infcrm demo --db demo.sqlite", file=sys.stderr)
        return EXIT_USAGE
    if args.influencers < 1 or args.influencers > 1_000_000:
        print("--influencers must be between 1 and 1,000,000.", file=sys.stderr)
        return EXIT_USAGE
    db = open_db(args)
    try:
        if influencer_list.count(db) or influencer_list.count(db, trash=True):
            place = "a new file" if db.is_file else "an empty database"
            print(
                f"{db.url} already holds influencers; the demo needs {place} so it never "
                "mixes with real data. Choose another --db.",
                file=sys.stderr,
            )
            return EXIT_REJECTED
        summary = demo.populate(db, influencers=args.influencers, seed=args.seed)
    finally:
        db.close()
    print(
        f"Demo database ready: {db.url} ({summary.influencers:,} influencers, "
        f"{summary.accounts:,} social accounts). Open it with: {_this_program()} --db "
        f"{shlex.quote(db.url)}"
    )
    return EXIT_OK


def _this_program() -> str:
    """How the user runs infcrm: `infcrm` where that is this program on the PATH (installed),
    else the script as they started it (`.venv/bin/infcrm` after ./start.sh)."""
    started = Path(sys.argv[0])
    found = shutil.which("infcrm")
    if started.name != "infcrm" or (found and Path(found).resolve() == started.resolve()):
        return "infcrm"
    return shlex.quote(sys.argv[0])


def _existing_database(args: argparse.Namespace) -> Path:
    """The database file a read-only command works on; refuses a missing or foreign file."""
    path = _database_path(args)
    if not path.exists():
        raise StorageError(f"There is no database at {path}.")
    inspect_file(path)  # refuses files that are not infcrm databases, writing nothing
    return path


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the database, consistently, to DEST (a file or folder) or the backups folder.

    Read-only on the database, so it is safe while the app has it open.
    """
    from infcrm.db import backups
    from infcrm.db.backup_files import chosen_folder

    where = paths.database_path(getattr(args, "db", None))
    if location.is_server(where):
        return cli_team.back_up_server(str(where), args.dest)  # pg_dump
    source = _existing_database(args)
    backups.refuse_if_damaged(source)
    if not args.dest:
        print(f"Backed up to {backups.make_backup(source, 'manual')}")
        return EXIT_OK
    folder = chosen_folder(args.dest)
    dest = Path(args.dest).expanduser()
    if folder is not None:
        dest = folder / backups.backup_name(source, "manual")
    if dest.exists():
        print(f"{dest} already exists; choose another name.", file=sys.stderr)
        return EXIT_REJECTED
    backups.backup_copy(source, dest, check=False)
    print(f"Backed up to {dest}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Full health check, schema version and counts per table; exit 1 when damaged."""
    from infcrm import cli_check

    return cli_check.run(args, _existing_database, open_db)


def cmd_import(args: argparse.Namespace) -> int:
    """Import influencers from a spreadsheet (see infcrm.files)."""
    from infcrm.files import import_command

    if cli_team.is_server_dump(getattr(args, "file", None)):  # a server's backup goes back
        return cli_team.restore_server(paths.database_path(getattr(args, "db", None)), args.file)
    # One knob for how long the command line waits for other writers, lock or transaction.
    return import_command.run(args, open_db, lock_wait=_lock_wait())


def cmd_orders(args: argparse.Namespace) -> int:
    """Import a shop's order export and match its orders to deals."""
    from infcrm.files import orders_command

    return orders_command.run(args, open_db, open_reader)


def cmd_export(args: argparse.Namespace) -> int:
    """Export influencers to a spreadsheet (see infcrm.files)."""
    from infcrm.files import export_command

    return export_command.run(args, open_reader)


def cmd_report(args: argparse.Namespace) -> int:
    """Write a campaign's report to .xlsx or .pdf (see infcrm.files.report_command)."""
    from infcrm.files import report_command

    return report_command.run(args, open_reader, _report_pdf_writer)


def _report_pdf_writer() -> Callable[..., None]:
    # The one place a command loads Qt: its text engine draws the PDF (every script, the
    # system's fonts), offscreen, and only when a .pdf is asked for.
    from infcrm.ui.campaign_report_pdf import save_report_pdf_offscreen

    return save_report_pdf_offscreen


def cmd_duplicates(args: argparse.Namespace) -> int:
    """Print the groups of people who look like one person, with the reason; reads only."""
    from infcrm.db.engine import open_read_only
    from infcrm.services.people import duplicates

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
            network = label_of(Platform, member.main_platform)  # “TikTok”, not its key “tiktok”
            account = f"{network} @{member.main_handle}" if member.main_handle else ""
            details = ", ".join(x for x in (member.email, account, member.country) if x)
            print(f"   #{member.id} {member.display_name}" + (f" — {details}" if details else ""))
    print("\nMerge them in the app: Edit › Find duplicates…")
    return EXIT_OK


COMMANDS = {
    "demo": cmd_demo,
    "backup": cmd_backup,
    "check": cmd_check,
    "import": cmd_import,
    "export": cmd_export,
    "duplicates": cmd_duplicates,
    "report": cmd_report,
    "orders": cmd_orders,
}
COMMANDS.update(cli_team.COMMANDS)


def run(args: argparse.Namespace) -> int:
    """Run one headless command; a rejected input prints why and returns 1."""
    try:
        return COMMANDS[args.command](args)
    except ServerUnreachable as lost:
        return _reject(lost.for_a_command)
    except (StorageError, InvalidInput) as exc:
        return _reject(str(exc))
    except _operational_errors() as exc:
        # Another program held the write lock past the busy timeout (the app's own copies
        # are kept out by the lock); anything else is a file SQLite cannot work with.
        if is_busy(exc):
            return _reject(busy_message(_database_path(args)))
        return _reject(f"infcrm could not work with the database: {getattr(exc, 'orig', exc)}.")
    except BrokenPipeError:
        # The reader stopped early (`| head`): its choice, not an error. Later writes, and
        # Python's own flush at exit, go nowhere instead of raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        return _reject(_os_sentence(exc))


def _operational_errors() -> tuple[type[Exception], ...]:
    """SQLite's and SQLAlchemy's OperationalError; SQLAlchemy's only once a command has loaded
    it (none of its errors can be raised before), so a command that never needs it, such as
    backup, starts without it."""
    loaded = sys.modules.get("sqlalchemy.exc")
    if loaded is None:
        return (sqlite3.OperationalError,)
    return (loaded.OperationalError, sqlite3.OperationalError)


def _reject(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_REJECTED


def _os_sentence(exc: OSError) -> str:
    """A file-system error as a sentence: which file, what went wrong, what to do."""
    import errno

    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"The disk is full{where}, so nothing was written. Free some space and try again."
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return (
            f"infcrm is not allowed to write there{where}. Choose a folder you can write to, "
            "or check the file's permissions."
        )
    return f"infcrm could not use a file{where}: {exc.strerror or exc}."
