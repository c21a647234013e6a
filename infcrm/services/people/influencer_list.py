"""The influencer list: search, filter and sort in SQL, then rows for the ids on screen.

The list model holds only the ordered ids (a few bytes per influencer) and asks for full rows
a screenful at a time, so 100,000 influencers cost little memory and every change of search,
filter or sort is one indexed query.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import replace

from sqlalchemy import (
    Select,
    TextClause,
    and_,
    func,
    literal,
    select,
)
from sqlalchemy.orm import aliased

from infcrm.db import dialect, search
from infcrm.db.engine import Database
from infcrm.db.id_lists import fetch_ids
from infcrm.db.models import Influencer, InfluencerTag, SocialAccount, Stage
from infcrm.domain.enums import Platform
from infcrm.domain.metrics import engagement_rate
from infcrm.services.maintenance import settings
from infcrm.services.people.influencer_types import (
    FilterChoices,
    InfluencerRow,
    ListQuery,
    ListStart,
)
from infcrm.services.people.list_query import (
    _WALK_ABOVE,
    SORT_KEYS,
    _by_name_from_entries,
    _filtered,
    _order,
    _ordered,
    _search_ids,
    _searching,
    _sort_of,
)

_main = aliased(SocialAccount, name="main_account")
_JOIN_MAIN = and_(_main.influencer_id == Influencer.id, _main.is_primary)

_PERSON_COLUMNS = tuple(
    getattr(Influencer, name)
    for name in (
        "id", "display_name", "real_name", "email", "phone", "country", "city", "language",
        "niches", "owner", "rating", "do_not_contact", "found_via", "created_at", "updated_at",
        "deleted_at",
    )
)  # fmt: skip


def list_ids(db: Database, query: ListQuery, *, expected: int = 0) -> list[int]:
    """The ids of the influencers `query` shows, in its order; `expected` is how many it
    showed a moment ago, if known (many: they are found along the sort's index)."""
    walk_sort = expected > _WALK_ABOVE
    values = None
    if search.search_terms(query.search):
        statement, values = _search_ids(db, query, walk_sort)
    else:
        statement = _ordered(db, query, walk_sort=walk_sort)
    if not query.band:
        with db.one_statement_reader() as session:
            return fetch_ids(session, statement, values)
    # A band's rate is worked out on every row: from the index that holds its figures in the
    # list's order, as for the count (`list_start`), set for the transaction.
    with db.reader() as session, dialect.from_indexes(session):
        return fetch_ids(session, statement, values)


def ordered(db: Database, query: ListQuery, *, many: int = 0) -> Select:
    """SELECT influencer.id … of `query` in its order (`many`: how many it shows, if known)."""
    return _ordered(db, query, walk_sort=many > _WALK_ABOVE)


def list_start(db: Database, query: ListQuery, limit: int) -> ListStart:
    """The first `limit` ids `query` shows, in its order, and how many it shows in all.

    What a change of search, filter or sort waits for: the rows on screen come from an
    ordered query that stops after a screenful or two (an index gives them in order), and
    the count needs no sorting, where every id in order meant sorting everyone.
    """
    if search.search_terms(query.search):
        return _search_start(db, query, limit)
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    inner = _filtered(query, thresholds, bands, db.author).subquery()
    with db.reader() as session:
        # The count first (no sorting; an index of the living people's followers covers it),
        # as it tells how to find the first rows.
        with dialect.from_indexes(session) if query.band else nullcontext():
            total = session.execute(select(func.count()).select_from(inner)).scalar_one()
        ordered = _ordered(db, query, walk_sort=total > _WALK_ABOVE).limit(limit)
        first = fetch_ids(session, ordered)
    return ListStart(first, max(total, len(first)))


def _search_start(db: Database, query: ListQuery, limit: int) -> ListStart:
    """`list_start` for a search: its matches are found once, counted and the first `limit`
    of them sorted in the same query (a count apart would find them twice). One statement:
    on a server it needs no transaction around it (`one_statement_reader`)."""
    with db.one_statement_reader() as session:
        statement, values = _first_of_search(db, query, limit)
        # Straight to the connection: the session's own execute adds nothing to a read.
        first = session.connection().execute(statement, values).all()
    return ListStart([row[0] for row in first], first[0][1] if first else 0)


def _first_of_search(
    db: Database, query: ListQuery, limit: int
) -> tuple[Select | TextClause, dict[str, object]]:
    """The statement of `_search_start` and its values. A server's search with nothing else,
    sorted by name, reads the names from the search's own entries, as for every id
    (`search.first_by_name_on_server`)."""
    if _walks_followers(db, query):
        return _searching(
            db,
            query,
            ("first_by_followers", limit),
            lambda _ids: search.first_by_followers_on_server(query.search, limit),
        )
    if _by_name_from_entries(db, query):
        return _searching(
            db,
            query,
            ("first_by_name", limit),
            lambda _ids: search.first_by_name_on_server(query.search, query.descending, limit),
        )
    return _searching(
        db, query, ("start", limit), lambda ids: _first_and_count(db, query, limit, ids)
    )


def _walks_followers(db: Database, query: ListQuery) -> bool:
    """Whether `query` is a server's search finding most people (a one-letter term) with
    nothing else, most followers first: its first rows are met walking the followers index
    (`search.first_by_followers_on_server`); a narrower search gathers its few matches."""
    if db.is_file or not query.descending or query.sort not in ("followers", "tier"):
        return False
    if replace(query, search="", sort="name", descending=False) != ListQuery():
        return False
    return any(len(term) == 1 for term in search.search_terms(query.search))


def _first_and_count(
    db: Database, query: ListQuery, limit: int, matching_ids: search.MatchingIds
) -> Select:
    """The first `limit` ids a search shows in order, each with how many it shows in all.

    Only the first rows are sorted out, not every match: a one-letter search finds most
    people (“m”: 68,000 of 100,000), all of them sorted by name and listed before. The other
    ids follow from the list's background read, as after a filter. The matches and their sort
    keys are set down once and counted there: a count(*) OVER () carried the count into
    every row the sort was given (“m”: a fifth of the query).
    """
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    key = SORT_KEYS[_sort_of(query)].label("sort_key")
    found = (
        _filtered(query, thresholds, bands, db.author, matching_ids=matching_ids)
        .add_columns(key)
        .cte("found")
        .prefix_with("MATERIALIZED")
    )
    total = select(func.count()).select_from(found).scalar_subquery()
    ordered = _order(query, found.c.sort_key, found.c.id)
    return select(found.c.id, total).order_by(*ordered).limit(limit)


def count_matching(db: Database, query: ListQuery) -> int:
    """How many influencers `query` shows (no sorting: a saved view's count in the sidebar)."""
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    inner = _filtered(replace(query, sort="name"), thresholds, bands, db.author).subquery()
    with db.reader() as session:
        return session.execute(select(func.count()).select_from(inner)).scalar_one()


def count(db: Database, *, trash: bool = False) -> int:
    """How many influencers the list (or the trash) holds in all."""
    condition = Influencer.deleted_at.is_not(None) if trash else Influencer.deleted_at.is_(None)
    with db.reader() as session:
        return session.execute(select(func.count()).where(condition)).scalar_one()


def rows(db: Database, ids: Sequence[int]) -> dict[int, InfluencerRow]:
    """The list rows of these influencers, keyed by id (ids that vanished are left out)."""
    if not ids:
        return {}
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    tags = (
        select(dialect.joined(InfluencerTag.name, literal(", ")))
        .where(InfluencerTag.influencer_id == Influencer.id)
        .scalar_subquery()
    )
    account_count = (
        select(func.count()).where(SocialAccount.influencer_id == Influencer.id).scalar_subquery()
    )
    stmt = (
        select(
            # Plain columns, not the ORM entity: a screenful of rows is read on every scroll
            # jump, and building full objects cost five times the query.
            *_PERSON_COLUMNS,
            Stage.name.label("stage_name"),
            _main.platform,
            _main.handle,
            _main.label,
            _main.url,
            _main.followers,
            _main.avg_likes,
            _main.avg_comments,
            _main.avg_views,
            tags.label("tags"),
            account_count.label("account_count"),
        )
        .outerjoin(_main, _JOIN_MAIN)
        .outerjoin(Stage, Stage.id == Influencer.stage_id)
        .where(Influencer.id.in_(list(ids)))
    )
    result: dict[int, InfluencerRow] = {}
    band_for, tier_for = bands.band_for, thresholds.tier_for
    with db.reader() as session:
        # Unpacked by position: reading thirty columns by name from each row cost more than
        # the query (a block is read on every scroll jump and after every new sort).
        for (
            person_id, display_name, real_name, email, phone, country, city, language, niches,
            owner, rating, do_not_contact, found_via, created_at, updated_at, deleted_at,
            stage, platform, handle, label, url, followers, avg_likes, avg_comments, avg_views,
            tag_names, accounts,
        ) in session.execute(stmt):  # fmt: skip
            tier = tier_for(followers)
            rate = engagement_rate(followers, avg_likes, avg_comments)
            band = (
                band_for(rate, Platform(platform), tier)
                if tier is not None and rate is not None
                else None
            )
            result[person_id] = InfluencerRow(
                id=person_id, display_name=display_name, real_name=real_name, email=email,
                phone=phone, country=country, city=city, language=language, niches=niches,
                tags=tag_names, stage=stage, owner=owner, rating=rating,
                do_not_contact=do_not_contact, found_via=found_via, platform=platform,
                handle=handle, label=label, url=url, followers=followers, avg_likes=avg_likes,
                avg_comments=avg_comments, avg_views=avg_views, engagement_rate=rate,
                tier=tier.value if tier else None, band=band.value if band else None,
                account_count=accounts, created_at=created_at, updated_at=updated_at,
                deleted_at=deleted_at,
            )  # fmt: skip
    return result


def do_not_contact_among(db: Database, ids: Sequence[int]) -> list[str]:
    """The names of those among `ids` marked do not contact, in name order."""
    wanted = set(ids)
    if not wanted:
        return []
    # Few people are marked: reading them all beats an IN list of 100,000 ids.
    with db.reader() as session:
        marked = session.execute(
            select(Influencer.id, Influencer.display_name)
            .where(Influencer.do_not_contact, Influencer.deleted_at.is_(None))
            .order_by(dialect.nocase(Influencer.display_name))
        ).all()
    return [name for person_id, name in marked if person_id in wanted]


def filter_choices(db: Database) -> FilterChoices:
    """Countries, tags and owners in use, for the filter menus."""
    alive = Influencer.deleted_at.is_(None)
    with db.reader() as session:
        countries = session.execute(
            select(func.min(Influencer.country))  # one spelling per country, on every backend
            .where(alive, Influencer.country.is_not(None))
            .group_by(dialect.nocase(Influencer.country))
            .order_by(dialect.nocase(Influencer.country))
        ).scalars()
        tags = session.execute(
            select(InfluencerTag.name).group_by(InfluencerTag.name).order_by(InfluencerTag.name)
        ).scalars()
        owners = session.execute(
            select(Influencer.owner)
            .where(alive, Influencer.owner.is_not(None))
            .group_by(Influencer.owner)
            .order_by(dialect.nocase(Influencer.owner))
        ).scalars()
        return FilterChoices(tuple(countries), tuple(tags), tuple(owners))


__all__ = [
    "SORT_KEYS",
    "count",
    "count_matching",
    "do_not_contact_among",
    "filter_choices",
    "list_ids",
    "list_start",
    "ordered",
    "rows",
]
