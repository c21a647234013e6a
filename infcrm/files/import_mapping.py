"""What a spreadsheet column can be imported as, and which field each column name suggests.

The fields and their column names come from the domain's field catalogue; this module adds
the per-platform fields (“Instagram handle”, “TikTok followers”) and reads a column name in any
style: camelCase, snake_case, punctuation, line breaks, other languages, a platform named
anywhere in it. What the values of a column say is `column_inference`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from infcrm.domain import field_catalogue as catalogue
from infcrm.domain.enums import Platform
from infcrm.domain.field_catalogue import simplify_header
from infcrm.files.figure_headers import average_field, is_total
from infcrm.files.header_platforms import platform_in_header, platforms_named
from infcrm.files.header_words import EXTRA_SYNONYMS, LABELLED, LAST_NAME
from infcrm.files.spreadsheet_reader import column_letter

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


PERSON_FIELDS: tuple[ImportField, ...] = tuple(
    ImportField(spec.key, spec.label, spec.kind, "person") for spec in catalogue.PERSON_FIELDS
)
ACCOUNT_FIELDS: tuple[ImportField, ...] = tuple(
    ImportField(spec.key, spec.label, spec.kind, "account") for spec in catalogue.ACCOUNT_FIELDS
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
LABELLED_FIELD = ImportField(LABELLED, "Contact (email, phone, links)", "text", "person")
LAST_NAME_FIELD = ImportField(LAST_NAME, "Last name", "text", "person")  # joined after Name
FIELDS: tuple[ImportField, ...] = (
    PERSON_FIELDS + ACCOUNT_FIELDS + PLATFORM_FIELDS + (LABELLED_FIELD, LAST_NAME_FIELD)
)
FIELDS_BY_KEY: dict[str, ImportField] = {f.key: f for f in FIELDS}
# Fields that several columns may feed (Category_1 + Category_2 → niches).
LIST_FIELDS = frozenset(spec.key for spec in catalogue.FIELDS if spec.is_list) | {LABELLED}

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
_DERIVED_NAMES: dict[str, str] = {
    "engagement": "engagement", "engagement rate": "engagement", "er": "engagement",
    "eng rate": "engagement", "avg engagement": "engagement", "engagement avg": "engagement",
    "engagement rate avg": "engagement", "tasa de engagement": "engagement",
    "etkilesim": "engagement", "etkilesim orani": "engagement", "معدل التفاعل": "engagement",
    "tier": "tier", "engagement band": "band", "accounts": "accounts", "updated": "updated",
    "found via": "found_via", "found how": "found_detail",
}  # fmt: skip
# Words that make a column about a figure something else: a rank, a change, a period.
_NOT_A_FIGURE = frozenset(
    {"rank", "ranking", "growth", "gained", "gain", "change", "last", "days", "daily", "weekly",
     "monthly", "yearly", "earnings", "following", "followings", "ratio", "share", "percent"}
)  # fmt: skip
# Beside “email”: a column about the email (its text, its state), not the address.
_NOT_AN_ADDRESS = frozenset(
    {"pitch", "template", "subject", "body", "message", "draft", "text", "copy", "script",
     "content", "status", "sent", "opened", "replied", "reply", "date", "verified", "valid"}
)  # fmt: skip
# Lifetime totals, which are not the per-post averages infcrm keeps.
_TOTALS = frozenset(
    {"video views", "total views", "lifetime views", "channel views",
     # A TikTok scraper's likes the author was given (“heart”) and gave (“digg”), in all.
     "author meta heart", "author meta digg"}
)  # fmt: skip

_SYNONYMS: dict[str, str] = {
    name: spec.key
    for spec in catalogue.FIELDS
    for name in (simplify_header(spec.label), *spec.synonyms)
}
_SYNONYMS.update(EXTRA_SYNONYMS)
# Who an account belongs to, beside a platform: “Influencer insta name” is the Instagram name.
_OWNER_WORDS = frozenset(
    {"influencer", "influencers", "creator", "creators", "kol", "influenciador",
     "influenciadora", "influenceur", "influenceuse", "creador", "criador"}
)  # fmt: skip
# Words that add nothing to what a column holds (“follower_cnt”, “number of followers”).
_FILLER = frozenset(
    {"cnt", "count", "number", "num", "no", "nr", "of", "the", "total", "qty", "amount", "n",
     "de", "do", "da", "des", "du", "le", "la", "el", "los", "der", "die", "das", "in", "on",
     "per", "account", "acct", "profile", "page", "channel", "user"}
)  # fmt: skip
# The part of a platform column: handle or followers. “name” is a handle here: “TikTok name”.
_PART_WORDS: dict[str, str] = {
    "": "handle", "handle": "handle", "username": "handle", "user name": "handle",
    "account": "handle", "channel": "handle", "name": "handle", "profile": "handle",
    "link": "handle", "url": "handle", "id": "handle", "unique id": "handle", "号": "handle",
    "profile link": "handle", "profile url": "handle", "channel url": "handle",
    "followers": "followers", "follower": "followers", "subscribers": "followers",
    "subscriber": "followers", "subs": "followers", "fans": "followers",
    "seguidores": "followers", "abonnes": "followers", "abonnenten": "followers",
    # “유튜브 채널”, “YouTubeチャンネル”, “抖音链接”: the network's channel or link is its account.
    "채널": "handle", "링크": "handle", "주소": "handle", "チャンネル": "handle",
    "リンク": "handle", "频道": "handle", "链接": "handle", "主页": "handle",
    "hesap": "handle", "hesabi": "handle", "kullanici adi": "handle", "takipci": "followers",
    "حساب": "handle", "رابط": "handle", "المتابعين": "followers", "متابعين": "followers",
}  # fmt: skip


# The catalogue's fields that, beside a platform, are that platform's handle or followers:
# “Cuenta de Instagram”, “Instagramフォロワー数”, “TikTok lien”.
_SYNONYM_PARTS = {"handle": "handle", "url": "handle", "followers": "followers"}


def platform_part(rest: str) -> str | None:
    """“handle” or “followers” for what a column names beside a platform, else None."""
    for words in (rest, _core(rest)):
        part = _PART_WORDS.get(words) or _SYNONYM_PARTS.get(_SYNONYMS.get(words, ""))
        if part:
            return part
    if _either_names_the_account(rest, lambda p: _PART_WORDS.get(p) == "handle"):
        return "handle"
    return None


def _either_names_the_account(words: str, names_it: Callable[[str], bool]) -> bool:
    """Whether a column is named as one account written either way: “handle_or_url”,
    “username/url”, “TikTok handle / link”; the handle field takes a handle or a link."""
    phrases = words.split(" or ") if " or " in words else words.split()
    return len(phrases) > 1 and all(names_it(p.strip()) for p in phrases)


def _names_the_account(phrase: str) -> bool:
    return _SYNONYMS.get(phrase) in ("handle", "url")


def _without_trailing_number(words: str) -> str:
    """“category 2” → “category”, “niche5” → “niche”: numbered copies of one column."""
    return re.sub(r"(?:\s*\d+)+$", "", words).strip()


def _core(words: str) -> str:
    return " ".join(w for w in words.split() if w not in _FILLER)


def suggest_field(header: str) -> str:
    """The field a column called `header` most likely holds, or IGNORE (or a DERIVED key)."""
    words = simplify_header(header)
    if not words:
        return IGNORE
    if words in _TOTALS:
        return IGNORE
    for candidate in (words, _without_trailing_number(words)):
        if candidate in _DERIVED_NAMES:
            return _DERIVED_NAMES[candidate]
        if candidate in _SYNONYMS:
            return _SYNONYMS[candidate]
    if _either_names_the_account(words, _names_the_account):
        return "handle"
    found = platform_in_header(header)
    if found:
        platform, rest, person = found
        rest = " ".join(w for w in rest.split() if w not in _OWNER_WORDS)
        rest = _without_trailing_number(rest)
        if person and rest in ("", "name", "nombre", "nom", "nome"):
            return "display_name"
        part = platform_part(rest)
        if part:
            return f"{platform}_{part}"
        key = _by_words(rest)
        if key in ("followers",):
            return f"{platform}_followers"
        if key != IGNORE:
            return key
    core = _core(_without_trailing_number(words))
    # “nome_influencer”, “Influencer country”: the word for whose column it is adds nothing.
    plain = " ".join(w for w in core.split() if w not in _OWNER_WORDS)
    key = _SYNONYMS.get(core) or _SYNONYMS.get(plain) or _by_words(core or words)
    if key in ("avg_likes", "avg_comments", "avg_views") and is_total(words):
        return IGNORE  # likes or views over all posts are not an average
    return key


def _by_words(words: str) -> str:
    """A field from single telling words, in any order: “avg likes”, “likes per post avg”."""
    parts = set(words.split())
    if not parts or parts & _NOT_A_FIGURE:
        return IGNORE
    if parts & {"engagement", "er"}:
        return "engagement"
    if parts & {"email", "mail", "correo", "courriel"}:
        return IGNORE if parts & _NOT_AN_ADDRESS else "email"
    if parts & {"follower", "followers", "subscriber", "subscribers", "subs", "fans",
                "seguidores", "abonnes", "abonnenten", "suscriptores", "inscritos"}:  # fmt: skip
        return "followers"
    if is_total(words):
        return IGNORE  # total likes or views over all posts are not averages
    average = average_field(words)
    if average:
        return average
    if parts & {"country", "pais", "pays", "land", "region"}:
        # “Audience country(mostly)” is where the followers are, not where the person lives.
        return "audience_countries" if "audience" in parts else "country"
    if parts & {"city", "ciudad", "ville", "stadt"}:
        return "city"
    if parts & {"phone", "telephone", "mobile", "whatsapp"}:
        return "phone"
    if parts & {"niche", "category", "categories", "topic", "genre", "focus"}:
        return "niches"
    return IGNORE


def suggest_mapping(
    headers: Sequence[str], rows: Sequence[Sequence[object]] | None = None
) -> list[str]:
    """A field (or IGNORE) for each column, by its name (and by its values, given `rows`).

    A field goes to one column only, except list fields (niches, tags, other emails), which
    several columns may feed. A second email column becomes Other emails. Derived figures such
    as engagement rate are IGNORE; `ignored_reason` says why.
    """
    if rows is not None:
        from infcrm.files.column_inference import infer_mapping  # it builds on this module

        return infer_mapping(headers, rows).fields
    used: set[str] = set()
    mapping: list[str] = []
    for header in headers:
        key = suggest_field(header)
        if key == "email" and "email" in used:
            key = "other_emails"
        if key not in FIELDS_BY_KEY or (key in used and key not in LIST_FIELDS):
            key = IGNORE
        used.add(key)
        mapping.append(key)
    return mapping


def ignored_reason(header: str) -> str | None:
    """Why a column is left out, for derived figures (“Engagement rate”), else None."""
    return DERIVED.get(suggest_field(header))


def ignored_columns(headers: Sequence[str], mapping: Sequence[str]) -> list[str]:
    """The columns left out, by name; by letter too where another column has the same name.

    Lists that give each figure twice (“Subscribers” as “212.1M” and as 212100000) leave one
    copy out: “Ignored: Subscribers” would not say which.
    """
    seen: dict[str, int] = {}
    for header in headers:
        seen[header.casefold()] = seen.get(header.casefold(), 0) + 1
    return [
        f"{column_letter(index)} ({header})" if seen[header.casefold()] > 1 else header
        for index, (header, key) in enumerate(zip(headers, mapping, strict=False))
        if key == IGNORE
    ]


def repeated_columns(
    headers: Sequence[str], mapping: Sequence[str], by_values: Collection[int] = ()
) -> list[str]:
    """One line per column left out because another column already fills its field.

    Lists often give a figure twice (“Subscribers” as “212.1M” and as 212100000, or “Followers”
    beside “follower_count”). Only one copy is imported and the other is not compared with it,
    so the user is told which copy was used. `by_values`: the columns their values left out
    (an English “Ad” column is no second Name column), which say why themselves.
    """
    used = {key: index for index, key in reversed(list(enumerate(mapping))) if key != IGNORE}
    lines = []
    for index, (header, key) in enumerate(zip(headers, mapping, strict=False)):
        if key != IGNORE or index in by_values:
            continue
        suggested = suggest_field(header)
        kept = used.get(suggested)
        if kept is None or suggested in LIST_FIELDS or suggested not in FIELDS_BY_KEY:
            continue
        if handle_beside_its_link(header, headers[kept], suggested):
            continue
        letter = column_letter(index)
        lines.append(
            f"{letter} ({header}) is a second {FIELDS_BY_KEY[suggested].label} column: "
            f"{column_letter(kept)} ({headers[kept]}) is imported, {letter} is ignored and not "
            "compared with it."
        )
    return lines


_LINK_PARTS = frozenset({"profile", "link", "url", "profile link", "profile url", "channel url"})


def handle_beside_its_link(header: str, other: str, key: str) -> bool:
    """Whether two columns of one platform are its handle and its profile link.

    infcrm's own export writes each account both ways (“Instagram handle”, “Instagram profile”):
    one account twice, so leaving one copy out loses nothing and is not worth a line.
    """
    if FIELDS_BY_KEY[key].account_field != "handle":
        return False
    parts = [platform_in_header(h) for h in (header, other)]
    if not all(parts):
        return False
    return [found[1] in _LINK_PARTS for found in parts if found].count(True) == 1


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
    "LABELLED",
    "LAST_NAME",
    "LIST_FIELDS",
    "PERSON_FIELDS",
    "PLATFORM_FIELDS",
    "ImportField",
    "field_label",
    "ignored_columns",
    "ignored_reason",
    "platform_in_header",
    "platform_part",
    "platforms_named",
    "repeated_columns",
    "resolve_column",
    "suggest_field",
    "suggest_mapping",
]
