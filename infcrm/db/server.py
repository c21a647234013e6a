"""Opening a database on a PostgreSQL server: checks and migrations, as for a file.

The psycopg 3 driver is the optional extra `team` (pip install -e '.[team]'); it is imported
only when a server URL is opened, so the single-user app never loads it.
"""

from __future__ import annotations

import logging

from sqlalchemy import URL, Engine, create_engine, exc, inspect, text
from sqlalchemy.orm import sessionmaker

from infcrm.db import change_notices, location, schema, server_advice, server_password
from infcrm.db.engine import Database, DatabaseTooNew, NotAnInfcrmDatabase, StorageError

# psycopg reports some of its own cleanup on a lost connection through logging ("error ignored
# terminating <psycopg.Pipeline [BAD]>"); with no handler set, Python prints that on stderr
# beside infcrm's own sentence saying what happened and what to do. A handler of its own keeps
# the driver's words out of what the user reads.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

# Upgrades from two computers at once wait for each other on this lock (any fixed number).
_UPGRADE_LOCK = 7_041_962


def make_server_engine(where: str) -> Engine:
    """A SQLAlchemy engine on the server database `where` (a postgresql:// URL)."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        raise StorageError(
            "Working on a PostgreSQL server needs the PostgreSQL driver, which this copy of "
            f"infcrm does not have yet. Install it with {_driver_install_line()} and try again."
        ) from error
    # pre_ping: a connection the server closed overnight is replaced instead of failing.
    url = server_password.with_password(location.server_url(where))
    return create_engine(url, pool_pre_ping=True)


def _driver_install_line() -> str:
    """The command that adds the driver to this very installation: the team extra of the
    source folder it runs from (./start.sh's), else the driver itself. Never a bare
    `pip install 'infcrm[team]'`, which would look for a package of that name online."""
    import shlex
    import sys
    from pathlib import Path

    pip = f"{shlex.quote(sys.executable)} -m pip install"
    source = Path(__file__).resolve().parents[2]
    if (source / "pyproject.toml").is_file():
        return f"{pip} -e {shlex.quote(f'{source}[team]')}"
    return f"{pip} 'psycopg[binary]>=3.2,<4' 'keyring>=24'"


def inspect_server(engine: Engine, *, in_dialog: bool = False) -> str | None:
    """The schema revision of the server database (None when it is empty), read-only;
    `in_dialog` when the Connect dialog asks (a refusal then points to its fields)."""
    shown = location.display_url(engine.url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except exc.OperationalError as error:
        said = str(error.orig)
        raise StorageError(server_advice.explain(said, engine.url, in_dialog=in_dialog)) from error
    except exc.ProgrammingError as error:
        # 42501: signed in, but the tables belong to a role this sign-in does not act as.
        if getattr(error.orig, "sqlstate", None) != "42501":
            raise
        raise StorageError(_may_not_use_tables(engine)) from error
    if revision is None:
        if tables:
            raise NotAnInfcrmDatabase(
                f"The database {shown} holds tables of another program, not of infcrm. "
                "It was left untouched. Create an empty database for infcrm."
            )
        return None
    if revision not in schema.known_revisions():
        raise DatabaseTooNew(
            f"The database {shown} was saved by a newer version of infcrm (its data format is "
            f"“{revision}”). Update infcrm to open it; it was left untouched."
        )
    return revision


def tables_refused(url: URL) -> str:
    """What to run when the sign-in of `url` may not read the tables (pg_dump's refusal)."""
    engine = create_engine(url)
    try:
        return _may_not_use_tables(engine)
    finally:
        engine.dispose()


def _may_not_use_tables(engine: Engine) -> str:
    """Whose infcrm's tables are (anyone may read the catalogue), said with what to run."""
    query = text(
        "SELECT t.tableowner, r.rolsuper FROM pg_tables t "
        "JOIN pg_roles r ON r.rolname = t.tableowner "
        "WHERE t.tablename = 'alembic_version' AND t.schemaname = current_schema()"
    )
    with engine.connect() as conn:
        owner, is_admin = conn.execute(query).one()
    return server_advice.may_not_use_tables(engine.url, owner, bool(is_admin))


def upgrade_server(engine: Engine) -> None:
    """Migrate to the newest revision; a second computer doing the same waits, then skips."""
    from alembic import command

    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})
            config = schema.alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except exc.ProgrammingError as error:
        # 42501: a plain CREATE DATABASE leaves the schema to its owner; the user may read it
        # but not make tables. One sentence for the administrator instead of a traceback.
        if getattr(error.orig, "sqlstate", None) != "42501":
            raise
        raise StorageError(server_advice.may_not_create_tables(engine.url)) from error


def open_server(where: str) -> Database:
    """Open (migrating when needed) the infcrm database on a server."""
    engine = make_server_engine(where)
    try:
        if inspect_server(engine) != schema.head_revision():
            upgrade_server(engine)
    except BaseException:
        engine.dispose()
        raise
    db = Database(
        path=None,
        make=lambda: engine,
        _engine=engine,
        _sessions=sessionmaker(engine, expire_on_commit=False),
    )
    # Other users' screens hear of each committed change (db/change_notices.py).
    change_notices.send_on_commit(engine, db.instance)
    return db


def open_as_it_is(where: str) -> Database | None:
    """The server's infcrm database without upgrading or setting it up, for a plan that must
    write nothing (import --dry-run); None when it is still empty. One at an older revision
    is refused: planning against it would need the upgrade first."""
    engine = make_server_engine(where)
    try:
        revision = inspect_server(engine)
        if revision is not None and revision != schema.head_revision():
            shown = location.display_url(engine.url)
            raise StorageError(
                f"The database {shown} is in an older infcrm format; a dry run writes nothing, "
                "so it cannot upgrade it. Open it once with this version of infcrm (or import "
                "without --dry-run), then try again."
            )
    except BaseException:
        engine.dispose()
        raise
    if revision is None:
        engine.dispose()
        return None
    return Database(
        path=None,
        make=lambda: engine,
        _engine=engine,
        _sessions=sessionmaker(engine, expire_on_commit=False),
    )


__all__ = [
    "inspect_server",
    "make_server_engine",
    "open_as_it_is",
    "open_server",
    "tables_refused",
    "upgrade_server",
]
