"""Rows for an export, streamed a chunk of influencers at a time so memory stays flat.

Values are plain Python: text, whole numbers, fractions (engagement), booleans and naive UTC
datetimes. Enumerations come out as their labels (“Instagram”, “Micro”, “Follows us”), which is
what a person reads in a spreadsheet and what the importer parses back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, select
from sqlalchemy.orm import aliased

from infcrm.db import dialect
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag, SocialAccount, Stage
from infcrm.domain.enums import FoundVia, Platform, label_of
from infcrm.domain.metrics import EngagementBands, TierThresholds, engagement_rate
from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery

CHUNK_SIZE = 1000
_PLATFORMS = frozenset(p.value for p in Platform)

_main = aliased(SocialAccount, name="main_account")
_TAGS = (
    select(dialect.joined(InfluencerTag.name, literal(", ")))
    .where(InfluencerTag.influencer_id == Influencer.id)
    .scalar_subquery()
)
_ACCOUNT_COUNT = (
    select(func.count()).where(SocialAccount.influencer_id == Influencer.id).scalar_subquery()
)


def _shown_handle(account: Any) -> ColumnElement[str | None]:
    """An account's handle, or its name when it has none (as the list shows it)."""
    return func.coalesce(func.nullif(account.handle, ""), account.label)


# What each influencer-sheet column reads straight from the database, in one query a chunk:
# the person, their main account and stage joined, tags and account count as subqueries.
_SQL: dict[str, Any] = {
    "id": Influencer.id,
    "name": Influencer.display_name,
    "real_name": Influencer.real_name,
    "other_names": Influencer.other_names,
    "email": Influencer.email,
    "other_emails": Influencer.other_emails,
    "phone": Influencer.phone,
    "country": Influencer.country,
    "city": Influencer.city,
    "language": Influencer.language,
    "niches": Influencer.niches,
    "tags": _TAGS,
    "stage": Stage.name,
    "owner": Influencer.owner,
    "rating": Influencer.rating,
    "do_not_contact": Influencer.do_not_contact,
    "found_via": Influencer.found_via,
    "found_detail": Influencer.found_detail,
    "platform": _main.platform,
    "handle": _shown_handle(_main),
    "url": _main.url,
    "followers": _main.followers,
    "avg_likes": _main.avg_likes,
    "avg_comments": _main.avg_comments,
    "avg_views": _main.avg_views,
    "accounts": _ACCOUNT_COUNT,
    "brand_fit": Influencer.brand_fit,
    "notes": Influencer.notes,
    "created": Influencer.created_at,
    "updated": Influencer.updated_at,
}
# Worked out from the main account's figures: (tier, engagement, band), in this order.
_FIGURES = ("tier", "engagement", "band")
# Stored values shown as their labels (“Follows us”, “Instagram”).
_LABELS = {
    "found_via": {v.value: v.label for v in FoundVia},
    "platform": {v.value: v.label for v in Platform},
}
_NO_ACCOUNT = (None, None, None)

INFLUENCER_KEYS: tuple[str, ...] = (*_SQL, *_FIGURES)
PLATFORM_FIELDS: tuple[str, ...] = ("handle", "followers", "url")
ACCOUNT_KEYS: tuple[str, ...] = (
    "name",
    "influencer_id",
    "platform",
    "handle",
    "label",
    "url",
    "is_primary",
    "followers",
    "avg_likes",
    "avg_comments",
    "avg_views",
    "posts_per_week",
    "engagement",
    "tier",
    "band",
    "authenticity",
    "audience_countries",
    "audience_gender",
    "audience_age",
    "audience_notes",
)
# Worked out for each account from its figures and the settings; the other keys are its columns.
_COMPUTED_ACCOUNT_KEYS = frozenset({"name", "engagement", "tier", "band"})
_ACCOUNT_FIELDS = tuple(key for key in ACCOUNT_KEYS if key not in _COMPUTED_ACCOUNT_KEYS)


def chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def export_ids(db: Database, query: ListQuery | None = None) -> list[int]:
    """The ids to export in order: those `query` shows, or everyone (by name) without one."""
    return influencer_list.list_ids(db, query if query is not None else ListQuery())


def platforms_present(db: Database, ids: Sequence[int], chunk_size: int = CHUNK_SIZE) -> list[str]:
    """The platforms these influencers have accounts on, in the usual platform order."""
    found: set[str] = set()
    with db.reader() as session:
        for chunk in chunks(ids, chunk_size):
            found.update(
                session.execute(
                    select(SocialAccount.platform)
                    .where(SocialAccount.influencer_id.in_(list(chunk)))
                    .distinct()
                ).scalars()
            )
    return [p.value for p in Platform if p.value in found]


def account_count(db: Database, ids: Sequence[int], chunk_size: int = CHUNK_SIZE) -> int:
    """How many social accounts these influencers have in all."""
    total = 0
    with db.reader() as session:
        for chunk in chunks(ids, chunk_size):
            total += session.execute(
                select(func.count()).where(SocialAccount.influencer_id.in_(list(chunk)))
            ).scalar_one()
    return total


def _accounts_by_person(session: Any, chunk: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Each person's accounts, main account first, then in the order they were added."""
    columns = [getattr(SocialAccount, name) for name in _ACCOUNT_FIELDS]
    stmt = (
        select(*columns)
        .where(SocialAccount.influencer_id.in_(list(chunk)))
        .order_by(SocialAccount.influencer_id, SocialAccount.is_primary.desc(), SocialAccount.id)
    )
    result: dict[int, list[dict[str, Any]]] = {}
    for row in session.execute(stmt):
        account = row._asdict()
        result.setdefault(account["influencer_id"], []).append(account)
    return result


def _platform_column(key: str) -> tuple[str, int]:
    """(platform, index in `PLATFORM_FIELDS`) of a ``<platform>_<field>`` key."""
    platform, _, field = key.partition("_")
    if platform in _PLATFORMS and field in PLATFORM_FIELDS:
        return platform, PLATFORM_FIELDS.index(field)
    raise KeyError(f"No export column is called “{key}”.")


def _platform_accounts(
    session: Any, chunk: Sequence[int], platforms: Sequence[str]
) -> dict[tuple[int, str], tuple[object, ...]]:
    """(handle, followers, url) of each person's account on each of `platforms`: their main
    one if it is there, else the first added."""
    stmt = (
        select(
            SocialAccount.influencer_id,
            SocialAccount.platform,
            _shown_handle(SocialAccount),
            SocialAccount.followers,
            SocialAccount.url,
        )
        # Not filtered by platform in SQL: SQLite would then walk the (platform, handle) index
        # through every account on those platforms instead of looking up these people.
        .where(SocialAccount.influencer_id.in_(list(chunk)))
        .order_by(SocialAccount.influencer_id, SocialAccount.is_primary.desc(), SocialAccount.id)
    )
    wanted = set(platforms)
    found: dict[tuple[int, str], tuple[object, ...]] = {}
    for person, platform, *fields in session.execute(stmt):
        if platform in wanted:
            found.setdefault((person, platform), tuple(fields))
    return found


def influencer_values(
    db: Database, ids: Sequence[int], keys: Sequence[str], chunk_size: int = CHUNK_SIZE
) -> Iterator[list[object]]:
    """One list of values per influencer, in the order of `ids`, for the columns `keys`.

    Keys are those of INFLUENCER_KEYS plus ``<platform>_handle|followers|url`` for the account a
    person has on that platform (their main one if it is there, else the first added).
    """
    # Each row is read as one tuple — the SQL columns, then the figures, then each platform's
    # (handle, followers, url) — and each key picks its place in it.
    sql_keys = list(dict.fromkeys(k for k in keys if k in _SQL))
    figures = any(k in _FIGURES for k in keys)
    others = [k for k in keys if k not in INFLUENCER_KEYS]
    platforms = list(dict.fromkeys(_platform_column(k)[0] for k in others))
    place = {key: n for n, key in enumerate(sql_keys)}
    width = len(sql_keys)
    if figures:  # the main account's four figures, then what is worked out from them
        width += 4
        place.update({key: width + n for n, key in enumerate(_FIGURES)})
        width += len(_FIGURES)
    for key in keys:
        if key not in place:
            platform, field = _platform_column(key)
            place[key] = width + 3 * platforms.index(platform) + field
    picks = [place[key] for key in keys]
    relabel = [(n, _LABELS[key]) for n, key in enumerate(keys) if key in _LABELS]
    columns = [_SQL[key] for key in sql_keys]
    if figures:
        columns += [_main.followers, _main.avg_likes, _main.avg_comments, _main.platform]
    stmt = (
        select(*(c.label(f"c{n}") for n, c in enumerate(columns)), Influencer.id.label("key"))
        .select_from(Influencer)
        .outerjoin(_main, and_(_main.influencer_id == Influencer.id, _main.is_primary))
        .outerjoin(Stage, Stage.id == Influencer.stage_id)
    )
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    no_figures = (None,) * len(_FIGURES) if figures else ()
    for chunk in chunks(ids, chunk_size):
        with db.reader() as session:
            rows = {r[-1]: r[:-1] for r in session.execute(stmt.where(Influencer.id.in_(chunk)))}
            accounts = _platform_accounts(session, chunk, platforms) if platforms else {}
        for influencer_id in chunk:
            row = rows.get(influencer_id)
            if row is None:  # deleted for good while the export ran
                continue
            worked_out = no_figures
            if figures:
                followers, likes, comments, platform = row[-4:]
                worked_out = _figures(thresholds, bands, followers, likes, comments, platform)
            for platform in platforms:
                worked_out += accounts.get((influencer_id, platform), _NO_ACCOUNT)
            whole = row + worked_out
            values = [whole[n] for n in picks]
            for n, labels in relabel:
                stored = values[n]
                values[n] = labels.get(stored, stored)  # type: ignore[call-overload]
            yield values


def _figures(
    thresholds: TierThresholds,
    bands: EngagementBands,
    followers: int | None,
    likes: int | None,
    comments: int | None,
    platform: str | None,
) -> tuple[object, ...]:
    """(tier label, engagement rate, band label) of a main account's figures."""
    tier = thresholds.tier_for(followers)
    rate = engagement_rate(followers, likes, comments)
    band = None
    if tier is not None and rate is not None and platform in _PLATFORMS:
        band = bands.band_for(rate, Platform(platform), tier)
    return (tier.label if tier else None, rate, band.label if band else None)


def account_values(
    db: Database, ids: Sequence[int], chunk_size: int = CHUNK_SIZE
) -> Iterator[list[object]]:
    """One list of values (ACCOUNT_KEYS order) per social account of these influencers."""
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    for chunk in chunks(ids, chunk_size):
        with db.reader() as session:
            names = dict(
                session.execute(
                    select(Influencer.id, Influencer.display_name).where(
                        Influencer.id.in_(list(chunk))
                    )
                ).all()
            )
            accounts = _accounts_by_person(session, chunk)
        for influencer_id in chunk:
            for a in accounts.get(influencer_id, ()):
                tier = thresholds.tier_for(a["followers"])
                rate = engagement_rate(a["followers"], a["avg_likes"], a["avg_comments"])
                band = None
                if tier is not None and rate is not None and a["platform"] in _PLATFORMS:
                    band = bands.band_for(rate, Platform(a["platform"]), tier)
                values = {
                    **a,
                    "name": names.get(influencer_id),
                    "platform": label_of(Platform, a["platform"]),
                    "engagement": rate,
                    "tier": tier.label if tier else None,
                    "band": band.label if band else None,
                }
                yield [values[key] for key in ACCOUNT_KEYS]


__all__ = [
    "ACCOUNT_KEYS",
    "CHUNK_SIZE",
    "INFLUENCER_KEYS",
    "PLATFORM_FIELDS",
    "account_count",
    "account_values",
    "export_ids",
    "influencer_values",
    "platforms_present",
]
