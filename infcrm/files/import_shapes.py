"""The shape of an imported row's values, shared by the row-by-row and the column-wise readers.

Both readers must make exactly the same person and account values (tests/unit/files/
test_import_columns.py compares them), so the fields they read, with the limits the form
uses, and the account's dict are defined once, here.
"""

from __future__ import annotations

from infcrm.domain import field_catalogue
from infcrm.domain.enums import Platform
from infcrm.domain.handles import link_for

METRICS = ("followers", "avg_likes", "avg_comments", "avg_views")
# The figures of one post, averaged over a creator's posts on a sheet of posts (`post_rows`).
PER_POST = ("avg_likes", "avg_comments", "avg_views")
AUDIENCE = ("audience_countries", "audience_gender", "audience_age", "audience_notes")


def _text_specs(keys: tuple[str, ...]) -> tuple[tuple[str, str, int, bool], ...]:
    """(key, label, longest length, multi-line) of text fields, looked up once, not per row."""
    specs = field_catalogue.FIELDS_BY_KEY
    return tuple(
        (key, specs[key].label, field_catalogue.max_length(key), specs[key].multiline)
        for key in keys
    )


# The person's texts in the order they are read, with the same limits as the form's.
PERSON_TEXTS = _text_specs(
    ("display_name", "real_name", "country", "city", "language", "owner", "phone", "notes",
     "brand_fit")
)  # fmt: skip
AUDIENCE_TEXTS = _text_specs(AUDIENCE)


def account(
    platform: Platform,
    handle: str | None,
    *,
    is_primary: bool,
    label: object = None,
    url: str | None = None,
    **values: object,
) -> dict:
    """An account's values; the audience notes only when given, the label only without handle.

    `url` is the link of an account without a handle (a YouTube channel's old link by its
    name); an account with a handle has its profile link.

    A big file holds one of these per row: up to ten keys keep the dict at a third less
    memory than fourteen, and everything that reads the audience notes or the label uses `.get`.
    """
    get = values.get
    made: dict[str, object] = {
        "followers": get("followers"),
        "avg_likes": get("avg_likes"),
        "avg_comments": get("avg_comments"),
        "avg_views": get("avg_views"),
        "platform": platform.value,
        "handle": handle,
        "url": link_for(platform, handle) if handle else url,
        "is_primary": is_primary,
        "posts_per_week": get("posts_per_week"),
        "authenticity": get("authenticity"),
    }
    for key in AUDIENCE:
        if get(key) is not None:
            made[key] = values[key]
    if not handle:  # the name the account is known by, never made up into a handle
        made["label"] = str(label)[:200]
    return made


__all__ = ["AUDIENCE", "AUDIENCE_TEXTS", "METRICS", "PERSON_TEXTS", "PER_POST", "account"]
