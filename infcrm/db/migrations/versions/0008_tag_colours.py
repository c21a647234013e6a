"""tag colours: a colour per tag name, for the tag manager

Revision ID: 0008
Revises: 0007

Tags stay rows of `influencer_tag` (one per person and tag); this table only holds what
belongs to a tag itself. A tag without a row here has no colour.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag",
        sa.Column("name", sa.String(length=60, collation="NOCASE"), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_tag")),
    )


def downgrade() -> None:
    op.drop_table("tag")
