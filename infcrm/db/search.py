"""The search index: FTS5 on SQLite, behind the few functions services call.

Services never write dialect-specific SQL; a PostgreSQL port replaces this module's bodies
(full-text search for words, pg_trgm for the parts of handles and emails).
Two FTS5 tables share the influencer id as rowid, both refreshed by the services after each
write (they gather handles and tags from other tables, which triggers could not do cheaply):
one of words (every word typed must start a word of the record) and one of trigrams over
handles and emails, so any three or more characters of a handle or an address match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import TextClause, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infcrm.db.id_lists import id_table
from infcrm.domain.handles import handle_in_link

INDEX_TABLE = "influencer_search"
PART_TABLE = "influencer_part_search"
CREATE_INDEX_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
    "name, handles, emails, niches, tags, notes, places, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
CREATE_PART_INDEX_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {PART_TABLE} USING fts5("
    "handles, emails, tokenize = 'trigram')"
)

# An account known only by its name (its label) is found by that name, as a handle would be.
_DOCUMENT_SELECT = f"""
INSERT INTO {INDEX_TABLE} (rowid, name, handles, emails, niches, tags, notes, places)
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
_PART_DOCUMENT_SELECT = f"""
INSERT INTO {PART_TABLE} (rowid, handles, emails)
SELECT i.id,
       (SELECT group_concat(coalesce(a.handle || ' ', '') || coalesce(a.label, ''), ' ')
        FROM social_account a WHERE a.influencer_id = i.id),
       coalesce(i.email, '') || ' ' || coalesce(i.other_emails, '')
FROM influencer i
"""

# The same notion of a word as the unicode61 tokenizer: letters and digits, nothing else.
_WORD = re.compile(r"[^\W_]+")
# Trigrams need three characters; shorter pieces are searched as word starts only.
_PART_MIN = 3
_CHUNK = 500
_SEARCH_IDS = "(SELECT id FROM search_ids)"


def _words_query(words: Iterable[str]) -> str:
    """An FTS5 query in which every word must start a word of the record."""
    return " ".join(f'"{word}"*' for word in words)


def match_query(user_text: str) -> str | None:
    """The FTS5 word query for what the user typed: every word must start a word in the record."""
    words = _WORD.findall(user_text or "")
    return _words_query(words) if words else None


def search_terms(user_text: str) -> list[str]:
    """What the user typed or pasted, as terms: a profile link becomes its handle, “@” goes."""
    terms = []
    for piece in (user_text or "").split():
        term = handle_in_link(piece) or piece.lstrip("@")
        if _WORD.search(term):
            terms.append(term)
    return terms


def _part_query(term: str) -> str:
    """An FTS5 trigram query matching `term` anywhere in a handle or an email."""
    return '"' + term.replace('"', '""') + '"'


def matching_ids(user_text: str) -> TextClause | None:
    """A sub-select of the influencer ids matching `user_text`, or None to match everyone.

    Each term must start a word of the record or, from three characters on, appear anywhere
    in a handle or an email address.
    """
    terms = search_terms(user_text)
    if not terms:
        return None
    short = [term for term in terms if len(term) < _PART_MIN]
    long = [term for term in terms if len(term) >= _PART_MIN]
    words_of = f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH "
    parts_of = f"SELECT rowid FROM {PART_TABLE} WHERE {PART_TABLE} MATCH "
    selects: list[str] = []
    params: dict[str, str] = {}
    if short:
        params["search_short"] = _words_query(w for term in short for w in _WORD.findall(term))
        selects.append(words_of + ":search_short")
    for n, term in enumerate(long):
        params[f"search_words_{n}"] = _words_query(_WORD.findall(term))
        params[f"search_part_{n}"] = _part_query(term)
        either = f"{words_of}:search_words_{n} UNION {parts_of}:search_part_{n}"
        # Compound selects group from the left: the first needs no wrapping, later ones do.
        selects.append(either if not selects else f"SELECT rowid FROM ({either})")
    return text(" INTERSECT ".join(selects)).bindparams(**params)


def reindex(
    session: Session | Connection,
    influencer_ids: Iterable[int] | None = None,
    *,
    words_only: bool = False,
) -> None:
    """Refresh the index for these influencers (all of them when `influencer_ids` is None).

    `words_only`: only names, niches, tags, notes or places changed, so the index of handle and
    address parts is left alone (half the work of a bulk tag).
    """
    if influencer_ids is None:
        for table_name, document in (
            (INDEX_TABLE, _DOCUMENT_SELECT),
            (PART_TABLE, _PART_DOCUMENT_SELECT),
        ):
            session.execute(text(f"DELETE FROM {table_name}"))
            session.execute(text(document))
        return
    if isinstance(influencer_ids, range) and influencer_ids.step == 1:
        # People added in one go (an import): one statement per table, not one per chunk.
        bounds = {"first": influencer_ids.start, "last": influencer_ids.stop - 1}
        for table_name, document in (
            (INDEX_TABLE, _DOCUMENT_SELECT),
            (PART_TABLE, _PART_DOCUMENT_SELECT),
        ):
            where = "BETWEEN :first AND :last"
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid {where}"), bounds)
            session.execute(text(f"{document} WHERE i.id {where}"), bounds)
        return
    ids = list(influencer_ids)
    tables = ((INDEX_TABLE, _DOCUMENT_SELECT), (PART_TABLE, _PART_DOCUMENT_SELECT))
    if len(ids) > _CHUNK and isinstance(session, Session):
        # A bulk edit: one pass over a temporary table of ids instead of hundreds of lists.
        id_table(session, "search_ids", ids)
        for table_name, document in tables[: 1 if words_only else 2]:
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid IN {_SEARCH_IDS}"))
            session.execute(text(f"{document} WHERE i.id IN {_SEARCH_IDS}"))
        return
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join(str(int(i)) for i in chunk)  # ints only: safe to inline
        for table_name, document in tables[: 1 if words_only else 2]:
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid IN ({marks})"))
            session.execute(text(f"{document} WHERE i.id IN ({marks})"))


def forget(
    session: Session | Connection, influencer_ids: Iterable[int], *, for_good: bool = False
) -> None:
    """Remove these influencers from the index; `for_good` also drops their words' traces.

    FTS5 records a deletion as a marker in a new segment, keeping the words in older ones
    until segments are merged; merging all of them now (optimize) leaves none behind.
    """
    ids = [int(i) for i in influencer_ids]
    for start in range(0, len(ids), _CHUNK):
        marks = ",".join(map(str, ids[start : start + _CHUNK]))
        for table_name in (INDEX_TABLE, PART_TABLE):
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid IN ({marks})"))
    if for_good and ids:
        for table_name in (INDEX_TABLE, PART_TABLE):
            session.execute(text(f"INSERT INTO {table_name} ({table_name}) VALUES ('optimize')"))
