"""list indexes: the living people in the list's orders, the trash apart

Revision ID: 0025
Revises: 0024

A change of search, filter or sort reads the first screenful in the list's order and the
count. Two things stood in the way at 100,000 people:

- SQLite keeps no statistics, so it took `deleted_at IS NULL` (everyone but the trash) for a
  narrow lookup in `ix_influencer_deleted_at` and sorted the whole list for every screenful.
  That index now holds the trash only (its rows have a `deleted_at`), which is all it serves.
- The living people get two partial indexes in the list's orders, by name and by followers,
  ties by id, so the first screenful is read from an index in order, and every id of the list
  (read next, in the background) and the count come from the index alone, never the table.
  On SQLite they end with deleted_at (NULL throughout, so the order holds): SQLite reads a
  partial index alone only when it holds the column of its WHERE. The name index holds the
  followers as well, so a tier filter of a list sorted by name is checked in the index. On a
  server the followers index is in the list's order (most first, no count last), and the name
  index uses the collation the list sorts with ("NOCASE"; `ix_influencer_name_nocase` was
  made with its twin `nocase`, which the list's ORDER BY does not name).
"""

import sqlalchemy as sa
from alembic import op

from infcrm.db import pg_ddl

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

TRASH = sa.text("deleted_at IS NOT NULL")

SQLITE_UP = (
    "CREATE INDEX ix_influencer_alive_name ON influencer "
    "(display_name COLLATE NOCASE, id, deleted_at, main_followers) WHERE deleted_at IS NULL",
    "CREATE INDEX ix_influencer_alive_followers ON influencer "
    "(main_followers, id, deleted_at) WHERE deleted_at IS NULL",
)
SERVER_UP = (
    'CREATE INDEX ix_influencer_alive_name ON influencer (display_name COLLATE "NOCASE", id) '
    "INCLUDE (main_followers) WHERE deleted_at IS NULL",
    "CREATE INDEX ix_influencer_alive_followers ON influencer "
    "(main_followers DESC NULLS LAST, id DESC) WHERE deleted_at IS NULL",
)
DOWN = (
    "DROP INDEX ix_influencer_alive_name",
    "DROP INDEX ix_influencer_alive_followers",
)


def upgrade() -> None:
    op.drop_index("ix_influencer_deleted_at", table_name="influencer")
    op.create_index(
        "ix_influencer_deleted_at",
        "influencer",
        ["deleted_at"],
        sqlite_where=TRASH,
        postgresql_where=TRASH,
    )
    pg_ddl.run(SERVER_UP if pg_ddl.on_postgresql() else SQLITE_UP)


def downgrade() -> None:
    pg_ddl.run(DOWN)
    op.drop_index("ix_influencer_deleted_at", table_name="influencer")
    op.create_index("ix_influencer_deleted_at", "influencer", ["deleted_at"])
