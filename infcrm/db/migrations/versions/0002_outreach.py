"""outreach: interactions, follow-ups and stage history

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("influencer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_influencer_stage_updated", ["stage_id", "updated_at"], unique=False
        )
    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("influencer_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("direction", sa.String(length=10), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=300), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("from_stage_id", sa.Integer(), nullable=True),
        sa.Column("to_stage_id", sa.Integer(), nullable=True),
        sa.Column("source_eml", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["influencer_id"],
            ["influencer.id"],
            name=op.f("fk_interaction_influencer_id_influencer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_stage_id"],
            ["stage.id"],
            name=op.f("fk_interaction_from_stage_id_stage"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["to_stage_id"],
            ["stage.id"],
            name=op.f("fk_interaction_to_stage_id_stage"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interaction_influencer_occurred", ["influencer_id", "occurred_at"], unique=False
        )
        batch_op.create_index("ix_interaction_occurred_at", ["occurred_at"], unique=False)

    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("influencer_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("due_time", sa.Time(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("snoozed_from", sa.Date(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["influencer_id"],
            ["influencer.id"],
            name=op.f("fk_follow_up_influencer_id_influencer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interaction.id"],
            name=op.f("fk_follow_up_interaction_id_interaction"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(
            "ix_follow_up_status_due", ["status", "due_date", "influencer_id"], unique=False
        )
        batch_op.create_index("ix_follow_up_status_done", ["status", "done_at"], unique=False)
        batch_op.create_index(
            "ix_follow_up_influencer_status_due",
            ["influencer_id", "status", "due_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_follow_up_interaction_id"), ["interaction_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_interaction_id"))
        batch_op.drop_index("ix_follow_up_influencer_status_due")
        batch_op.drop_index("ix_follow_up_status_done")
        batch_op.drop_index("ix_follow_up_status_due")
    op.drop_table("follow_up")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_occurred_at")
        batch_op.drop_index("ix_interaction_influencer_occurred")
    op.drop_table("interaction")
    with op.batch_alter_table("influencer", schema=None) as batch_op:
        batch_op.drop_index("ix_influencer_stage_updated")
