"""Tiers from follower counts and engagement rates compared with per-platform benchmarks."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from types import MappingProxyType
from typing import Any

from infcrm.domain.enums import EngagementBand, Platform, Tier


@dataclass(frozen=True)
class TierThresholds:
    """Follower counts where the micro, macro and mega tiers start (nano is everything below)."""

    micro: int = 10_000
    macro: int = 100_000
    mega: int = 1_000_000

    def __post_init__(self) -> None:
        """Refuse thresholds that would leave a tier empty or overlapping."""
        values = (self.micro, self.macro, self.mega)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ValueError("Tier thresholds must be whole numbers of followers.")
        if not 0 < self.micro < self.macro < self.mega:
            raise ValueError(
                "Tier thresholds must grow: micro above 0, macro above micro and mega above "
                f"macro (got micro {self.micro:,}, macro {self.macro:,}, mega {self.mega:,})."
            )

    def tier_for(self, followers: int | None) -> Tier | None:
        """The tier of an account with `followers`; None when the count is unknown."""
        if followers is None:
            return None
        if followers < 0:
            raise ValueError("Followers cannot be negative.")
        if followers < self.micro:
            return Tier.NANO
        if followers < self.macro:
            return Tier.MICRO
        if followers < self.mega:
            return Tier.MACRO
        return Tier.MEGA

    def follower_range(self, tier: Tier) -> tuple[int, int | None]:
        """Followers of `tier` as (inclusive lower, exclusive upper or None) for SQL filters."""
        bounds: dict[Tier, tuple[int, int | None]] = {
            Tier.NANO: (0, self.micro),
            Tier.MICRO: (self.micro, self.macro),
            Tier.MACRO: (self.macro, self.mega),
            Tier.MEGA: (self.mega, None),
        }
        return bounds[Tier(tier)]

    def to_dict(self) -> dict[str, int]:
        """A JSON-friendly form, read back by `from_dict`."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> TierThresholds:
        """Thresholds from `to_dict` output; missing keys take defaults, unknown are ignored."""
        data = data or {}
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def engagement_rate(
    followers: int | None, avg_likes: float | None, avg_comments: float | None
) -> float | None:
    """(average likes + average comments) / followers as a fraction; None if unknowable.

    The likes are most of it: without them the rate is unknown, not the few comments' share
    (a list of followers and comments would show every creator near 0%). Comments missing
    beside known likes count as none; 0 likes is a real 0%.
    """
    if not followers or followers < 0 or avg_likes is None:
        return None
    return (avg_likes + (avg_comments or 0)) / followers


@dataclass(frozen=True)
class BandLimits:
    """Where an engagement rate (a fraction) stops being low, starts being high and suspicious."""

    low_below: float
    high_from: float
    suspicious_from: float

    def __post_init__(self) -> None:
        """Refuse limits that are not ascending, finite, non-negative numbers."""
        values = (self.low_below, self.high_from, self.suspicious_from)
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            raise ValueError("Engagement limits must be numbers.")
        if not all(math.isfinite(v) for v in values) or not (
            0 <= self.low_below < self.high_from < self.suspicious_from
        ):
            raise ValueError(
                "Engagement limits must grow: low below, then high from, then suspicious from "
                f"(got {self.low_below:.2%}, {self.high_from:.2%}, {self.suspicious_from:.2%})."
            )

    def band_for(self, rate: float) -> EngagementBand:
        """The band `rate` falls into."""
        if rate < self.low_below:
            return EngagementBand.LOW
        if rate < self.high_from:
            return EngagementBand.TYPICAL
        if rate < self.suspicious_from:
            return EngagementBand.HIGH
        return EngagementBand.SUSPICIOUS


