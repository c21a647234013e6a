"""agreement authors: each agreement version keeps who made it and who changed it last

Revision ID: 0027
Revises: 0026

A team shares one database: a draft saved by Ana while Sam had it open must be shown to Sam
as Ana's ("Ana changed the draft of agreement version 2 …", the column "Ana's version"), not
as someone's. Each version gets `created_by` and `changed_by`, as deals and campaigns have
had since 0026; every later write signs them. Versions made before this revision keep NULL
there: nobody knows who wrote them. Nullable columns without a default add no row data on
SQLite (the sent agreement's triggers stay as they are) and only catalogue entries on
PostgreSQL.
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the models never change what this did.
TABLE = "agreement"
SIGNED = ("created_by", "changed_by")
LONGEST = 80  # characters of a name kept (db/authors.LONGEST when this was written)


def upgrade() -> None:
    for column in SIGNED:
        op.add_column(TABLE, sa.Column(column, sa.String(LONGEST), nullable=True))


def downgrade() -> None:
    for column in reversed(SIGNED):
        op.drop_column(TABLE, column)
