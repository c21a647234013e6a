"""Rows for an export, streamed a chunk of influencers at a time so memory stays flat.

Values are plain Python: text, whole numbers, fractions (engagement), booleans and naive UTC
datetimes. Enumerations come out as their labels (“Instagram”, “Micro”, “Follows us”), which is
what a person reads in a spreadsheet and what the importer parses back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.enums import EngagementBand, FoundVia, Platform, Tier, label_of
from infcrm.domain.metrics import engagement_rate
from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import InfluencerRow, ListQuery

CHUNK_SIZE = 1000
_PLATFORMS = frozenset(p.value for p in Platform)

_EXTRA_FIELDS = ("notes", "other_emails", "found_detail", "brand_fit")


# How each influencer-sheet column reads its value from (list row, extra fields, accounts).
Getter = Callable[[InfluencerRow, dict[str, Any], dict[str, Any]], object]
_GETTERS: dict[str, Getter] = {
    "id": lambda r, e, a: r.id,
    "name": lambda r, e, a: r.display_name,
    "real_name": lambda r, e, a: r.real_name,
    "email": lambda r, e, a: r.email,
    "other_emails": lambda r, e, a: e.get("other_emails"),
    "phone": lambda r, e, a: r.phone,
    "country": lambda r, e, a: r.country,
    "city": lambda r, e, a: r.city,
    "language": lambda r, e, a: r.language,
    "niches": lambda r, e, a: r.niches,
    "tags": lambda r, e, a: r.tags,
    "stage": lambda r, e, a: r.stage,
    "owner": lambda r, e, a: r.owner,
    "rating": lambda r, e, a: r.rating,
    "do_not_contact": lambda r, e, a: r.do_not_contact,
    "found_via": lambda r, e, a: label_of(FoundVia, r.found_via),
    "found_detail": lambda r, e, a: e.get("found_detail"),
    "platform": lambda r, e, a: label_of(Platform, r.platform),
    # An account known only by its name shows that name where a handle would be.
    "handle": lambda r, e, a: r.handle or r.label,
    "url": lambda r, e, a: r.url,
    "followers": lambda r, e, a: r.followers,
    "tier": lambda r, e, a: label_of(Tier, r.tier),
    "avg_likes": lambda r, e, a: r.avg_likes,
    "avg_comments": lambda r, e, a: r.avg_comments,
    "avg_views": lambda r, e, a: r.avg_views,
    "engagement": lambda r, e, a: r.engagement_rate,
    "band": lambda r, e, a: label_of(EngagementBand, r.band),
    "accounts": lambda r, e, a: r.account_count,
    "brand_fit": lambda r, e, a: e.get("brand_fit"),
    "notes": lambda r, e, a: e.get("notes"),
    "created": lambda r, e, a: r.created_at,
    "updated": lambda r, e, a: r.updated_at,
}

INFLUENCER_KEYS: tuple[str, ...] = tuple(_GETTERS)
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


def _platform_getter(platform: str, field: str) -> Getter:
    def get(r: InfluencerRow, e: dict[str, Any], a: dict[str, Any]) -> object:
        account = a.get(platform) or {}
        if field == "handle":  # an account known only by its name shows that name
            return account.get("handle") or account.get("label")
        return account.get(field)

    return get


def _getter(key: str) -> Getter:
    """The getter for an influencer-sheet key, including ``<platform>_<field>`` keys."""
    if key in _GETTERS:
        return _GETTERS[key]
    platform, _, field = key.partition("_")
    if platform in _PLATFORMS and field in PLATFORM_FIELDS:
        return _platform_getter(platform, field)
    raise KeyError(f"No export column is called “{key}”.")


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


def influencer_values(
    db: Database, ids: Sequence[int], keys: Sequence[str], chunk_size: int = CHUNK_SIZE
) -> Iterator[list[object]]:
    """One list of values per influencer, in the order of `ids`, for the columns `keys`.

    Keys are those of INFLUENCER_KEYS plus ``<platform>_handle|followers|url`` for the account a
    person has on that platform (their main one if it is there, else the first added).
    """
    getters = [_getter(key) for key in keys]
    wants_accounts = any(key not in _GETTERS for key in keys)
    extra_columns = [getattr(Influencer, name) for name in _EXTRA_FIELDS]
    for chunk in chunks(ids, chunk_size):
        rows = influencer_list.rows(db, chunk)
        with db.reader() as session:
            extras = {
                r.id: r._asdict()
                for r in session.execute(
                    select(Influencer.id, *extra_columns).where(Influencer.id.in_(list(chunk)))
                )
            }
            accounts = _accounts_by_person(session, chunk) if wants_accounts else {}
        for influencer_id in chunk:
            row = rows.get(influencer_id)
            if row is None:  # deleted for good while the export ran
                continue
            by_platform: dict[str, dict[str, Any]] = {}
            for account in accounts.get(influencer_id, ()):
                by_platform.setdefault(account["platform"], account)
            extra = extras.get(influencer_id, {})
            yield [get(row, extra, by_platform) for get in getters]


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
