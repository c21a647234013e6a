"""The search index on PostgreSQL: the same two indexes as FTS5, in server terms.

`influencer_search.words` is a tsvector of the record's words (diacritics folded by unaccent,
words split as FTS5's unicode61 does: db/pg_ddl.py `infcrm_words`), searched with prefix
queries, so every word typed must start a word of the record. `influencer_part_search.parts`
holds the handles and addresses under a pg_trgm index, so three or more characters match
anywhere in them (ILIKE, as FTS5's trigram tokenizer ignores case); `inner_parts`, the same
text without the first character of each piece, has a pg_trgm index of its own (`matching`).
Each word entry also holds the person's name and whether they are alive (migration 0033), so
a search sorted by name reads them where the word index points (`by_name`).
"""

from __future__ import annotations

import re

from sqlalchemy.engine import Connection

# The record's text, gathered as search.py's FTS5 documents gather it (columns joined; the
# accounts in the order of their ids, so an undo that puts them back gives the same entry;
# the other names beside the names, migration 0036).
DOCUMENT_TEXT = """concat_ws(' ',
       i.display_name, i.real_name, i.other_names,
       (SELECT string_agg(concat_ws(' ', a.handle, a.label), ' ' ORDER BY a.id)
        FROM social_account a WHERE a.influencer_id = i.id),
       i.email, i.other_emails, i.niches, i.notes, i.brand_fit, i.city, i.country, i.language)"""
