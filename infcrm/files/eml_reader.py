"""Reading a saved email (.eml): who wrote to whom, when, about what, and the text of it.

Only the standard library: `email` with the modern policy decodes RFC 2047 headers and body
charsets; HTML-only mail is turned into readable text with `html.parser`. Only the headers used
are read, each cut to a sane length first: the library's address parser takes minutes over a
list of 100,000 recipients. Raw 8-bit bytes in headers (which the library keeps as lone
surrogates that cannot be stored) are read as UTF-8, else as Windows-1252.
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

MAX_EMAIL_BYTES = 25 * 1024 * 1024  # what mail services send at most, attachments included
MAX_RECIPIENTS = 500  # enough to find who a mail is about; a mailing list's tail is not needed
_ADDRESS_HEADER_CHARS = 20_000  # of To, Cc and Bcc each: about MAX_RECIPIENTS addresses
_HEADER_CHARS = 4_000  # of From, Subject, Date and Message-ID
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
# The library takes seconds per few hundred parts (minutes for 20,000); real mail has a few.
MAX_PART_LINES = 300  # lines starting with "--", an upper bound of the parts
MAX_MULTIPARTS = 30  # containers of parts (alternatives, attachments, forwarded mail)
_MULTIPART = re.compile(rb"multipart/", re.IGNORECASE)
_HEADER_END = re.compile(rb"\n\r?\n")
_BIG_HEADER_BLOCK = 64 * 1024  # headers beyond this are trimmed before the library parses them

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


def _guess_decode(data: bytes) -> str:
    """Bytes of unknown encoding: UTF-8 when they are, else Windows-1252 (never fails)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _content_text(part: EmailMessage) -> str:
    """A text part's content, decoded even when its charset is unknown or mislabelled."""
    if part.get_content_charset() in (None, "us-ascii"):
        payload = part.get_payload(decode=True) or b""
        if not payload.isascii():  # 8-bit text that does not say its charset
            return _guess_decode(payload)
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


def _bytes_as_text(run: re.Match[str]) -> str:
    return _guess_decode(bytes(ord(ch) - 0xDC00 for ch in run.group(0)))


def _clean(text: str) -> str:
    """`text` with raw bytes the parser could not decode turned into characters."""
    return _ESCAPED_BYTES.sub(_bytes_as_text, text)


def _trimmed(raw: bytes) -> bytes:
    """`raw` with each header's continuation lines beyond _ADDRESS_HEADER_CHARS left out.

    The library parses 100,000 folded lines of recipients slowly; the body is kept as it is.
    """
    end = _HEADER_END.search(raw)
    split = end.start() + 1 if end else len(raw)
    if split <= _BIG_HEADER_BLOCK:
        return raw
    kept: list[bytes] = []
    size = 0
    for line in raw[:split].splitlines(keepends=True):
        if line[:1] not in (b" ", b"\t"):
            size = 0  # a new header starts
        room = _ADDRESS_HEADER_CHARS - size
        if room <= 0:
            continue
        if len(line) > room:  # cut at a comma so no address is left half-written
            line = line[:room].rsplit(b",", 1)[0] + b"\r\n"
        size += len(line)
        kept.append(line)
    return b"".join(kept) + raw[split:]


def _raw_headers(message: EmailMessage, name: str, limit: int) -> list[str]:
    """The values of header `name` (raw bytes read as text), each cut to about `limit`."""
    wanted = name.lower()
    values = []
    for key, value in message.raw_items():
        if key.lower() == wanted:
            if len(value) > limit:  # cut at a comma so no address is left half-written
                value = value[:limit].rsplit(",", 1)[0]
            values.append(_clean(value))
    return values


def _header(message: EmailMessage, name: str) -> object | None:
    """The first `name` header, decoded by the library from at most _HEADER_CHARS."""
    values = _raw_headers(message, name, _HEADER_CHARS)
    return message.policy.header_factory(name, values[0]) if values else None


def _sender(message: EmailMessage) -> tuple[str, str] | None:
    """(display name, lower-case address) of the From line, if it has an address."""
    header = _header(message, "From")
    addresses = getattr(header, "addresses", None) or ()
    for a in addresses:
        if isinstance(a, Address) and "@" in (a.addr_spec or ""):
            return a.display_name, a.addr_spec.lower()
    if header is not None:  # a From line the modern parser could not make sense of
        for n, a in getaddresses([str(header)]):
            if "@" in a:
                return n, a.lower()
    return None


def _recipients(message: EmailMessage) -> tuple[str, ...]:
    """The first MAX_RECIPIENTS distinct addresses of To, Cc and Bcc, lower-case."""
    found: dict[str, None] = {}
    for name in ("To", "Cc", "Bcc"):
        values = _raw_headers(message, name, _ADDRESS_HEADER_CHARS)
        for _n, address in getaddresses(values):
            if "@" in address:
                found.setdefault(address.lower())
                if len(found) >= MAX_RECIPIENTS:
                    return tuple(found)
    return tuple(found)


def _date(message: EmailMessage) -> datetime | None:
    raw = _header(message, "Date")
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
    return " ".join(_clean(str(header)).split()) or None if header is not None else None


def too_big_message(size: int) -> str:
    """What is said about a file over MAX_EMAIL_BYTES."""
    return (
        f"This file is {size / 1_048_576:.0f} MB; infcrm reads emails of up to "
        f"{MAX_EMAIL_BYTES // 1_048_576} MB. Save the message without its attachments and try "
        "again."
    )


def parse_email(raw: bytes) -> ParsedEmail:
    """Parse the bytes of an .eml file; raise EmailRejected if they are not an email."""
    if not raw or not raw.strip():
        raise EmailRejected("This file is empty, so there is no email in it to log.")
    if len(raw) > MAX_EMAIL_BYTES:
        raise EmailRejected(too_big_message(len(raw)))
    if b"\x00" in raw[:4096]:
        raise EmailRejected(
            "This file is not an email (it holds binary data). Save the message from your mail "
            "program as an .eml file and try again."
        )
    if raw.count(b"\n--") > MAX_PART_LINES or len(_MULTIPART.findall(raw)) > MAX_MULTIPARTS:
        raise EmailRejected(
            "This email is made of too many parts for infcrm to read. Forward it to yourself "
            "without its attachments, save that as an .eml file and try again."
        )
    try:
        message = BytesParser(policy=policy.default).parsebytes(_trimmed(raw))
        sender = _sender(message)
        if sender is None:
            raise EmailRejected(
                "This file does not look like an email: it has no sender (“From”) line. Save the "
                "message from your mail program as an .eml file and try again."
            )
        parsed = ParsedEmail(
            sender=sender[1],
            sender_name=sender[0] or None,
            recipients=_recipients(message),
            date=_date(message),
            subject=_one_line(_header(message, "Subject")),
            body=_clean(_body(message)),
            attachments=tuple(_clean(name) for name in _attachments(message)),
            message_id=_one_line(_header(message, "Message-ID")),
        )
    except EmailRejected:
        raise
    except Exception as exc:  # the parser's failures have no common base; any means "unreadable"
        raise EmailRejected(
            f"This email could not be read ({type(exc).__name__}). It may be damaged; save it "
            "again from your mail program and retry."
        ) from exc
    return parsed


__all__ = [
    "MAX_EMAIL_BYTES",
    "EmailRejected",
    "ParsedEmail",
    "html_to_text",
    "parse_email",
    "too_big_message",
]
