"""deal and campaign authors: deals and campaigns keep who made them and who changed them last

Revision ID: 0026
Revises: 0025

A team shares one database: a deal's terms or a campaign saved by Ana while Sam had the form
open must be shown to Sam as Ana's ("Ana changed the deal of …", the column "Ana's
version"), not as someone's. Each row gets `created_by` and `changed_by`, as people have
had since 0019 and payments and posts since 0023; every later write signs them. Rows made
before this revision keep NULL there: nobody knows who wrote them. Nullable columns without
a default add no row data on SQLite and only catalogue entries on PostgreSQL.
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the models never change what this did.
TABLES = ("campaign", "deal")
SIGNED = ("created_by", "changed_by")
LONGEST = 80  # characters of a name kept (db/authors.LONGEST when this was written)


def upgrade() -> None:
    for table in TABLES:
        for column in SIGNED:
            op.add_column(table, sa.Column(column, sa.String(LONGEST), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        for column in reversed(SIGNED):
            op.drop_column(table, column)
