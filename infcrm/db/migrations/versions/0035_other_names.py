"""other names: a person keeps the names of the records merged into them

Revision ID: 0035
Revises: 0034

Merging two people kept the other record's email as one of the survivor's other emails, but
its name only in the notes, so importing again a list where that record had a name and
nothing else brought it back as a new person. `influencer.other_names` keeps those names
(separated by “; ”), which an import matches as it matches a name. NULL for everyone until a
merge writes it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new column only: SQLite adds it in place, keeping the table's AUTOINCREMENT (0007).
    with op.batch_alter_table("influencer", recreate="never") as batch:
        batch.add_column(sa.Column("other_names", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("influencer", recreate="never") as batch:
        batch.drop_column("other_names")
