"""faster bulk edits: tags get an index of their own; one redundant stage index goes

Revision ID: 0015
Revises: 0014

Tags were a column of each person's word index, so tagging 100,000 people rewrote 100,000
full-text entries (most of a bulk tag's time). Now the word index holds no tags; an index of
the distinct tag names finds the names a typed word starts, and `influencer_tag` (already
indexed by name) gives the people who carry them. Tagging someone writes their tag row only.

`ix_influencer_stage_id` repeated the first column of `ix_influencer_stage_updated` (0002),
which serves every lookup by stage as well; each stage change paid for both (a quarter of the
UPDATE of a bulk stage change of 100,000 people).
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the search module never change what this did.
CREATE_WORD_INDEX = (
    "CREATE VIRTUAL TABLE influencer_search USING fts5("
    "name, handles, emails, niches, notes, places, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
FILL_WORD_INDEX = """
INSERT INTO influencer_search (rowid, name, handles, emails, niches, notes, places)
SELECT i.id,
       coalesce(i.display_name, '') || ' ' || coalesce(i.real_name, ''),
       (SELECT group_concat(coalesce(a.handle || ' ', '') || coalesce(a.label, ''), ' ')
        FROM social_account a WHERE a.influencer_id = i.id),
       coalesce(i.email, '') || ' ' || coalesce(i.other_emails, ''),
       coalesce(i.niches, ''),
       coalesce(i.notes, '') || ' ' || coalesce(i.brand_fit, ''),
       coalesce(i.city, '') || ' ' || coalesce(i.country, '') || ' ' || coalesce(i.language, '')
FROM influencer i
"""
CREATE_TAG_INDEX = (
    "CREATE VIRTUAL TABLE tag_search USING fts5(name, tokenize = 'unicode61 remove_diacritics 2')"
)
# One entry per tag name whatever its case (tags compare without case).
FILL_TAG_INDEX = "INSERT INTO tag_search (name) SELECT name FROM influencer_tag GROUP BY name"

# The index as 0001 made it, for a downgrade.
CREATE_OLD_WORD_INDEX = (
    "CREATE VIRTUAL TABLE influencer_search USING fts5("
    "name, handles, emails, niches, tags, notes, places, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
FILL_OLD_WORD_INDEX = """
INSERT INTO influencer_search (rowid, name, handles, emails, niches, tags, notes, places)
SELECT i.id,
       coalesce(i.display_name, '') || ' ' || coalesce(i.real_name, ''),
       (SELECT group_concat(coalesce(a.handle || ' ', '') || coalesce(a.label, ''), ' ')
        FROM social_account a WHERE a.influencer_id = i.id),
       coalesce(i.email, '') || ' ' || coalesce(i.other_emails, ''),
       coalesce(i.niches, ''),
       (SELECT group_concat(t.name, ' ') FROM influencer_tag t WHERE t.influencer_id = i.id),
       coalesce(i.notes, '') || ' ' || coalesce(i.brand_fit, ''),
       coalesce(i.city, '') || ' ' || coalesce(i.country, '') || ' ' || coalesce(i.language, '')
FROM influencer i
"""


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.REVISION_0015)
        return
    op.execute("DROP TABLE influencer_search")
    op.execute(CREATE_WORD_INDEX)
    op.execute(FILL_WORD_INDEX)
    op.execute(CREATE_TAG_INDEX)
    op.execute(FILL_TAG_INDEX)
    op.drop_index("ix_influencer_stage_id", table_name="influencer")


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.DOWN_0015)
        return
    op.create_index("ix_influencer_stage_id", "influencer", ["stage_id"], unique=False)
    op.execute("DROP TABLE IF EXISTS tag_search")
    op.execute("DROP TABLE influencer_search")
    op.execute(CREATE_OLD_WORD_INDEX)
    op.execute(FILL_OLD_WORD_INDEX)
