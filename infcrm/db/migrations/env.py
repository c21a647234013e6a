"""Alembic environment: runs on the connection infcrm hands over (never from a URL)."""

from alembic import context

from infcrm.db import models  # noqa: F401  (registers the tables on Base.metadata)
from infcrm.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    # The caller's connection already holds the one transaction every migration runs in
    # (schema.upgrade); DDL included, so a crash mid-upgrade leaves the old schema whole.
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
