"""record authors: people, follow-ups and interactions keep who created and last changed them

Revision ID: 0019
Revises: 0018

Once a team shares a database, "who did this?" is part of every record. Two nullable text
columns on each of the three tables, filled from the name the app signs its changes with
(db/authors.py); rows made before this revision keep NULL ("before names were kept"), since
nobody knows who wrote them. Adding a nullable column without a default changes nothing
stored, on a file (SQLite only rewrites the table's definition) as on a server.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the models never change what this did.
TABLES = ("influencer", "follow_up", "interaction")
COLUMNS = ("created_by", "changed_by")


def upgrade() -> None:
    for table in TABLES:
        for column in COLUMNS:
            op.add_column(table, sa.Column(column, sa.String(80), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        for column in reversed(COLUMNS):
            op.drop_column(table, column)
