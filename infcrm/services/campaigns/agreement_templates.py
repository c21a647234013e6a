"""Agreement email templates: the friendly default shipped with the app and the user's own.

Every template is checked when it is saved, so an unknown {placeholder} is refused then, not
discovered when an agreement is written.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import AgreementTemplate
from infcrm.db.engine import Database
from infcrm.domain.agreement_template import TemplateError, check_template
from infcrm.domain.validation import FieldChecker, InvalidInput
from infcrm.paths import resource_path
from infcrm.services.campaigns.agreement_types import DEFAULT_TEMPLATE_NAME, TemplateInfo
from infcrm.services.people.influencers import NotFound

NAME_MAX = 100
SUBJECT_MAX = 300
BODY_MAX = 100_000
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
    row = session.get(AgreementTemplate, template_id)
    if row is None:
        raise NotFound("This template no longer exists; choose another one.")
    return row


def list_templates(db: Database) -> list[TemplateInfo]:
    """Every template, the default first then by name; seeds the shipped one on first use."""
    with db.transaction() as session:
        ensure_templates(session)
        stmt = select(AgreementTemplate).order_by(
            AgreementTemplate.is_default.desc(), func.lower(AgreementTemplate.name)
        )
        return [_info(row) for row in session.execute(stmt).scalars()]


def _checked(
    session: Session, name: object, subject: object, body: object, template_id: int | None
) -> tuple[str, str, str]:
    check = FieldChecker()
    clean_name = check.text("name", name, label="Name", required=True, max_length=NAME_MAX)
    clean_subject = check.text(
        "subject", subject, label="Subject", required=True, max_length=SUBJECT_MAX
    )
    clean_body = check.text(
        "body", body, label="Text", required=True, max_length=BODY_MAX, multiline=True
    )
    for field, text in (("subject", clean_subject), ("body", clean_body)):
        if text is not None:
            try:
                check_template(text)
            except TemplateError as exc:
                check.add(field, str(exc))
    if clean_name is not None:
        taken = session.execute(
            select(AgreementTemplate.id).where(
                func.lower(AgreementTemplate.name) == clean_name.lower(),
                AgreementTemplate.id != (template_id or 0),
            )
        ).first()
        if taken is not None:
            check.add(
                "name", f"A template called “{clean_name}” exists already; pick another name."
            )
    check.raise_if_errors()
    assert clean_name and clean_subject and clean_body  # raise_if_errors covered blanks
    return clean_name, clean_subject, clean_body


def save_template(
    db: Database, name: str, subject: str, body: str, template_id: int | None = None
) -> int:
    """Add a template (or change `template_id`); returns its id.

    Raises InvalidInput naming "name", "subject" or "body" for a blank or taken name, an
    unknown placeholder or a lone brace; nothing is stored then.
    """
    with db.transaction() as session:
        ensure_templates(session)
        clean_name, clean_subject, clean_body = _checked(session, name, subject, body, template_id)
        if template_id is None:
            row = AgreementTemplate(name=clean_name, is_default=False)
            session.add(row)
        else:
            row = template_row(session, template_id)
            row.name = clean_name
        row.subject, row.body = clean_subject, clean_body
        session.flush()
        return row.id


def set_default(db: Database, template_id: int) -> None:
    """Make this template the one new agreement versions are written from."""
    with db.transaction() as session:
        chosen = template_row(session, template_id)
        for row in session.execute(select(AgreementTemplate)).scalars():
            row.is_default = row.id == chosen.id


def delete_template(db: Database, template_id: int) -> None:
    """Delete a template; the last one cannot go, and the default passes to the oldest left."""
    with db.transaction() as session:
        row = template_row(session, template_id)
        count = session.execute(select(func.count()).select_from(AgreementTemplate)).scalar_one()
        if count <= 1:
            raise InvalidInput(
                {"template": "This is the only template; add another one before deleting it."}
            )
        was_default = row.is_default
        session.delete(row)
        session.flush()
        if was_default:
            default_template(session).is_default = True


def reset_default(db: Database) -> int:
    """Put the shipped friendly template back as it came (re-adding it if deleted); its id.

    It becomes the default again. Other templates are kept.
    """
    subject, body = shipped_default()
    with db.transaction() as session:
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


__all__ = [
    "delete_template",
    "list_templates",
    "reset_default",
    "save_template",
    "set_default",
    "shipped_default",
]
