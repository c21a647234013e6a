"""mailto: links that open the user's mail program with an email already written (RFC 6068)."""

from __future__ import annotations

from urllib.parse import quote

# Some mail programs and Windows itself cut links longer than about 2,000 characters; beyond
# this the interface suggests copying the text or saving an .eml file instead.
MAILTO_SAFE_LENGTH = 2000


def mailto_url(to: str | None, subject: str, body: str) -> str:
    """A mailto: link to `to` (may be empty) with the subject and body filled in.

    Line breaks become CRLF as RFC 6068 asks, and every character that is not plain ASCII
    letters or digits is percent-encoded, so any text survives the trip to the mail program.
    """
    address = quote((to or "").strip(), safe="@")
    text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(text, safe='')}"
    return f"mailto:{address}?{query}"


__all__ = ["MAILTO_SAFE_LENGTH", "mailto_url"]
