"""Comparing people's names: the same name however it was typed."""

from __future__ import annotations

import re
import unicodedata

# Letters and digits only: punctuation, emoji and spacing never make two names differ.
_WORD = re.compile(r"[^\W_]+")


def fold_name(text: str | None) -> str:
    """The name as a matching key: diacritics removed, case folded, words single-spaced.

    “Ana  Ruíz”, “ana ruiz” and “ANA-RUIZ” all give “ana ruiz”; an empty name gives “”.
    """
    if not text:
        return ""
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return " ".join(_WORD.findall(text.casefold()))
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.casefold()))


def fold_email(text: str | None) -> str:
    """An e-mail address as a matching key: trimmed and lower-cased (“” when empty)."""
    return (text or "").strip().lower()


__all__ = ["fold_email", "fold_name"]
