"""band filter indexes: the list's indexes of the living people hold what a rate needs

Revision ID: 0028
Revises: 0027

The engagement band filter compares each person's rate, (average likes + comments) /
followers, with the limits of their own platform and tier. At 100,000 people it read every
row of the influencer table for them (wide rows: notes, addresses), 0.6–0.9 s for each change
of filter. The two indexes of the living people (0025, by name and by followers) now hold the
main platform, average likes and comments as well, so the filter's count and its first
screenful are read from an index alone. Only the figures are in the index: tiers and bands
depend on settings and are still worked out at each query.
"""

from infcrm.db import pg_ddl

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

RATE = "main_platform, main_avg_likes, main_avg_comments"
SQLITE_UP = (
    "CREATE INDEX ix_influencer_alive_name ON influencer (display_name COLLATE NOCASE, id, "
    f"deleted_at, main_followers, {RATE}) WHERE deleted_at IS NULL",
    "CREATE INDEX ix_influencer_alive_followers ON influencer "
    f"(main_followers, id, deleted_at, {RATE}) WHERE deleted_at IS NULL",
)
SERVER_UP = (
    'CREATE INDEX ix_influencer_alive_name ON influencer (display_name COLLATE "NOCASE", id) '
    f"INCLUDE (main_followers, {RATE}) WHERE deleted_at IS NULL",
    "CREATE INDEX ix_influencer_alive_followers ON influencer "
    f"(main_followers DESC NULLS LAST, id DESC) INCLUDE ({RATE}) WHERE deleted_at IS NULL",
)
# As 0025 made them.
SQLITE_DOWN = (
    "CREATE INDEX ix_influencer_alive_name ON influencer "
    "(display_name COLLATE NOCASE, id, deleted_at, main_followers) WHERE deleted_at IS NULL",
    "CREATE INDEX ix_influencer_alive_followers ON influencer "
    "(main_followers, id, deleted_at) WHERE deleted_at IS NULL",
)
SERVER_DOWN = (
    'CREATE INDEX ix_influencer_alive_name ON influencer (display_name COLLATE "NOCASE", id) '
    "INCLUDE (main_followers) WHERE deleted_at IS NULL",
    "CREATE INDEX ix_influencer_alive_followers ON influencer "
    "(main_followers DESC NULLS LAST, id DESC) WHERE deleted_at IS NULL",
)
DROP = (
    "DROP INDEX ix_influencer_alive_name",
    "DROP INDEX ix_influencer_alive_followers",
)


def upgrade() -> None:
    pg_ddl.run(DROP)
    pg_ddl.run(SERVER_UP if pg_ddl.on_postgresql() else SQLITE_UP)


def downgrade() -> None:
    pg_ddl.run(DROP)
    pg_ddl.run(SERVER_DOWN if pg_ddl.on_postgresql() else SQLITE_DOWN)
