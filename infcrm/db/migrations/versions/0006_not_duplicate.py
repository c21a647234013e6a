"""not a duplicate: pairs of people the user said are different, so the finder stops offering them

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "not_duplicate",
        sa.Column("influencer_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("influencer_id < other_id", name=op.f("ck_not_duplicate_ordered_pair")),
        sa.ForeignKeyConstraint(
            ["influencer_id"],
            ["influencer.id"],
            name=op.f("fk_not_duplicate_influencer_id_influencer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["influencer.id"],
            name=op.f("fk_not_duplicate_other_id_influencer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("influencer_id", "other_id", name=op.f("pk_not_duplicate")),
    )
    with op.batch_alter_table("not_duplicate") as batch:
        batch.create_index(op.f("ix_not_duplicate_other_id"), ["other_id"])


def downgrade() -> None:
    op.drop_table("not_duplicate")
