"""part search: a trigram index over handles and emails, so any part of them is found

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the search module never change what this did.
CREATE_PART_INDEX = (
    "CREATE VIRTUAL TABLE influencer_part_search USING fts5(handles, emails, tokenize = 'trigram')"
)
FILL_PART_INDEX = """
INSERT INTO influencer_part_search (rowid, handles, emails)
SELECT i.id,
       (SELECT group_concat(a.handle, ' ') FROM social_account a WHERE a.influencer_id = i.id),
       coalesce(i.email, '') || ' ' || coalesce(i.other_emails, '')
FROM influencer i
"""


def upgrade() -> None:
    if pg_ddl.on_postgresql():  # filled by the search module, as every write refreshes it
        pg_ddl.run(pg_ddl.REVISION_0005)
        return
    op.execute(CREATE_PART_INDEX)
    op.execute(FILL_PART_INDEX)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS influencer_part_search")
