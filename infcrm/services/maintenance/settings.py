"""Settings kept in the database: tier thresholds, engagement bands and small preferences."""

from __future__ import annotations

import json
import weakref
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.models import Setting
from infcrm.domain.metrics import EngagementBands, TierThresholds
from infcrm.domain.money import check_currency
from infcrm.services.maintenance.first_paint import SAMPLE_DATA
from infcrm.services.maintenance.first_paint import (
    is_sample_data as is_sample_data,
)  # its one reader

TIER_THRESHOLDS = "tier_thresholds"
ENGAGEMENT_BANDS = "engagement_bands"
DEFAULT_CURRENCY = "default_currency"

# Decoded tier thresholds and bands per open database: every list query needs them, and
# reading and validating them each time costs more than the query itself. Cleared on put().
_decoded: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def read_setting(session: Session, key: str, default: Any = None) -> Any:
    """A setting's value inside an open session (JSON-decoded), or `default`."""
    raw = session.execute(select(Setting.value).where(Setting.key == key)).scalar_one_or_none()
    return default if raw is None else json.loads(raw)


def write_setting(session: Session, key: str, value: Any) -> None:
    """Store a setting inside an open session."""
    row = session.get(Setting, key)
    encoded = json.dumps(value, sort_keys=True)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded


def get(db: Database, key: str, default: Any = None) -> Any:
    """A setting's value, or `default` when it was never set."""
    with db.reader() as session:
        return read_setting(session, key, default)


def put(db: Database, key: str, value: Any) -> None:
    """Store a setting (any JSON-compatible value)."""
    with db.transaction() as session:
        write_setting(session, key, value)
    _decoded.pop(db.engine, None)


def forget_cached(db: Database) -> None:
    """Read the settings afresh next time: something other than put() rewrote them."""
    _decoded.pop(db.engine, None)


def tier_thresholds(db: Database) -> TierThresholds:
    """The follower counts where micro, macro and mega tiers start."""
    cache = _decoded.setdefault(db.engine, {})
    if TIER_THRESHOLDS not in cache:
        cache[TIER_THRESHOLDS] = TierThresholds.from_dict(get(db, TIER_THRESHOLDS, {}))
    return cache[TIER_THRESHOLDS]


def set_tier_thresholds(db: Database, thresholds: TierThresholds) -> None:
    """Change where the tiers start (the object validated itself on creation)."""
    put(db, TIER_THRESHOLDS, thresholds.to_dict())


def engagement_bands(db: Database) -> EngagementBands:
    """The engagement-rate bands per platform and tier."""
    cache = _decoded.setdefault(db.engine, {})
    if ENGAGEMENT_BANDS not in cache:
        cache[ENGAGEMENT_BANDS] = EngagementBands.from_dict(get(db, ENGAGEMENT_BANDS, {}))
    return cache[ENGAGEMENT_BANDS]


def set_engagement_bands(db: Database, bands: EngagementBands) -> None:
    """Change the engagement-rate bands."""
    put(db, ENGAGEMENT_BANDS, bands.to_dict())


def default_currency(db: Database) -> str:
    """The currency new money fields start in (EUR until the user chooses another)."""
    try:
        return check_currency(get(db, DEFAULT_CURRENCY, "EUR"))
    except ValueError:
        return "EUR"  # a hand-edited file must not break every form


def set_default_currency(db: Database, code: str) -> None:
    """Choose the currency new money fields start in; refuses codes that are not currencies."""
    put(db, DEFAULT_CURRENCY, check_currency(code))


def mark_sample_data(db: Database) -> None:
    """Mark this file as sample data, so the window says so whenever it is open."""
    put(db, SAMPLE_DATA, True)
