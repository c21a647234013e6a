"""big figures: follower counts and other audience figures past 2,147,483,647 on a server

Revision ID: 0018
Revises: 0017

The largest accounts have billions of followers and a viral post billions of views. SQLite's
INTEGER holds 64 bits whatever the declared type, so a file stores them already and this
revision leaves it as it is. A PostgreSQL server's `integer` holds 32 bits and refused such a
figure; every audience figure becomes `bigint` there (its indexes are rebuilt with it). The
trigger copying the main account's figures names some of them (UPDATE OF), which the server
refuses to retype under it: it is made again, the same, around the change.
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the models never change what this did.
FIGURES = {
    "influencer": ("main_followers", "main_avg_likes", "main_avg_comments"),
    "social_account": ("followers", "avg_likes", "avg_comments", "avg_views"),
    "metric_snapshot": ("followers", "avg_likes", "avg_comments", "avg_views"),
    "content": (
        "likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions",
    ),
}  # fmt: skip


def _retype(sql_type: str) -> None:
    if not pg_ddl.on_postgresql():
        return
    op.execute("DROP TRIGGER social_account_main_update ON social_account")
    for table, columns in FIGURES.items():
        changes = ", ".join(f"ALTER COLUMN {column} TYPE {sql_type}" for column in columns)
        op.execute(f"ALTER TABLE {table} {changes}")
    op.execute(pg_ddl.MAIN_UPDATE_TRIGGER)


def upgrade() -> None:
    _retype("bigint")


def downgrade() -> None:
    # Refused by the server, naming the value, while any figure is past integer's range.
    _retype("integer")
