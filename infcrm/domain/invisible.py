"""Zero-width characters that come along when text is pasted, and never belong to it.

Copying from a web page or pasting with the X11 middle button often brings a zero-width space
(U+200B), word joiner (U+2060) or byte-order mark (U+FEFF) with a name, handle or address:
invisible on screen, they make “mia\u200b” another handle than “mia” and an address that
bounces. A handle or an email never holds one. In a name, the zero-width joiner and non-joiner
(U+200D, U+200C) have a job between two letters or emoji (the cook emoji is a woman, a joiner
and a pan; Persian writes a non-joiner inside words) and are kept there; at either end, or
beside a space or a Latin letter, they join nothing and go too.
"""

from __future__ import annotations

import re

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_EVERY = re.compile("[\u200b\u200c\u200d\u2060\ufeff]+")
_STRAY = re.compile(
    "[\u200b\u2060\ufeff]+"
    "|^[\u200c\u200d]+|[\u200c\u200d]+$"
    r"|(?<=[\s!-~])[\u200c\u200d]+|[\u200c\u200d]+(?=[\s!-~])"
)


def without_zero_width(text: str) -> str:
    """`text` without any zero-width character: for handles and email addresses."""
    if text.isascii():  # nearly every value: no scan
        return text
    return _EVERY.sub("", text)


def without_stray_zero_width(text: str) -> str:
    """`text` without the zero-width characters that join nothing: for names and other text."""
    if text.isascii():
        return text
    return _STRAY.sub("", text)


__all__ = ["ZERO_WIDTH", "without_stray_zero_width", "without_zero_width"]
