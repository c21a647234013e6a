"""The influencer list: search, filter and sort in SQL, then rows for the ids on screen.

The list model holds only the ordered ids (a few bytes per influencer) and asks for full rows
a screenful at a time, so 100,000 influencers cost little memory and every change of search,
filter or sort is one indexed query.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from contextlib import nullcontext
from dataclasses import replace

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    select,
)
from sqlalchemy.orm import aliased

from infcrm.db import dialect, search
from infcrm.db.engine import Database
from infcrm.db.id_lists import fetch_ids
from infcrm.db.models import Influencer, InfluencerTag, SocialAccount, Stage
from infcrm.domain.enums import EngagementBand, Platform, Tier
from infcrm.domain.metrics import EngagementBands, TierThresholds, engagement_rate
from infcrm.services.common import owned_by
from infcrm.services.maintenance import settings
from infcrm.services.people.influencer_types import (
    FilterChoices,
    InfluencerRow,
    ListQuery,
    ListStart,
)
from infcrm.services.people.kept_statements import kept

_main = aliased(SocialAccount, name="main_account")
_JOIN_MAIN = and_(_main.influencer_id == Influencer.id, _main.is_primary)

# Filters and sorts read the main account's figures copied onto influencer (kept true by
# triggers), so the list query touches one table; only a screenful of rows joins accounts.
# As domain.metrics.engagement_rate: unknown without likes or followers, missing comments none.
_RATE = cast(
    Influencer.main_avg_likes + func.coalesce(Influencer.main_avg_comments, 0), Float
) / cast(func.nullif(Influencer.main_followers, 0), Float)
_MAIN_VIEWS = (
    select(SocialAccount.avg_views)
    .where(SocialAccount.influencer_id == Influencer.id, SocialAccount.is_primary)
    .scalar_subquery()
)

SORT_KEYS: dict[str, ColumnElement] = {
    "name": dialect.nocase(Influencer.display_name),
    "real_name": dialect.nocase(Influencer.real_name),
    "email": dialect.nocase(Influencer.email),
    "phone": Influencer.phone,
    "country": dialect.nocase(Influencer.country),
    "city": dialect.nocase(Influencer.city),
    "language": dialect.nocase(Influencer.language),
    "niches": dialect.nocase(Influencer.niches),
    "owner": dialect.nocase(Influencer.owner),
    "rating": Influencer.rating,
    "do_not_contact": Influencer.do_not_contact,
    "found_via": Influencer.found_via,
    "stage": Stage.position,
    "platform": Influencer.main_platform,
    "handle": Influencer.main_handle,
    "followers": Influencer.main_followers,
    "tier": Influencer.main_followers,
    "avg_likes": Influencer.main_avg_likes,
    "avg_comments": Influencer.main_avg_comments,
    "avg_views": _MAIN_VIEWS,
    "engagement": _RATE,
    "band": _RATE,
    "created": Influencer.created_at,
    "updated": Influencer.updated_at,
    "deleted": Influencer.deleted_at,
}


_PERSON_COLUMNS = tuple(
    getattr(Influencer, name)
    for name in (
        "id", "display_name", "real_name", "email", "phone", "country", "city", "language",
        "niches", "owner", "rating", "do_not_contact", "found_via", "created_at", "updated_at",
        "deleted_at",
    )
)  # fmt: skip


def _tier_condition(
    tier: Tier, thresholds: TierThresholds, followers: ColumnElement = Influencer.main_followers
) -> ColumnElement[bool]:
    low, high = thresholds.follower_range(tier)
    condition = followers >= low
    return condition if high is None else and_(condition, followers < high)


# Where each band starts and ends, as the names of BandLimits' fields (None: open).
_BAND_EDGES = {
    EngagementBand.LOW: (None, "low_below"),
    EngagementBand.TYPICAL: ("low_below", "high_from"),
    EngagementBand.HIGH: ("high_from", "suspicious_from"),
    EngagementBand.SUSPICIOUS: ("suspicious_from", None),
}


def _limit(edge: str, thresholds: TierThresholds, bands: EngagementBands) -> ColumnElement:
    """The `edge` limit of each row's own platform and tier, looked up per row.

    One lookup the rate is compared with, where an OR over every platform and tier computed
    the rate in each (a filter over 100,000 people took most of a second).
    """
    followers = Influencer.main_followers
    tiers = list(Tier)  # smallest first: each ends where the next starts
    tops = [thresholds.follower_range(tier)[1] for tier in tiers[:-1]]
    by_platform = {}
    for platform in Platform:
        values = [getattr(bands.limits(platform, tier), edge) for tier in tiers]
        by_platform[platform.value] = case(
            *((followers < top, value) for top, value in zip(tops, values[:-1], strict=True)),
            else_=values[-1],
        )
    return case(by_platform, value=Influencer.main_platform)


def _band_condition(
    band: EngagementBand, thresholds: TierThresholds, bands: EngagementBands
) -> ColumnElement[bool]:
    """Accounts whose rate falls in `band` for their own platform and tier (none without a
    rate: unknown likes or followers)."""
    lower, upper = _BAND_EDGES[band]
    parts = []
    if lower is not None:
        parts.append(_RATE >= _limit(lower, thresholds, bands))
    if upper is not None:
        parts.append(_RATE < _limit(upper, thresholds, bands))
    return and_(*parts)


def _filtered(
    query: ListQuery,
    thresholds: TierThresholds,
    bands: EngagementBands,
    me: str | None = None,
    *,
    followers: ColumnElement = Influencer.main_followers,
    matching_ids: search.MatchingIds | None = None,
):
    """SELECT influencer.id … with every filter of `query` applied (no ORDER BY yet); `me`
    is the name "Owned by me" means, `followers` the column follower ranges compare,
    `matching_ids` the search's sub-select if already made."""
    stmt = select(Influencer.id)
    if query.sort == "stage":
        stmt = stmt.outerjoin(Stage, Stage.id == Influencer.stage_id)
    conditions: list[ColumnElement[bool]] = [
        Influencer.deleted_at.is_not(None) if query.trash else Influencer.deleted_at.is_(None)
    ]
    matching = search.matches(Influencer.id, query.search, matching_ids)
    if matching is not None:
        conditions.append(matching)
    if query.platform:
        # Any of the person's accounts, not only the main one: "who is on TikTok?"
        conditions.append(
            Influencer.id.in_(
                select(SocialAccount.influencer_id).where(SocialAccount.platform == query.platform)
            )
        )
    if query.tier:
        conditions.append(_tier_condition(Tier(query.tier), thresholds, followers))
    if query.band:
        conditions.append(_band_condition(EngagementBand(query.band), thresholds, bands))
    if query.stage_id is not None:
        conditions.append(Influencer.stage_id == query.stage_id)
    if query.tag:
        conditions.append(
            Influencer.id.in_(
                select(InfluencerTag.influencer_id).where(InfluencerTag.name == query.tag)
            )
        )
    if query.country:
        conditions.append(dialect.nocase(Influencer.country) == query.country)
    if query.found_via:
        conditions.append(Influencer.found_via == query.found_via)
    if query.owned_by_me:
        conditions.append(owned_by(me))
    if query.min_followers is not None:
        conditions.append(followers >= query.min_followers)
    if query.max_followers is not None:
        conditions.append(followers <= query.max_followers)
    if (query.min_followers or 0) > (query.max_followers or float("inf")):
        conditions.append(false())
    return stmt.where(*conditions)


