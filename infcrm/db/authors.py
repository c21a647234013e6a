"""Who made a change: the name a database's changes are signed with.

People, follow-ups, interactions, campaigns, deals, agreements, payments and posts keep who
created them (`created_by`) and who last changed them (`changed_by`). The name is an option of
the engine, read by the columns' own defaults (`default`/`onupdate`, as `updated_at` gets its
time): every insert and update the services make through SQLAlchemy is signed without any of
them passing a name on, and statements written as raw SQL (an import's bulk insert, a bulk
move's timeline) take it from `signer`.
Undo puts back the rows' earlier content, their signatures included (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_config_path

from infcrm import APP_NAME

if TYPE_CHECKING:  # the window's first paint opens the file without SQLAlchemy
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.engine.interfaces import ExecutionContext

# The tables whose rows are signed (payments and posts since migration 0023, campaigns and
# deals since 0026, agreements since 0027).
STAMPED = (
    "influencer", "follow_up", "interaction", "campaign", "deal", "agreement", "payment",
    "content",
)  # fmt: skip
LONGEST = 80  # characters of a name kept
_OPTION = "infcrm_author"
ENV = "INFCRM_USER"  # the name to sign with, for scripts and shared accounts


NAME_FILE = "your-name.txt"


def name_file() -> Path:
    """Where the name the user gave the app (File › Your name…) is kept: a text file in the
    user's config folder, not in Qt's settings, so the command line, which never loads Qt,
    signs with the same name the app and "Owned by me" use."""
    return user_config_path(APP_NAME, appauthor=False) / NAME_FILE


def stored_name() -> str | None:
    """The name the user gave the app, if they did."""
    try:
        name = " ".join(name_file().read_text("utf-8").split())
    except (OSError, UnicodeError):  # none given yet, or unreadable: the login name signs
        return None
    return name[:LONGEST] or None


def store_name(name: str) -> None:
    """Keep `name` for every later run of the app and of the command line."""
    path = name_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(" ".join(name.split())[:LONGEST] + "\n", "utf-8")


def default_name() -> str | None:
    """The name to sign with when no other is given for this database: INFCRM_USER, else the
    name the user gave the app, else the computer's login name (None if it knows none)."""
    name = os.environ.get(ENV, "").strip() or (stored_name() or "") or (login_name() or "")
    return name[:LONGEST] or None


def login_name() -> str | None:
    """The computer's login name for its user (“root”), or None when it knows none."""
    try:
        return getpass.getuser()[:LONGEST] or None
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return None


def full_name() -> str | None:
    """The computer's full name for its user ("Ana Souza"), else the login name: what the
    name question offers first. None when the system knows neither."""
    try:
        import pwd  # POSIX only; Windows and a missing passwd entry fall back to the login

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError, AttributeError):
        gecos = ""
    return gecos[:LONGEST] if gecos else login_name()


def given_name() -> str | None:
    """The name INFCRM_USER (or --as) gives for this run, if any: it beats a stored one."""
    return os.environ.get(ENV, "").strip()[:LONGEST] or None


@contextmanager
def signing_as(name: str | None) -> Iterator[None]:
    """Within the block, databases opened sign with `name` (the command line's --as NAME),
    as INFCRM_USER would; afterwards the environment is as it was. None changes nothing."""
    if not (name or "").strip():
        yield
        return
    before = os.environ.get(ENV)
    os.environ[ENV] = name.strip()  # type: ignore[union-attr]
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before


def sign_as(engine: Engine, name: str | None) -> None:
    """Sign every later change made through `engine` with `name`."""
    engine.update_execution_options(**{_OPTION: (name or "").strip()[:LONGEST] or None})


def signer(conn: Connection) -> str | None:
    """The name changes on this connection are signed with."""
    return conn.get_execution_options().get(_OPTION)


def signed_columns(table: str, columns: Sequence[str]) -> tuple[str, ...]:
    """`columns` of `table`, with `changed_by` after them when the table's rows are signed:
    whoever changed a row last is part of what an undo puts back, as its update time is
    (kept with the columns an action changes, or the undo would be signed by the undoer)."""
    if table in STAMPED and "changed_by" not in columns:
        return (*columns, "changed_by")
    return tuple(columns)


def others_signed(conn: sqlite3.Connection, name: str | None) -> bool:
    """Whether any record of the file is signed by someone other than `name`: names on screen
    tell people apart only then. A file one person keeps would otherwise say “by root” (the
    login name) on every line. A full read of the signed tables when nobody else signed
    (some 0.1 s at 100,000 people), so `Database.names_tell` keeps the answer."""
    me = (name or "").strip()
    looks = " OR ".join(
        f"EXISTS (SELECT 1 FROM {table} WHERE created_by <> ? OR changed_by <> ?)"
        for table in STAMPED
    )
    return bool(conn.execute(f"SELECT {looks}", [me] * 2 * len(STAMPED)).fetchone()[0])


def column_default(context: ExecutionContext) -> str | None:
    """A signed column's default: the name of the engine running the statement."""
    return context.execution_options.get(_OPTION)


# Every signature a database keeps: the stamped tables' two, and who made a bulk move.
_SIGNATURES = {**{table: ("created_by", "changed_by") for table in STAMPED},
               "bulk_move": ("created_by",)}  # fmt: skip


def sign_login_lines(conn: Connection, mover: str | None) -> None:
    """Sign with `mover`'s chosen name (or with no name) the records of a file one person
    kept, moved to a team's server through `conn`, that carry the computer's login name.

    In the file those lines said no “by …” (names told nobody apart, `others_signed`); on
    the server a teammate would read “root moved Lena to Agreed”, a name they do not know.
    A name the user chose (--as, INFCRM_USER, File › Your name…) stays, and so does every
    name of a file that others signed too. Raw SQL: the rows' times and counts stay.
    """
    login, mover = login_name(), (mover or "").strip() or None
    chosen = mover if mover != login or given_name() or stored_name() else None
    if login is None or chosen == login:
        return
    if not _signers(conn) <= {login, chosen} - {None}:
        return
    from sqlalchemy import text

    for table, columns in _SIGNATURES.items():  # each row written once, both names at a time
        names = ", ".join(
            f"{c} = CASE WHEN {c} = :login THEN :chosen ELSE {c} END" for c in columns
        )
        signed = " OR ".join(f"{c} = :login" for c in columns)
        conn.execute(
            text(f"UPDATE {table} SET {names} WHERE {signed}"), {"chosen": chosen, "login": login}
        )


def _signers(conn: Connection) -> set[str]:
    """Every name a record of the database is signed with."""
    from sqlalchemy import text

    names = " UNION ".join(
        f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"
        for table, columns in _SIGNATURES.items()
        for column in columns
    )
    return {row[0] for row in conn.execute(text(names))}


__all__ = [
    "ENV",
    "LONGEST",
    "NAME_FILE",
    "STAMPED",
    "column_default",
    "default_name",
    "full_name",
    "given_name",
    "login_name",
    "name_file",
    "others_signed",
    "sign_as",
    "sign_login_lines",
    "signed_columns",
    "signer",
    "signing_as",
    "store_name",
    "stored_name",
]
