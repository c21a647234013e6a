"""Agreement emails as .eml files: a draft to open in a mail program, and the reply that confirms.

Writing uses the standard library's `email` package; reading a reply goes through the one .eml
reader (eml_reader), so a file that is not an email is refused with its plain sentence.
"""

from __future__ import annotations

import os
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.email_log import email_fields
from infcrm.files.eml_reader import MAX_EMAIL_BYTES, EmailRejected, parse_email, too_big_message
from infcrm.services.campaigns import agreement_confirming
from infcrm.services.campaigns.agreement_types import AgreementVersion


def agreement_message(
    to: str | None, subject: str, body: str, sender: str | None = None
) -> EmailMessage:
    """The agreement as an unsent email: To, Subject and the text, From when an address is known.

    `sender` may be "Name <address>", a bare address, or a name alone (then no From line:
    the mail program fills in the user's own account).
    """
    message = EmailMessage()
    if sender and "@" in sender:
        message["From"] = sender
    if to:
        message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="infcrm.local")
    # Outlook opens a message carrying this header as a draft ready to send.
    message["X-Unsent"] = "1"
    message.set_content(body)
    return message


def write_agreement_eml(
    path: str | os.PathLike[str],
    to: str | None,
    subject: str,
    body: str,
    sender: str | None = None,
) -> Path:
    """Save the agreement as an .eml file the user opens in their mail program; its path.

    Written next to the target first and then moved into place, so a failed write never
    leaves half a file behind.
    """
    target = Path(path)
    data = agreement_message(to, subject, body, sender).as_bytes(policy=policy.SMTP)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def confirm_with_eml(db: Database, agreement_id: int, raw_bytes: bytes) -> AgreementVersion:
    """Confirm a sent agreement with the influencer's reply saved as an .eml file.

    Sender, date, subject and text are kept as evidence and the file itself verbatim. Raises
    EmailRejected (a ValueError) for a file that is not an email, and AgreementStateError
    when the version cannot be confirmed; nothing changes then.
    """
    parsed = parse_email(raw_bytes)
    return agreement_confirming.confirm_with_email(
        db, agreement_id, email_fields(parsed), raw_bytes
    )


def confirm_with_eml_file(
    db: Database, agreement_id: int, path: str | os.PathLike[str]
) -> AgreementVersion:
    """confirm_with_eml for a file on disk; an unreadable file is refused in plain words."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_EMAIL_BYTES:  # refused before a gigabyte is read into memory
            raise EmailRejected(too_big_message(size))
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise EmailRejected(
            f"“{Path(path).name}” could not be opened ({exc.strerror or exc}). Check that the "
            "file still exists and try again."
        ) from exc
    return confirm_with_eml(db, agreement_id, raw)


__all__ = [
    "EmailRejected",
    "agreement_message",
    "confirm_with_eml",
    "confirm_with_eml_file",
    "write_agreement_eml",
]
