"""Account handles: cleaning what people type or paste, checking it, and building profile links."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from urllib.parse import quote

from infcrm.domain.enums import Platform
from infcrm.domain.invisible import without_zero_width
from infcrm.domain.platform_links import (
    SCHEME,
    SHORT_LINK_HOSTS,
    detect_platform,
    handle_from_url,
    looks_like_url,
    named_channel,
)
from infcrm.domain.platform_rules import PLATFORM_OF_DOMAIN, RULES, with_article

_YOUTUBE_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
_DOMAIN_LIKE = re.compile(r"[^/\s:@]+\.[a-z]{2,}(?:[/:?#]|$)", re.IGNORECASE)
_ASCII_ALNUM = frozenset(string.ascii_lowercase + string.digits)


def _check(platform: Platform, handle: str) -> str:
    """Lower-case `handle` and check it against the platform's rules."""
    rules = RULES[platform]
    noun = with_article(f"{platform.label} handle")
    noun = noun[0].upper() + noun[1:]
    if not handle:
        raise ValueError(
            "The handle is empty. Enter the name after “@”, or paste the profile link."
        )
    if platform is Platform.YOUTUBE and _YOUTUBE_CHANNEL_ID.fullmatch(handle):
        return handle  # channel ids are case-sensitive
    lowered = handle.lower()
    bad = [
        ch
        for ch in dict.fromkeys(lowered)
        if ch not in _ASCII_ALNUM
        and ch not in rules.extra
        and not (rules.unicode_letters and ch.isalnum())
    ]
    if bad:
        listed = ", ".join(f"“{ch}”" for ch in bad)
        raise ValueError(f"{noun} cannot contain {listed}: “{handle}”. Use {rules.extra_text}.")
    if len(lowered) > rules.max_length:
        raise ValueError(
            f"{noun} has at most {rules.max_length} characters; “{handle}” has {len(lowered)}."
        )
    if len(lowered) < rules.min_length:
        raise ValueError(
            f"{noun} has at least {rules.min_length} characters; “{handle}” has {len(lowered)}."
        )
    # YouTube links put handles after “@”, so only there can a handle equal a site path.
    if lowered in rules.reserved and platform is not Platform.YOUTUBE:
        raise ValueError(
            f"“{handle}” is {with_article(platform.label)} page, not someone’s handle."
        )
    return lowered


# A handle already as stored: lower-case ASCII within the platform's characters and length.
# Most cells of a big list are like this, and need none of the checks that explain a refusal.
_STORED_FORM = {
    platform: re.compile(
        f"@?([a-z0-9{re.escape(rules.extra)}]{{{rules.min_length},{rules.max_length}}})"
    )
    for platform, rules in RULES.items()
}
_SPACE = re.compile(r"\s")  # the same characters as str.isspace()


def normalise_handle(platform: Platform, text: str) -> str:
    """Turn a typed handle (“@Anna.Bakes”) or a pasted profile link into the stored handle."""
    text = without_zero_width(text or "").strip()
    stored = _STORED_FORM.get(platform)
    if stored is not None and (match := stored.fullmatch(text)):
        handle = text if match.start(1) == 0 else match.group(1)  # no copy when no “@”
        reserved = handle in RULES[platform].reserved and platform is not Platform.YOUTUBE
        if not reserved and ("." not in text or not looks_like_url(text)):
            return handle
    if _SPACE.search(text):
        raise ValueError(f"A handle cannot contain spaces: “{text}”.")
    if platform is Platform.OTHER:
        # Blogs and unknown sites have no handle rules: keep links verbatim, drop a typed “@”.
        cleaned = text if looks_like_url(text) else text.lstrip("@")
        if not cleaned:
            raise ValueError("The handle is empty. Enter a name or paste the address.")
        return cleaned
    if looks_like_url(text):
        return _check(platform, handle_from_url(platform, text))
    return _check(platform, text.removeprefix("@"))


