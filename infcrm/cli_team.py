"""The commands for working as a team: `copy` (a whole database between a file and a
server) and `server-setup` (the SQL an administrator runs to make room for infcrm)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from infcrm import APP_NAME

EXIT_OK, EXIT_REJECTED = 0, 1
_MOVED_NAME = b"moved_to_server"  # the name of ui/moved_files.MOVED_KEY in a settings file


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the team commands with the main parser."""
    text = "copy a whole database between a file and a PostgreSQL server, and verify it"
    copy = sub.add_parser("copy", help=text, description=text)
    copy.add_argument("--from", dest="source", required=True, metavar="SOURCE",
                      help="a database file or postgresql://user@host:port/database")  # fmt: skip
    copy.add_argument("--to", dest="destination", required=True, metavar="DEST",
                      help="a new file, or an empty database on a server")  # fmt: skip
    text = "print the SQL that creates infcrm's role and database on a PostgreSQL server"
    setup = sub.add_parser("server-setup", help=text, description=text)
    setup.add_argument("--database", default="infcrm", help="the database's name (infcrm)")
    setup.add_argument(
        "--user", action="append", dest="users", metavar="NAME",
        help="a person who signs in (repeat for each; default: infcrm)",
    )  # fmt: skip
    setup.add_argument(
        "--group", help="the role owning the data, that every user acts as (DATABASE_team)"
    )


class _Lines:
    """Progress on the terminal: one line each time the work moves to another step."""

    def __init__(self) -> None:
        self.last = ""

    def report(self, done: int, total: int, text: str = "") -> None:
        if text and text != self.last and sys.stderr.isatty():
            print(text, file=sys.stderr, flush=True)
        self.last = text


def cmd_copy(args: argparse.Namespace) -> int:
    from infcrm.services.errors import Refused
    from infcrm.services.maintenance import database_copy

    try:
        source = database_copy.open_source(args.source)
        try:
            result = database_copy.copy_database(source, args.destination, progress=_Lines())
        finally:
            source.close()
    except Refused as exc:
        print(exc, file=sys.stderr)
        return EXIT_REJECTED
    width = max(len(table.name) for table in result.tables)
    for table in result.tables:
        print(f"  {table.name:<{width}}  {table.rows:>9,} rows  checksum {table.checksum[:12]}")
    print(
        f"Copied {result.rows:,} rows in {len(result.tables)} tables from {result.source} to "
        f"{result.destination}. Every table was read back: the row counts and checksums match."
    )
    if _moved_to_server(args.source, result.destination):
        print(
            f"{args.source} stays as it was and is remembered as moved to {result.destination}: "
            "opening it in infcrm asks whether to open the server instead, so no one goes on "
            "working on the old file."
        )
    return EXIT_OK


def _moved_to_server(source: str, destination: str) -> bool:
    """Remember a file copied to a server as moved, as File › Move… does (ui/moved_files.py):
    the app opening it again (the last database open, Open recent) asks which to open."""
    from infcrm.db import location

    if location.is_server(source) or not location.is_server(destination):
        return False
    from infcrm.ui.moved_files import mark_moved_from_command

    mark_moved_from_command(Path(source), destination)
    return True


def refuse_moved_file(path: Path, args: argparse.Namespace) -> None:
    """A command that would write to a file moved to the team's server (`infcrm copy`, File ›
    Move…) would change an old copy the team never sees: refused, nothing changed, unless the
    command has --old-copy and it was given. A dry run writes nothing and goes on."""
    if getattr(args, "old_copy", True) or getattr(args, "dry_run", False) or not path.exists():
        return
    if not _settings_may_hold_moves():
        return
    from infcrm.db.engine import StorageError

    try:  # the app's settings need QtCore; a computer that cannot load it has no app's marks
        from infcrm.ui.moved_files import moved_to_from_command
    except ImportError:
        return
    moved = moved_to_from_command(path)
    if moved is None:
        return
    url, day = moved
    raise StorageError(
        f"“{path.name}” was moved to the team's server {url} on {day.day} {day:%B %Y}; the "
        f"team works there. Run the command on the server (--db {shlex.quote(url)}), or add "
        "--old-copy to change this old file anyway."
    )


