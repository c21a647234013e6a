"""What a column's values look like: shares of numbers, handles, names, emails, links.

A sample of each column's values is sorted into kinds, so that the column's name can be
corrected by what it holds (`column_inference`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle
from infcrm.domain.numbers import parse_average
from infcrm.domain.platform_links import detect_platform, is_post_link, platform_site
from infcrm.files.labelled_values import labelled_values

SAMPLE = 200  # values looked at per column
_HANDLE = re.compile(r"@?[\w.\-]{1,40}", re.UNICODE)
_EMAIL = re.compile(r"[^@\s:]+@[^@\s]+\.[^@\s]+")
# A link: a scheme, “www.”, a path, or a common top-level domain (“ada.bakes” is a handle).
_LINKISH = re.compile(
    r"https?://|www\.|\.[a-z]{2,}/|\.(?:com|org|net|io|co|me|tv|de|fr|es|it|nl|uk|blog|shop|"
    r"app|info|biz|eu|br|mx|pt|se|ch|at|be|pl|us|ca|au|in|jp)$",
    re.IGNORECASE,
)
_PLATFORM_VALUE_WORDS = frozenset(
    {"instagram", "ig", "insta", "tiktok", "tik tok", "tt", "youtube", "yt", "x", "twitter",
     "twitch", "pinterest", "facebook", "fb", "threads", "linkedin", "snapchat", "blog",
     "website", "other", "blog / other", "x (twitter)"}
)  # fmt: skip
# A size class as creator lists write it in a “Category” column: “Micro”, “Nano (<10k)”,
# “Macro influencer”, “mid-tier”.
_TIER = re.compile(
    r"(?i)(?:nano|micro|mid|macro|mega)(?:[ -]?tier)?(?:[ -]?influencers?)?\s*(?:\(.*\))?"
)


@dataclass(frozen=True)
class ColumnProfile:
    """What a column's values look like, as shares of its non-empty values."""

    filled: int
    numeric: float
    handles: float  # one word with @, dots, underscores or digits, or lower case
    names: float  # words with spaces or capitals
    emails: float
    links: float
    platform_links: dict[str, int]
    platforms: float  # values that are platform names
    labelled: float  # “Email: x@y.com”
    site_links: dict[str, int] = field(default_factory=dict)  # a platform's non-profile pages
    tiers: float = 0.0  # size classes: “Micro”, “Nano (<10k)”, “Macro influencer”
    at_handles: float = 0.0  # one word after an @: “@ana.bakes”
    post_links: float = 0.0  # links to one post or video (tiktok.com/@ana/video/…)
    post_accounts: float = 0.0  # such links that name their account


def profile_column(values: Sequence[object]) -> ColumnProfile:
    """Look at up to SAMPLE non-empty values of a column."""
    texts = [v for v in values if v is not None][:SAMPLE]
    if not texts:
        return ColumnProfile(0, 0, 0, 0, 0, 0, {}, 0, 0)
    numeric = handles = names = emails = links = platforms = labelled = tiers = at_handles = 0
    post_links = post_accounts = 0
    platform_links: dict[str, int] = {}
    site_links: dict[str, int] = {}
    for value in texts:
        if isinstance(value, bool | date | time):
            continue  # a date in a figure's column is that cell's mistake, not a name
        if isinstance(value, int | float):
            numeric += 1
            continue
        text = str(value).strip()
        if _is_count(text):
            numeric += 1
            continue
        if text.casefold() in _PLATFORM_VALUE_WORDS:
            platforms += 1
        if _TIER.fullmatch(text):
            tiers += 1
        if _EMAIL.fullmatch(text):
            emails += 1
            continue
        if labelled_values(text):
            labelled += 1
            continue
        if looks_like_link(text):
            links += 1
            found = detect_platform(text)
            if found is not None:
                platform_links[found.value] = platform_links.get(found.value, 0) + 1
                handles += 1
                if is_post_link(text):
                    post_links += 1
                    post_accounts += _names_account(found, text)
            elif (site := platform_site(text)) is not None:
                site_links[site.value] = site_links.get(site.value, 0) + 1
            continue
        kind = _word_kind(text)
        handles += kind == "handle"
        at_handles += kind == "handle" and text.startswith("@")
        names += kind == "name"
    n = len(texts)
    return ColumnProfile(
        n, numeric / n, handles / n, names / n, emails / n, links / n, platform_links,
        platforms / n, labelled / n, site_links, tiers / n, at_handles / n, post_links / n,
        post_accounts / n,
    )  # fmt: skip


def _names_account(platform: Platform, link: str) -> bool:
    """Whether a link to a post carries its account (tiktok.com/@ana/video/…)."""
    try:
        normalise_handle(platform, link)
    except ValueError:
        return False
    return True


def looks_like_link(text: str) -> bool:
    """Whether `text` is a link (“www.anabakes.com”, “youtube.com/@ana”), not a handle like
    “ada.bakes”."""
    return " " not in text and _LINKISH.search(text) is not None


def _is_count(text: str) -> bool:
    """A number as counts are written, fractional averages (“859.2”) included."""
    try:
        return parse_average(text) is not None
    except ValueError:
        return False


def _word_kind(text: str) -> str:
    """“handle” for @ana.b, ana_b, anab92, anab; “name” for Ana B, Like Nastya, Ana."""
    if " " in text.strip():
        return "name"
    if not _HANDLE.fullmatch(text):
        return "other"
    if text.startswith("@") or any(ch in text for ch in "._") or any(c.isdigit() for c in text):
        return "handle"
    if text.islower():
        return "handle"
    return "name"  # one capitalised word: “Cristiano”, “MrBeast” could be either; a name


__all__ = ["SAMPLE", "ColumnProfile", "looks_like_link", "profile_column"]
