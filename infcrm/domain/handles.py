"""Account handles: cleaning what people type or paste, checking it, and building profile links."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from infcrm.domain.enums import Platform
from infcrm.domain.invisible import without_zero_width


@dataclass(frozen=True)
class _Rules:
    """What one platform allows in a handle, where its profiles live and how links look."""

    extra: str  # allowed characters besides ASCII letters and digits
    extra_text: str  # the same, for error messages
    min_length: int
    max_length: int
    domains: tuple[str, ...]
    profile: str  # canonical profile URL with {} for the handle
    example: str  # a profile link as people would recognise it
    reserved: frozenset[str] = frozenset()  # first path segments that are not profiles
    unicode_letters: bool = False


# Limits follow each platform's own sign-up rules, rounded towards leniency where accounts made
# under older rules still exist (short X names, long Facebook page names).
_RULES: dict[Platform, _Rules] = {
    Platform.INSTAGRAM: _Rules(
        "._", "letters, digits, “.” and “_”", 1, 30, ("instagram.com", "instagr.am"),
        "https://www.instagram.com/{}/", "instagram.com/name",
        frozenset({"p", "reel", "reels", "tv", "explore", "accounts", "direct", "stories",
                   "about", "legal", "developer", "web", "s", "ar"}),
    ),
    Platform.TIKTOK: _Rules(
        "._", "letters, digits, “.” and “_”", 2, 24, ("tiktok.com",),
        "https://www.tiktok.com/@{}", "tiktok.com/@name",
    ),
    Platform.YOUTUBE: _Rules(
        "._-", "letters, digits, “.”, “-” and “_”", 3, 30, ("youtube.com", "youtu.be"),
        "https://www.youtube.com/@{}", "youtube.com/@name",
        frozenset({"watch", "results", "playlist", "shorts", "feed", "embed", "live", "hashtag",
                   "redirect", "account", "premium", "gaming", "music", "t", "about"}),
        unicode_letters=True,  # YouTube handles may be written in any script
    ),
    Platform.X: _Rules(
        "_", "letters, digits and “_”", 1, 15, ("x.com", "twitter.com"),
        "https://x.com/{}", "x.com/name",
        frozenset({"home", "i", "search", "explore", "intent", "share", "hashtag", "settings",
                   "messages", "notifications", "compose", "login", "signup", "tos", "privacy"}),
    ),
    Platform.TWITCH: _Rules(
        "_", "letters, digits and “_”", 3, 25, ("twitch.tv",),
        "https://www.twitch.tv/{}", "twitch.tv/name",
        frozenset({"directory", "videos", "p", "downloads", "jobs", "settings", "subscriptions",
                   "inventory", "wallet", "search", "login", "signup"}),
    ),
    Platform.PINTEREST: _Rules(
        "_", "letters, digits and “_”", 3, 30, ("pinterest.com", "pin.it"),
        "https://www.pinterest.com/{}/", "pinterest.com/name",
        frozenset({"pin", "search", "ideas", "today", "business", "settings", "login", "_",
                   "categories"}),
    ),
    Platform.FACEBOOK: _Rules(
        ".-", "letters, digits, “.” and “-”", 5, 50, ("facebook.com", "fb.com", "fb.me"),
        "https://www.facebook.com/{}", "facebook.com/name",
        frozenset({"watch", "groups", "events", "photo", "photo.php", "photos", "share",
                   "sharer", "sharer.php", "story.php", "permalink.php", "reel", "reels",
                   "marketplace", "gaming", "login", "help", "hashtag", "search", "home.php",
                   "profile.php", "people", "pages", "pg"}),
    ),
    Platform.THREADS: _Rules(
        "._", "letters, digits, “.” and “_”", 1, 30, ("threads.net", "threads.com"),
        "https://www.threads.com/@{}", "threads.com/@name",
    ),
    Platform.LINKEDIN: _Rules(
        "-_", "letters, digits, “-” and “_”", 3, 100, ("linkedin.com",),
        "https://www.linkedin.com/in/{}", "linkedin.com/in/name",
    ),
    Platform.SNAPCHAT: _Rules(
        "._-", "letters, digits, “.”, “-” and “_”", 3, 15, ("snapchat.com",),
        "https://www.snapchat.com/add/{}", "snapchat.com/add/name",
    ),
}  # fmt: skip

# Short links redirect somewhere we cannot follow offline, so they never name a profile.
_SHORT_LINK_HOSTS = frozenset({"youtu.be", "pin.it", "vm.tiktok.com", "vt.tiktok.com"})
_PINTEREST_HOST = re.compile(r"(?:.+\.)?pinterest\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})")
_YOUTUBE_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HOST_THEN_PATH = re.compile(r"[^/]+\.[^/]+/")
_DOMAIN_LIKE = re.compile(r"[^/\s:@]+\.[a-z]{2,}(?:[/:?#]|$)", re.IGNORECASE)
_ASCII_ALNUM = frozenset(string.ascii_lowercase + string.digits)


def with_article(word: str) -> str:
    """The word with “a” or “an” in front (“an Instagram”, “an X (Twitter)”, “a TikTok”)."""
    return f"an {word}" if word[:1] in "AEIOUX" else f"a {word}"


_PLATFORM_OF_DOMAIN: dict[str, Platform] = {
    domain: platform for platform, rules in _RULES.items() for domain in rules.domains
}


def _split_url(text: str) -> tuple[str, list[str], dict[str, list[str]]] | None:
    """Host, decoded path segments and query of a link (scheme optional), or None if unreadable."""
    if not _SCHEME.match(text):
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
        platform = _PLATFORM_OF_DOMAIN.get(".".join(labels[start:]))
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


def _looks_like_url(text: str) -> bool:
    """Whether the user pasted a link rather than typed a handle (no handle contains a “/”)."""
    if _SCHEME.match(text) or _HOST_THEN_PATH.match(text):
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
        for key in ("channel", "c", "user"):
            if (found := _first_after(segments, key)) is not None:
                return found
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
    if not first or lowered in _RULES[platform].reserved:
        return None
    return first


def _handle_from_url(platform: Platform, text: str) -> str:
    """Extract the handle from a profile link of `platform`, or explain why it cannot."""
    rules = _RULES[platform]
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
    if host.lower() in _SHORT_LINK_HOSTS:
        raise ValueError(
            "A short link cannot be read here. Open it in a browser and paste the profile’s "
            f"full address, like {rules.example}."
        )
    handle = _handle_in_path(platform, segments, query)
    if handle is None:
        raise ValueError(
            f"This {platform.label} link does not point to a profile. "
            f"Paste a link like {rules.example}, or just the handle."
        )
    return handle


def _check(platform: Platform, handle: str) -> str:
    """Lower-case `handle` and check it against the platform's rules."""
    rules = _RULES[platform]
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
    for platform, rules in _RULES.items()
}
_SPACE = re.compile(r"\s")  # the same characters as str.isspace()


