"""search names: on a server, each word entry holds the person's name and whether they are alive

Revision ID: 0033
Revises: 0032

A search sorted by name (the list's own order) read its matches from the word index, then
looked each one up again in `ix_influencer_alive_id` for the name and whether they are in the
Trash: for the 1,495 people “mia” finds at 100,000, that look-up cost as much as reading the
word index itself. With the name and the flag in the entry, the rows the word index points to
hold all the sort needs (db/pg_search.py `by_name`). A trigger keeps them true whoever
renames, trashes or restores someone; new entries are written with them (`DOCUMENT_SELECT`).
SQLite has nothing to change: its list reads the people's rows in one pass by rowid.
"""

from infcrm.db import pg_ddl

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

SERVER_UP = (
    # Nullable: they are set by the UPDATE below, and every entry since by DOCUMENT_SELECT.
    "ALTER TABLE influencer_search ADD COLUMN name varchar(200), ADD COLUMN alive boolean",
    """UPDATE influencer_search s SET name = i.display_name, alive = i.deleted_at IS NULL
       FROM influencer i WHERE i.id = s.rowid""",
    pg_ddl.SEARCH_NAME_FUNCTION,
    pg_ddl.SEARCH_NAME_TRIGGER,
)
SERVER_DOWN = (
    "DROP TRIGGER influencer_search_name ON influencer",
    "DROP FUNCTION infcrm_search_name()",
    "ALTER TABLE influencer_search DROP COLUMN alive, DROP COLUMN name",
)


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(SERVER_UP)


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(SERVER_DOWN)
