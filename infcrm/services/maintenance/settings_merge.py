"""Two people saving Settings on one database: what one saves is written over what the other
saved meanwhile field by field, never as a whole.

The Settings dialog reads the stored values when it opens (`seen`); on Save each value it
changed is merged three ways inside the transaction — what it saw, what the user made of it,
what is stored now. A part the user left as seen takes the stored one (a teammate's new
TikTok benchmark stays); a part the user changed is written, unless a teammate changed that
very part to something else meanwhile: then nothing is saved and the message says which
setting, so the user can look at the other's value first. The outreach settings (waiting
days, the move on a first message, the signing name, the signature) are single values, merged
the same way: left as shown, the stored one stays; changed by both to different values,
refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from infcrm.domain.metrics import EngagementBands, TierThresholds
from infcrm.services.campaigns.agreement_types import SENDER_NAME_SETTING
from infcrm.services.errors import Refused
from infcrm.services.maintenance import settings
from infcrm.services.outreach.compose_types import SIGNATURE_SETTING
from infcrm.services.outreach.outreach_types import (
    AUTO_ADVANCE_SETTING,
    STALE_AFTER_SETTING,
    stale_days_of,
)

# A stored value in the form the dialog compares it in (defaults filled in, unknown left out).
_NORMAL: dict[str, Callable[[Any], Any]] = {
    settings.TIER_THRESHOLDS: lambda v: TierThresholds.from_dict(v or {}).to_dict(),
    settings.ENGAGEMENT_BANDS: lambda v: EngagementBands.from_dict(v or {}).to_dict(),
    settings.DEFAULT_CURRENCY: lambda v: v or "EUR",
    # The outreach settings as their forms show them (see followups.stale_after_days,
    # interactions.auto_advance_enabled, agreements.sender_name): a signature never written
    # is "" here, though the templates show the signing name in its place.
    STALE_AFTER_SETTING: stale_days_of,
    AUTO_ADVANCE_SETTING: lambda v: True if v is None else bool(v),
    SENDER_NAME_SETTING: lambda v: str(v or ""),
    SIGNATURE_SETTING: lambda v: str(v or ""),
}
# What a form sends (each key its `seen` holds): every setting the dialogs show.
SHOWN = tuple(_NORMAL)
_LABELS = {
    settings.TIER_THRESHOLDS: "a tier threshold",
    settings.ENGAGEMENT_BANDS: "an engagement benchmark",
    settings.DEFAULT_CURRENCY: "the default currency",
    STALE_AFTER_SETTING: "the days before someone counts as waiting for a reply",
    AUTO_ADVANCE_SETTING: "the move to the next stage on a first message",
    SENDER_NAME_SETTING: "the name agreement emails are signed with",
    SIGNATURE_SETTING: "the signature of outreach messages",
}


class SettingsChangedMeanwhile(Refused):
    """Someone else changed the same part of a setting while the dialog was open."""


def normal(key: str, stored: Any) -> Any:
    """`stored` (as read, None when never set) in the form values are compared in."""
    return _NORMAL.get(key, lambda v: v)(stored)


def merged(key: str, seen: Any, mine: Any, now: Any) -> Any:
    """What to store for `key`: `mine` on top of `now`, where it differs from `seen`."""
    try:
        return _three_way(seen, mine, now)
    except _Clash:
        label = _LABELS.get(key, "the setting “" + key.replace("_", " ") + "”")
        raise SettingsChangedMeanwhile(
            f"Someone else changed {label} while you were changing it here. Nothing was "
            "saved: close this window and open it again to see their value, then make your "
            "change again where it should still differ."
        ) from None


class _Clash(Exception):
    pass


def _three_way(seen: Any, mine: Any, now: Any) -> Any:
    if mine == seen or now == mine:
        return now
    if now == seen:
        return mine
    if isinstance(seen, Mapping) and isinstance(mine, Mapping) and isinstance(now, Mapping):
        keys = [*now, *(k for k in mine if k not in now)]
        return {k: _three_way(seen.get(k), mine.get(k), now.get(k)) for k in keys}
    raise _Clash


__all__ = ["SHOWN", "SettingsChangedMeanwhile", "merged", "normal"]
