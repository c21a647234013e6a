"""initial

Revision ID: 0001
Revises:
Create Date: 2026-11-22 04:00:32.335614
"""

import sqlalchemy as sa
from alembic import op

from infcrm.db import pg_ddl

# The FTS5 table of this schema version, spelled out so later changes to the search module
# never change what this migration did.
CREATE_SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE influencer_search USING fts5("
    "name, handles, emails, niches, tags, notes, places, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
# The main account's figures are copied onto influencer so the list sorts and filters one
# table; the database keeps the copy true whoever writes (forms, imports, bulk inserts).
MAIN_ACCOUNT_TRIGGERS = (
    """CREATE TRIGGER social_account_main_insert AFTER INSERT ON social_account
    WHEN NEW.is_primary = 1
    BEGIN
        UPDATE influencer SET main_platform = NEW.platform, main_handle = NEW.handle,
            main_followers = NEW.followers, main_avg_likes = NEW.avg_likes,
            main_avg_comments = NEW.avg_comments
        WHERE id = NEW.influencer_id;
    END""",
    """CREATE TRIGGER social_account_main_update AFTER UPDATE OF
        influencer_id, is_primary, platform, handle, followers, avg_likes, avg_comments
    ON social_account
    BEGIN
        UPDATE influencer SET
            (main_platform, main_handle, main_followers, main_avg_likes, main_avg_comments) =
            (SELECT platform, handle, followers, avg_likes, avg_comments FROM social_account
             WHERE influencer_id = influencer.id AND is_primary = 1)
        WHERE id IN (OLD.influencer_id, NEW.influencer_id);
    END""",
    """CREATE TRIGGER social_account_main_delete AFTER DELETE ON social_account
    WHEN OLD.is_primary = 1
    BEGIN
        UPDATE influencer SET main_platform = NULL, main_handle = NULL, main_followers = NULL,
            main_avg_likes = NULL, main_avg_comments = NULL
        WHERE id = OLD.influencer_id;
    END""",
)
SEED_STAGES = [
    ("Prospect", False),
    ("Contacted", False),
    ("In talks", False),
    ("Agreed", False),
    ("Content live", False),
    ("Completed", False),
    ("Declined", True),
    ("Not a fit", True),
]

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.PREREQUISITES_0001)
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_closed", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage")),
        sa.UniqueConstraint("name", name=op.f("uq_stage_name")),
    )
    op.create_table(
        "influencer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("real_name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("other_emails", sa.Text(), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("language", sa.String(length=50), nullable=True),
        sa.Column("niches", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("found_via", sa.String(length=30), nullable=False),
        sa.Column("found_detail", sa.String(length=200), nullable=True),
        sa.Column("stage_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=100), nullable=True),
        sa.Column("brand_fit", sa.Text(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("do_not_contact", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("main_platform", sa.String(length=20), nullable=True),
        sa.Column("main_handle", sa.String(length=200), nullable=True),
        sa.Column("main_followers", sa.Integer(), nullable=True),
        sa.Column("main_avg_likes", sa.Integer(), nullable=True),
        sa.Column("main_avg_comments", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "rating IS NULL OR (rating BETWEEN 0 AND 5)", name=op.f("ck_influencer_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["stage.id"], name=op.f("fk_influencer_stage_id_stage")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_influencer")),
    )
    with op.batch_alter_table("influencer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_influencer_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_influencer_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_influencer_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_influencer_main_followers"), ["main_followers"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_influencer_stage_id"), ["stage_id"], unique=False)

    op.create_table(
        "influencer_tag",
        sa.Column("influencer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60, collation="NOCASE"), nullable=False),
        sa.ForeignKeyConstraint(
            ["influencer_id"],
            ["influencer.id"],
            name=op.f("fk_influencer_tag_influencer_id_influencer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("influencer_id", "name", name=op.f("pk_influencer_tag")),
    )
    with op.batch_alter_table("influencer_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_influencer_tag_name"), ["name"], unique=False)

    op.create_table(
        "social_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("influencer_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("handle", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=True),
        sa.Column("avg_likes", sa.Integer(), nullable=True),
        sa.Column("avg_comments", sa.Integer(), nullable=True),
        sa.Column("avg_views", sa.Integer(), nullable=True),
        sa.Column("posts_per_week", sa.Float(), nullable=True),
        sa.Column("audience_countries", sa.String(length=200), nullable=True),
        sa.Column("audience_gender", sa.String(length=100), nullable=True),
        sa.Column("audience_age", sa.String(length=100), nullable=True),
        sa.Column("audience_notes", sa.Text(), nullable=True),
        sa.Column("authenticity", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "authenticity IS NULL OR (authenticity BETWEEN 0 AND 100)",
            name=op.f("ck_social_account_authenticity_range"),
        ),
        sa.CheckConstraint(
            "followers IS NULL OR followers >= 0",
            name=op.f("ck_social_account_followers_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["influencer_id"],
            ["influencer.id"],
            name=op.f("fk_social_account_influencer_id_influencer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_account")),
        sa.UniqueConstraint("platform", "handle", name="uq_social_account_platform_handle"),
    )
    with op.batch_alter_table("social_account", schema=None) as batch_op:
        batch_op.create_index("ix_social_account_followers", ["followers"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_social_account_influencer_id"), ["influencer_id"], unique=False
        )
        batch_op.create_index(
            "uq_social_account_primary",
            ["influencer_id"],
            unique=True,
            sqlite_where=sa.text("is_primary = 1"),
            postgresql_where=sa.text("is_primary"),
        )

    op.create_table(
        "metric_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=True),
        sa.Column("avg_likes", sa.Integer(), nullable=True),
        sa.Column("avg_comments", sa.Integer(), nullable=True),
        sa.Column("avg_views", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["social_account.id"],
            name=op.f("fk_metric_snapshot_account_id_social_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_snapshot")),
    )
    with op.batch_alter_table("metric_snapshot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_metric_snapshot_account_id"), ["account_id"], unique=False
        )

    with op.batch_alter_table("influencer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_influencer_name_nocase", [sa.text("display_name COLLATE NOCASE")], unique=False
        )
        batch_op.create_index(
            "ix_influencer_email_nocase", [sa.text("email COLLATE NOCASE")], unique=False
        )
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.REVISION_0001)
    else:
        op.execute(CREATE_SEARCH_INDEX)
        for trigger in MAIN_ACCOUNT_TRIGGERS:
            op.execute(trigger)
    stage = sa.table(
        "stage",
        sa.column("name", sa.String),
        sa.column("position", sa.Integer),
        sa.column("is_closed", sa.Boolean),
        sa.column("archived", sa.Boolean),
    )
    op.bulk_insert(
        stage,
        [
            {"name": name, "position": i, "is_closed": closed, "archived": False}
            for i, (name, closed) in enumerate(SEED_STAGES)
        ],
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS influencer_search")
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.DOWN_0001)
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS social_account_main_{name}")
    with op.batch_alter_table("metric_snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_metric_snapshot_account_id"))

    op.drop_table("metric_snapshot")
    with op.batch_alter_table("social_account", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_social_account_primary",
            sqlite_where=sa.text("is_primary = 1"),
            postgresql_where=sa.text("is_primary"),
        )
        batch_op.drop_index(batch_op.f("ix_social_account_influencer_id"))
        batch_op.drop_index("ix_social_account_followers")

    op.drop_table("social_account")
    with op.batch_alter_table("influencer_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_influencer_tag_name"))

    op.drop_table("influencer_tag")
    with op.batch_alter_table("influencer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_influencer_stage_id"))
        batch_op.drop_index(batch_op.f("ix_influencer_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_influencer_created_at"))
        batch_op.drop_index(batch_op.f("ix_influencer_country"))

    op.drop_table("influencer")
    op.drop_table("stage")
    op.drop_table("setting")
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.DOWN_0001_PREREQUISITES)
