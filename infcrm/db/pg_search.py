"""The search index on PostgreSQL: the same two indexes as FTS5, in server terms.

`influencer_search.words` is a tsvector of the record's words (diacritics folded by unaccent,
words split as FTS5's unicode61 does: db/pg_ddl.py `infcrm_words`), searched with prefix
queries, so every word typed must start a word of the record. `influencer_part_search.parts`
holds the handles and addresses under a pg_trgm index, so three or more characters match
anywhere in them (ILIKE, as FTS5's trigram tokenizer ignores case).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

# The record's text, gathered as search.py's FTS5 documents gather it (columns joined; the
# accounts in the order of their ids, so an undo that puts them back gives the same entry).
DOCUMENT_TEXT = """concat_ws(' ',
       i.display_name, i.real_name,
       (SELECT string_agg(concat_ws(' ', a.handle, a.label), ' ' ORDER BY a.id)
        FROM social_account a WHERE a.influencer_id = i.id),
       i.email, i.other_emails, i.niches, i.notes, i.brand_fit, i.city, i.country, i.language)"""
DOCUMENT_SELECT = f"""
INSERT INTO influencer_search (rowid, words)
SELECT i.id, infcrm_words({DOCUMENT_TEXT})
FROM influencer i
"""
PART_DOCUMENT_SELECT = """
INSERT INTO influencer_part_search (rowid, parts)
SELECT i.id, concat_ws(' ',
       (SELECT string_agg(concat_ws(' ', a.handle, a.label), ' ' ORDER BY a.id)
        FROM social_account a WHERE a.influencer_id = i.id),
       i.email, i.other_emails)
FROM influencer i
"""

# The people added in this transaction whose entries are still to be made (a temporary table:
# gone with the transaction if it fails).
_STAGED = "search_staged"


def stage_new(conn: Connection, person_ids: list[int]) -> None:
    """Set aside the ids of people just written, for `index_staged`.

    The server makes their entries from the stored rows, as a rebuild does, so only the ids
    travel: the entries come out the same whatever the rows' empty values."""
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_STAGED} (id bigint PRIMARY KEY)")
    if person_ids:
        conn.exec_driver_sql(
            f"INSERT INTO {_STAGED} (id) SELECT unnest(%s::bigint[])", (person_ids,)
        )


def index_staged(conn: Connection) -> None:
    """Add the entries of the people set aside by `stage_new` to both indexes."""
    for document in (DOCUMENT_SELECT, PART_DOCUMENT_SELECT):
        conn.exec_driver_sql(f"{document} WHERE i.id IN (SELECT id FROM {_STAGED})")
    conn.exec_driver_sql(f"DELETE FROM {_STAGED}")


def drop_staged(conn: Connection) -> None:
    """Drop what `stage_new` made."""
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_STAGED}")


def word_ids(key: str) -> str:
    """The people one word (a tsquery bound as `key`) matches: a word of their record, or a
    word of a tag they carry (tag names are few, so their words are read as they are)."""
    query = f"to_tsquery('simple', unaccent(lower(:{key})))"
    return (
        f"SELECT rowid AS id FROM influencer_search WHERE words @@ {query} "
        "UNION SELECT influencer_id FROM influencer_tag WHERE name IN "
        f"(SELECT name FROM tag_search WHERE infcrm_words(name) @@ {query})"
    )


def among(found: str, short: list[str]) -> str:
    """The people of the select `found` whom every short word (tsqueries bound as `short`)
    matches as `word_ids` would: one or two letters that start a word of their record or tag.

    Read from the index, such a word finds most people ("b" of "mia.b": 45,000 of 100,000, in
    70 ms), so the few that the longer words found are checked one by one on their own entry
    and tags instead (@mia.b: 100 → 40 ms at 100,000 people). A longer word is read from the
    index: checking a few thousand people for it one by one is slower than that."""

    def has_word(key: str) -> str:
        # The query in a sub-select, so the server makes it once, not once per person.
        query = f"(SELECT to_tsquery('simple', unaccent(lower(:{key}))))"
        return (
            f"(s.words @@ {query} OR EXISTS (SELECT 1 FROM influencer_tag t "
            "WHERE t.influencer_id = c.id AND t.name = ANY (ARRAY("
            f"SELECT name FROM tag_search WHERE infcrm_words(name) @@ {query}))))"
        )

    # An array's rows are expected few, so each person's entry is then read by id.
    return (
        f"SELECT c.id FROM unnest(ARRAY({found})) AS c(id) "
        "LEFT JOIN influencer_search s ON s.rowid = c.id WHERE "
        + " AND ".join(has_word(key) for key in short)
    )


def part_ids(key: str) -> str:
    """The people whose handles or addresses hold the ILIKE pattern bound as `key`."""
    return f"SELECT rowid AS id FROM influencer_part_search WHERE parts ILIKE :{key}"


def all_of(selects: list[str], operator: str) -> str:
    """One compound select of `selects` joined by `operator`, each wrapped (and named, as
    PostgreSQL wants every sub-select in FROM to be)."""
    return f" {operator} ".join(f"SELECT id FROM ({one}) AS s{n}" for n, one in enumerate(selects))


def words_query(words: list[str]) -> str:
    """A tsquery in which every word must start a word of the record (words are letters and
    digits only, so nothing in them is tsquery syntax)."""
    return " & ".join(f"{word}:*" for word in words)


def part_pattern(term: str) -> str:
    """An ILIKE pattern matching `term` anywhere, its own % and _ taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


__all__ = [
    "DOCUMENT_SELECT",
    "DOCUMENT_TEXT",
    "PART_DOCUMENT_SELECT",
    "all_of",
    "among",
    "drop_staged",
    "index_staged",
    "part_ids",
    "part_pattern",
    "stage_new",
    "word_ids",
    "words_query",
]
