"""Reading a saved email (.eml): who wrote to whom, when, about what, and the text of it.

Only the standard library: `email` with the modern policy decodes RFC 2047 headers and body
charsets; HTML-only mail is turned into readable text with `html.parser`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

MAX_EMAIL_BYTES = 50 * 1024 * 1024  # a mail this big is not something a person wrote

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "table", "tr", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "li", "dl", "dt", "dd",
}  # fmt: skip
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "blockquote", "table", "ul", "ol", "pre", "hr"}
_SKIPPED_TAGS = {"script", "style", "head", "title", "template", "noscript"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


class EmailRejected(ValueError):
    """The file is not an email infcrm can read; the message says why in plain words."""


@dataclass(frozen=True)
class ParsedEmail:
    """What a saved email holds, decoded: addresses are lower-case, `date` is aware."""

    sender: str | None  # the From address
    sender_name: str | None
    recipients: tuple[str, ...]  # To, Cc and Bcc addresses
    date: datetime | None
    subject: str | None
    body: str  # plain text; HTML-only mail converted
    attachments: tuple[str, ...]  # file names, in order
    message_id: str | None


class _TextFromHtml(HTMLParser):
    """Collects the readable text of an HTML body: paragraphs and line breaks kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._links: list[str | None] = []
        self._pending = 0  # line breaks owed before the next text
        self._cells = 0  # cells seen in the current table row

    def _emit(self, text: str) -> None:
        # Breaks are written only when text follows, so nested blocks give one break, not many.
        if self._pending and self.parts:
            self.parts.append("\n" * self._pending)
        self._pending = 0
        self.parts.append(text)

    def _block(self, tag: str) -> None:
        self._pending = max(self._pending, 2 if tag in _PARAGRAPH_TAGS else 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag == "br":
            self._pending += 1
        elif tag in _BLOCK_TAGS:
            self._block(tag)
            if tag == "tr":
                self._cells = 0
            elif tag == "li":
                self._emit("• ")
        elif tag in ("td", "th"):
            if self._cells:
                self._emit("\t")
            self._cells += 1
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._block(tag)
        elif tag == "a" and self._links:
            href = self._links.pop()
            # Keep where a link went: "our offer" alone says nothing once the link is gone.
            shown = "".join(self.parts[-3:])
            if href and href.startswith(("http://", "https://")) and href not in shown:
                self._emit(f" ({href})")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        text = _SPACES.sub(" ", data.replace("\n", " ").replace("\r", " "))
        if text.strip():
            self._emit(text)
        elif text and not self._pending and self.parts:
            self.parts.append(" ")  # the space between two inline elements

    def text(self) -> str:
        """The collected text with tidy spacing: at most one empty line between paragraphs."""
        lines = [line.strip(" ") for line in "".join(self.parts).split("\n")]
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML document (scripts and styles dropped)."""
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    return parser.text()


def _content_text(part: EmailMessage) -> str:
    """A text part's content, decoded even when its charset is unknown or mislabelled."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True) or b""
        try:
            content = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know: keep what UTF-8 can read
            content = payload.decode("utf-8", errors="replace")
    except (KeyError, ValueError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    return str(content)


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = _content_text(part)
    if part.get_content_subtype() == "html":
        return html_to_text(text)
    return text.replace("\r\n", "\n").strip()


def _attachments(message: EmailMessage) -> tuple[str, ...]:
    names: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment":
            names.append(str(filename or "unnamed attachment"))
    return tuple(names)


def _addresses(message: EmailMessage, *names: str) -> list[tuple[str, str]]:
    """(display name, lower-case address) pairs of these headers, skipping empty groups."""
    found: list[tuple[str, str]] = []
    for name in names:
        for header in message.get_all(name, []):
            addresses = getattr(header, "addresses", None)
            if addresses is not None:
                pairs = [(a.display_name, a.addr_spec) for a in addresses if isinstance(a, Address)]
            else:
                pairs = getaddresses([str(header)])
            found.extend((n, a.lower()) for n, a in pairs if a and "@" in a)
    return found


def _date(message: EmailMessage) -> datetime | None:
    raw = message.get("Date")
    if raw is None:
        return None
    when = getattr(raw, "datetime", None)
    if when is None:
        try:
            when = parsedate_to_datetime(str(raw))
        except (TypeError, ValueError):
            return None
    # “-0000” means the zone is unknown; UTC is the only honest reading of it.
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _one_line(header: object) -> str | None:
    """A header's decoded text on one line, or None when absent or blank."""
    return " ".join(str(header).split()) or None if header is not None else None


def parse_email(raw: bytes) -> ParsedEmail:
    """Parse the bytes of an .eml file; raise EmailRejected if they are not an email."""
    if not raw or not raw.strip():
        raise EmailRejected("This file is empty, so there is no email in it to log.")
    if len(raw) > MAX_EMAIL_BYTES:
        raise EmailRejected(
            f"This file is {len(raw) / 1_048_576:.0f} MB, too big to be an email infcrm can log."
        )
    if b"\x00" in raw[:4096]:
        raise EmailRejected(
            "This file is not an email (it holds binary data). Save the message from your mail "
            "program as an .eml file and try again."
        )
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        senders = _addresses(message, "From")
        recipients = _addresses(message, "To", "Cc", "Bcc")
        if not senders:
            raise EmailRejected(
                "This file does not look like an email: it has no sender (“From”) line. Save the "
                "message from your mail program as an .eml file and try again."
            )
        subject = message.get("Subject")
        message_id = message.get("Message-ID")
        parsed = ParsedEmail(
            sender=senders[0][1],
            sender_name=senders[0][0] or None,
            recipients=tuple(dict.fromkeys(a for _, a in recipients)),
            date=_date(message),
            subject=_one_line(subject),
            body=_body(message),
            attachments=_attachments(message),
            message_id=_one_line(message_id),
        )
    except EmailRejected:
        raise
    except Exception as exc:  # the parser's failures have no common base; any means "unreadable"
        raise EmailRejected(
            f"This email could not be read ({type(exc).__name__}). It may be damaged; save it "
            "again from your mail program and retry."
        ) from exc
    return parsed


__all__ = ["EmailRejected", "ParsedEmail", "html_to_text", "parse_email"]
