"""Reading saved emails as real mail programs write them, and refusing what is not an email."""

from __future__ import annotations

import base64
import random
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage

import pytest

from infcrm.files.eml_reader import EmailRejected, html_to_text, parse_email


def _message(**headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = headers.get("sender", "Mia Bakes <Mia@Example.com>")
    message["To"] = headers.get("to", "shop@ourbrand.example")
    message["Subject"] = headers.get("subject", "Collab")
    message["Date"] = headers.get("date", "Mon, 02 Nov 2026 18:45:00 +0900")
    return message


def test_multipart_alternative_prefers_the_plain_text() -> None:
    message = _message(to="Shop <shop@ourbrand.example>, Sam <SAM@ourbrand.example>")
    message["Cc"] = "agent@agency.example"
    message.set_content("Hi there,\n\nHappy to collaborate!\n")
    message.add_alternative("<p>Hi there,</p><p><b>Happy</b> to collaborate!</p>", subtype="html")
    parsed = parse_email(bytes(message))
    assert parsed.sender == "mia@example.com" and parsed.sender_name == "Mia Bakes"
    assert parsed.recipients == (
        "shop@ourbrand.example",
        "sam@ourbrand.example",
        "agent@agency.example",
    )
    assert parsed.date == datetime(2026, 11, 2, 18, 45, tzinfo=timezone(timedelta(hours=9)))
    assert parsed.subject == "Collab"
    assert parsed.body == "Hi there,\n\nHappy to collaborate!"
    assert parsed.attachments == ()


def test_html_only_mail_becomes_readable_text() -> None:
    message = _message()
    message.set_content(
        "<html><head><title>x</title><style>p {color: red}</style></head><body>"
        "<script>alert('hi')</script>"
        "<p>Hello&nbsp;from <a href='https://shop.example/offer'>our offer</a>,</p>"
        "<div>line one<br>line two</div>"
        "<ul><li>a reel</li><li>two stories</li></ul>"
        "<p>Thanks &amp; best wishes</p></body></html>",
        subtype="html",
    )
    body = parse_email(bytes(message)).body
    assert body == (
        "Hello from our offer (https://shop.example/offer),\n\n"
        "line one\nline two\n\n"
        "• a reel\n• two stories\n\n"
        "Thanks & best wishes"
    )
    assert "alert" not in body and "color" not in body


def _raw(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode("ascii") + b"\r\n" + body


def test_latin1_body_and_encoded_word_subject_are_decoded() -> None:
    raw = _raw(
        "From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.de>\n"
        "To: shop@ourbrand.example\n"
        "Subject: =?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=\n"
        "Date: Tue, 03 Nov 2026 09:00:00 +0100\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=ISO-8859-1\n"
        "Content-Transfer-Encoding: 8bit\n",
        "Grüße aus Köln – das Paket ist da.\n".replace("–", "-").encode("latin-1"),
    )
    parsed = parse_email(raw)
    assert parsed.sender_name == "Jörg Müller"
    assert parsed.subject == "Grüße aus Köln"
    assert parsed.body == "Grüße aus Köln - das Paket ist da."


def test_shift_jis_body_and_utf8_base64_subject_are_decoded() -> None:
    subject = "コラボのご提案"
    raw = _raw(
        "From: hana@example.jp\n"
        "To: shop@ourbrand.example\n"
        f"Subject: =?UTF-8?B?{base64.b64encode(subject.encode()).decode()}?=\n"
        "Date: Wed, 04 Nov 2026 10:00:00 +0900\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=Shift_JIS\n"
        "Content-Transfer-Encoding: base64\n",
        base64.encodebytes("こんにちは。商品を受け取りました。\n".encode("shift_jis")),
    )
    parsed = parse_email(raw)
    assert parsed.subject == subject
    assert parsed.body == "こんにちは。商品を受け取りました。"


def test_an_unknown_charset_still_gives_text() -> None:
    raw = _raw(
        "From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=x-made-up\n",
        b"plain words\n",
    )
    assert parse_email(raw).body == "plain words"


def test_attachments_are_listed_by_name_not_pasted_into_the_body() -> None:
    message = _message()
    message.set_content("Rate card attached.")
    message.add_attachment(
        b"%PDF-1.4 secret numbers", maintype="application", subtype="pdf", filename="rates.pdf"
    )
    message.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="Grüße.png")
    parsed = parse_email(bytes(message))
    assert parsed.body == "Rate card attached."
    assert parsed.attachments == ("rates.pdf", "Grüße.png")


def test_a_date_without_a_zone_is_read_as_utc_and_a_missing_one_is_none() -> None:
    message = _message(date="Tue, 03 Nov 2026 09:00:00 -0000")
    message.set_content("x")
    assert parse_email(bytes(message)).date == datetime(2026, 11, 3, 9, tzinfo=UTC)
    del message["Date"]
    assert parse_email(bytes(message)).date is None


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b"   \r\n\r\n", "empty"),
        (random.Random(4).randbytes(3000), "not"),
        (b"Dear Mia,\nthanks for the parcel!\n", "no sender"),
        (b"Subject: hello\nTo: a@example.com\n\nbody\n", "no sender"),
        (b"From: not an address at all\nSubject: x\n\nbody\n", "no sender"),
    ],
    ids=["empty", "blank", "random bytes", "no headers", "no From", "bad From"],
)
def test_malformed_files_are_refused_with_a_sentence(raw: bytes, words: str) -> None:
    with pytest.raises(EmailRejected) as caught:
        parse_email(raw)
    message = str(caught.value)
    assert words in message and message.endswith(".")
    assert isinstance(caught.value, ValueError)


