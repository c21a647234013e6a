"""bulk moves: a bulk stage change is one record, not one timeline row per person

Revision ID: 0022
Revises: 0021

Moving 100,000 people wrote 100,000 stage-change interactions, which cost more than the move
itself and as much again to undo. A bulk move now keeps its people as one packed list of ids
with the stage each came from (domain/id_packs.py); a person's history reads it from there.
Moves already recorded stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bulk_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("to_stage_id", sa.Integer(), nullable=True),
        sa.Column("people_count", sa.Integer(), nullable=False),
        sa.Column("first_person", sa.Integer(), nullable=False),
        sa.Column("last_person", sa.Integer(), nullable=False),
        sa.Column("people", sa.LargeBinary(), nullable=False),
        sa.Column("from_stages", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["to_stage_id"],
            ["stage.id"],
            name=op.f("fk_bulk_move_to_stage_id_stage"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_move")),
        sqlite_autoincrement=True,  # ids are never reused (as every table since 0007)
    )
    op.create_index("ix_bulk_move_first_person", "bulk_move", ["first_person", "last_person"])


def downgrade() -> None:
    op.drop_index("ix_bulk_move_first_person", table_name="bulk_move")
    op.drop_table("bulk_move")
