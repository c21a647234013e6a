"""Who made a change: the name a database's changes are signed with.

People, follow-ups, interactions, payments and posts keep who created them (`created_by`) and
who last changed them (`changed_by`). The name is an option of the engine, read by the
columns' own defaults (`default`/`onupdate`, as `updated_at` gets its time): every insert and
update the services make through SQLAlchemy is signed without any of them passing a name on,
and statements written as raw SQL (an import's bulk insert, a bulk move's timeline) take it
from `signer`.
Undo puts back the rows' earlier content, their signatures included (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window's first paint opens the file without SQLAlchemy
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.engine.interfaces import ExecutionContext

# The tables whose rows are signed (payments and posts since migration 0023).
STAMPED = ("influencer", "follow_up", "interaction", "payment", "content")
LONGEST = 80  # characters of a name kept
_OPTION = "infcrm_author"
ENV = "INFCRM_USER"  # the name to sign with, for scripts and shared accounts


def default_name() -> str | None:
    """The name to sign with until the user gives theirs: INFCRM_USER, else the computer's
    login name (None if the system knows none)."""
    name = os.environ.get(ENV, "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):  # no login name (a container without a passwd entry)
            return None
    return name[:LONGEST] or None


def full_name() -> str | None:
    """The computer's full name for its user ("Ana Souza"), else the login name: what the
    name question offers first. None when the system knows neither."""
    try:
        import pwd  # POSIX only; Windows and a missing passwd entry fall back to the login

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError, AttributeError):
        gecos = ""
    if gecos:
        return gecos[:LONGEST]
    try:
        return getpass.getuser()[:LONGEST] or None
    except (OSError, KeyError):
        return None


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


def column_default(context: ExecutionContext) -> str | None:
    """A signed column's default: the name of the engine running the statement."""
    return context.execution_options.get(_OPTION)


__all__ = [
    "ENV",
    "LONGEST",
    "STAMPED",
    "column_default",
    "default_name",
    "full_name",
    "given_name",
    "sign_as",
    "signer",
    "signing_as",
]