# “https://www.instagram.com/ana/”, “tiktok.com/@ana”: a profile link with the handle its
# only segment, read without taking the link apart.
_PLAIN_PROFILE_LINK = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?(?:"
    + "|".join(re.escape(d) for d in PLATFORM_OF_DOMAIN if d not in SHORT_LINK_HOSTS)
    + r")/@?([A-Za-z0-9._-]+)/?",
    re.IGNORECASE,
)


def loose_handle(text: str) -> str:
    """The handle a cell names, whatever its network: a profile link's handle, or the text
    without its “@”, in lower case (“@Ana”, “ana” and instagram.com/ana are all “ana”).

    Cells that `normalise_handle` takes for one handle on one network have one loose handle,
    so rows grouped by it hold every row the importer would take for one account (and maybe
    a few more: on other networks, or YouTube channel ids that differ only in case): a cheap
    first pass, without knowing each row's network.
    """
    text = text.strip()
    if "." not in text:
        return text.removeprefix("@").lower()
    if match := _PLAIN_PROFILE_LINK.fullmatch(text):  # most links: 100,000 in ~0.1 s
        return match.group(1).lower()
    if (platform := detect_platform(text)) is not None:
        if platform is Platform.YOUTUBE and (channel := named_channel(text)):
            return channel.url.casefold()  # a channel known by its old link, as it is matched
        try:
            return normalise_handle(platform, text).lower()  # a channel id keeps its case
        except ValueError:
            pass  # a link to a post or a page: compared as it is written
    return text.removeprefix("@").lower()


def plain_handles(platform: Platform, texts: Iterable[str]) -> bool:
    """Whether every text is a handle already as stored, with nothing to look into.

    True means `normalise_handle` returns each text as it is and `link_for` is the profile
    link with the handle put in: a big list's handle column is checked in one pass. No “@”,
    no dot (a dot may be a link), no reserved word, and never YouTube (channel ids).
    """
    if platform is Platform.YOUTUBE or platform is Platform.OTHER:
        return False
    texts = list(texts)
    joined = "\n".join(texts)
    if "@" in joined or "." in joined:
        return False
    stored = _STORED_FORM[platform]
    return all(map(stored.fullmatch, texts)) and RULES[platform].reserved.isdisjoint(texts)


def profile_format(platform: Platform) -> str:
    """The profile link with {} for the handle (for handles `plain_handles` accepted)."""
    return RULES[platform].profile


def profile_url(platform: Platform, handle: str) -> str | None:
    """The profile's https link, or None when there is none (or the handle is not valid)."""
    if platform is Platform.OTHER:
        text = handle.strip()
        if SCHEME.match(text):
            return text
        return "https://" + text if _DOMAIN_LIKE.match(text) else None
    try:
        handle = normalise_handle(platform, handle)
    except ValueError:
        return None  # shown beside stored data, where a bad old handle must not break a view
    return link_for(platform, handle)


def link_for(platform: Platform, handle: str) -> str | None:
    """The profile link of a handle `normalise_handle` already returned (imports: no re-check)."""
    if platform is Platform.OTHER:
        return profile_url(platform, handle)
    if platform is Platform.YOUTUBE and _YOUTUBE_CHANNEL_ID.fullmatch(handle):
        return f"https://www.youtube.com/channel/{handle}"
    if _STORED_FORM[platform].fullmatch(handle) and "@" not in handle:
        return RULES[platform].profile.format(handle)  # nothing in it to escape
    return RULES[platform].profile.format(quote(handle, safe="._-"))


def handle_in_link(text: str) -> str | None:
    """The handle a pasted profile link of a known platform points to, or None for other text."""
    text = (text or "").strip()
    if not text or any(ch.isspace() for ch in text) or not looks_like_url(text):
        return None
    platform = detect_platform(text)
    if platform is None:
        return None
    if platform is Platform.YOUTUBE and (channel := named_channel(text)):
        return channel.name  # the name such a channel is kept under
    try:
        return normalise_handle(platform, text)
    except ValueError:
        return None  # a post or a short link: not a profile, so search it as plain text
