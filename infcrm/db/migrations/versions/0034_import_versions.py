"""import versions: an import keeps each updated person's version, and where ids stood

Revision ID: 0034
Revises: 0033

Undoing an import decided "edited since" by comparing times written by two computers (the
person's `updated_at` against the batch's `imported_at`), so a teammate whose clock ran behind
had her later edit written over, and one whose clock ran ahead kept a person from being put
back. An "updated" item now keeps the version its person had right after the import
(`version_after`), and the batch the first id each of messages, follow-ups and deals would get
after it (`next_ids`, JSON), so rows added since are told by id. Both stay NULL on imports made
before the upgrade, which are judged by the times as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New columns only: SQLite adds them in place, keeping the tables' AUTOINCREMENT (0007).
    with op.batch_alter_table("import_batch_item", recreate="never") as batch:
        batch.add_column(sa.Column("version_after", sa.Integer(), nullable=True))
    with op.batch_alter_table("import_batch", recreate="never") as batch:
        batch.add_column(sa.Column("next_ids", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batch", recreate="never") as batch:
        batch.drop_column("next_ids")
    with op.batch_alter_table("import_batch_item", recreate="never") as batch:
        batch.drop_column("version_after")
