"""One spelling per country: “USA”, “U.S.A.” and “United States of America” are United States.

Lists write the same country many ways and in many languages (“مصر” is Egypt, “대한민국” South
Korea); stored as typed, the country filter would offer each spelling as a country of its own
and a search for one would miss the others. Only the spellings in `country_spellings` and the
two-letter codes in `country_codes` (written in capitals) are folded; any other text is kept as
it was written.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from infcrm.domain.country_codes import COUNTRY_CODES
from infcrm.domain.country_spellings import OTHER_SPELLINGS

# Folded spelling (letters and digits only, lower case) → the name stored.
_SAME_COUNTRY: dict[str, str] = {}


def _folded(text: str) -> str:
    """“U.S.A.” → “usa”, “United  States” → “united states”, “États-Unis” → “etats unis”.

    Arabic is folded the way its writers vary: the hamza on an alef and the short vowels are
    dropped (they decompose into marks), ta marbuta is ha and alef maqsura is ya.
    """
    plain = unicodedata.normalize("NFKD", text).translate(_ARABIC_VARIANTS)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    # Initials with dots (“U.S.A.”) are one word; other punctuation separates words.
    plain = re.sub(r"(?<=\b\w)\.(?=\w\b|$|\s)", "", plain)
    return " ".join(re.findall(r"[^\W_]+", plain))


_ARABIC_VARIANTS = str.maketrans({"ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"})
_SAME_COUNTRY.update(
    (_folded(spelling), name)
    for name, spellings in OTHER_SPELLINGS.items()
    for spelling in (name, *spellings)
)


def country_name(text: str | None) -> str | None:
    """The country as stored: a known other spelling becomes its one name, the rest as given."""
    if not text:
        return text
    return _one_name(text)


# A list of 100,000 people names a few dozen countries: folding each cell again cost an
# import of that size about a second.
@functools.lru_cache(maxsize=4096)
def _one_name(text: str) -> str:
    named = _SAME_COUNTRY.get(_folded(text))
    if named is None:
        code = text.strip()
        # A two-letter code in capitals (“IN”, “DE”), as YouTube and scrapers write countries.
        named = COUNTRY_CODES.get(code) if len(code) == 2 and code.isupper() else None
    return named or text


__all__ = ["country_name"]
