"""The influencer list's query: every filter, the sort and the search, in SQL.

influencer_list runs it (the first rows and count, every id); list_places counts where
someone stands in it. A statement holding a search is kept per shape of search
(kept_statements) and run with each search's values.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
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
    select,
)

from infcrm.db import dialect, search
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag, SocialAccount, Stage
from infcrm.domain.enums import EngagementBand, Platform, Tier
from infcrm.domain.metrics import EngagementBands, TierThresholds
from infcrm.services.common import owned_by
from infcrm.services.maintenance import settings
from infcrm.services.people.influencer_types import (
    ListQuery,
)
from infcrm.services.people.kept_statements import kept

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


def _search_ids(
    db: Database, query: ListQuery, walk_sort: bool
) -> tuple[Select, dict[str, object]]:
    """The statement giving every id of `query`, which holds a search, in its order, and the
    search's values. A server's search with nothing else, sorted by name, reads the names
    from the search's own entries (`search.ids_by_name_on_server`)."""
    if _by_name_from_entries(db, query):
        return _searching(
            db,
            query,
            ("by_name", query.descending),
            lambda _ids: search.ids_by_name_on_server(query.search, query.descending),
        )
    return _searching(
        db,
        query,
        ("ids", walk_sort),
        lambda ids: _ordered(db, query, walk_sort=walk_sort, matching_ids=ids),
    )


def _by_name_from_entries(db: Database, query: ListQuery) -> bool:
    """Whether `query` is a search with nothing else, sorted by name, on a server: its
    matches' names are read from the search's own entries (migration 0033), which a file's
    FTS5 index does not hold."""
    return not db.is_file and replace(query, search="", descending=False) == ListQuery()


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
