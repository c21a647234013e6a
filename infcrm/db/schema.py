"""Schema versions: which revisions exist, and upgrading a database to the newest.

Revisions are numbered files in migrations/versions (0001_initial.py, 0002_….py) forming one
line; reading the names keeps start-up free of Alembic's import when nothing needs migrating.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is loaded only when a migration runs (engine.py says why)
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> list[str]:
    """Every schema revision this version of infcrm knows, oldest first."""
    names = (p.name for p in (MIGRATIONS_DIR / "versions").iterdir())
    return sorted(m.group(1) for m in map(_REVISION_FILE.match, names) if m)


def head_revision() -> str:
    """The newest schema revision."""
    return known_revisions()[-1]


def alembic_config():  # -> alembic.config.Config (imported lazily: it is slow to import)
    """Alembic's configuration for infcrm's migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _transactional_ddl(engine: Engine) -> Engine:
    """An engine on `engine`'s database whose transactions include DDL.

    Python's sqlite3 runs CREATE/ALTER/DROP outside any transaction (it only begins one before
    INSERT/UPDATE/DELETE), so a crash mid-upgrade left half a schema. SQLAlchemy's documented
    pysqlite recipe: switch the driver's own transaction handling off and say BEGIN ourselves.
    """
    if engine.dialect.name != "sqlite":
        return engine  # PostgreSQL's DDL is transactional already
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    from infcrm.db.engine import set_sqlite_pragmas  # engine.py builds on this module

    ddl_engine = create_engine(engine.url, poolclass=NullPool)

    def on_connect(dbapi_connection, record: object) -> None:
        set_sqlite_pragmas(dbapi_connection, record)
        dbapi_connection.isolation_level = None  # the driver never BEGINs or COMMITs by itself

    def on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front: no other writer can slip in mid-upgrade.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(ddl_engine, "connect", on_connect)
    event.listen(ddl_engine, "begin", on_begin)
    return ddl_engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` (and the version stamp) in one transaction."""
    from alembic import command

    config = alembic_config()
    ddl_engine = _transactional_ddl(engine)
    try:
        with ddl_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if ddl_engine is not engine:
            ddl_engine.dispose()
