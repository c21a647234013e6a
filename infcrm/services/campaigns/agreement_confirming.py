"""Confirming a sent agreement version with the influencer's reply: pasted as text, or the reply
email itself, whose .eml file is kept byte for byte as evidence."""

from __future__ import annotations

from datetime import datetime

from infcrm.db.base import utcnow
from infcrm.db.campaign_models import Agreement
from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import AgreementStatus
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns import agreement_reply_text as reply_text
from infcrm.services.campaigns.agreement_templates import SUBJECT_MAX
from infcrm.services.campaigns.agreement_types import AgreementStateError, AgreementVersion
from infcrm.services.campaigns.agreements import agreement_row, version_of
from infcrm.services.common import as_utc
from infcrm.services.outreach.outreach_types import EmailFields

REPLY_MAX = 200_000
_DRAFT, _SENT = AgreementStatus.DRAFT.value, AgreementStatus.SENT.value
_CONFIRMED = AgreementStatus.CONFIRMED.value


def _check_confirmable(row: Agreement) -> None:
    if row.status == _SENT:
        return
    if row.status == _DRAFT:
        message = (
            f"Version {row.version} has not been sent yet. Send it, mark it as sent, and then "
            "record their reply."
        )
    elif row.status == _CONFIRMED:
        message = f"Version {row.version} is already confirmed; its reply is kept as it was."
    else:
        message = (
            f"Version {row.version} was replaced by a newer version; record the reply on the "
            "newest one."
        )
    raise AgreementStateError(message)


def _confirm(
    db: Database, agreement_id: int, reply: dict[str, object], raw_eml: bytes | None
) -> AgreementVersion:
    with db.transaction() as session:
        row = agreement_row(session, agreement_id)
        _check_confirmable(row)
        for key, value in reply.items():
            setattr(row, key, value)
        row.reply_eml = bytes(raw_eml) if raw_eml is not None else None
        row.confirmed_at = utcnow()
        row.status = _CONFIRMED
        session.flush()
        return version_of(row)


def confirm_with_text(
    db: Database,
    agreement_id: int,
    pasted_reply: str,
    *,
    sender: str | None = None,
    received: datetime | None = None,
) -> AgreementVersion:
    """Confirm a sent version with the influencer's reply pasted as text, kept as evidence.

    From, Date and Subject lines at the top of the paste are read when `sender` or
    `received` are not given. Raises InvalidInput ("reply", "sender") or AgreementStateError.
    """
    check = FieldChecker()
    text = check.text(
        "reply", reply_text.printable(pasted_reply or ""), label="The reply", required=True,
        max_length=REPLY_MAX, multiline=True,
    )  # fmt: skip
    headers = reply_text.pasted_headers(text or "")
    if not (sender or "").strip():
        sender = reply_text.address_in(headers.get("from", ""))
    clean_sender = check.email("sender", sender, label="The sender's address")
    when = received or reply_text.pasted_date(headers.get("date") or headers.get("sent"))
    check.raise_if_errors()
    reply = {
        "reply_sender": clean_sender.lower() if clean_sender else None,
        "reply_date": as_utc(when) if when else None,
        "reply_subject": reply_text.one_line(headers.get("subject"), SUBJECT_MAX),
        "reply_body": text,
    }
    return _confirm(db, agreement_id, reply, None)


def confirm_with_email(
    db: Database, agreement_id: int, fields: EmailFields, raw_eml: bytes | None
) -> AgreementVersion:
    """Confirm a sent version with the reply email (decoded), keeping the .eml bytes verbatim."""
    reply = {
        "reply_sender": fields.sender[:254] if fields.sender else None,
        "reply_date": as_utc(fields.when) if fields.when else None,
        "reply_subject": reply_text.one_line(fields.subject, SUBJECT_MAX),
        "reply_body": reply_text.printable(fields.body)[:REPLY_MAX].strip(),
    }
    return _confirm(db, agreement_id, reply, raw_eml)


__all__ = ["REPLY_MAX", "confirm_with_email", "confirm_with_text"]
