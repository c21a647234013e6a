"""Asking the search index: FTS5 on SQLite, behind the few functions services call.

Services never write dialect-specific SQL; on PostgreSQL the same functions use the server's
full-text search for words and pg_trgm for the parts of handles and emails (db/pg_search.py).
Two FTS5 tables share the influencer id as rowid, both refreshed by the services after each
write (db/search_index.py, which also says what an entry holds): one of
words (every word typed must start a word of the record) and one of trigrams over handles and
emails, so any three or more characters of a handle or an address match. Tags are words of the
record too, but live apart (migration 0015): a third FTS5 table holds each distinct tag name
once, and `influencer_tag` gives who carries the names a word matches. Tagging 100,000 people
then writes their tag rows and at most one name here, not 100,000 full-text entries. The
word index also keeps who has a word starting with each letter (migration 0031), so a word
of one letter beside longer ones is answered without listing everyone it matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from sqlalchemy import Boolean, ColumnElement, TextClause, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

from infcrm.db import pg_search
from infcrm.db.search_index import INDEX_TABLE, PART_TABLE, TAG_TABLE
from infcrm.domain.handles import handle_in_link

# The same notion of a word as the unicode61 tokenizer: letters and digits, nothing else.
_WORD = re.compile(r"[^\W_]+")
# Trigrams need three characters; shorter pieces are searched as word starts only.
_PART_MIN = 3


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


def _word_ids(key: str) -> str:
    """A select of the people one word (the FTS5 query bound as `key`) matches: a word of
    their record, or a word of a tag they carry."""
    return (
        f"SELECT rowid AS id FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :{key} "
        f"UNION ALL SELECT influencer_id FROM influencer_tag WHERE name IN {_tag_names(key)}"
    )


def _tag_names(key: str) -> str:
    return f"(SELECT name FROM {TAG_TABLE} WHERE {TAG_TABLE} MATCH :{key})"


def _all_words(words: list[str], keys: list[str], params: dict[str, str]) -> str:
    """A select of the people every one of `words` (their FTS5 queries bound as `keys` in
    `params`) matches, each in their record or in a tag they carry.

    A word of one letter starts a word of most records (“b”: 45,000 of 100,000 people), so
    beside a longer word its people are never listed apart. Those with every word in their
    record come from one MATCH of all the words, which steps through the longer word's few
    people in the index of first letters (migration 0031). The others carry a tag that one
    word matches, and match each other word too: they are read from that tag's people — for
    a tag a letter matches, carried by thousands, from the longest word's people instead,
    looking up their tags and letters one person at a time — and checked against the other
    words' people, which are listed only once such a tag has someone to check (`+`: never
    read the other way round).
    """
    if len(words) < 2 or all(len(word) > 1 for word in words):
        return _all_of([_word_ids(key) for key in keys], "INTERSECT")
    every = f"{keys[0]}_all"
    params[every] = _words_query(words)
    parts = [f"SELECT rowid AS id FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :{every}"]
    longest = max(range(len(words)), key=lambda n: len(words[n]))
    for n, key in enumerate(keys):
        others = [other for other in range(len(keys)) if other != n]
        if len(words[n]) == 1 and len(words[longest]) > 1:
            # The longest word's people, a few hundred at most: each is asked whether they
            # carry such a tag, and whether they have each other letter (the index of first
            # letters answers that for one person without listing everyone who has it).
            others.remove(longest)
            column = "w.id"
            asked = [_tagged(column, key)]
            asked += [_has_word(column, keys[other]) for other in others if len(words[other]) == 1]
            others = [other for other in others if len(words[other]) > 1]
            where = " AND ".join(asked)
            tagged = f"SELECT id FROM ({_word_ids(keys[longest])}) AS w WHERE {where}"
        else:
            column = "influencer_id"
            tagged = f"SELECT {column} AS id FROM influencer_tag WHERE name IN {_tag_names(key)}"
        checks = "".join(f" AND +{column} IN ({_word_ids(keys[other])})" for other in others)
        parts.append(tagged + checks)
    return _all_of(parts, "UNION ALL")


def _tagged(column: str, key: str) -> str:
    """Whether the person `column` carries a tag the word bound as `key` matches."""
    return (
        f"EXISTS (SELECT 1 FROM influencer_tag t WHERE t.influencer_id = {column} "
        f"AND t.name IN {_tag_names(key)})"
    )


def _has_word(column: str, key: str) -> str:
    """Whether the person `column` has the word bound as `key`, in the record or a tag."""
    return (
        f"(EXISTS (SELECT 1 FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :{key} "
        f"AND rowid = {column}) OR {_tagged(column, key)})"
    )


def _all_of(selects: list[str], operator: str) -> str:
    """One compound select of `selects` (each of one column `id`) joined by `operator`.

    Compound selects group from the left, so each is wrapped to keep its own meaning."""
    return f" {operator} ".join(f"SELECT id FROM ({one})" for one in selects)


def matching_ids(user_text: str) -> TextClause | None:
    """A sub-select of the influencer ids matching `user_text`, or None to match everyone.

    Each term must start a word of the record (tags included) or, from three characters on,
    appear anywhere in a handle or an email address. A term of several words (“anna-lena”)
    needs each of them. It may give an id more than once: it is only ever asked whether an
    id is among them (IN), and a union that drops doubles sorts every id it gathers.
    """
    terms = search_terms(user_text)
    if not terms:
        return None
    sql, params = _matching(terms)
    clause = MatchingIds(sql).bindparams(**params)
    server_sql, server_params = pg_search.matching(_server_terms(terms))
    clause.server = text(server_sql).bindparams(**server_params)
    clause.finds_few = min(len(term) for term in terms) > 1
    return clause


def _server_terms(terms: list[str]) -> list[tuple[list[str], str | None]]:
    """The terms as db/pg_search.py takes them: each one's words, and the term itself when it
    is long enough to be found inside a handle or an address."""
    return [(_WORD.findall(term), term if len(term) >= _PART_MIN else None) for term in terms]


def ids_by_name_on_server(user_text: str, descending: bool) -> TextClause | None:
    """On a server, the ids of the people outside the Trash that `user_text` matches, in the
    list's order by name, each once (`pg_search.by_name`); None to match everyone. Its values
    are named as `matching_ids`' server values."""
    terms = search_terms(user_text)
    if not terms:
        return None
    sql, params = pg_search.by_name(_server_terms(terms), descending)
    return text(sql).bindparams(**params)


