"""Keeping the search index up to date: what each person's entries hold, and the writes that
add, refresh and remove them (db/search.py asks the index; this module fills it).

Services call these after each write: the entries gather handles from another table, which
triggers could not do cheaply. On PostgreSQL the same functions fill the server's full-text
and trigram tables (db/pg_search.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infcrm.db import pg_search
from infcrm.db.dialect import name_of
from infcrm.db.id_lists import id_table

INDEX_TABLE = "influencer_search"
PART_TABLE = "influencer_part_search"
TAG_TABLE = "tag_search"

# The person's columns their entries are made of, beside their accounts' handles and names and
# their tags' names (on a server, whether they are in the Trash too): a write that changes
# none of these leaves the entries as they are.
SEARCHED_COLUMNS = frozenset(
    {
        "display_name", "real_name", "other_names", "email", "other_emails", "niches", "notes",
        "brand_fit", "city", "country", "language", "deleted_at",
    }
)  # fmt: skip

# An account known only by its name (its label) is found by that name, as a handle would be.
_ACCOUNT_WORDS = "group_concat(coalesce(a.handle || ' ', '') || coalesce(a.label, ''), ' ')"
_HANDLES_OF_PERSON = f"(SELECT {_ACCOUNT_WORDS} FROM social_account a WHERE a.influencer_id = i.id)"


def _word_entry(handles: str) -> str:
    # The name column holds the other names too (those of records merged in, migration 0036).
    return f"""
INSERT INTO {INDEX_TABLE} (rowid, name, handles, emails, niches, notes, places)
SELECT i.id,
       coalesce(i.display_name, '') || ' ' || coalesce(i.real_name, '') || ' '
       || coalesce(i.other_names, ''),
       {handles},
       coalesce(i.email, '') || ' ' || coalesce(i.other_emails, ''),
       coalesce(i.niches, ''),
       coalesce(i.notes, '') || ' ' || coalesce(i.brand_fit, ''),
       coalesce(i.city, '') || ' ' || coalesce(i.country, '') || ' ' || coalesce(i.language, '')
FROM influencer i
"""


def _part_entry(handles: str) -> str:
    return f"""
INSERT INTO {PART_TABLE} (rowid, handles, emails)
SELECT i.id,
       {handles},
       coalesce(i.email, '') || ' ' || coalesce(i.other_emails, '')
