"""Outreach templates: the reusable emails and direct messages Compose fills in for each person.

Managed like the agreement templates (services/campaigns/agreement_templates.py) with the same
placeholder machinery: every text is checked when it is saved, so an unknown {placeholder} is
refused then, naming it, not found out when a message goes out.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.db.outreach_template_models import OutreachTemplate
from infcrm.domain.outreach_template import EMAIL, KINDS, TemplateError, check_outreach
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns.agreements import sender_name
from infcrm.services.errors import NotFound
from infcrm.services.maintenance import settings
from infcrm.services.outreach.compose_types import SIGNATURE_SETTING, OutreachTemplateInfo

NAME_MAX = 100
SUBJECT_MAX = 300
BODY_MAX = 20_000
SIGNATURE_MAX = 1_000


def _info(row: OutreachTemplate) -> OutreachTemplateInfo:
    return OutreachTemplateInfo(row.id, row.name, row.kind, row.subject, row.body)


def list_templates(db: Database, kind: str | None = None) -> list[OutreachTemplateInfo]:
    """Every template (or those of one kind), emails first, then by name."""
    stmt = select(OutreachTemplate).order_by(
        OutreachTemplate.kind != EMAIL, func.lower(OutreachTemplate.name)
    )
    if kind is not None:
        stmt = stmt.where(OutreachTemplate.kind == kind)
    with db.reader() as session:
        return [_info(row) for row in session.execute(stmt).scalars()]


def get_template(db: Database, template_id: int) -> OutreachTemplateInfo:
    """One template; NotFound when it was deleted meanwhile."""
    with db.reader() as session:
        return _info(_row(session, template_id))


def _row(session: Session, template_id: int) -> OutreachTemplate:
    row = session.get(OutreachTemplate, template_id)
    if row is None:
        raise NotFound("This template no longer exists; choose another one.")
    return row


def check_texts(check: FieldChecker, kind: str, subject: object, body: object) -> tuple:
    """(subject, body) cleaned, each error added to `check` under "subject" or "body"."""
    clean_subject = None
    if kind == EMAIL:
        clean_subject = check.text(
            "subject", subject, label="Subject", required=True, max_length=SUBJECT_MAX
        )
    clean_body = check.text(
        "body", body, label="Text", required=True, max_length=BODY_MAX, multiline=True
    )
    for field, text in (("subject", clean_subject), ("body", clean_body)):
        if text is not None:
            try:
                check_outreach(text)
            except TemplateError as exc:
                check.add(field, str(exc))
    return clean_subject, clean_body


def save_template(
    db: Database,
    name: str,
    kind: str,
    subject: str | None,
    body: str,
    template_id: int | None = None,
) -> int:
    """Add a template (or change `template_id`); returns its id.

    Raises InvalidInput naming "name", "kind", "subject" or "body" for a blank or taken name,
    an email without a subject, an unknown placeholder or a lone brace; nothing is stored then.
    """
    check = FieldChecker()
    clean_name = check.text("name", name, label="Name", required=True, max_length=NAME_MAX)
    if kind not in KINDS:
        check.add("kind", "Choose whether this is an email or a direct message.")
    clean_subject, clean_body = check_texts(check, kind, subject, body)
    with db.transaction() as session:
        if clean_name is not None:
            taken = session.execute(
                select(OutreachTemplate.id).where(
                    OutreachTemplate.name == clean_name,  # the column compares without case
                    OutreachTemplate.id != (template_id or 0),
                )
            ).first()
            if taken is not None:
                check.add(
                    "name", f"A template called “{clean_name}” exists already; pick another name."
                )
        check.raise_if_errors()
        row = OutreachTemplate() if template_id is None else _row(session, template_id)
        row.name, row.kind, row.subject, row.body = clean_name, kind, clean_subject, clean_body
        session.add(row)
        session.flush()
        return row.id


def delete_template(db: Database, template_id: int) -> None:
    """Delete a template; messages already sent keep their text in each person's history."""
    with db.transaction() as session:
        gone = session.execute(delete(OutreachTemplate).where(OutreachTemplate.id == template_id))
        if not gone.rowcount:
            raise NotFound("This template was deleted already.")


def signature(db: Database) -> str:
    """What {signature} becomes: the user's own text, else the name agreements are signed with."""
    return settings.get(db, SIGNATURE_SETTING, None) or sender_name(db)


def set_signature(db: Database, text: str) -> None:
    """Keep the signature that ends outreach messages (several lines allowed)."""
    check = FieldChecker()
    clean = check.text(
        "signature", text, label="Signature", max_length=SIGNATURE_MAX, multiline=True
    )
    check.raise_if_errors()
    settings.put(db, SIGNATURE_SETTING, clean or "")


__all__ = [
    "check_texts",
    "delete_template",
    "get_template",
    "list_templates",
    "save_template",
    "set_signature",
    "signature",
]
