"""A deal's agreement email: writing it from a template and freezing it when sent (confirming it
with the influencer's reply is agreement_confirming.py).

Each version moves draft → sent → confirmed, or to superseded when the deal's terms change
after it went out. Once sent, its subject, body, send time and SHA-256 never change (the
database refuses it too); changing the terms adds a new draft version instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from infcrm.db.campaign_models import Agreement
from infcrm.db.engine import Database
from infcrm.domain.agreement_seal import text_hash
from infcrm.domain.agreement_template import TemplateError, render
from infcrm.domain.campaign_enums import AgreementStatus
from infcrm.domain.validation import FieldChecker, InvalidInput
from infcrm.services.campaigns.agreement_facts import facts, heading
from infcrm.services.campaigns.agreement_templates import BODY_MAX, SUBJECT_MAX, template_row
from infcrm.services.campaigns.agreement_types import (
    SENDER_NAME_SETTING,
    AgreementStateError,
    AgreementVersion,
    when_text,
)
from infcrm.services.common import as_utc, from_storage
from infcrm.services.errors import EditConflict
from infcrm.services.maintenance import settings
from infcrm.services.people.influencers import NotFound

SENDER_NAME_MAX = 100
_DRAFT, _SENT = AgreementStatus.DRAFT.value, AgreementStatus.SENT.value
_CONFIRMED, _SUPERSEDED = AgreementStatus.CONFIRMED.value, AgreementStatus.SUPERSEDED.value


def sender_name(db: Database) -> str:
    """The name agreement emails are signed with ("" until set)."""
    return str(settings.get(db, SENDER_NAME_SETTING, "") or "")


def checked_sender_name(name: str) -> str:
    """The name agreement emails are signed with, cleaned; raises InvalidInput if unusable."""
    check = FieldChecker()
    clean = check.text("sender_name", name, label="Your name", max_length=SENDER_NAME_MAX)
    check.raise_if_errors()
    return clean or ""


def set_sender_name(db: Database, name: str) -> None:
    """Change the name agreement emails are signed with; raises InvalidInput if unusable."""
    settings.put(db, SENDER_NAME_SETTING, checked_sender_name(name))


def _rendered(session: Session, deal_id: int, template_id: int | None) -> tuple[str, str]:
    template = template_row(session, template_id)
    known = facts(session, deal_id)
    try:
        subject = " ".join(render(template.subject, known).split())
        body = render(template.body, known).strip("\n")
    except TemplateError as exc:  # only a template stored by another program can get here
        raise InvalidInput({"template": str(exc)}) from exc
    return subject[:SUBJECT_MAX], body


def version_of(row: Agreement) -> AgreementVersion:
    return AgreementVersion(
        id=row.id,
        deal_id=row.deal_id,
        version=row.version,
        status=row.status,
        subject=row.subject,
        body=row.body,
        created_at=from_storage(row.created_at),
        sent_at=from_storage(row.sent_at),
        text_sha256=row.text_sha256,
        confirmed_at=from_storage(row.confirmed_at),
        reply_sender=row.reply_sender,
        reply_date=from_storage(row.reply_date),
        reply_subject=row.reply_subject,
        reply_body=row.reply_body,
        has_reply_eml=row.reply_eml is not None,
        edit_version=row.edit_version,
        changed_by=row.changed_by,
    )


def _newest(session: Session, deal_id: int) -> Agreement | None:
    stmt = select(Agreement).where(Agreement.deal_id == deal_id).order_by(Agreement.version.desc())
    return session.execute(stmt.limit(1)).scalar_one_or_none()


def agreement_row(session: Session, agreement_id: int) -> Agreement:
    row = session.get(Agreement, agreement_id)
    if row is None:
        raise NotFound("This agreement no longer exists.")
    return row


def preview(db: Database, deal_id: int, template_id: int | None = None) -> tuple[str, str]:
    """(subject, body) the template would write for this deal now; stores nothing."""
    with db.transaction() as session:  # may seed the default template
        return _rendered(session, deal_id, template_id)


def compose(db: Database, deal_id: int, template_id: int | None = None) -> AgreementVersion:
    """Write the agreement from a template (the default for None) as a draft.

    The newest version is rewritten when it is still a draft; otherwise a new version is
    added, numbered after the last one.
    """
    with db.transaction() as session:
        return write_from_template(session, deal_id, template_id)


def write_from_template(
    session: Session, deal_id: int, template_id: int | None = None
) -> AgreementVersion:
    """`compose` inside an open transaction (an undoable step captures first)."""
    subject, body = _rendered(session, deal_id, template_id)
    row = _newest(session, deal_id)
    if row is None or not _is_draft(row):
        row = Agreement(deal_id=deal_id, version=(row.version + 1) if row else 1)
        session.add(row)
    row.subject, row.body, row.status = subject, body, _DRAFT
    session.flush()
    return version_of(row)


def _is_draft(row: Agreement) -> bool:
    """Still editable: a draft never sent (a send time means sent, whatever the status says)."""
    return row.status == _DRAFT and row.sent_at is None


def _frozen_message(row: Agreement) -> str:
    if _is_draft(row):
        return ""
    sent = f" on {when_text(from_storage(row.sent_at))}" if row.sent_at else ""
    return (
        f"Version {row.version} was sent{sent}, so its text can no longer change. "
        "Change the deal's terms or start a new version instead."
    )


def update_draft(
    db: Database, agreement_id: int, subject: str, body: str, seen: int | None = None
) -> AgreementVersion:
    """Save edits to a draft's subject and body; refused once the version was sent, and
    (EditConflict) when `seen`, the draft's edit_version the form was made from, is no longer
    the saved one. None saves over whatever the draft holds now."""
    with db.transaction() as session:
        return write_draft(session, agreement_id, subject, body, seen)


def write_draft(
    session: Session, agreement_id: int, subject: str, body: str, seen: int | None = None
) -> AgreementVersion:
    """`update_draft` inside an open transaction (an undoable edit captures the row first)."""
    check = FieldChecker()
    clean_subject = check.text(
        "subject", subject, label="Subject", required=True, max_length=SUBJECT_MAX
    )
    clean_body = check.text(
        "body", body, label="Text", required=True, max_length=BODY_MAX, multiline=True
    )
    row = agreement_row(session, agreement_id)
    if not _is_draft(row):
        raise AgreementStateError(_frozen_message(row))
    check.raise_if_errors()
    which = [Agreement.id == agreement_id]
    if seen is not None:  # only over the edit the form was made from
        which.append(Agreement.edit_version == seen)
    written = session.execute(
        update(Agreement).where(*which).values(subject=clean_subject, body=clean_body)
    ).rowcount
    # As saved now: on a server a save committed meanwhile makes the WHERE above match nothing.
    session.refresh(row)
    if not written:
        if not _is_draft(row):  # sent meanwhile: its text is frozen, say so
            raise AgreementStateError(_frozen_message(row))
        name = f"the draft of agreement version {row.version}"
        theirs = version_of(row)
        raise EditConflict(name, seen or row.edit_version, row.edit_version, row.changed_by, theirs)
    return version_of(row)


_CHANGED_BEFORE_SENT = (
    "This draft was changed elsewhere after you opened it, so it was not marked as sent. Its "
    "text as saved now is on screen: check it (send it again if it differs from what went "
    "out), then mark it as sent."
)


def mark_sent(
    db: Database, agreement_id: int, when: datetime | None = None, seen: int | None = None
) -> AgreementVersion:
    """Freeze a draft: status sent, the send time, and the SHA-256 of its exact text.

    `when` is an aware datetime (naive means local time), or None for now. Older versions
    still sent or confirmed become superseded: the newest text replaces them. `seen`: the
    draft's edit_version on the user's screen; a draft saved since is refused, since what
    was sent is the text the user saw.
    """
    try:
        return _mark_sent(db, agreement_id, when, seen)
    except StaleDataError:  # on a server, saved between this read and this write
        raise AgreementStateError(_CHANGED_BEFORE_SENT) from None


def _mark_sent(
    db: Database, agreement_id: int, when: datetime | None, seen: int | None
) -> AgreementVersion:
    with db.transaction() as session:
        row = agreement_row(session, agreement_id)
        if not _is_draft(row):
            sent = f" on {when_text(from_storage(row.sent_at))}" if row.sent_at else ""
            raise AgreementStateError(
                f"Version {row.version} was already marked as sent{sent}; its text is frozen."
            )
        if seen is not None and row.edit_version != seen:
            raise AgreementStateError(_CHANGED_BEFORE_SENT)
        blank = {
            field: f"{label} is empty; write it before sending."
            for field, label, value in (
                ("subject", "The subject", row.subject),
                ("body", "The text", row.body),
            )
            if not value.strip()
        }
        if blank:
            raise InvalidInput(blank)
        row.sent_at = as_utc(when)
        row.text_sha256 = text_hash(row.subject, row.body)
        row.status = _SENT
        for older in session.execute(
            select(Agreement).where(
                Agreement.deal_id == row.deal_id,
                Agreement.version < row.version,
                Agreement.status.in_((_SENT, _CONFIRMED)),
            )
        ).scalars():
            older.status = _SUPERSEDED
        session.flush()
        return version_of(row)


def versions(db: Database, deal_id: int) -> list[AgreementVersion]:
    """Every version of a deal's agreement, newest first."""
    stmt = select(Agreement).where(Agreement.deal_id == deal_id).order_by(Agreement.version.desc())
    with db.reader() as session:
        return [version_of(row) for row in session.execute(stmt).scalars()]