def first_by_name_on_server(user_text: str, descending: bool, limit: int) -> TextClause | None:
    """`ids_by_name_on_server`'s first `limit` ids, each with how many it finds in all
    (`pg_search.first_by_name`); None to match everyone. The same values."""
    terms = search_terms(user_text)
    if not terms:
        return None
    sql, params = pg_search.first_by_name(_server_terms(terms), descending, limit)
    return text(sql).bindparams(**params)


def first_by_followers_on_server(user_text: str, limit: int) -> TextClause | None:
    """On a server, the first `limit` ids of the people outside the Trash that `user_text`
    matches, most followers first, each with how many it finds in all, for a search finding
    most people (`pg_search.first_by_followers`); None to match everyone. The same values."""
    terms = search_terms(user_text)
    if not terms:
        return None
    sql, params = pg_search.first_by_followers(_server_terms(terms), limit)
    return text(sql).bindparams(**params)


def _matching(terms: list[str]) -> tuple[str, dict[str, str]]:
    """The FTS5 sub-select of `matching_ids` and its values."""
    params: dict[str, str] = {}

    def keyed(words: list[str]) -> list[str]:
        keys = []
        for word in words:
            keys.append(f"search_word_{len(params)}")
            params[keys[-1]] = _words_query([word])
        return keys

    short = _WORD.findall(" ".join(term for term in terms if len(term) < _PART_MIN))
    short_keys = keyed(short)
    longer = [term for term in terms if len(term) >= _PART_MIN]
    # A one-letter term beside a longer one (“mia b”) joins the longer term's words, as it
    # would inside the term (“mia.b”): see `_apart_from`.
    joined = bool(longer) and any(len(word) == 1 for word in short)
    selects = [_all_words(short, short_keys, params)] if short and not joined else []
    for n, term in enumerate(longer):
        params[f"search_part_{n}"] = _part_query(term)
        part = f"SELECT rowid AS id FROM {PART_TABLE} WHERE {PART_TABLE} MATCH :search_part_{n}"
        words = _WORD.findall(term)
        keys = keyed(words)
        if joined and n == 0:
            together = _all_words(short + words, short_keys + keys, params)
            apart = _apart_from(part, _all_words(words, keys, params), short_keys)
            selects.append(_all_of([together, apart], "UNION ALL"))
        else:
            selects.append(_all_of([_all_words(words, keys, params), part], "UNION ALL"))
    return _all_of(selects, "INTERSECT"), params


