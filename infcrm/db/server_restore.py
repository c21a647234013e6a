"""Putting a dump (db/server_backup.py) back into the server database it came from.

pg_restore replaces every table of the database in one transaction (`--clean --if-exists
--single-transaction`): if anything fails, the database is as it was. `--no-owner` makes the
restored tables belong to whoever restores (the team's role), not to the role that dumped.

The search extensions are left out of the restore when the database has them already: a
database set up before `server-setup` created them as the team has them owned by the server's
administrator, and `--clean` would try to drop them, which only their owner may do (PostgreSQL
has no ALTER EXTENSION … OWNER). The restored tables and functions use the extensions that are
there. Only a database without them gets them from the dump — and if the team may not create
them, the message gives the administrator the SQL to run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from infcrm.db.engine import StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# How long the restore waits for another user's unfinished save before giving up (libpq
# passes it on as the session's lock_timeout).
LOCK_WAIT = "60s"
_EXTENSION_ENTRY = re.compile(r"^\d+; \d+ \d+ (?:EXTENSION|COMMENT) - (?:EXTENSION )?(\w+)")
_EXTENSION_TROUBLE = re.compile(
    r"extension|function (?:public\.)?(?:unaccent|similarity|gin_trgm_ops)|operator class", re.I
)


def pg_restore() -> str | None:
    """Where pg_restore is (on PATH), or None."""
    return shutil.which("pg_restore")


def no_pg_restore_message() -> str:
    """What to do when this computer cannot restore a dump."""
    return (
        "This computer has no pg_restore (PostgreSQL's restore program), so infcrm cannot put "
        "a backup of the server back from here. Install PostgreSQL's client programs (Debian or "
        "Ubuntu: sudo apt install postgresql-client; macOS: brew install libpq; Windows: the "
        "PostgreSQL installer's command line tools), then restore again."
    )


def extension_sql(database: str) -> str:
    """The SQL the server's administrator runs so the search extensions are in `database`."""
    return (
        f"\\connect {database}\n"
        "CREATE EXTENSION IF NOT EXISTS unaccent;\n"
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
    )


def _environment(url: URL) -> dict[str, str]:
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    environment["PGOPTIONS"] = f"{environment.get('PGOPTIONS', '')} -c lock_timeout={LOCK_WAIT}"
    return environment


def _said(done: subprocess.CompletedProcess) -> str:
    return " ".join(done.stderr.split()) or f"exit status {done.returncode}"


def revision(dump_file: Path) -> str | None:
    """The schema revision a dump holds (its alembic_version row), or None when pg_restore is
    missing or cannot read it."""
    program = pg_restore()
    if program is None:
        return None
    done = subprocess.run(
        [program, "--data-only", "--table=alembic_version", "--file=-", str(dump_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    lines = done.stdout.splitlines()
    for number, line in enumerate(lines[:-1]):
        if line.startswith("COPY ") and "alembic_version" in line:
            found = lines[number + 1].strip()
            return found if found and found != "\\." else None
    return None


def restore_list(program: str, dump_file: Path, keep_out: set[str]) -> str:
    """The dump's table of contents without the extensions named in `keep_out`."""
    done = subprocess.run(
        [program, "--list", str(dump_file)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise StorageError(
            f"“{dump_file.name}” is not a backup pg_restore can read ({_said(done)}). "
            "Nothing was changed; choose another backup."
        )
    kept = [
        line
        for line in done.stdout.splitlines()
        if not ((match := _EXTENSION_ENTRY.match(line)) and match.group(1) in keep_out)
    ]
    return "\n".join(kept) + "\n"


def restore(url: URL, dump_file: Path, present_extensions: set[str]) -> None:
    """Replace everything in the database at `url` by the dump, in one transaction.

    `present_extensions`: the extensions the database has already (kept as they are).
    Raises StorageError saying what to do when pg_restore is missing or the restore fails
    (the database is then unchanged).
    """
    from infcrm.db.location import libpq_url

    program = pg_restore()
    if program is None:
        raise StorageError(no_pg_restore_message())
    listing = restore_list(program, dump_file, present_extensions)
    with tempfile.TemporaryDirectory(prefix="infcrm-restore-") as folder:
        chosen = Path(folder) / "list.txt"
        chosen.write_text(listing, encoding="utf-8")
        command = [program, "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        command += ["--exit-on-error", f"--use-list={chosen}", f"--dbname={libpq_url(url)}"]
        done = subprocess.run(
            [*command, str(dump_file)],
            env=_environment(url),
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode == 0:
        return
    said = _said(done)
    if "lock timeout" in said:
        raise StorageError(
            "Someone on your team was in the middle of saving, and the restore could not wait "
            "for them any longer. Nothing was changed; ask everyone to close infcrm, then "
            "restore again."
        )
    if _EXTENSION_TROUBLE.search(said):
        raise StorageError(
            f"The backup could not be restored: the database {url.database} lacks the search "
            f"extensions and your sign-in may not create them ({said}). Nothing was changed. "
            "Ask the server's administrator to run, in sudo -u postgres psql:\n\n"
            f"{extension_sql(url.database or 'DATABASE')}\n\nthen restore again."
        )
    raise StorageError(
        f"pg_restore could not restore {dump_file.name}: {said}. Nothing was changed (the "
        "restore is one transaction); check that pg_restore is at least as new as the "
        "PostgreSQL that made the backup."
    )


__all__ = [
    "LOCK_WAIT",
    "extension_sql",
    "no_pg_restore_message",
    "pg_restore",
    "restore",
    "restore_list",
    "revision",
]
