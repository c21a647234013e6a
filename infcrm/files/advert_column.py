"""“Ad” is the Turkish for name, and the English for an advertisement.

A Turkish list calls its name column “Ad” (beside “Soyad”, “Kullanıcı adı”, “Takipçi”); an
English one has “Ad”, “Ad?” or “Ads” columns saying whether a post was paid for (yes/no, x, ✓)
or what kind of post it was (Reel, Story). Taking those for names would name every person
“yes”. The values decide first, then the other column names and the letters the sheet uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from infcrm.domain.field_catalogue import simplify_header
from infcrm.files.import_mapping import IGNORE

if TYPE_CHECKING:
    from infcrm.files.column_choices import ColumnChoice

_AD_HEADERS = frozenset({"ad", "ads"})
# What an advertisement column holds: yes/no in its many spellings, or the kind of post.
_ADVERT_VALUES = frozenset(
    {"yes", "no", "y", "n", "true", "false", "x", "✓", "✔", "✗", "✘", "1", "0",
     "reel", "reels", "story", "stories", "post", "posts", "video", "videos", "short",
     "shorts", "live", "carousel", "tweet", "igtv", "static", "ugc", "sponsored", "organic",
     "paid", "unpaid", "gifted", "collab", "collaboration", "paid partnership", "affiliate"}
)  # fmt: skip
# Column names only a Turkish list has beside its “Ad”.
_TURKISH_HEADERS = frozenset(
    {"soyad", "soyadi", "kullanici adi", "takipci", "takipci sayisi", "sektor", "etkilesim",
     "aciklama", "ulke", "sehir", "hesap", "kategori", "platform adi", "telefon", "eposta"}
)  # fmt: skip
_TURKISH_LETTERS = frozenset("ğĞıİşŞ")
_SAMPLE = 200
_SHARE = 0.6


def adverts_are_not_names(
    choices: list[ColumnChoice], headers: Sequence[str], rows: Sequence[Sequence[object]]
) -> list[ColumnChoice]:
    """The choices with each English “Ad” column, taken for the name or a handle, left out."""
    result = list(choices)
    for choice in choices:
        if choice.field == IGNORE or simplify_header(choice.header) not in _AD_HEADERS:
            continue  # (lower-case values such as “yes” may have made it the handle)
        values = _values(rows, choice.index)
        if values and sum(_is_advert_value(v) for v in values) >= _SHARE * len(values):
            reason = "its values are yes/no or kinds of post (an advertisement), not names"
            result[choice.index] = replace(choice, field=IGNORE, by_content=True, reason=reason)
            continue
        named = _name_column_elsewhere(choices, choice.index)
        if named is not None and not _turkish(headers, values):
            reason = f"in an English list “Ad” is an advertisement; the names are in {named}"
            result[choice.index] = replace(choice, field=IGNORE, by_content=True, reason=reason)
    return result


def _values(rows: Sequence[Sequence[object]], index: int) -> list[object]:
    column = (row[index] if index < len(row) else None for row in rows[: _SAMPLE * 3])
    return [v for v in column if v is not None and v != ""][:_SAMPLE]


def _is_advert_value(value: object) -> bool:
    if isinstance(value, bool):
        return True
    return str(value).strip().casefold() in _ADVERT_VALUES


def _name_column_elsewhere(choices: Sequence[ColumnChoice], index: int) -> str | None:
    for other in choices:
        if other.index != index and other.field in ("display_name", "real_name"):
            return other.header
    return None


def _turkish(headers: Sequence[str], values: Sequence[object]) -> bool:
    """Whether the other column names or the values are written in Turkish."""
    if any(simplify_header(h) in _TURKISH_HEADERS for h in headers):
        return True
    return any(_TURKISH_LETTERS & set(str(v)) for v in values)


__all__ = ["adverts_are_not_names"]
