"""search initials: the word index also keeps, for every first letter, who has a word that
starts with it

Revision ID: 0031
Revises: 0030

A search word of one letter ("b" in "@mia.b" or "mia b") matches every word of the record
that starts with it. FTS5 answered that by reading and merging the entries of every such word
(45,000 people for "b" at 100,000), even when another word of the search had already narrowed
the answer to a few hundred: 25 ms for "mia"* "b"*. With `prefix = '1'` FTS5 keeps one entry
per first letter beside the words, so the same query steps through the few people "mia"
finds (0.5 ms). Every search finds the same people: it is the same question asked of a copy
of the same words.

FTS5 cannot change a table's options in place, so the index is renamed, made again with the
option, filled with the entries the old one holds (their text as written), and the old one
dropped. A server's search has no such table: nothing to do there.
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the search module never change what this did.
TABLE = "influencer_search"
COLUMNS = "name, handles, emails, niches, notes, places"
OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', columnsize = 0"


def _remake(options: str) -> None:
    old = f"{TABLE}_before_0031"
    op.execute(f"ALTER TABLE {TABLE} RENAME TO {old}")
    op.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}, {options})")
    op.execute(f"INSERT INTO {TABLE} (rowid, {COLUMNS}) SELECT rowid, {COLUMNS} FROM {old}")
    op.execute(f"DROP TABLE {old}")


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        return
    _remake(f"{OPTIONS}, prefix = '1'")


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        return
    _remake(OPTIONS)