def _settings_may_hold_moves() -> bool:
    """Whether the app's settings may remember a file as moved, without loading Qt.

    On Linux QSettings keeps them in text files, the user's and the system's (XDG folders);
    the moves are one key (ui/moved_files.MOVED_KEY), written out by name, so a file without
    that name holds none, and without such a file Qt would find none either. Elsewhere (a
    registry, property lists) only Qt can tell.
    """
    if not sys.platform.startswith("linux"):
        return True
    try:
        folders = [os.environ.get("XDG_CONFIG_HOME", ""), str(Path.home() / ".config")]
    except RuntimeError:  # no home folder to find: let Qt look
        return True
    folders += [*os.environ.get("XDG_CONFIG_DIRS", "").split(":"), "/etc/xdg"]
    for folder in filter(None, folders):
        for name in (f"{APP_NAME}/{APP_NAME}.conf", f"{APP_NAME}.conf"):
            try:
                if _MOVED_NAME in (Path(folder) / name).read_bytes():
                    return True
            except OSError:  # none there (or unreadable, for Qt as well)
                continue
    return False


def back_up_server(where: str, dest: str | None) -> int:
    """`infcrm backup` on a server's database: a pg_dump file, and how to put it back."""
    from infcrm.db import location, server_backup, server_password
    from infcrm.db.backup_files import chosen_folder

    url = server_password.with_password(location.server_url(where))
    target = (chosen_folder(dest) or Path(dest).expanduser()) if dest else None
    if target is not None and not target.is_dir() and target.suffix != server_backup.SUFFIX:
        # Only a .dump is taken back by `infcrm import`: the printed command must work.
        if target.suffix:
            suggested = target.with_suffix(server_backup.SUFFIX).name
            print(
                f"A server's backup is a pg_dump file ending in {server_backup.SUFFIX}, not "
                f"{target.suffix}; nothing was written. Give it a name like {suggested}, or "
                "a folder.",
                file=sys.stderr,
            )
            return EXIT_REJECTED
        target = target.with_name(target.name + server_backup.SUFFIX)
    made = server_backup.back_up(url, "manual", target)
    print(f"Backed up to {made}")
    print(
        "To go back to it (your team stops working first): "
        # Quoted: an address with options holds `&`, which a pasted line would run apart.
        f"infcrm import {shlex.quote(str(made))} --db {shlex.quote(location.display_url(url))}"
    )
    return EXIT_OK


def is_server_dump(file: str | None) -> bool:
    """Whether `infcrm import FILE` was given a server's backup (a pg_dump file)."""
    from infcrm.db import server_backup

    return bool(file) and str(file).lower().endswith(server_backup.SUFFIX)


def restore_server(where: str | Path, dump: str) -> int:
    """`infcrm import DUMP --db postgresql://…`: put a server's backup back, as File › Restore
    from backup… does (the data as it is now is dumped first)."""
    from infcrm.db import location
    from infcrm.db.engine import open_database
    from infcrm.services.maintenance import server_restore

    if not location.is_server(where):
        print(
            f"“{Path(dump).name}” is a backup of a database on a server (made with pg_dump); "
            "restore it there: infcrm import FILE.dump --db postgresql://USER@SERVER/DATABASE. "
            "A database file's backups are restored with File › Restore from backup….",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    if not Path(dump).is_file():
        print(f"There is no backup at {dump}.", file=sys.stderr)
        return EXIT_REJECTED
    db = open_database(where)
    try:
        done = server_restore.restore_dump(db, Path(dump))
        shown = location.display_url(db.engine.url)
    finally:
        db.close()
    print(f"Restored {shown} from {done.restored.name}; everyone's screens reload.")
    print(
        f"The data it replaced is kept in {done.kept}: to go back to it, "
        f"infcrm import {shlex.quote(str(done.kept))} --db {shlex.quote(shown)}"
    )
    return EXIT_OK


def cmd_server_setup(args: argparse.Namespace) -> int:
    from infcrm.services.maintenance.server_setup import setup_sql

    try:
        print(setup_sql(args.database, args.users or ["infcrm"], args.group))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


COMMANDS = {"copy": cmd_copy, "server-setup": cmd_server_setup}
