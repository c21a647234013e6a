"""The one platform a whole import is about, from its columns, its links or its name.

Said only when nothing in the rows names each row's platform and exactly one platform is
pointed to; the reason shown to the user says where it came from.
"""

from __future__ import annotations

from infcrm.domain.enums import Platform
from infcrm.files.column_choices import ColumnMapping
from infcrm.files.column_profile import ColumnProfile
from infcrm.files.handle_columns import POST_LINKS_REASON
from infcrm.files.header_platforms import platform_in_header, platforms_named
from infcrm.files.import_mapping import FIELDS_BY_KEY


def file_platform(mapping: ColumnMapping, profiles: list[ColumnProfile]) -> None:
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


__all__ = ["file_platform", "platform_from_title"]
