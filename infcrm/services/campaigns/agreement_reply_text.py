"""Reading an influencer's reply to an agreement: printable text, the From/Date/Subject lines
a mail program put above a pasted reply, and a one-line subject."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Header lines a mail program puts above a reply when it is copied whole.
_PASTED_HEADER = re.compile(r"^\s*(from|sent|date|subject|to|cc)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def address_in(text: str) -> str | None:
    """The first email address in a header line (“Anna <anna@example.com>”), if any."""
    found = _ADDRESS.search(text)
    return found.group(0) if found else None


def printable(text: str) -> str:
    """Text without control characters other than line breaks and tabs; CRLF made LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def one_line(text: str | None, limit: int) -> str | None:
    line = " ".join(printable(text or "").split())
    return (line[: limit - 1] + "…" if len(line) > limit else line) or None


def pasted_headers(text: str) -> dict[str, str]:
    """The From/Date/Subject lines a mail program put above a copied reply, if any."""
    found: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip() and not found:
            continue
        match = _PASTED_HEADER.match(line)
        if match is None:
            break
        found.setdefault(match.group(1).lower(), match.group(2))
    return found


def pasted_date(text: str | None) -> datetime | None:
    try:
        when = parsedate_to_datetime(text) if text else None
    except (TypeError, ValueError, IndexError):
        return None
    return when if when is None or when.tzinfo else when.replace(tzinfo=UTC)


__all__ = ["address_in", "one_line", "pasted_date", "pasted_headers", "printable"]
