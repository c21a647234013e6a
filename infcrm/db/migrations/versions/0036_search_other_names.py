"""search other names: the list's search finds a person by the names merged into them

Revision ID: 0036
Revises: 0035

A merge keeps the merged-away record's name among the survivor's other names (0035), but the
search index held the name and the real name only: someone who merged “Lena V.” into “Lena
Vogel” and typed “Lena V” found nobody. Each word entry now holds the other names beside the
name (FTS5's `name` column; on a server, after the real name in the words). Only the entries
of people who have other names differ, so only theirs are written again: a merge is the one
thing that gave anyone other names so far, so this is a handful of entries, whatever the size
of the database. The server's check (`stale_words`) compares each entry with the words a save
writes, so after this it finds every entry in step.
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the search module never change what this did.
_NAMED = "i.other_names IS NOT NULL AND i.other_names <> ''"
_FILE_NAME = "coalesce(i.display_name, '') || ' ' || coalesce(i.real_name, '')"
_FILE_UPDATE = f"""
UPDATE influencer_search SET name = (
    SELECT {{name}} FROM influencer i WHERE i.id = influencer_search.rowid)
WHERE rowid IN (SELECT i.id FROM influencer i WHERE {_NAMED})
"""
_SERVER_TEXT = """concat_ws(' ',
       i.display_name, i.real_name, {other_names}
       (SELECT string_agg(concat_ws(' ', a.handle, a.label), ' ' ORDER BY a.id)
        FROM social_account a WHERE a.influencer_id = i.id),
       i.email, i.other_emails, i.niches, i.notes, i.brand_fit, i.city, i.country, i.language)"""
_SERVER_UPDATE = f"""
UPDATE influencer_search s SET words = infcrm_words({{text}})
FROM influencer i WHERE i.id = s.rowid AND {_NAMED}
"""


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        text = _SERVER_TEXT.format(other_names="i.other_names,")
        op.execute(_SERVER_UPDATE.format(text=text))
        return
    name = f"{_FILE_NAME} || ' ' || coalesce(i.other_names, '')"
    op.execute(_FILE_UPDATE.format(name=name))


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        op.execute(_SERVER_UPDATE.format(text=_SERVER_TEXT.format(other_names="")))
        return
    op.execute(_FILE_UPDATE.format(name=_FILE_NAME))
