"""What each platform allows in a handle, where its profiles live and how its links look."""

from __future__ import annotations

from dataclasses import dataclass

from infcrm.domain.enums import Platform


@dataclass(frozen=True)
class Rules:
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
RULES: dict[Platform, Rules] = {
    Platform.INSTAGRAM: Rules(
        "._", "letters, digits, “.” and “_”", 1, 30, ("instagram.com", "instagr.am"),
        "https://www.instagram.com/{}/", "instagram.com/name",
        frozenset({"p", "reel", "reels", "tv", "explore", "accounts", "direct", "stories",
                   "about", "legal", "developer", "web", "s", "ar"}),
    ),
    Platform.TIKTOK: Rules(
        "._", "letters, digits, “.” and “_”", 2, 24, ("tiktok.com",),
        "https://www.tiktok.com/@{}", "tiktok.com/@name",
    ),
    Platform.YOUTUBE: Rules(
        "._-", "letters, digits, “.”, “-” and “_”", 3, 30, ("youtube.com", "youtu.be"),
        "https://www.youtube.com/@{}", "youtube.com/@name",
        frozenset({"watch", "results", "playlist", "shorts", "feed", "embed", "live", "hashtag",
                   "redirect", "account", "premium", "gaming", "music", "t", "about"}),
        unicode_letters=True,  # YouTube handles may be written in any script
    ),
    Platform.X: Rules(
        "_", "letters, digits and “_”", 1, 15, ("x.com", "twitter.com"),
        "https://x.com/{}", "x.com/name",
        frozenset({"home", "i", "search", "explore", "intent", "share", "hashtag", "settings",
                   "messages", "notifications", "compose", "login", "signup", "tos", "privacy"}),
    ),
    Platform.TWITCH: Rules(
        "_", "letters, digits and “_”", 3, 25, ("twitch.tv",),
        "https://www.twitch.tv/{}", "twitch.tv/name",
        frozenset({"directory", "videos", "p", "downloads", "jobs", "settings", "subscriptions",
                   "inventory", "wallet", "search", "login", "signup"}),
    ),
    Platform.PINTEREST: Rules(
        "_", "letters, digits and “_”", 3, 30, ("pinterest.com", "pin.it"),
        "https://www.pinterest.com/{}/", "pinterest.com/name",
        frozenset({"pin", "search", "ideas", "today", "business", "settings", "login", "_",
                   "categories"}),
    ),
    Platform.FACEBOOK: Rules(
        ".-", "letters, digits, “.” and “-”", 5, 50, ("facebook.com", "fb.com", "fb.me"),
        "https://www.facebook.com/{}", "facebook.com/name",
        frozenset({"watch", "groups", "events", "photo", "photo.php", "photos", "share",
                   "sharer", "sharer.php", "story.php", "permalink.php", "reel", "reels",
                   "marketplace", "gaming", "login", "help", "hashtag", "search", "home.php",
                   "profile.php", "people", "pages", "pg"}),
    ),
    Platform.THREADS: Rules(
        "._", "letters, digits, “.” and “_”", 1, 30, ("threads.net", "threads.com"),
        "https://www.threads.com/@{}", "threads.com/@name",
    ),
    Platform.LINKEDIN: Rules(
        "-_", "letters, digits, “-” and “_”", 3, 100, ("linkedin.com",),
        "https://www.linkedin.com/in/{}", "linkedin.com/in/name",
    ),
    Platform.SNAPCHAT: Rules(
        "._-", "letters, digits, “.”, “-” and “_”", 3, 15, ("snapchat.com",),
        "https://www.snapchat.com/add/{}", "snapchat.com/add/name",
    ),
}  # fmt: skip

PLATFORM_OF_DOMAIN: dict[str, Platform] = {
    domain: platform for platform, rules in RULES.items() for domain in rules.domains
}


def with_article(word: str) -> str:
    """The word with “a” or “an” in front (“an Instagram”, “an X (Twitter)”, “a TikTok”)."""
    return f"an {word}" if word[:1] in "AEIOUX" else f"a {word}"
