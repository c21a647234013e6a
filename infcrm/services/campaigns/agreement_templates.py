"""Agreement email templates: the friendly default shipped with the app and the user's own.

Kept by the template core (campaigns/template_store.py) that the outreach templates use too:
every template is checked when it is saved, so an unknown {placeholder} is refused then, not
discovered when an agreement is written, and every change can be undone. What is their own:
one of them is the default new agreement versions are written from.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import AgreementTemplate
from infcrm.db.engine import Database
from infcrm.domain.agreement_template import PLACEHOLDERS
from infcrm.domain.validation import FieldChecker, InvalidInput
from infcrm.paths import resource_path
from infcrm.services.campaigns import template_store as store
from infcrm.services.campaigns.agreement_types import DEFAULT_TEMPLATE_NAME, TemplateInfo
from infcrm.services.restore_points import Undoable

NAME_MAX = store.NAME_MAX
SUBJECT_MAX = store.SUBJECT_MAX
BODY_MAX = 100_000
KIND = store.TemplateKind(AgreementTemplate, PLACEHOLDERS, BODY_MAX)
DEFAULT_TEMPLATE_FILE = "agreement_template.txt"


def shipped_default() -> tuple[str, str]:
    """(subject, body) of the default template shipped with the app.

    The file's first line is "Subject: …", then an empty line, then the body.
    """
    text = resource_path(DEFAULT_TEMPLATE_FILE).read_text(encoding="utf-8")
    first, _, rest = text.replace("\r\n", "\n").partition("\n")
    subject = first.removeprefix("Subject:").strip()
    return subject, rest.strip("\n")


def _info(row: AgreementTemplate) -> TemplateInfo:
    return TemplateInfo(
        id=row.id, name=row.name, subject=row.subject, body=row.body, is_default=row.is_default
    )


def ensure_templates(session: Session) -> None:
    """Add the shipped default template when there is none at all (inside a transaction)."""
    if session.execute(select(func.count()).select_from(AgreementTemplate)).scalar_one():
        return
    subject, body = shipped_default()
    session.add(
        AgreementTemplate(name=DEFAULT_TEMPLATE_NAME, subject=subject, body=body, is_default=True)
    )
    session.flush()


def default_template(session: Session) -> AgreementTemplate:
    """The template new versions are written from (seeding the shipped one if none exist)."""
    ensure_templates(session)
    stmt = select(AgreementTemplate).order_by(
        AgreementTemplate.is_default.desc(), AgreementTemplate.id
    )
    return session.execute(stmt.limit(1)).scalar_one()


def template_row(session: Session, template_id: int | None) -> AgreementTemplate:
    """A template by id, or the default one for None."""
    if template_id is None:
        return default_template(session)
    return store.row(KIND, session, template_id)


def list_templates(db: Database) -> list[TemplateInfo]:
    """Every template, the default first then by name; seeds the shipped one on first use."""
    with db.transaction() as session:
        ensure_templates(session)
        stmt = select(AgreementTemplate).order_by(
            AgreementTemplate.is_default.desc(), func.lower(AgreementTemplate.name)
        )
        return [_info(row) for row in session.execute(stmt).scalars()]


def _fields(
    session: Session, check: FieldChecker, name: object, subject: object, body: object,
    template_id: int | None,
) -> dict[str, object]:  # fmt: skip
    clean_subject, clean_body = store.check_texts(KIND, check, subject, body)
    clean_name = store.checked_name(KIND, session, check, name, template_id)
    return {"name": clean_name, "subject": clean_subject, "body": clean_body}


def save_template(
    db: Database, name: str, subject: str, body: str, template_id: int | None = None
) -> Undoable:
    """Add a template (or change `template_id`); the value is its id, the point undoes it.

    Raises InvalidInput naming "name", "subject" or "body" for a blank or taken name, an
    unknown placeholder or a lone brace; nothing is stored then.
    """
    check = FieldChecker()

    def fields(session: Session) -> dict[str, object]:
        ensure_templates(session)
        return _fields(session, check, name, subject, body, template_id)

    return store.save(db, KIND, template_id, check, fields)


def set_default(db: Database, template_id: int) -> Undoable:
    """Make this template the one new agreement versions are written from."""

    def choose(session: Session) -> int:
        chosen = template_row(session, template_id)
        for row in session.execute(select(AgreementTemplate)).scalars():
            row.is_default = row.id == chosen.id
        return chosen.id

    return store.change(db, KIND, choose)


def _pass_default(session: Session, deleted: AgreementTemplate) -> None:
    """After a delete: the last template cannot go; the default passes to the oldest left."""
    if not session.execute(select(func.count()).select_from(AgreementTemplate)).scalar_one():
        raise InvalidInput(
            {"template": "This is the only template; add another one before deleting it."}
        )
    if deleted.is_default:
        default_template(session).is_default = True


def delete_template(db: Database, template_id: int) -> Undoable:
    """Delete a template; the last one cannot go, and the default passes to the oldest left."""
    return store.delete(db, KIND, template_id, _pass_default)


def reset_default(db: Database) -> Undoable:
    """Put the shipped friendly template back as it came (re-adding it if deleted); the value
    is its id. It becomes the default again. Other templates are kept."""
    subject, body = shipped_default()

    def put_back(session: Session) -> int:
        ensure_templates(session)
        row = session.execute(
            select(AgreementTemplate).where(AgreementTemplate.name == DEFAULT_TEMPLATE_NAME)
        ).scalar_one_or_none()
        if row is None:
            row = AgreementTemplate(name=DEFAULT_TEMPLATE_NAME)
            session.add(row)
        row.subject, row.body = subject, body
        for other in session.execute(select(AgreementTemplate)).scalars():
            other.is_default = other is row
        row.is_default = True
        session.flush()
        return row.id

    return store.change(db, KIND, put_back)


__all__ = [
    "delete_template",
    "list_templates",
    "reset_default",
    "save_template",
    "set_default",
    "shipped_default",
]
