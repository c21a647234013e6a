"""record versions: people, campaigns and deals count their changes

Revision ID: 0020
Revises: 0019

Once two people (or two windows, or the command line beside the app) edit the same database,
a form saved over a record that changed since it was opened would silently undo the other
change. Each editable record gets a whole-number `version`, 1 for every row already there,
that every write raises by one; a save names the version it was made from and is refused
when the row has moved on (see services/edit_conflicts.py). A NOT NULL column with a
constant default adds no row data on SQLite and only a catalogue entry on PostgreSQL 11 and
later, so the upgrade costs nothing at 100,000 people on either backend.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the models never change what this did.
TABLES = ("influencer", "campaign", "deal")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_column(table, "version")
