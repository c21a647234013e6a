"""What a spreadsheet column can be imported as, and which field each column name suggests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from infcrm.domain.enums import Platform

IGNORE = "ignore"

# How a field's cells are read: text as is, counts like “12.3k”, dates in common formats…
FieldKind = str  # "text" | "email" | "emails" | "count" | "int" | "number" | "bool" | "date" …


@dataclass(frozen=True)
class ImportField:
    """A field a column can fill: a person's field, their main account's, or a platform's."""

    key: str
    label: str
    kind: FieldKind
    group: str  # "person", "account" (the row's main account) or "platform" (one platform's)
    platform: str | None = None
    account_field: str | None = None  # for platform fields: handle, followers or url


PERSON_FIELDS: tuple[ImportField, ...] = (
    ImportField("display_name", "Name", "text", "person"),
    ImportField("real_name", "Real name", "text", "person"),
    ImportField("email", "Email", "email", "person"),
    ImportField("other_emails", "Other emails", "emails", "person"),
    ImportField("phone", "Phone", "text", "person"),
    ImportField("country", "Country", "text", "person"),
    ImportField("city", "City", "text", "person"),
    ImportField("language", "Language", "text", "person"),
    ImportField("niches", "Niches", "text", "person"),
    ImportField("tags", "Tags", "text", "person"),
    ImportField("stage", "Stage", "stage", "person"),
    ImportField("owner", "Owner", "text", "person"),
    ImportField("rating", "Rating (0–5)", "int", "person"),
    ImportField("do_not_contact", "Do not contact", "bool", "person"),
    ImportField("brand_fit", "Brand fit", "text", "person"),
    ImportField("notes", "Notes", "text", "person"),
    ImportField("created_at", "Date added", "date", "person"),
)

ACCOUNT_FIELDS: tuple[ImportField, ...] = (
    ImportField("platform", "Platform", "platform", "account"),
    ImportField("handle", "Handle or profile link", "handle", "account"),
    ImportField("url", "Profile link", "handle", "account"),
    ImportField("followers", "Followers", "count", "account"),
    ImportField("avg_likes", "Average likes", "count", "account"),
    ImportField("avg_comments", "Average comments", "count", "account"),
    ImportField("avg_views", "Average views", "count", "account"),
    ImportField("posts_per_week", "Posts per week", "number", "account"),
    ImportField("authenticity", "Audience authenticity (0–100)", "int", "account"),
    ImportField("audience_countries", "Audience countries", "text", "account"),
    ImportField("audience_gender", "Audience gender", "text", "account"),
    ImportField("audience_age", "Audience age", "text", "account"),
    ImportField("audience_notes", "Audience notes", "text", "account"),
)

_PLATFORM_PARTS = (("handle", "handle", "handle"), ("followers", "followers", "count"))


def _platform_fields() -> tuple[ImportField, ...]:
    fields = []
    for platform in Platform:
        for part, word, kind in _PLATFORM_PARTS:
            fields.append(
                ImportField(
                    f"{platform.value}_{part}",
                    f"{platform.label} {word}",
                    kind,
                    "platform",
                    platform.value,
                    part,
                )
            )
    return tuple(fields)


PLATFORM_FIELDS: tuple[ImportField, ...] = _platform_fields()
FIELDS: tuple[ImportField, ...] = PERSON_FIELDS + ACCOUNT_FIELDS + PLATFORM_FIELDS
FIELDS_BY_KEY: dict[str, ImportField] = {f.key: f for f in FIELDS}

# Figures infcrm works out itself: a column holding them is left out, and the wizard says why.
DERIVED: dict[str, str] = {
    "engagement": "Engagement is worked out from followers, likes and comments; "
    "map average likes and comments instead.",
    "tier": "The tier is worked out from followers.",
    "band": "The engagement band is worked out from followers, likes and comments.",
    "accounts": "The number of accounts is counted from the accounts imported.",
    "updated": "infcrm records when a person was last changed itself.",
    "found_via": "Imported people are marked as found by import, with the file's name.",
    "found_detail": "Imported people are marked as found by import, with the file's name.",
}

