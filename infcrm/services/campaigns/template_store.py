"""One core for the two kinds of templates a user writes: agreement emails and outreach messages.

Both keep a unique name (capitals ignored), a subject and a text whose {placeholders} are
checked when saved, so an unknown one is refused then, naming it, not found out when a message
goes out. Both are added, changed and deleted the same way, and every change hands back the
restore point that takes it back (Edit › Undo): templates are few, so the point holds the whole
table, which also covers a change of default that touches every row. The kind modules
(`campaigns/agreement_templates.py`, `outreach/outreach_templates.py`) add their own rules: the
default agreement template, an outreach message's kind and signature.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infcrm.db.engine import Database
from infcrm.domain.agreement_template import TemplateError, check_template
from infcrm.domain.validation import FieldChecker
from infcrm.services.changes import Changes
from infcrm.services.errors import NotFound
from infcrm.services.restore_points import Rows, Undoable, capture

NAME_MAX = 100
SUBJECT_MAX = 300
_EVERY_ID = (0, 2**62)  # the whole table: a row the action adds is taken back too


@dataclass(frozen=True)
class TemplateKind:
    """What one kind of template is: its table, the placeholders it knows and its limits."""

    model: Any  # the ORM class: id, name, subject, body
    placeholders: Mapping[str, str]
    body_max: int
    noun: str = "template"


def check_texts(
    kind: TemplateKind,
    check: FieldChecker,
    subject: object,
    body: object,
    *,
    with_subject: bool = True,
) -> tuple[str | None, str | None]:
    """(subject, body) cleaned, each error added to `check` under "subject" or "body": blank,
    too long, an unknown placeholder or a lone brace. Without a subject it is None."""
    clean_subject = None
    if with_subject:
        clean_subject = check.text(
            "subject", subject, label="Subject", required=True, max_length=SUBJECT_MAX
        )
    clean_body = check.text(
        "body", body, label="Text", required=True, max_length=kind.body_max, multiline=True
    )
    for field, text in (("subject", clean_subject), ("body", clean_body)):
        if text is not None:
            try:
                check_template(text, kind.placeholders)
            except TemplateError as exc:
                check.add(field, str(exc))
    return clean_subject, clean_body


def checked_name(
    kind: TemplateKind, session: Session, check: FieldChecker, name: object, template_id: int | None
) -> str | None:
    """The name cleaned; an error under "name" when blank, too long or another's already."""
    clean = check.text("name", name, label="Name", required=True, max_length=NAME_MAX)
    if clean is not None:
        model = kind.model
        taken = session.execute(
            select(model.id).where(
                func.lower(model.name) == clean.lower(), model.id != (template_id or 0)
            )
        ).first()
        if taken is not None:
            check.add("name", f"A {kind.noun} called “{clean}” exists already; pick another name.")
    return clean


def row(kind: TemplateKind, session: Session, template_id: int) -> Any:
    """One template's row; NotFound when it was deleted meanwhile."""
    found = session.get(kind.model, template_id)
    if found is None:
        raise NotFound(f"This {kind.noun} no longer exists; choose another one.")
    return found


def change(db: Database, kind: TemplateKind, action: Callable[[Session], int | None]) -> Undoable:
    """Run `action` (which checks, writes and returns a template id) in one transaction, with
    the restore point that takes it back; nothing is written when it raises."""
    with db.transaction() as session:
        point = capture(session, [Rows(kind.model.__tablename__, "id", between=_EVERY_ID)])
        value = action(session)
        session.flush()
    return Undoable(value, Changes(), point)


def save(
    db: Database,
    kind: TemplateKind,
    template_id: int | None,
    check: FieldChecker,
    fields: Callable[[Session], dict[str, object]],
) -> Undoable:
    """Add a template (`template_id` None) or change one; `fields(session)` adds its errors to
    `check` and returns the cleaned columns. Undoable's value is the template's id."""

    def write(session: Session) -> int:
        values = fields(session)
        check.raise_if_errors()
        target = kind.model() if template_id is None else row(kind, session, template_id)
        for key, value in values.items():
            setattr(target, key, value)
        session.add(target)
        session.flush()
        return target.id

    return change(db, kind, write)


def delete(
    db: Database,
    kind: TemplateKind,
    template_id: int,
    then: Callable[[Session, Any], None] | None = None,
) -> Undoable:
    """Delete a template; `then(session, deleted_row)` checks or adjusts what is left (and
    may still refuse: nothing is deleted then)."""

    def remove(session: Session) -> None:
        target = row(kind, session, template_id)
        session.delete(target)
        session.flush()
        if then is not None:
            then(session, target)

    return change(db, kind, remove)


__all__ = [
    "NAME_MAX",
    "SUBJECT_MAX",
    "TemplateKind",
    "change",
    "check_texts",
    "checked_name",
    "delete",
    "row",
    "save",
]