# With the person's name and whether they are alive, which a search sorted by name reads
# from the entry (migration 0033, `by_name`).
DOCUMENT_SELECT = f"""
INSERT INTO influencer_search (rowid, words, name, alive)
SELECT i.id, infcrm_words({DOCUMENT_TEXT}), i.display_name, i.deleted_at IS NULL
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


def index_new(conn: Connection, people: range) -> None:
    """Add the entries of the people just written with the ids `people` to both indexes,
    made from the stored rows as a rebuild makes them."""
    for document in (DOCUMENT_SELECT, PART_DOCUMENT_SELECT):
        conn.exec_driver_sql(
            f"{document} WHERE i.id BETWEEN %s AND %s", (people.start, people.stop - 1)
        )


# Words shorter than this are not read from the word index: one or two letters start a word
# of most people's records ("b" of "mia.b": 45,000 of 100,000, in 70 ms).
_INDEXED_FROM = 3
# What separates the pieces of handles and addresses (an @handle, a dotted name, an email),
# each also a separator of words where the entries are made (`infcrm_words`). Migration 0029
# spells the same set out for `inner_parts`: the pieces without their first character.
_SEPARATORS = " .@_+-"
_STARTS = f"(^|[{_SEPARATORS}])"  # the hyphen last: a character, not a range


def _tsquery(key: str) -> str:
    return f"to_tsquery('simple', unaccent(lower(:{key})))"


def _tag_names(key: str) -> str:
    """The tag names one of whose words the tsquery bound as `key` matches (tag names are
    few, so their words are read as they are)."""
    return f"SELECT name FROM tag_search WHERE infcrm_words(name) @@ {_tsquery(key)}"


def _tagged(key: str) -> str:
    """The people carrying a tag one of whose words the tsquery bound as `key` matches."""
    return f"SELECT influencer_id FROM influencer_tag WHERE name IN ({_tag_names(key)})"


def _has_word(person: str, key: str) -> str:
    """Whether the person (id `person`, word entry `s`) has a word of their record or of a
    tag they carry that the tsquery bound as `key` matches, checked on their own row (the OR
    with the tags keeps the server from reading a short word from the word index).

    The tags are looked up for each person checked, among their own (the primary key of
    influencer_tag starts with the person): an IN over everyone carrying a matching tag
    gathered them all first, 11,900 people for the "b" of "@mia.b" (“gifted-before”), 13 of
    its 24 ms, to check the 740 whose record has no word starting with b.
    """
    # The query and the tag names in sub-selects, so the server makes each once, not once
    # per row; with no tag name matching, the look-up ends before reading the index.
    return (
        f"(s.words @@ (SELECT {_tsquery(key)}) OR EXISTS (SELECT FROM influencer_tag t "
        f"WHERE t.influencer_id = {person} AND t.name = ANY (ARRAY({_tag_names(key)})) OFFSET 0))"
    )


def _inside(n: int, part: str, params: dict[str, str]) -> str:
    """The people whose handles or addresses hold the term `part` (the `n`th, its pattern
    bound as `server_part_{n}`) somewhere other than where a piece starts.

    Without separators the term lies within one piece, so found in `inner_parts` it is found
    past a piece's start: read from that column's own index. A term spanning pieces ("a.bak")
    is looked for in the whole text, and those holding it only where a piece starts are left out.
    """
    if any(mark in part for mark in _SEPARATORS):
        params[f"server_start_{n}"] = _STARTS + re.sub(r"(\W)", r"\\\1", part)
        return (
            f"SELECT rowid FROM influencer_part_search WHERE parts ILIKE :server_part_{n} "
            f"AND parts !~* :server_start_{n}"
        )
    return f"SELECT rowid FROM influencer_part_search WHERE inner_parts ILIKE :server_part_{n}"


def matching(terms: list[tuple[list[str], str | None]]) -> tuple[str, dict[str, str]]:
    """The sub-select of the people every term matches (some perhaps twice), and its values
    (see `_found`)."""
    every_word, others, params = _found(terms)
    selects = [f"SELECT s.rowid AS id FROM influencer_search s WHERE {every_word}", *others]
    # UNION ALL: a person found twice is harmless to the membership test the ids serve
    # (`search.matches`), and leaving them in saves hashing every match to drop the doubles
    # ("bakes", 5,000 people at 100,000: 11 → 8.5 ms of server time).
    return " UNION ALL ".join(selects), params


def by_name(
    terms: list[tuple[list[str], str | None]], descending: bool
) -> tuple[str, dict[str, str]]:
    """The ids of the people outside the Trash every term matches, each once, in the list's
    order by name (ties by id), and the values: the same values as `matching`'s.

    The name and whether someone is alive are read from their word entry (migration 0033):
    those whose record holds every word come with them from the rows the word index points
    to, where looking each match up in the people's index cost as much as the index read
    ("mia", 1,495 people at 100,000: 5.2 → 3.6 ms of the server's CPU); those found
    otherwise are looked up in that index as before.
    """
    found, params = _found_with_names(terms)
    return f"SELECT id FROM ({found}) AS found {_by_name_order(descending)}", params


def first_by_name(
    terms: list[tuple[list[str], str | None]], descending: bool, limit: int
) -> tuple[str, dict[str, str]]:
    """`by_name`'s first `limit` ids, each with how many people it finds in all, and the
    same values: what a keystroke in the search box waits for (the rest are read after).

    The matches are set down once (MATERIALIZED), counted there and only the first `limit`
    sorted out, as the file's search does: sending every match in order cost the server a
    full sort and the list a read of every id ("m", 68,146 people at 100,000).
    """
    found, params = _found_with_names(terms)
    return (
        f"WITH found AS MATERIALIZED ({found}) SELECT id, (SELECT count(*) FROM found) "
        f"FROM found {_by_name_order(descending)} LIMIT {int(limit)}"
    ), params


def _by_name_order(descending: bool) -> str:
    way = " DESC" if descending else ""
    return f'ORDER BY name COLLATE "NOCASE"{way}, id{way}'


def _found_with_names(terms: list[tuple[list[str], str | None]]) -> tuple[str, dict[str, str]]:
    """The select of `by_name`'s matches (`id`, `name`), each once, and its values."""
    every_word, others, params = _found(terms)
    found = f"SELECT s.rowid AS id, s.name FROM influencer_search s WHERE s.alive AND {every_word}"
    if others:
        # Found inside a handle or through a tag, thousands at times ("akes": 10,000): looked
        # up in the living people's index of names (migration 0030), which answers from the
        # index alone, where the word entries' rows are wide (their words).
        found += (
            " UNION SELECT i.id, i.display_name FROM influencer i WHERE i.deleted_at IS NULL "
            f"AND i.id = ANY (ARRAY({' UNION ALL '.join(others)}))"
        )
    return found, params


def _found(
    terms: list[tuple[list[str], str | None]],
) -> tuple[str, list[str], dict[str, str]]:
    """Who every term matches: the condition on a word entry `s` of those whose record holds
    every word, the selects of the others (ids, some perhaps twice), and their values.

    `terms`: each term's words, and the term itself when it also matches anywhere in a
    handle or an address (three characters or more). A term matches a person when each of
    its words starts a word of their record or of a tag they carry, or when it appears in
    their handles or addresses. The values are named `server_…`, apart from the file's
    `search_…`: search.py keeps both sub-selects in one statement, and SQLAlchemy matches a
    kept compiled statement's values to a new one's by name.

    Gathered term by term and intersected, “berlin vegan” read the thousands of people each
    term finds to keep a few hundred (10.7× the raw word query at 100,000 people). Here the
    people whose record holds every word come from one read of the word index, as the raw
    query does. The only others who can match are those a term finds through a tag or inside
    a word of a handle or address: each is checked on their own entries for the other terms.
    A term found where a piece of a handle or address starts needs no check: its words
    start words of the record, so the index read found that person already.
    """
    params: dict[str, str] = {}
    # Who a term may match other than by the words of the record, by the term they match
    # for sure (None: a tag matching one word of several).
    apart: dict[int | None, list[str]] = {}
    checks, words_keys = _checks(terms, params, "c.id")
    for n, (_words, part) in enumerate(terms):
        if part is not None:
            apart.setdefault(n, []).append(_inside(n, part, params))
    indexed = [entry for entry in words_keys if len(entry[0]) >= _INDEXED_FROM]
    short = [key for word, key, _n in words_keys if len(word) < _INDEXED_FROM]
    if not indexed:  # only short words: the index is read for them after all
        indexed, short = words_keys, []
    params["server_words"] = words_query([word for word, _key, _n in indexed])
    for _word, key, n in indexed:
        apart.setdefault(n, []).append(_tagged(key))
    every_word = " AND ".join(
        [f"s.words @@ {_tsquery('server_words')}", *(_has_word("s.rowid", key) for key in short)]
    )
    selects = []
    for n, found in apart.items():
        others = [check for m, check in enumerate(checks) if m != n]
        if not others:
            selects += found
            continue
        # The array's rows are expected few, so each person's entries are then read by id.
        selects.append(
            f"SELECT c.id FROM unnest(ARRAY({' UNION '.join(found)})) AS c(id) "
            "LEFT JOIN influencer_search s ON s.rowid = c.id "
            "LEFT JOIN influencer_part_search p ON p.rowid = c.id "
            f"WHERE {' AND '.join(others)}"
        )
    return every_word, selects, params


def _checks(
    terms: list[tuple[list[str], str | None]], params: dict[str, str], person: str
) -> tuple[list[str], list[tuple[str, str, int | None]]]:
    """Each term's condition on a person (id `person`, word entry `s`, parts `p`), checked
    on their own rows; and each word, its value's name and its term (None: one of several
    words). The values are added to `params`."""
    checks: list[str] = []
    words_keys: list[tuple[str, str, int | None]] = []
    for n, (words, part) in enumerate(terms):
        keys = []
        for word in words:
            key = f"server_word_{len(words_keys)}"
            params[key] = words_query([word])
            words_keys.append((word, key, n if len(words) == 1 else None))
            keys.append(key)
        check = " AND ".join(_has_word(person, key) for key in keys)
        if part is not None:
            params[f"server_part_{n}"] = part_pattern(part)
            check = f"({check}) OR p.parts ILIKE :server_part_{n}"
        checks.append(f"({check})")
    return checks, words_keys


def first_by_followers(
    terms: list[tuple[list[str], str | None]], limit: int
) -> tuple[str, dict[str, str]]:
    """The first `limit` living people every term matches, most followers first (ties by
    id, descending), each with how many it finds in all, and the values (`matching`'s).

    For a search finding most people (a one-letter term: “m”, 68,146 of 100,000): the
    people are read along the followers index and each checked on their own entries, so
    a screenful is met after a few hundred rows; the count is made from the word entries
    as `first_by_name`'s. Gathering every match, looking each up in the people's table
    for their followers and sorting them cost 839 ms at 100,000 people.
    """
    found, params = _found_with_names(terms)
    checks, _words = _checks(terms, {}, "i.id")
    # OFFSET 0: each person is checked on their own rows, not against every match hashed.
    return (
        f"SELECT i.id, (SELECT count(*) FROM ({found}) AS found) FROM influencer i "
        "WHERE i.deleted_at IS NULL AND EXISTS (SELECT FROM influencer_search s "
        "LEFT JOIN influencer_part_search p ON p.rowid = s.rowid "
        f"WHERE s.rowid = i.id AND {' AND '.join(checks)} OFFSET 0) "
        f"ORDER BY i.main_followers DESC NULLS LAST, i.id DESC LIMIT {int(limit)}"
    ), params


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
    "by_name",
    "first_by_followers",
    "first_by_name",
    "index_new",
    "matching",
    "part_pattern",
    "words_query",
]
