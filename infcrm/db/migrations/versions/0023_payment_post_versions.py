"""payment and post versions: a payment and a recorded post count their changes and are signed

Revision ID: 0023
Revises: 0022

A payment or a post (its link, date and results) edited in two places at once must not be
saved over silently, and a payment deleted must be the one the user saw. Each row gets a
whole-number `version` like people, campaigns and deals (0020): 1 for every row already there,
raised by every write. They also keep who recorded them and who changed them last
(`created_by`, `changed_by`, as 0019 gave people), so a second payment recorded on a deal
can be named before it is doubled ("Ana recorded €200 on this deal at 14:02"). Rows made
before this revision keep NULL there: nobody knows who wrote them. A NOT NULL column with a
constant default and nullable columns without one add no row data on SQLite and only
catalogue entries on PostgreSQL 11 and later.
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the models never change what this did.
TABLES = ("payment", "content")
SIGNED = ("created_by", "changed_by")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
        )
        for column in SIGNED:
            op.add_column(table, sa.Column(column, sa.String(80), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        for column in reversed(SIGNED):
            op.drop_column(table, column)
        op.drop_column(table, "version")