def _apart_from(part: str, words: str, short_keys: list[str]) -> str:
    """The people a longer term finds only inside a handle or an address (`part`, not its
    `words`) who match the short words (`short_keys`) too.

    The short words match the people the term's words find with them (`_all_words` of them
    all); the rest of the term's people are those found inside a handle (“samia.bo” for
    “mia”), most often nobody, so the short words' own people, thousands for a letter, are
    listed only when someone is left to check against them (`+`, as there)."""
    checks = "".join(f" AND +id IN ({_word_ids(key)})" for key in short_keys)
    return f"SELECT id FROM ({part}) WHERE +id NOT IN ({words}){checks}"


class MatchingIds(TextClause):
    """The FTS5 sub-select, written in PostgreSQL's terms when compiled for a server.

    Both texts and their values are part of what SQLAlchemy keys its compiled statements
    by, so a list query with a search is compiled once per shape of search (which terms,
    how long) and then reused with each search's own values: compiling it every time cost
    a third of a millisecond per search, as much as a quarter of the raw word query.
    """

    _traverse_internals: ClassVar = [
        *TextClause._traverse_internals,
        ("server", InternalTraversal.dp_clauseelement),
        ("finds_few", InternalTraversal.dp_boolean),
    ]
    inherit_cache = True
    server: TextClause  # the same sub-select in PostgreSQL's terms, with its own values
    finds_few = False  # no one-letter term, which alone finds most people


@compiles(MatchingIds, "postgresql")
def _matching_on_server(element: MatchingIds, compiler, **kw) -> str:
    return compiler.process(element.server, **kw)


def matches(
    column: ColumnElement[int], user_text: str, ids: MatchingIds | None = None
) -> ColumnElement[bool] | None:
    """The condition that `column` (an influencer id) is one that `user_text` matches (see
    `matching_ids`; `ids`: its answer, if already asked), or None to match everyone."""
    if ids is None:
        ids = matching_ids(user_text)
    return None if ids is None else _IdIn(column, ids)


def shape_of(ids: MatchingIds) -> tuple[str, str, bool]:
    """What a statement holding the sub-select `ids` is made of, without the search's values:
    two searches of the same shape differ only in `values_of`."""
    return ids.text, ids.server.text, ids.finds_few


def values_of(ids: MatchingIds) -> dict[str, object]:
    """The values the sub-select `ids` binds, on both backends, by name (the file's
    `search_…` and the server's `server_…`)."""
    values = {name: bound.value for name, bound in ids._bindparams.items()}
    values.update((name, bound.value) for name, bound in ids.server._bindparams.items())
    return values


class _IdIn(ColumnElement[bool]):
    """`column IN (the matching ids)`, in the form each backend answers fastest."""

    _traverse_internals: ClassVar = [
        ("column", InternalTraversal.dp_clauseelement),
        ("ids", InternalTraversal.dp_clauseelement),
    ]
    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a condition in itself, not a value to compare with 1

    def __init__(self, column: ColumnElement[int], ids: MatchingIds) -> None:
        self.column, self.ids = column, ids


@compiles(_IdIn)
def _id_in(element: _IdIn, compiler, **kw) -> str:
    return compiler.process(element.column.in_(element.ids), **kw)


@compiles(_IdIn, "postgresql")
def _id_in_on_server(element: _IdIn, compiler, **kw) -> str:
    # The planner cannot tell how many people a search finds and guesses thousands, so with
    # IN it read the whole people table to join them: 160 ms at 100,000 people for the 1,500
    # that "mi" finds. Against an array, the ids are looked up in the primary key in one
    # pass, in its order ("bakes", 5,000 people: 45 → 18 ms, where a join looking each one
    # up from an unnested array spent 30 ms). A one-letter term finds most people, for whom
    # reading the table whole is cheaper.
    column = compiler.process(element.column, **kw)
    ids = compiler.process(element.ids, **kw)
    if element.ids.finds_few:
        return f"{column} = ANY (ARRAY({ids}))"
    return f"{column} IN ({ids})"