# Column names people and other tools use, written in the simplified form `_simplify` makes.
_SYNONYMS: dict[str, str] = {
    "name": "display_name", "display name": "display_name", "influencer": "display_name",
    "influencer name": "display_name", "creator": "display_name", "creator name": "display_name",
    "full name": "real_name", "real name": "real_name", "first and last name": "real_name",
    "email": "email", "e mail": "email", "email address": "email", "e mail address": "email",
    "mail": "email", "contact email": "email", "business email": "email",
    "other emails": "other_emails", "phone": "phone", "phone number": "phone",
    "mobile": "phone", "telephone": "phone", "tel": "phone", "whatsapp": "phone",
    "country": "country", "location": "country", "city": "city", "town": "city",
    "language": "language", "lang": "language", "niche": "niches", "niches": "niches",
    "category": "niches", "categories": "niches", "topics": "niches", "tags": "tags",
    "tag": "tags", "labels": "tags", "stage": "stage", "status": "stage", "owner": "owner",
    "assigned to": "owner", "rating": "rating", "stars": "rating",
    "do not contact": "do_not_contact", "dnc": "do_not_contact", "brand fit": "brand_fit",
    "notes": "notes", "note": "notes", "comments": "notes", "remarks": "notes",
    "added": "created_at", "date added": "created_at", "created": "created_at",
    "created at": "created_at", "first contact": "created_at",
    "platform": "platform", "network": "platform", "social network": "platform",
    "channel type": "platform", "handle": "handle", "username": "handle", "user name": "handle",
    "account": "handle", "channel": "handle", "channel info": "handle", "channel name": "handle",
    "ig": "instagram_handle", "insta": "instagram_handle", "tiktok": "tiktok_handle",
    "youtube": "youtube_handle", "twitter": "x_handle", "twitch": "twitch_handle",
    "profile url": "url", "profile link": "url", "url": "url", "link": "url",
    "profile": "url", "website": "url",
    "followers": "followers", "follower count": "followers", "followers count": "followers",
    "subscribers": "followers", "subscriber count": "followers", "fans": "followers",
    "audience size": "followers", "reach": "followers",
    "avg likes": "avg_likes", "average likes": "avg_likes", "likes": "avg_likes",
    "avg comments": "avg_comments", "average comments": "avg_comments",
    "avg views": "avg_views", "average views": "avg_views", "views": "avg_views",
    "posts per week": "posts_per_week", "authenticity": "authenticity",
    "audience authenticity": "authenticity", "audience countries": "audience_countries",
    "audience gender": "audience_gender", "audience age": "audience_age",
    "audience notes": "audience_notes",
    "engagement": "engagement", "engagement rate": "engagement", "er": "engagement",
    "eng rate": "engagement", "tier": "tier", "engagement band": "band",
    "accounts": "accounts", "updated": "updated", "found via": "found_via",
    "found how": "found_detail",
    # A few names in the languages of common spreadsheet locales.
    "nom": "display_name", "nombre": "display_name", "pays": "country", "land": "country",
    "país": "country", "pais": "country", "ville": "city", "stadt": "city", "ciudad": "city",
    "abonnés": "followers", "abonnenten": "followers", "seguidores": "followers",
    "courriel": "email", "telefon": "phone", "téléphone": "phone", "notizen": "notes",
}  # fmt: skip

_PLATFORM_WORDS: dict[str, str] = {
    "ig": "instagram", "insta": "instagram", "twitter": "x", "yt": "youtube", "tt": "tiktok",
    "fb": "facebook", "blog": "other",
}  # fmt: skip
_PART_WORDS: dict[str, str] = {
    "handle": "handle", "username": "handle", "user name": "handle", "account": "handle",
    "channel": "handle", "name": "handle", "profile": "handle", "link": "handle",
    "url": "handle", "followers": "followers", "subscribers": "followers", "fans": "followers",
    "follower count": "followers", "followers count": "followers",
}  # fmt: skip


def _simplify(header: str) -> str:
    """“E-mail address:” → “e mail address”: lower case, words only."""
    words = " ".join(re.findall(r"[^\W_]+", header.casefold()))
    return re.sub(r"\be mail\b", "email", words)


def _platform_prefix(words: str) -> tuple[str, str] | None:
    """(platform value, rest) for “instagram handle”, “ig followers”, “x (twitter) handle”…"""
    for platform in Platform:
        # Longest first: “x twitter handle” must not stop at “x”.
        for name in sorted({platform.value, _simplify(platform.label)}, key=len, reverse=True):
            if words.startswith(name + " "):
                return platform.value, words[len(name) + 1 :]
    for word, value in _PLATFORM_WORDS.items():
        if words.startswith(word + " "):
            return value, words[len(word) + 1 :]
    return None


def suggest_field(header: str) -> str:
    """The field a column called `header` most likely holds, or IGNORE (or a DERIVED key)."""
    words = _simplify(header)
    if not words:
        return IGNORE
    if words in _SYNONYMS:
        return _SYNONYMS[words]
    prefixed = _platform_prefix(words + " handle")  # a column named after a platform alone
    if prefixed and prefixed[1] == "handle":
        return f"{prefixed[0]}_handle"
    prefixed = _platform_prefix(words)
    if prefixed:
        platform, rest = prefixed
        part = _PART_WORDS.get(rest) or _PART_WORDS.get(rest.removesuffix(" count"))
        if part:
            return f"{platform}_{part}"
    for word, key in (("email", "email"), ("follower", "followers"), ("subscriber", "followers")):
        if word in words.split():
            return key
    return IGNORE


def suggest_mapping(headers: Sequence[str]) -> list[str]:
    """A field (or IGNORE) for each column; each field is suggested for one column only.

    Derived figures such as engagement rate are suggested as IGNORE; `ignored_reason` says why.
    """
    used: set[str] = set()
    mapping: list[str] = []
    for header in headers:
        key = suggest_field(header)
        if key not in FIELDS_BY_KEY or key in used:
            key = IGNORE
        used.add(key)
        mapping.append(key)
    return mapping


def ignored_reason(header: str) -> str | None:
    """Why a column is left out, for derived figures (“Engagement rate”), else None."""
    return DERIVED.get(suggest_field(header))


def field_label(key: str) -> str:
    """The label of field `key` as the mapping shows it."""
    if key == IGNORE:
        return "Ignore this column"
    return FIELDS_BY_KEY[key].label


def resolve_column(headers: Sequence[str], column: str) -> int | None:
    """The index of a column given by its name (any case) or its letter (“C”), else None."""
    wanted = column.strip().casefold()
    for index, header in enumerate(headers):
        if header.casefold() == wanted:
            return index
    if re.fullmatch(r"[a-z]{1,3}", wanted):
        index = 0
        for ch in wanted:
            index = index * 26 + (ord(ch) - 96)
        if 1 <= index <= len(headers):
            return index - 1
    return None


__all__ = [
    "ACCOUNT_FIELDS",
    "DERIVED",
    "FIELDS",
    "FIELDS_BY_KEY",
    "IGNORE",
    "PERSON_FIELDS",
    "PLATFORM_FIELDS",
    "ImportField",
    "field_label",
    "ignored_reason",
    "resolve_column",
    "suggest_field",
    "suggest_mapping",
]
