"""outreach templates: reusable emails and direct messages with {placeholders}

Revision ID: 0011
Revises: 0010

Two starter templates come with the table, so Compose has something to offer on the first
day; the user edits or deletes them like their own.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

STARTERS = (
    (
        "First email",
        "email",
        "A little something for {influencer_name}",
        "Hi {first_name},\n\n"
        "we love what you share and think our products would suit your audience.\n\n"
        "Would you like to try them? We would send you a box free of charge, with no "
        "obligation to post.\n"
        "If you do post, we would be glad to see {hashtags}.\n\n"
        "Just reply to this email and we will tell you more.\n\n"
        "{signature}",
    ),
    (
        "First DM",
        "dm",
        None,
        "Hi {first_name}! We love your posts and would like to send you something of ours to "
        "try, free and with no strings attached. Interested? Reply here and we will tell you "
        "more.\n{signature}",
    ),
)


def upgrade() -> None:
    table = op.create_table(
        "outreach_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100, collation="NOCASE"), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_template")),
        sa.UniqueConstraint("name", name=op.f("uq_outreach_template_name")),
        sqlite_autoincrement=True,
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        table,
        [
            {"name": n, "kind": k, "subject": s, "body": b, "created_at": now, "updated_at": now}
            for n, k, s, b in STARTERS
        ],
    )


def downgrade() -> None:
    op.drop_table("outreach_template")
