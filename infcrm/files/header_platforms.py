"""Which platform a column, file or sheet name names: “Instagram handle”, “抖音号”,
“top-250-tiktokers.csv”, in the words and scripts lists are written in."""

from __future__ import annotations

import re

from infcrm.domain.field_catalogue import simplify_header

# Words that name a platform, alone or as part of a column name.
_PLATFORM_WORDS: dict[str, str] = {
    "instagram": "instagram", "ig": "instagram", "insta": "instagram",
    "instagrammer": "instagram", "tiktok": "tiktok", "tik tok": "tiktok", "tt": "tiktok",
    "tiktoker": "tiktok", "douyin": "tiktok", "youtube": "youtube", "yt": "youtube",
    "youtuber": "youtube", "x": "x", "twitter": "x", "x twitter": "x", "twitch": "twitch",
    "streamer": "twitch", "pinterest": "pinterest", "facebook": "facebook", "fb": "facebook",
    "threads": "threads", "linkedin": "linkedin", "snapchat": "snapchat", "blog": "other",
    "blog other": "other", "other": "other",
    "website": "other", "web": "other", "site": "other",
    # A person's own website, under the names tools and people give it.
    "site web": "other", "sitio web": "other", "pagina web": "other", "webseite": "other",
    "homepage": "other", "external url": "other", "url externe": "other",
    "lien externe": "other", "external link": "other", "link in bio": "other",
    "bio link": "other", "ウェブサイト": "other", "ホームページ": "other", "웹사이트": "other",
    "홈페이지": "other", "网站": "other", "官网": "other",
    # Arabic lists write the networks in Arabic letters.
    "انستغرام": "instagram", "إنستغرام": "instagram", "انستجرام": "instagram",
    "انستقرام": "instagram", "يوتيوب": "youtube", "تيك توك": "tiktok", "تيكتوك": "tiktok",
    "تويتر": "x", "فيسبوك": "facebook", "سناب شات": "snapchat", "الموقع": "other",
}  # fmt: skip
# The person who runs the account: “Youtuber” names a person, “YouTube” an account.
_PERSON_WORDS = frozenset({"youtuber", "tiktoker", "instagrammer", "streamer", "blogger"})


def platform_in_header(header: str) -> tuple[str, str, bool] | None:
    """(platform, the rest of the name, names a person) when a platform word is in `header`."""
    words = simplify_header(header).split()
    for size in (3, 2, 1):  # “link in bio”, “tik tok”, “blog other” before single words
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            platform = _PLATFORM_WORDS.get(phrase)
            if platform is None or (phrase == "x" and len(words) > 2):
                continue
            if phrase == "other" and len(words) > 2:
                continue  # “other emails”: only “Other handle” / “Other followers” are a site
            rest = " ".join(words[:start] + words[start + size :])
            return platform, rest, phrase in _PERSON_WORDS
    return _cjk_platform(words)


# Platforms written in Japanese, Korean or Chinese, longest first. They are glued to the rest
# of the name (“インスタフォロワー数”, “抖音号”), so they are looked for at the start of a word.
_CJK_PLATFORMS = (
    ("インスタグラム", "instagram"), ("インスタ", "instagram"), ("ユーチューブ", "youtube"),
    ("ティックトック", "tiktok"), ("ツイッター", "x"), ("인스타그램", "instagram"),
    ("인스타", "instagram"), ("유튜브", "youtube"), ("틱톡", "tiktok"), ("트위터", "x"),
    ("抖音", "tiktok"), ("油管", "youtube"), ("推特", "x"),
)  # fmt: skip


def _cjk_platform(words: list[str]) -> tuple[str, str, bool] | None:
    for start, word in enumerate(words):
        for name, platform in _CJK_PLATFORMS:
            remainder = word.removeprefix(name)
            if remainder == word or remainder.startswith("ント"):  # インスタント: “instant”
                continue
            remainder = remainder.removeprefix("の").removeprefix("的")  # “of”
            rest = [*words[:start], *([remainder] if remainder else []), *words[start + 1 :]]
            return platform, " ".join(rest), False
    return None


# The platforms a file or sheet name can name inside a longer word (“top-250-tiktokers”,
# “Instagrammers2024”): the short names (ig, yt, x) only count as whole words.
_NAME_PARTS = (
    ("tiktok", "tiktok"), ("douyin", "tiktok"), ("instagram", "instagram"),
    ("youtube", "youtube"), ("twitch", "twitch"), ("pinterest", "pinterest"),
    ("facebook", "facebook"), ("twitter", "x"), ("linkedin", "linkedin"),
    ("snapchat", "snapchat"),
)  # fmt: skip
_INSTA = re.compile(r"insta(?!n)")  # “insta”, “instas”, but not “instant” or “instance”


def platforms_named(title: str) -> set[str]:
    """The social platforms a file or sheet name names (“top-250-tiktokers.csv” → tiktok).

    A word that is a platform's name counts, and so does a long name inside a word; a website
    (“blog”, “site”) is not a platform a list is about.
    """
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", title)
    words = simplify_header(stem).split()
    found: set[str] = set()
    for index, word in enumerate(words):
        pair = " ".join(words[index : index + 2])
        for phrase in (pair, word):
            platform = _PLATFORM_WORDS.get(phrase)
            if platform is not None and phrase not in ("x", "other", "streamer"):
                found.add(platform)
        found.update(p for part, p in _NAME_PARTS if part in word)
        if _INSTA.search(word):
            found.add("instagram")
    found.discard("other")
    return found


__all__ = ["platform_in_header", "platforms_named"]
