"""Deciding what each column holds from its name and, where the name cannot tell, its values.

A column of values like “@ada.bakes” or “khaby.lame” is a handle whatever it is called, one
of “Khaby Lame” is a name; a “platform” column is one only if its values are platforms; a
“comments” column of numbers is a count, not notes. Each decision says whether the values
decided it (“by content”), and every column left out is named, so the command line and the
wizard can show the user what was understood.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

from infcrm.domain.enums import Platform
from infcrm.domain.handles import detect_platform, is_post_link, normalise_handle, platform_site
from infcrm.domain.numbers import parse_average
from infcrm.files.advert_column import adverts_are_not_names
from infcrm.files.field_owners import one_column_per_field
from infcrm.files.handle_columns import (
    HANDLES_REASON,
    NO_ACCOUNT_REASON,
    POST_LINKS_REASON,
    mostly_handles,
    named_handles_first,
    post_links_label,
)
from infcrm.files.import_mapping import (
    FIELDS_BY_KEY,
    IGNORE,
    LABELLED,
    field_label,
    ignored_reason,
    platform_in_header,
    platforms_named,
    suggest_field,
)
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
class ColumnChoice:
    """What one column is imported as, and why."""

    index: int
    header: str
    field: str  # a field key, LABELLED or IGNORE
    by_content: bool = False  # the values decided, not (only) the name
    reason: str = ""  # for a column left out, or a decision by content: why

    def describe(self, fields: Sequence[str] = ()) -> str:
        """“Followers → Followers”, “Tiktoker name → Name (by content)”, “Rank: ignored”
        (`fields`: the file's, which say how a column of links to posts is used)."""
        if self.field == IGNORE:
            return f"{self.header}: ignored" + (f" ({self.reason})" if self.reason else "")
        posts = self.reason == POST_LINKS_REASON
        label = post_links_label(fields, self.index) if posts else field_label(self.field)
        shown = f"{self.header} → {label}"
        return shown + (" (by content)" if self.by_content else "")


@dataclass
class ColumnMapping:
    """Each column's field, the platform the file is about, and what was left out."""

    choices: list[ColumnChoice]
    platform: str | None = None  # the platform the column names or links point to, if one
    platform_reason: str = ""
    notes: list[str] = field(default_factory=list)
    platform_from_name: bool = False  # guessed from the file or sheet name, not the columns

    @property
    def fields(self) -> list[str]:
        """One field key (or IGNORE) per column, as the importer takes it."""
        return [choice.field for choice in self.choices]

    @property
    def ignored(self) -> list[str]:
        """The names of the columns left out."""
        return [c.header for c in self.choices if c.field == IGNORE]

    @property
    def left_out_by_values(self) -> set[int]:
        """The columns their values left out (they say why themselves)."""
        return {c.index for c in self.choices if c.field == IGNORE and c.by_content}

    @property
    def by_content(self) -> list[ColumnChoice]:
        """The columns whose values, not only their names, decided what they hold."""
        return [c for c in self.choices if c.by_content]

    def describe(self) -> list[str]:
        """Lines for the user: each column used, then “ignored: Rank, influence_score”."""
        lines = [c.describe(self.fields) for c in self.choices if c.field != IGNORE]
        if self.ignored:
            lines.append("ignored: " + ", ".join(self.ignored))
        if self.platform:
            lines.append(f"platform: {Platform(self.platform).label} ({self.platform_reason})")
        return lines


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


def infer_mapping(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, sample: int = SAMPLE
) -> ColumnMapping:
    """Each column's field from its name, corrected by its values where the name cannot tell."""
    head = [tuple(r) for r in rows[: sample * 3]]
    profiles = [profile_column([r[i] for r in head if i < len(r)]) for i in range(len(headers))]
    choices: list[ColumnChoice] = []
    for index, header in enumerate(headers):
        key, by_content, reason = _decide(header, profiles[index])
        choices.append(ColumnChoice(index, header, key, by_content, reason))
    choices = adverts_are_not_names(choices, headers, head)
    choices = _handles_among_names(choices, profiles)
    choices = _names_stay_beside_handles(choices)
    choices = named_handles_first(choices)
    choices = one_column_per_field(choices, profiles)
    mapping = ColumnMapping(choices)
    _file_platform(mapping, profiles)
    return mapping


def _decide(header: str, profile: ColumnProfile) -> tuple[str, bool, str]:
    """(field, decided by content, reason) for one column."""
    key = suggest_field(header)
    if profile.filled == 0:
        if key in FIELDS_BY_KEY:
            return key, False, ""
        return IGNORE, False, ignored_reason(header) or "empty"
    if profile.labelled >= 0.5:
        return LABELLED, True, "values like “Email: …”"
    if profile.post_links >= 0.6 and key in (IGNORE, "url", "handle"):
        # Links to posts are no profiles: their account is the handle when they name one.
        if profile.post_accounts >= 0.6:
            return ("url" if key == IGNORE else key), True, POST_LINKS_REASON
        return IGNORE, True, NO_ACCOUNT_REASON
    if key == LABELLED and profile.emails == 1:
        # A “Contact” column of nothing but addresses is the email column.
        return "email", True, "its values are email addresses"
    spec = FIELDS_BY_KEY.get(key)
    kind = spec.kind if spec else None
    if key == "platform" and profile.platforms < 0.6:
        if "type" in header.casefold() or "category" in header.casefold():
            return "niches", True, "its values are categories, not platforms"
        return IGNORE, True, "its values are not platforms"
    if key == "niches" and profile.tiers >= 0.6:
        return IGNORE, True, "its values are tiers, which infcrm works out from followers"
    if key == "notes" and profile.numeric >= 0.8:
        return "avg_comments", True, "its values are numbers"
    if kind == "handle" or key == "display_name":
        return _handle_or_name(header, key, profile)
    if kind == "count" and profile.numeric < 0.5 and profile.handles + profile.names >= 0.5:
        return IGNORE, True, "its values are not numbers"
    if kind == "email" and profile.emails < 0.3 and profile.filled >= 3:
        return IGNORE, True, "its values are not email addresses"
    if key in FIELDS_BY_KEY:
        return key, False, ""
    if key == IGNORE or key not in FIELDS_BY_KEY:
        derived = ignored_reason(header)
        if derived:
            return IGNORE, False, derived
        if profile.emails >= 0.6:
            return "email", True, "its values are email addresses"
        if profile.platform_links and profile.links >= 0.6:
            return "url", True, "its values are profile links"
        if mostly_handles(profile):
            return "handle", True, HANDLES_REASON
    return IGNORE, False, ""


def _handle_or_name(header: str, key: str, profile: ColumnProfile) -> tuple[str, bool, str]:
    """A handle column of names is the name, and a name column of handles is the handle."""
    found = platform_in_header(header)
    if profile.emails >= 0.6:
        return "email", True, "its values are email addresses"
    if profile.numeric >= 0.8:
        return IGNORE, True, "its values are numbers"
    names, handles = profile.names, profile.handles
    if key == "display_name" and handles >= 0.7 and handles > names * 2:
        platform = found[0] if found else None
        return (f"{platform}_handle" if platform else "handle"), True, "its values are handles"
    if key != "display_name" and names >= 0.5 and names > handles:
        return "display_name", True, "its values are names, not handles"
    return key, False, ""


def _handles_among_names(
    choices: list[ColumnChoice], profiles: list[ColumnProfile]
) -> list[ColumnChoice]:
    """Of two name columns, one of handles beside one of names is the handle.

    “youtuber name” (tseries, MrBeast6000, Like Nastya) beside “channel name” (T-Series,
    MrBeast): too few handles for the first to be one by itself, but next to a column of
    display names it is the one that holds the channels' handles.
    """
    names = [c for c in choices if c.field == "display_name"]
    if len(names) < 2 or any(
        c.field in ("handle", "url")
        or (c.field in FIELDS_BY_KEY and FIELDS_BY_KEY[c.field].account_field == "handle")
        for c in choices
    ):
        return choices
    plainest = min(names, key=lambda c: profiles[c.index].handles)
    floor = profiles[plainest.index].handles
    result = list(choices)
    for choice in names:
        handles = profiles[choice.index].handles
        if choice is plainest or handles < 0.3 or handles < floor * 2 + 0.2:
            continue
        found = platform_in_header(choice.header) or platform_in_header(plainest.header)
        key = f"{found[0]}_handle" if found else "handle"
        reason = f"its values are handles; the names are in {plainest.header}"
        result[choice.index] = ColumnChoice(choice.index, choice.header, key, True, reason)
        break
    return result


def _names_stay_beside_handles(choices: list[ColumnChoice]) -> list[ColumnChoice]:
    """A name column of handles stays the name when another column is the handle by its name.

    “Name” holding “@anna.bakes” beside a “Handle” column (infcrm's own export, where someone
    known only by a handle is named after it) is the person's name; taking it for the handle
    would leave the real handle column out.
    """
    named_handle = any(
        not c.by_content and c.field in FIELDS_BY_KEY and FIELDS_BY_KEY[c.field].kind == "handle"
        for c in choices
    )
    if not named_handle:
        return choices
    return [
        ColumnChoice(c.index, c.header, "display_name")
        if c.by_content
        and suggest_field(c.header) == "display_name"
        and c.field in FIELDS_BY_KEY
        and FIELDS_BY_KEY[c.field].kind == "handle"
        else c
        for c in choices
    ]


def final_mapping(inferred: ColumnMapping, fields: Sequence[str]) -> ColumnMapping:
    """The mapping after the user's changes: their fields, the inference's reasons where kept."""
    choices = []
    for choice, key in zip(inferred.choices, fields, strict=False):
        if key == choice.field:
            choices.append(choice)
        else:
            choices.append(ColumnChoice(choice.index, choice.header, key, False, "as you chose"))
    return ColumnMapping(
        choices,
        inferred.platform,
        inferred.platform_reason,
        inferred.notes,
        inferred.platform_from_name,
    )


def _file_platform(mapping: ColumnMapping, profiles: list[ColumnProfile]) -> None:
    """The one platform the columns' names or links point to, when there is one."""
    fields = mapping.fields
    if "platform" in fields:
        return  # each row says its own
    named: dict[str, str] = {}
    # An empty column (a scraper's “facebookPage” nobody has) says nothing about the rows.
    filled = [c for c, profile in zip(mapping.choices, profiles, strict=True) if profile.filled]
    for choice in filled:
        found = platform_in_header(choice.header)
        if found and found[0] != "other":
            named.setdefault(found[0], choice.header)
    for key in (c.field for c in filled):
        spec = FIELDS_BY_KEY.get(key)
        if spec is not None and spec.platform and spec.platform != "other":
            named.setdefault(spec.platform, spec.label)
    if len(named) == 1:
        platform, header = next(iter(named.items()))
        mapping.platform = platform
        mapping.platform_reason = f"from the column “{header}”"
        return
    if named:
        return
    links: dict[str, int] = {}
    posts = True  # every link column holds links to posts (“from the links to posts”)
    for choice, profile in zip(mapping.choices, profiles, strict=True):
        if choice.field in ("handle", "url"):
            for platform, count in profile.platform_links.items():
                links[platform] = links.get(platform, 0) + count
            posts = posts and (choice.reason == POST_LINKS_REASON or not profile.platform_links)
    if len(links) == 1:
        mapping.platform = next(iter(links))
        mapping.platform_reason = "from the links to posts" if posts else "from the profile links"
    if links:
        return
    # No profile links, but links to a platform's own pages (a TikTok Shop affiliate export).
    sites: dict[str, str] = {}  # each platform → the first column with its links
    for choice, prof in zip(mapping.choices, profiles, strict=True):
        for platform in prof.site_links:
            sites.setdefault(platform, choice.header)
    if len(sites) == 1:
        platform, header = next(iter(sites.items()))
        mapping.platform = platform
        mapping.platform_reason = f"from the {Platform(platform).label} links in “{header}”"


def platform_from_title(mapping: ColumnMapping, title: str, what: str) -> None:
    """When nothing in the sheet says the platform, its file or sheet name may (“tik-tok.csv”)."""
    if mapping.platform or "platform" in mapping.fields:
        return
    found = platforms_named(title)
    if len(found) == 1:  # “tiktok-vs-instagram.csv” says nothing about each row
        mapping.platform = found.pop()
        mapping.platform_reason = f"from the {what}"
        mapping.platform_from_name = True


__all__ = [
    "ColumnChoice",
    "ColumnMapping",
    "ColumnProfile",
    "final_mapping",
    "infer_mapping",
    "looks_like_link",
    "platform_from_title",
    "profile_column",
]