def version(db: Database, agreement_id: int) -> AgreementVersion:
    """One version of an agreement."""
    with db.reader() as session:
        return version_of(agreement_row(session, agreement_id))


def reply_eml(db: Database, agreement_id: int) -> bytes | None:
    """The confirming reply's original .eml file, byte for byte (None if it was pasted)."""
    with db.reader() as session:
        return agreement_row(session, agreement_id).reply_eml


def latest_status(session: Session, deal_ids: Iterable[int]) -> dict[int, str]:
    """The newest version's AgreementStatus value per deal; deals without one are left out."""
    wanted = list(deal_ids)
    if not wanted:
        return {}
    newest = (
        select(Agreement.deal_id, func.max(Agreement.version).label("version"))
        .where(Agreement.deal_id.in_(wanted))
        .group_by(Agreement.deal_id)
        .subquery()
    )
    stmt = select(Agreement.deal_id, Agreement.status).join(
        newest,
        (newest.c.deal_id == Agreement.deal_id) & (newest.c.version == Agreement.version),
    )
    return {deal_id: status for deal_id, status in session.execute(stmt)}


def on_terms_changed(session: Session, deal_id: int) -> int | None:
    """After a deal's terms were saved (inside the same transaction): keep the agreement true.

    When the newest version was sent or confirmed and the default template now writes a
    different text, that version becomes superseded (only its status changes; its text stays
    frozen) and a new draft with the new terms is added; its id is returned. A newest version
    that is still a draft is left for the user to rewrite, and a deal without one gets none.
    """
    row = _newest(session, deal_id)
    if row is None or row.status not in (_SENT, _CONFIRMED):
        return None
    subject, body = _rendered(session, deal_id, None)
    if (subject, body) == (row.subject, row.body):
        return None  # nothing the influencer agreed to has changed
    row.status = _SUPERSEDED
    draft = Agreement(
        deal_id=deal_id, version=row.version + 1, status=_DRAFT, subject=subject, body=body
    )
    session.add(draft)
    session.flush()
    return draft.id


__all__ = [
    "agreement_row",
    "checked_sender_name",
    "compose",
    "facts",
    "heading",
    "latest_status",
    "mark_sent",
    "on_terms_changed",
    "preview",
    "reply_eml",
    "sender_name",
    "set_sender_name",
    "text_hash",
    "update_draft",
    "version",
    "version_of",
    "versions",
    "write_from_template",
]