FROM influencer i
"""


_DOCUMENT_SELECT = _word_entry(_HANDLES_OF_PERSON)
_PART_DOCUMENT_SELECT = _part_entry(_HANDLES_OF_PERSON)
# People just added, with their accounts' ids a run of their own: the accounts are read by
# that run of ids (the rowid, whatever indexes a big import has set aside; NOT INDEXED keeps
# SQLite from walking a whole index of people instead) and grouped once per chunk.
_NEW_ACCOUNTS = (
    f"LEFT JOIN (SELECT a.influencer_id, {_ACCOUNT_WORDS} AS words "
    "FROM social_account AS a NOT INDEXED WHERE a.id BETWEEN ? AND ? "
    "GROUP BY a.influencer_id) n ON n.influencer_id = i.id WHERE i.id BETWEEN ? AND ?"
)
_NEW_ENTRIES = (
    _word_entry("n.words") + _NEW_ACCOUNTS,
    _part_entry("n.words") + _NEW_ACCOUNTS,
)


_CHUNK = 500
_MERGE_ONCE_FROM = 5_000  # new entries; fewer are merged as FTS5 goes, at little cost
_AUTOMERGE = 4  # FTS5's own default
_SEARCH_IDS = "(SELECT id FROM search_ids)"


def reindex(
    session: Session | Connection,
    influencer_ids: Iterable[int] | None = None,
    *,
    words_only: bool = False,
) -> None:
    """Refresh the index for these influencers (all of them when `influencer_ids` is None).

    `words_only`: only names, niches, notes or places changed, so the index of handle and
    address parts is left alone. Their tags' names are indexed too (see `refresh_tags`).
    """
    tables = ((INDEX_TABLE, _DOCUMENT_SELECT), (PART_TABLE, _PART_DOCUMENT_SELECT))
    if name_of(session) == "postgresql":
        tables = (
            (INDEX_TABLE, pg_search.DOCUMENT_SELECT),
            (PART_TABLE, pg_search.PART_DOCUMENT_SELECT),
        )
    if influencer_ids is None:
        for table_name, document in tables:
            session.execute(text(f"DELETE FROM {table_name}"))
            session.execute(text(document))
        session.execute(text(f"DELETE FROM {TAG_TABLE}"))
        refresh_tags(session)
        return
    if isinstance(influencer_ids, range) and influencer_ids.step == 1:
        # People added in one go (an import): one statement per table, not one per chunk.
        bounds = {"first": influencer_ids.start, "last": influencer_ids.stop - 1}
        where = "BETWEEN :first AND :last"
        for table_name, document in tables:
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid {where}"), bounds)
            session.execute(text(f"{document} WHERE i.id {where}"), bounds)
        _add_tag_names(session, f"influencer_id {where}", bounds)
        return
    ids = list(influencer_ids)
    if len(ids) > _CHUNK and isinstance(session, Session):
        # A bulk edit: one pass over a temporary table of ids instead of hundreds of lists.
        id_table(session, "search_ids", ids)
        for table_name, document in tables[: 1 if words_only else 2]:
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid IN {_SEARCH_IDS}"))
            session.execute(text(f"{document} WHERE i.id IN {_SEARCH_IDS}"))
        _add_tag_names(session, f"influencer_id IN {_SEARCH_IDS}")
        _drop_gone_tag_names(session)
        return
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join(str(int(i)) for i in chunk)  # ints only: safe to inline
        for table_name, document in tables[: 1 if words_only else 2]:
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid IN ({marks})"))
            session.execute(text(f"{document} WHERE i.id IN ({marks})"))
        _add_tag_names(session, f"influencer_id IN ({marks})")
    _drop_gone_tag_names(session)


def index_new(conn: Connection, people: range, accounts: range) -> None:
    """Add the entries of the people just written with the ids `people`, whose accounts are
    the ones with the ids `accounts`, made from the stored rows as a rebuild makes them.

    One statement per index for the whole run: SQLite tokenises it without Python's lock,
    so an import runs this beside its Python work (`services/exchange/new_people.py`).
    Their ids are new, so nothing of theirs is in the index to replace. Tag names are added
    once at the end, with `index_new_tags`."""
    if not people:
        return
    if name_of(conn) == "postgresql":
        pg_search.index_new(conn, people)
        return
    # An empty `accounts` (nobody with an account) gives an empty run: no handles.
    bounds = (accounts.start, accounts.stop - 1, people.start, people.stop - 1)
    for statement in _NEW_ENTRIES:
        conn.exec_driver_sql(statement, bounds)


@contextmanager
def merged_once(conn: Connection, adding: int) -> Iterator[None]:
    """Inside, FTS5 leaves the new entries' segments unmerged; on the way out it merges all
    of them at once, when `adding` people at least double the index.

    FTS5 merges segments a little on every write, rewriting the same entries again as
    they climb the levels: at 100,000 new people that costs a fifth of the indexing. One
    merge at the end writes each entry once and leaves one segment, which searches fastest;
    it rewrites the whole index, so only when the new entries are most of it. The setting
    is stored in the index itself, inside the caller's transaction: a failure rolls it back.
    """
    if name_of(conn) == "postgresql":  # the server's GIN indexes have no merge setting
        yield
        return
    existing = conn.exec_driver_sql("SELECT max(rowid) FROM influencer").scalar() or 0
    if adding < _MERGE_ONCE_FROM or existing > adding:
        yield
        return
    tables = (INDEX_TABLE, PART_TABLE)
    before = {}
    for table_name in tables:
        before[table_name] = conn.exec_driver_sql(
            f"SELECT v FROM {table_name}_config WHERE k = 'automerge'"
        ).scalar()
        _merge_setting(conn, table_name, 0)
    yield  # an exception here rolls back the whole transaction, the settings included
    for table_name in tables:
        _merge_setting(
            conn, table_name, _AUTOMERGE if before[table_name] is None else before[table_name]
        )
        conn.exec_driver_sql(f"INSERT INTO {table_name} ({table_name}) VALUES ('optimize')")


def _merge_setting(conn: Connection, table_name: str, value: object) -> None:
    conn.exec_driver_sql(
        f"INSERT INTO {table_name} ({table_name}, rank) VALUES ('automerge', ?)", (int(value),)
    )


def index_new_tags(conn: Connection, influencer_ids: range) -> None:
    """Add the names of the tags these new people carry that the index lacks."""
    if influencer_ids:
        bounds = {"first": influencer_ids.start, "last": influencer_ids.stop - 1}
        _add_tag_names(conn, "influencer_id BETWEEN :first AND :last", bounds)


def refresh_tags(session: Session | Connection, names: Iterable[str] | None = None) -> None:
    """Keep the index of tag names to the names people carry: drop those nobody carries any
    more, add the carried ones it lacks — of `names` only, when given (a bulk tag)."""
    _drop_gone_tag_names(session)
    if names is None:
        _add_tag_names(session)
        return
    params = {f"tag_{n}": name for n, name in enumerate(names)}
    if params:
        _add_tag_names(session, f"name IN ({', '.join(':' + key for key in params)})", params)


def _add_tag_names(
    session: Session | Connection, where: str = "1 = 1", params: dict | None = None
) -> None:
    # One entry per name whatever its case: tags compare without case, and influencer_tag's
    # NOCASE column on the left makes both the IN and the GROUP BY compare that way.
    session.execute(
        text(
            f"INSERT INTO {TAG_TABLE} (name) SELECT name FROM influencer_tag WHERE ({where}) "
            f"AND name NOT IN (SELECT name FROM {TAG_TABLE}) GROUP BY name"
        ),
        params or {},
    )


def _drop_gone_tag_names(session: Session | Connection) -> None:
    session.execute(
        text(
            f"DELETE FROM {TAG_TABLE} WHERE NOT EXISTS "
            f"(SELECT 1 FROM influencer_tag t WHERE t.name = {TAG_TABLE}.name)"
        )
    )


def forget(
    session: Session | Connection, influencer_ids: Iterable[int], *, for_good: bool = False
) -> None:
    """Remove these influencers from the index; `for_good` also drops their words' traces.

    FTS5 records a deletion as a marker in a new segment, keeping the words in older ones
    until segments are merged; merging all of them now (optimize) leaves none behind.
    Their tags' names go with `forget_tags`, once their tag rows are gone.
    """
    ids = [int(i) for i in influencer_ids]
    for start in range(0, len(ids), _CHUNK):
        marks = ",".join(map(str, ids[start : start + _CHUNK]))
        for table_name in (INDEX_TABLE, PART_TABLE):
            session.execute(text(f"DELETE FROM {table_name} WHERE rowid IN ({marks})"))
    if for_good and ids:
        for table_name in (INDEX_TABLE, PART_TABLE):
            _optimize(session, table_name)


def forget_tags(session: Session | Connection) -> None:
    """Drop the names nobody carries any more, leaving no trace of them (after people or
    tags were erased for good)."""
    _drop_gone_tag_names(session)
    _optimize(session, TAG_TABLE)


def _optimize(session: Session | Connection, table_name: str) -> None:
    if name_of(session) != "sqlite":  # a server's deleted rows are simply gone
        return
    session.execute(text(f"INSERT INTO {table_name} ({table_name}) VALUES ('optimize')"))