def test_html_to_text_keeps_tables_readable() -> None:
    text = html_to_text("<table><tr><td>Reel</td><td>1</td></tr><tr><td>Story</td><td>2</td></tr>")
    assert text.splitlines() == ["Reel\t1", "Story\t2"]


def _all_text(parsed) -> str:
    return "\n".join(
        str(v)
        for v in (
            parsed.sender, parsed.sender_name, *parsed.recipients, parsed.subject, parsed.body,
            *parsed.attachments, parsed.message_id,
        )
    )  # fmt: skip


def test_raw_8bit_bytes_in_headers_become_readable_text() -> None:
    raw = (
        b"From: Zo\xc3\xab M\xfcller <zo\xebe@example.com>\r\nTo: Caf\xe9 <cafe@example.org>\r\n"
        b"Subject: Sch\xf6ne Gr\xc3\xbc\xc3\x9fe \xff\r\nMessage-ID: <\xe9@x>\r\n"
        b"Content-Type: text/plain\r\n\r\nDanke sch\xf6n\r\n"
    )
    parsed = parse_email(raw)
    _all_text(parsed).encode("utf-8")  # no lone surrogates: storable and showable
    assert parsed.sender_name.startswith("Zoë Müller")
    assert parsed.subject.startswith("Schöne Grüße")
    assert "cafe@example.org" in parsed.recipients


def test_a_mail_to_100000_recipients_is_read_quickly() -> None:
    import time

    to = ",\r\n ".join(f"Person {i} <p{i}@example.com>" for i in range(100_000))
    raw = f"From: Ada <ada@example.com>\r\nTo: {to}\r\nSubject: Hi\r\n\r\nHello\r\n".encode()
    started = time.perf_counter()
    parsed = parse_email(raw)
    took = time.perf_counter() - started
    assert took < 3, f"took {took:.1f} s"
    assert parsed.sender == "ada@example.com" and parsed.body == "Hello"
    assert parsed.recipients[0] == "p0@example.com"
    assert 100 <= len(parsed.recipients) <= 1000, "recipients kept are capped"


def test_an_email_over_25_mb_is_refused_in_words() -> None:
    raw = b"From: a@example.com\r\n\r\n" + b"x" * (25 * 1024 * 1024 + 1)
    with pytest.raises(EmailRejected, match="25 MB"):
        parse_email(raw)
