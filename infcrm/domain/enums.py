"""Enumerations shared by every layer, each with a human label and lenient parsing from text."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Self

_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(text: str) -> str:
    """Reduce text to a comparison key so “Follows us”, “follows_us” and “FOLLOWS-US” match."""
    return _SEPARATORS.sub(" ", text.strip().casefold()).strip()


class LabelledEnum(StrEnum):
    """A string enum whose members carry a human label and parse from value, label or alias."""

    _label: str

    def __new__(cls, value: str, label: str) -> Self:
        """Create a member from its stored value and its label."""
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """Human text for the interface."""
        return self._label

    @classmethod
    def _noun(cls) -> str:
        """What a member is called in error messages, with its article."""
        return "a choice"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        """Extra spellings (already reduced by `_key`) mapped to member values."""
        return {}

    @classmethod
    def from_text(cls, text: str) -> Self:
        """The member whose value, label or alias matches `text`, ignoring case."""
        key = _key(str(text))
        for member in cls:
            if key in (_key(member.value), _key(member.label)):
                return member
        alias = cls._aliases().get(key)
        if alias is not None:
            return cls(alias)
        choices = ", ".join(member.label for member in cls)
        raise ValueError(f"“{str(text).strip()}” is not {cls._noun()}. Use one of: {choices}.")


def label_of(enum: type[LabelledEnum], value: str | None) -> str | None:
    """The human label of a stored value; unknown values (older data) are shown as stored."""
    if value is None:
        return None
    try:
        return enum(value).label
    except ValueError:
        return value


class Platform(LabelledEnum):
    """A social network (or a blog/website) where an influencer has an account."""

    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    X = "x", "X (Twitter)"
    TWITCH = "twitch", "Twitch"
    PINTEREST = "pinterest", "Pinterest"
    FACEBOOK = "facebook", "Facebook"
    THREADS = "threads", "Threads"
    LINKEDIN = "linkedin", "LinkedIn"
    SNAPCHAT = "snapchat", "Snapchat"
    OTHER = "other", "Blog / other"

    @classmethod
    def _noun(cls) -> str:
        return "a platform"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        # Short forms people type in spreadsheets and the network's former name.
        return {
            "twitter": "x",
            "ig": "instagram",
            "insta": "instagram",
            "yt": "youtube",
            "tt": "tiktok",
            "fb": "facebook",
            "blog": "other",
            "website": "other",
        }


class FoundVia(LabelledEnum):
    """How we came across an influencer."""

    FOLLOWS_US = "follows_us", "Follows us"
    MENTIONED_US = "mentioned_us", "Mentioned us"
    OUR_HASHTAG = "our_hashtag", "Used our hashtag"
    NICHE_HASHTAG = "niche_hashtag", "Niche hashtag"
    PLATFORM_SEARCH = "platform_search", "Platform search"
    REFERRAL = "referral", "Referral"
    IMPORTED = "imported", "Imported"
    OTHER = "other", "Other"

    @classmethod
    def _noun(cls) -> str:
        return "a way of finding someone"


class Tier(LabelledEnum):
    """Size class of an account, derived from its followers."""

    NANO = "nano", "Nano"
    MICRO = "micro", "Micro"
    MACRO = "macro", "Macro"
    MEGA = "mega", "Mega"

    @classmethod
    def _noun(cls) -> str:
        return "a tier"


class EngagementBand(LabelledEnum):
    """How an engagement rate compares with the benchmark for its platform and tier."""

    LOW = "low", "Low"
    TYPICAL = "typical", "Typical"
    HIGH = "high", "High"
    SUSPICIOUS = "suspicious", "Suspiciously high"

    @classmethod
    def _noun(cls) -> str:
        return "an engagement band"


class Channel(LabelledEnum):
    """The medium of an interaction."""

    EMAIL = "email", "Email"
    INSTAGRAM_DM = "instagram_dm", "Instagram DM"
    TIKTOK_DM = "tiktok_dm", "TikTok DM"
    OTHER_DM = "other_dm", "Other DM"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    OTHER = "other", "Other"

    @property
    def in_sentence(self) -> str:
        """The label inside a sentence: “logged email with …”, “logged Instagram DM with …”
        (a network's name keeps its capitals, DM stays DM)."""
        if self in (Channel.INSTAGRAM_DM, Channel.TIKTOK_DM):
            return self.label
        head, _space, rest = self.label.partition(" ")
        return f"{head.lower()} {rest}" if rest else head.lower()

    @classmethod
    def _noun(cls) -> str:
        return "a channel"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"e mail": "email", "dm": "other_dm", "call": "phone", "meeting": "in_person"}


class Direction(LabelledEnum):
    """Who started an interaction."""

    OUTBOUND = "outbound", "We contacted them"
    INBOUND = "inbound", "They contacted us"

    @classmethod
    def _noun(cls) -> str:
        return "a direction"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"out": "outbound", "in": "inbound", "sent": "outbound", "received": "inbound"}
