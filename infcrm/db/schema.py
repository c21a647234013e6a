"""Schema versions: which revisions exist, and upgrading a database to the newest.

Revisions are numbered files in migrations/versions (0001_initial.py, 0002_….py) forming one
line; reading the names keeps start-up free of Alembic's import when nothing needs migrating.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine

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


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` in one transaction."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