def normalise_handle(platform: Platform, text: str) -> str:
    """Turn a typed handle (“@Anna.Bakes”) or a pasted profile link into the stored handle."""
    text = without_zero_width(text or "").strip()
    stored = _STORED_FORM.get(platform)
    if stored is not None and (match := stored.fullmatch(text)):
        handle = text if match.start(1) == 0 else match.group(1)  # no copy when no “@”
        reserved = handle in _RULES[platform].reserved and platform is not Platform.YOUTUBE
        if not reserved and ("." not in text or not _looks_like_url(text)):
            return handle
    if _SPACE.search(text):
        raise ValueError(f"A handle cannot contain spaces: “{text}”.")
    if platform is Platform.OTHER:
        # Blogs and unknown sites have no handle rules: keep links verbatim, drop a typed “@”.
        cleaned = text if _looks_like_url(text) else text.lstrip("@")
        if not cleaned:
            raise ValueError("The handle is empty. Enter a name or paste the address.")
        return cleaned
    if _looks_like_url(text):
        return _check(platform, _handle_from_url(platform, text))
    return _check(platform, text.removeprefix("@"))


# “https://www.instagram.com/ana/”, “tiktok.com/@ana”: a profile link with the handle its
# only segment, read without taking the link apart.
_PLAIN_PROFILE_LINK = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?(?:"
    + "|".join(re.escape(d) for d in _PLATFORM_OF_DOMAIN if d not in _SHORT_LINK_HOSTS)
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
    return all(map(stored.fullmatch, texts)) and _RULES[platform].reserved.isdisjoint(texts)


def profile_format(platform: Platform) -> str:
    """The profile link with {} for the handle (for handles `plain_handles` accepted)."""
    return _RULES[platform].profile


def profile_url(platform: Platform, handle: str) -> str | None:
    """The profile's https link, or None when there is none (or the handle is not valid)."""
    if platform is Platform.OTHER:
        text = handle.strip()
        if _SCHEME.match(text):
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
        return _RULES[platform].profile.format(handle)  # nothing in it to escape
    return _RULES[platform].profile.format(quote(handle, safe="._-"))


def handle_in_link(text: str) -> str | None:
    """The handle a pasted profile link of a known platform points to, or None for other text."""
    text = (text or "").strip()
    if not text or any(ch.isspace() for ch in text) or not _looks_like_url(text):
        return None
    platform = detect_platform(text)
    if platform is None:
        return None
    try:
        return normalise_handle(platform, text)
    except ValueError:
        return None  # a post or a short link: not a profile, so search it as plain text


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
    if host in _SHORT_LINK_HOSTS:
        return platform is not Platform.PINTEREST  # a pin.it link may be a board
    return any(segment.lower() in paths for segment in segments[:2])


def account_key(platform: str, handle: str | None, label: str | None = None) -> tuple[str, str]:
    """Which account this is: its handle, or for one known only by its name, that name.

    Two accounts without a handle are the same only when their names are (ignoring case and
    spacing: a second list's “omar  haddad” is Omar Haddad's account).
    """
    if handle:
        return (platform, handle)
    return (platform, "\0" + " ".join((label or "").split()).casefold())


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


def shown_account(platform: str | None, handle: str | None, label: str | None = None) -> str:
    """An account as people read it: “@name”, a blog's link as it is, or the account's name."""
    if handle:
        return handle if platform == Platform.OTHER.value else f"@{handle}"
    return label or ""
