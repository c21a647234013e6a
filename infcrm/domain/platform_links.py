"""Links to the networks: which platform a link is on, whether it leads to a post, a profile or
another site, and the handle a profile link names."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, quote, unquote, urlsplit

from infcrm.domain.enums import Platform
from infcrm.domain.platform_rules import PLATFORM_OF_DOMAIN, RULES, with_article

# Short links redirect somewhere we cannot follow offline, so they never name a profile.
SHORT_LINK_HOSTS = frozenset({"youtu.be", "pin.it", "vm.tiktok.com", "vt.tiktok.com"})
_PINTEREST_HOST = re.compile(r"(?:.+\.)?pinterest\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})")
SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HOST_THEN_PATH = re.compile(r"[^/]+\.[^/]+/")


def _split_url(text: str) -> tuple[str, list[str], dict[str, list[str]]] | None:
    """Host, decoded path segments and query of a link (scheme optional), or None if unreadable."""
    if not SCHEME.match(text):
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # e.g. a malformed IPv6 literal
        return None
    segments = [unquote(segment) for segment in parts.path.split("/") if segment]
    return host, segments, parse_qs(parts.query)


def _platform_of_host(host: str) -> Platform | None:
    """The platform serving `host` (any subdomain such as www., m. or uk.), or None."""
    # One dictionary look-up per ending ("m.instagram.com", "instagram.com"): imports check
    # every handle of 100,000 rows this way.
    labels = host.split(".")
    for start in range(len(labels) - 1):
        platform = PLATFORM_OF_DOMAIN.get(".".join(labels[start:]))
        if platform is not None:
            return platform
    # Pinterest runs a site per country (pinterest.de, pinterest.co.uk, …).
    return Platform.PINTEREST if _PINTEREST_HOST.fullmatch(host) else None


def detect_platform(url: str) -> Platform | None:
    """The platform a link points to, judged by its host; None for other sites or plain text
    (and for a platform's link shim, which leads to another site)."""
    split = _split_url(url.strip())
    if not split:
        return None
    host = split[0].lower()
    return None if host in _LINK_SHIMS else _platform_of_host(host)


# Where Instagram and Facebook send a click on a link in a bio (“l.instagram.com/?u=…”): the
# link leads to the person's own site, so it is no profile, though it says the platform.
_LINK_SHIMS = {
    "l.instagram.com": Platform.INSTAGRAM,
    "l.facebook.com": Platform.FACEBOOK,
    "lm.facebook.com": Platform.FACEBOOK,
}


_WEB_ADDRESS = re.compile(r"(?:https?://)?[^\s/@]+\.[^\s/@.]+/\S*", re.IGNORECASE)


def is_web_address(text: str) -> bool:
    """Whether `text` is a web page's address (“linktr.ee/ana”, “https://x.com/…”), not a handle."""
    return _WEB_ADDRESS.fullmatch(text.strip()) is not None


def looks_like_url(text: str) -> bool:
    """Whether the user pasted a link rather than typed a handle (no handle contains a “/”)."""
    if SCHEME.match(text) or _HOST_THEN_PATH.match(text):
        return True
    if "." not in text:
        return False
    # A bare “instagram.com”: no scheme and no path here, so the host is the text itself.
    host = text.split("?", 1)[0].split("#", 1)[0].split(":", 1)[0].lower().rstrip(".")
    return _platform_of_host(host) is not None


def _first_after(segments: list[str], key: str) -> str | None:
    """The segment following `key` when the path starts with it (“in/NAME” → NAME)."""
    if len(segments) > 1 and segments[0].lower() == key:
        return segments[1]
    return None


def _handle_in_path(
    platform: Platform, segments: list[str], query: dict[str, list[str]]
) -> str | None:
    """The handle a profile link carries in its path, or None when it is not a profile link."""
    first = segments[0] if segments else ""
    lowered = first.lower()
    if platform in (Platform.TIKTOK, Platform.THREADS):
        return first[1:] if first.startswith("@") else None
    if platform is Platform.LINKEDIN:
        return _first_after(segments, "in")
    if platform is Platform.SNAPCHAT:
        return first[1:] if first.startswith("@") else _first_after(segments, "add")
    if platform is Platform.YOUTUBE:
        if first.startswith("@"):
            return first[1:]
        if (found := _first_after(segments, "channel")) is not None:
            return found
        if lowered in _NAMED_CHANNEL_PATHS:
            return None  # a channel's old name, not its handle (`named_channel`)
    if platform is Platform.INSTAGRAM and (found := _first_after(segments, "stories")):
        return found
    if platform is Platform.FACEBOOK:
        if lowered == "profile.php":
            return (query.get("id") or [None])[0]
        if lowered in ("people", "pages"):
            # Old-style links end in the numeric id: /people/Anna-Bakes/1000123/.
            return segments[2] if len(segments) > 2 else None
        if lowered == "pg":
            return segments[1] if len(segments) > 1 else None
    if not first or lowered in RULES[platform].reserved:
        return None
    return first


def handle_from_url(platform: Platform, text: str) -> str:
    """Extract the handle from a profile link of `platform`, or explain why it cannot."""
    rules = RULES[platform]
    split = _split_url(text)
    found = _platform_of_host(split[0].lower()) if split else None
    if split is None or found is None:
        raise ValueError(
            f"“{text}” is not {with_article(platform.label)} link. "
            f"Paste a link like {rules.example}, or just the handle."
        )
    if found is not platform:
        raise ValueError(
            f"That is {with_article(found.label)} link, but the platform chosen is "
            f"{platform.label}. "
            f"Choose {found.label}, or paste the {platform.label} profile."
        )
    host, segments, query = split
    if host.lower() in SHORT_LINK_HOSTS:
        raise ValueError(
            "A short link cannot be read here. Open it in a browser and paste the profile’s "
            f"full address, like {rules.example}."
        )
    handle = _handle_in_path(platform, segments, query)
    if handle is None and platform is Platform.YOUTUBE and named_channel(text):
        raise ValueError(
            f"“{text}” is an old YouTube link by the channel’s name, which may not be its "
            "@handle. Paste the link from the channel’s page (youtube.com/@name)."
        )
    if handle is None:
        raise ValueError(
            f"This {platform.label} link does not point to a profile. "
            f"Paste a link like {rules.example}, or just the handle."
        )
    return handle


# youtube.com/c/NAME (a custom link) and youtube.com/user/NAME (a username) name a channel
# by what it was called before handles: YouTube's @NAME may be another channel altogether.
_NAMED_CHANNEL_PATHS = frozenset({"c", "user"})


class NamedChannel(NamedTuple):
    """A YouTube channel an old link names: the name as written and the link, canonical."""

    name: str
    url: str


def named_channel(text: str) -> NamedChannel | None:
    """The channel of a youtube.com/c/NAME or /user/NAME link, else None (an @handle or a
    /channel/ID link is a handle, `handle_from_url`)."""
    split = _split_url(text.strip())
    if split is None:
        return None
    host, segments, _query = split
    if len(segments) < 2 or host.lower() in SHORT_LINK_HOSTS:
        return None
    kind = segments[0].lower()
    if kind not in _NAMED_CHANNEL_PATHS or _platform_of_host(host.lower()) is not Platform.YOUTUBE:
        return None
    name = segments[1].strip()
    if not name:
        return None
    return NamedChannel(name, f"https://www.youtube.com/{kind}/{quote(name, safe='._-~')}")


# The first path segments (or, after the account, the second) of a link to one post or video.
_POST_PATHS: dict[Platform, frozenset[str]] = {
    Platform.INSTAGRAM: frozenset({"p", "reel", "reels", "tv"}),
    Platform.TIKTOK: frozenset({"video", "photo", "v", "t"}),
    Platform.YOUTUBE: frozenset({"watch", "shorts", "live", "embed"}),
    Platform.X: frozenset({"status"}),
    Platform.FACEBOOK: frozenset({"watch", "reel", "reels", "posts", "videos", "photo",
                                  "photo.php", "story.php", "permalink.php"}),
    Platform.TWITCH: frozenset({"videos", "clip"}),
    Platform.PINTEREST: frozenset({"pin"}),
    Platform.THREADS: frozenset({"post"}),
}  # fmt: skip


def is_post_link(text: str) -> bool:
    """Whether `text` is a link to one post or video of a known network, not to a profile
    (instagram.com/p/…, tiktok.com/@name/video/…, youtube.com/watch?v=…, youtu.be/…)."""
    split = _split_url(text.strip())
    if split is None:
        return False
    host, segments, _query = split
    host = host.lower()
    platform = _platform_of_host(host)
    paths = _POST_PATHS.get(platform) if platform is not None else None
    if paths is None:
        return False
    if host in SHORT_LINK_HOSTS:
        return platform is not Platform.PINTEREST  # a pin.it link may be a board
    return any(segment.lower() in paths for segment in segments[:2])


# A platform's own sites that are not profiles: a creator's page in TikTok Shop's affiliate
# centre, a profile picture on Instagram's or TikTok's image servers (a creator database's
# “profilePicUrl”) or a link shim (a scraper's “externalUrlShimmed”) says the list is about
# that platform, though no handle can be read from it.
_PLATFORM_SITES = {
    "tiktokglobalshop.com": Platform.TIKTOK,
    "tiktokshop.com": Platform.TIKTOK,
    "tiktokcdn.com": Platform.TIKTOK,
    "tiktokcdn-us.com": Platform.TIKTOK,
    "cdninstagram.com": Platform.INSTAGRAM,
    "ytimg.com": Platform.YOUTUBE,
    **_LINK_SHIMS,
}


def platform_site(url: str) -> Platform | None:
    """The platform whose own (non-profile) site `url` is on, e.g. TikTok Shop's; else None."""
    parts = _split_url(url)
    if parts is None:
        return None
    host = parts[0]
    return next(
        (p for site, p in _PLATFORM_SITES.items() if host == site or host.endswith("." + site)),
        None,
    )
