"""import id runs: an import records the people it created as runs of ids, not one row each

Revision ID: 0016
Revises: 0015

An import of 100,000 people wrote 100,000 `import_batch_item` rows (and two index entries
each) only to remember which ids it created; those ids are consecutive. A "created" item now
covers `influencer_id` to `last_influencer_id`. Older items keep NULL there, which means the
one person `influencer_id`, so an import made before the upgrade still undoes as it was.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new column only: SQLite adds it in place, keeping the table's AUTOINCREMENT (0007).
    with op.batch_alter_table("import_batch_item", recreate="never") as batch:
        batch.add_column(sa.Column("last_influencer_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Each run becomes one row per id again, so an older infcrm undoes the import whole.
    # Portable SQL: a recursive common table expression.
    op.execute(
        """
        WITH RECURSIVE ids(batch_id, influencer_id, last_id) AS (
            SELECT batch_id, influencer_id + 1, last_influencer_id FROM import_batch_item
            WHERE last_influencer_id > influencer_id
            UNION ALL
            SELECT batch_id, influencer_id + 1, last_id FROM ids WHERE influencer_id < last_id
        )
        INSERT INTO import_batch_item (batch_id, influencer_id, action, previous)
        SELECT batch_id, influencer_id, 'created', NULL FROM ids
        """
    )
    # In place too (SQLite 3.35+ drops a column itself): a copy of the table would lose the
    # AUTOINCREMENT that 0007 checks for when the file is upgraded again.
    with op.batch_alter_table("import_batch_item", recreate="never") as batch:
        batch.drop_column("last_influencer_id")