# Defaults, as (low below, high from, suspicious from) for nano, micro, macro and mega. They are
# likes + comments per follower and follow published 2023–2024 benchmark reports: Instagram
# creator medians fall from about 2–5 % for nano accounts to 1–3 % for micro, 0.7–1.5 % for
# macro and 0.3–1 % for mega; TikTok runs roughly two to three times higher at every tier
# (nano 8–15 %, micro 5–10 %). YouTube is usually judged on views, which is out of scope here,
# so its likes + comments per subscriber sit near Instagram's; X, Facebook, LinkedIn,
# Pinterest, Twitch and Snapchat show well under 1 % for most accounts. “Suspicious” starts
# around three times the top of the typical range, where bought likes or engagement pods are
# the likelier explanation than a loyal audience.
_TABLES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "instagram": (
        (0.015, 0.05, 0.15),
        (0.010, 0.03, 0.10),
        (0.007, 0.02, 0.07),
        (0.003, 0.015, 0.05),
    ),
    "tiktok": (
        (0.04, 0.15, 0.40),
        (0.03, 0.10, 0.30),
        (0.02, 0.06, 0.20),
        (0.01, 0.04, 0.15),
    ),
    "youtube": (
        (0.010, 0.05, 0.15),
        (0.005, 0.03, 0.10),
        (0.003, 0.02, 0.07),
        (0.001, 0.01, 0.04),
    ),
    "quiet": (
        (0.005, 0.02, 0.08),
        (0.003, 0.015, 0.06),
        (0.002, 0.01, 0.04),
        (0.001, 0.005, 0.03),
    ),
}
_TABLE_OF = {
    Platform.INSTAGRAM: "instagram",
    Platform.THREADS: "instagram",  # same audience and app family as Instagram
    Platform.TIKTOK: "tiktok",
    Platform.YOUTUBE: "youtube",
}
_TIERS = (Tier.NANO, Tier.MICRO, Tier.MACRO, Tier.MEGA)
_PLATFORM_VALUES = frozenset(p.value for p in Platform)
_TIER_VALUES = frozenset(t.value for t in Tier)


def _default_limits() -> dict[tuple[Platform, Tier], BandLimits]:
    """The benchmark limits for every platform and tier."""
    return {
        (platform, tier): BandLimits(*_TABLES[_TABLE_OF.get(platform, "quiet")][index])
        for platform in Platform
        for index, tier in enumerate(_TIERS)
    }


class EngagementBands:
    """Engagement-rate limits per platform and tier; immutable, changed by making a new one."""

    def __init__(self, limits: Mapping[tuple[Platform, Tier], BandLimits] | None = None) -> None:
        """Start from the defaults and override the given (platform, tier) pairs."""
        merged = _default_limits()
        for (platform, tier), value in (limits or {}).items():
            merged[(Platform(platform), Tier(tier))] = value
        self._limits = MappingProxyType(merged)

    def limits(self, platform: Platform, tier: Tier) -> BandLimits:
        """The limits that apply to accounts of `tier` on `platform`."""
        return self._limits[(Platform(platform), Tier(tier))]

    def band_for(
        self, rate: float | None, platform: Platform, tier: Tier | None
    ) -> EngagementBand | None:
        """The band of `rate` for that platform and tier; None when rate or tier is unknown."""
        if rate is None or tier is None or math.isnan(rate):
            return None
        return self.limits(platform, tier).band_for(rate)

    def with_limits(self, platform: Platform, tier: Tier, limits: BandLimits) -> EngagementBands:
        """A copy with the limits of one (platform, tier) replaced."""
        return EngagementBands({**self._limits, (Platform(platform), Tier(tier)): limits})

    def to_dict(self) -> dict[str, dict[str, dict[str, float]]]:
        """A JSON-friendly form: {platform: {tier: {low_below, high_from, suspicious_from}}}."""
        result: dict[str, dict[str, dict[str, float]]] = {}
        for (platform, tier), limits in self._limits.items():
            result.setdefault(platform.value, {})[tier.value] = asdict(limits)
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> EngagementBands:
        """Bands from `to_dict` output; unknown keys are ignored, missing ones take defaults."""
        defaults = _default_limits()
        chosen: dict[tuple[Platform, Tier], BandLimits] = {}
        for platform_key, tiers in (data or {}).items():
            if platform_key not in _PLATFORM_VALUES or not isinstance(tiers, Mapping):
                continue
            for tier_key, values in tiers.items():
                if tier_key not in _TIER_VALUES or not isinstance(values, Mapping):
                    continue
                key = (Platform(platform_key), Tier(tier_key))
                known = {f.name: values[f.name] for f in fields(BandLimits) if f.name in values}
                chosen[key] = BandLimits(**{**asdict(defaults[key]), **known})
        return cls(chosen)

    def __eq__(self, other: object) -> bool:
        """Equal when every (platform, tier) has the same limits."""
        if not isinstance(other, EngagementBands):
            return NotImplemented
        return dict(self._limits) == dict(other._limits)

    def __hash__(self) -> int:
        """Hash of the limits, so equal bands hash alike."""
        return hash(frozenset(self._limits.items()))

    def __repr__(self) -> str:
        """Show only the limits that differ from the defaults."""
        defaults = _default_limits()
        changed = {k: v for k, v in self._limits.items() if defaults[k] != v}
        return f"EngagementBands({changed!r})"
