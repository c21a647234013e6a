"""search without sizes: the two search indexes stop recording each entry's word counts

Revision ID: 0024
Revises: 0023

FTS5 keeps, beside every entry, how many words each of its columns holds (the `_docsize`
table), for ranking by relevance (bm25) and nothing else. infcrm never ranks by relevance: a
search only says who matches, and the list keeps its own order. Each new person cost one more
row written per index (an eighth of an import's indexing at 100,000 people, measured with
tests/perf/import_timings.py) for nothing read. `columnsize=0` leaves it out; every query
infcrm makes (word starts, parts of handles and addresses) answers the same.

FTS5 cannot change a table's options in place, so each index is renamed, made again with
the option, filled with the entries the old one holds (their text is kept as written, so
nothing is searched differently, whatever code wrote them), and the old one dropped. A
server's search has no such table: nothing to do there.
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# Spelled out here so later changes to the search module never change what this did.
WORD_COLUMNS = "name, handles, emails, niches, notes, places"
PART_COLUMNS = "handles, emails"
WORD_TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"
PART_TOKENIZER = "tokenize = 'trigram'"
INDEXES = (
    ("influencer_search", WORD_COLUMNS, WORD_TOKENIZER),
    ("influencer_part_search", PART_COLUMNS, PART_TOKENIZER),
)


def _remake(options: str) -> None:
    """Each search index made again with `options` after its tokenizer, same entries."""
    for table, columns, tokenizer in INDEXES:
        old = f"{table}_before_0024"
        op.execute(f"ALTER TABLE {table} RENAME TO {old}")
        op.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, {tokenizer}{options})")
        op.execute(f"INSERT INTO {table} (rowid, {columns}) SELECT rowid, {columns} FROM {old}")
        op.execute(f"DROP TABLE {old}")


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        return
    _remake(", columnsize = 0")


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        return
    _remake("")
