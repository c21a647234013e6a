"""agreement edit versions: an agreement draft counts its changes too

Revision ID: 0021
Revises: 0020

Like people, campaigns and deals (0020), a draft agreement edited in two places at once must
not be saved over silently. The agreement's own `version` is already its number in the deal's
history (version 2 replaces version 1), so the count of its saves is another column,
`edit_version`: 1 for every row already there, raised by every write. A NOT NULL column with a
constant default adds no row data on SQLite and only a catalogue entry on PostgreSQL 11 and
later; the triggers that freeze a sent version's text do not look at it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "agreement",
        sa.Column("edit_version", sa.Integer(), nullable=False, server_default=sa.text("1")),
    )


def downgrade() -> None:
    op.drop_column("agreement", "edit_version")
