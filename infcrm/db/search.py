"""The search index: FTS5 on SQLite, behind the few functions services call.

Services never write dialect-specific SQL; a PostgreSQL port replaces this module's bodies.
The index is a plain FTS5 table whose rowid is the influencer id, refreshed by the services
after each write (it gathers handles and tags from other tables, which triggers could not do
cheaply).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Select, column, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

INDEX_TABLE = "influencer_search"
CREATE_INDEX_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
    "name, handles, emails, niches, tags, notes, places, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)

_DOCUMENT_SELECT = f"""
INSERT INTO {INDEX_TABLE} (rowid, name, handles, emails, niches, tags, notes, places)
SELECT i.id,
       coalesce(i.display_name, '') || ' ' || coalesce(i.real_name, ''),
       (SELECT group_concat(a.handle, ' ') FROM social_account a WHERE a.influencer_id = i.id),
       coalesce(i.email, '') || ' ' || coalesce(i.other_emails, ''),
       coalesce(i.niches, ''),
       (SELECT group_concat(t.name, ' ') FROM influencer_tag t WHERE t.influencer_id = i.id),
       coalesce(i.notes, '') || ' ' || coalesce(i.brand_fit, ''),
       coalesce(i.city, '') || ' ' || coalesce(i.country, '') || ' ' || coalesce(i.language, '')
FROM influencer i
"""

# The same notion of a word as the unicode61 tokenizer: letters and digits, nothing else.
_WORD = re.compile(r"[^\W_]+")
_CHUNK = 500


def match_query(user_text: str) -> str | None:
    """The FTS5 query for what the user typed: every word must start a word in the record."""
    words = _WORD.findall(user_text or "")
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def matching_ids(user_text: str) -> Select | None:
    """A sub-select of the influencer ids matching `user_text`, or None to match everyone."""
    query = match_query(user_text)
    if query is None:
        return None
    return (
        select(column("rowid"))
        .select_from(table(INDEX_TABLE))
        .where(text(f"{INDEX_TABLE} MATCH :search_query").bindparams(search_query=query))
    )


def reindex(session: Session | Connection, influencer_ids: Iterable[int] | None = None) -> None:
    """Refresh the index for these influencers (all of them when `influencer_ids` is None)."""
    if influencer_ids is None:
        session.execute(text(f"DELETE FROM {INDEX_TABLE}"))
        session.execute(text(_DOCUMENT_SELECT))
        return
    ids = list(influencer_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join(str(int(i)) for i in chunk)  # ints only: safe to inline
        session.execute(text(f"DELETE FROM {INDEX_TABLE} WHERE rowid IN ({marks})"))
        session.execute(text(f"{_DOCUMENT_SELECT} WHERE i.id IN ({marks})"))


def forget(session: Session | Connection, influencer_ids: Iterable[int]) -> None:
    """Remove these influencers from the index for good."""
    ids = [int(i) for i in influencer_ids]
    for start in range(0, len(ids), _CHUNK):
        marks = ",".join(map(str, ids[start : start + _CHUNK]))
        session.execute(text(f"DELETE FROM {INDEX_TABLE} WHERE rowid IN ({marks})"))
