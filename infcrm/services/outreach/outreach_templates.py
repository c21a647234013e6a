"""Outreach templates: the reusable emails and direct messages Compose fills in for each person.

Kept by the template core (campaigns/template_store.py) that the agreement templates use too:
every text is checked when it is saved, so an unknown {placeholder} is refused then, naming it,
not found out when a message goes out; every change can be undone. What is their own: a kind
(email or direct message; a direct message has no subject) and the signature they end with.
"""

from __future__ import annotations

from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.outreach_template_models import OutreachTemplate
from infcrm.domain.outreach_template import EMAIL, KINDS, PLACEHOLDERS
from infcrm.domain.validation import FieldChecker
from infcrm.services.campaigns import template_store as store
from infcrm.services.campaigns.agreements import sender_name
from infcrm.services.maintenance import settings
from infcrm.services.outreach.compose_types import SIGNATURE_SETTING, OutreachTemplateInfo
from infcrm.services.restore_points import Undoable

NAME_MAX = store.NAME_MAX
SUBJECT_MAX = store.SUBJECT_MAX
BODY_MAX = 20_000
SIGNATURE_MAX = 1_000
KIND = store.TemplateKind(OutreachTemplate, PLACEHOLDERS, BODY_MAX)


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
        return _info(store.row(KIND, session, template_id))


def check_texts(check: FieldChecker, kind: str, subject: object, body: object) -> tuple:
    """(subject, body) cleaned, each error added to `check` under "subject" or "body"."""
    return store.check_texts(KIND, check, subject, body, with_subject=kind == EMAIL)


def save_template(
    db: Database,
    name: str,
    kind: str,
    subject: str | None,
    body: str,
    template_id: int | None = None,
) -> Undoable:
    """Add a template (or change `template_id`); the value is its id, the point undoes it.

    Raises InvalidInput naming "name", "kind", "subject" or "body" for a blank or taken name,
    an email without a subject, an unknown placeholder or a lone brace; nothing is stored then.
    """
    check = FieldChecker()
    if kind not in KINDS:
        check.add("kind", "Choose whether this is an email or a direct message.")
    clean_subject, clean_body = check_texts(check, kind, subject, body)

    def fields(session) -> dict[str, object]:
        clean_name = store.checked_name(KIND, session, check, name, template_id)
        return {"name": clean_name, "kind": kind, "subject": clean_subject, "body": clean_body}

    return store.save(db, KIND, template_id, check, fields)


def delete_template(db: Database, template_id: int) -> Undoable:
    """Delete a template; messages already sent keep their text in each person's history."""
    return store.delete(db, KIND, template_id)


def signature(db: Database) -> str:
    """What {signature} becomes: the user's own text, else the name agreements are signed with."""
    return settings.get(db, SIGNATURE_SETTING, None) or sender_name(db)


def checked_signature(text: str) -> str:
    """The signature as kept (several lines allowed); raises InvalidInput if unusable."""
    check = FieldChecker()
    clean = check.text(
        "signature", text, label="Signature", max_length=SIGNATURE_MAX, multiline=True
    )
    check.raise_if_errors()
    return clean or ""


def set_signature(db: Database, text: str) -> None:
    """Keep the signature that ends outreach messages (several lines allowed)."""
    settings.put(db, SIGNATURE_SETTING, checked_signature(text))


__all__ = [
    "check_texts",
    "checked_signature",
    "delete_template",
    "get_template",
    "list_templates",
    "save_template",
    "set_signature",
    "signature",
]