def _ordered(
    db: Database,
    query: ListQuery,
    *,
    walk_sort: bool = False,
    matching_ids: search.MatchingIds | None = None,
) -> Select:
    """SELECT influencer.id … of `query`, filtered and in its order (ties by id); with
    `walk_sort`, follower ranges are checked on the rows met along the sort's index."""
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    followers = Influencer.main_followers
    if walk_sort and query.sort not in _FOLLOWER_SORTS:
        followers = dialect.not_looked_up(followers)
    filtered = _filtered(
        query, thresholds, bands, db.author, followers=followers, matching_ids=matching_ids
    )
    return filtered.order_by(*_order(query, SORT_KEYS[_sort_of(query)], Influencer.id))


def _searching(
    db: Database, query: ListQuery, kind: Hashable, build: Callable[[search.MatchingIds], Select]
) -> tuple[Select, dict[str, object]]:
    """The statement of `kind` for `query`, which holds a search (`build` makes it from the
    search's sub-select), kept per shape of search (`kept_statements`), and the values of
    this search to run it with."""
    ids = search.matching_ids(query.search)
    ranges = None
    if query.tier or query.band:  # the settings they bind
        ranges = (settings.tier_thresholds(db), settings.engagement_bands(db))
    me = db.author if query.owned_by_me else None
    key = (kind, search.shape_of(ids), replace(query, search=""), ranges, me)
    return kept(key, lambda: build(ids)), search.values_of(ids)


def _sort_of(query: ListQuery) -> str:
    return query.sort if query.sort in SORT_KEYS else "name"


def _order(query: ListQuery, key: ColumnElement, ids: ColumnElement) -> tuple:
    """The ORDER BY of `query`: its sort `key`, then `ids` (ties), in its direction."""
    ordered = key.desc() if query.descending else key.asc()
    if _sort_of(query) not in _NEVER_EMPTY:
        # Only where a key can be empty: NULLS LAST where it is not the backend's own order
        # keeps an index from serving the sort on a server.
        ordered = ordered.nulls_last()
    return ordered, ids.desc() if query.descending else ids


# Sort keys whose column is NOT NULL (the name defaults to the sort: unknown keys sort by it).
_NEVER_EMPTY = frozenset({"name", "found_via", "do_not_contact", "created", "updated"})
_FOLLOWER_SORTS = frozenset({"followers", "tier"})
# With more matches than this, a screenful is found sooner walking the sort's own index than
# reading every match and sorting them (a few hundred rows read either way at this size).
_WALK_ABOVE = 5_000


def list_ids(db: Database, query: ListQuery, *, expected: int = 0) -> list[int]:
    """The ids of the influencers `query` shows, in its order; `expected` is how many it
    showed a moment ago, if known (many: they are found along the sort's index)."""
    walk_sort = expected > _WALK_ABOVE
    values = None
    if search.search_terms(query.search):
        statement, values = _searching(
            db,
            query,
            ("ids", walk_sort),
            lambda ids: _ordered(db, query, walk_sort=walk_sort, matching_ids=ids),
        )
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
    of them sorted in the same query (a count apart would find them twice)."""
    if not db.is_file:
        # Measured on SQLite only; a server reads every match in order, as before.
        statement, values = _searching(
            db, query, ("ids", False), lambda ids: _ordered(db, query, matching_ids=ids)
        )
        with db.one_statement_reader() as session:
            everyone = fetch_ids(session, statement, values)
        return ListStart(everyone, len(everyone))
    with db.reader() as session:
        statement, values = _searching(
            db, query, ("start", limit), lambda ids: _first_and_count(db, query, limit, ids)
        )
        # Straight to the connection: the session's own execute adds nothing to a read.
        first = session.connection().execute(statement, values).all()
    return ListStart([row[0] for row in first], first[0][1] if first else 0)


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
