"""Rows of the Stages, Settings, Agreement templates and Tag colours sheets of an all-sheets
export.

They make the file a whole backup: the pipeline's stages in their order (with the closed and
archived ones), the settings that decide what the other sheets show (tier thresholds,
engagement bands, the default currency…), each as its stored JSON, and the agreement emails
the user wrote or edited. Whether a file holds sample
data is a fact about that file, not about the data, so it is left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import func, select

from infcrm.db.campaign_models import AgreementTemplate
from infcrm.db.engine import Database
from infcrm.db.models import Setting, Stage, Tag
from infcrm.services.maintenance.settings import SAMPLE_DATA

STAGE_KEYS: tuple[str, ...] = ("name", "closed", "archived")
SETTING_KEYS: tuple[str, ...] = ("key", "value")
TEMPLATE_KEYS: tuple[str, ...] = ("name", "subject", "body", "is_default")
TAG_KEYS: tuple[str, ...] = ("name", "colour")
TAG_KEYS: tuple[str, ...] = ("name", "colour")


def stage_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Stages sheet has (every stage)."""
    with db.reader() as session:
        return int(session.execute(select(func.count()).select_from(Stage)).scalar_one())


def stage_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (STAGE_KEYS order) per stage, in the pipeline's order."""
    with db.reader() as session:
        rows = session.execute(select(Stage).order_by(Stage.position, Stage.id)).scalars().all()
        stages = [[s.name, bool(s.is_closed), bool(s.archived)] for s in rows]
    yield from stages


def _settings(db: Database) -> list[list[object]]:
    with db.reader() as session:
        rows = session.execute(
            select(Setting.key, Setting.value)
            .where(Setting.key != SAMPLE_DATA)
            .order_by(Setting.key)
        ).all()
    return [[key, value] for key, value in rows]


def setting_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Settings sheet has."""
    return len(_settings(db))


def setting_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (SETTING_KEYS order) per stored setting, by name."""
    yield from _settings(db)


def template_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Agreement templates sheet has."""
    with db.reader() as session:
        return int(
            session.execute(select(func.count()).select_from(AgreementTemplate)).scalar_one()
        )


def template_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (TEMPLATE_KEYS order) per agreement template, the default first."""
    with db.reader() as session:
        rows = session.execute(
            select(AgreementTemplate).order_by(
                AgreementTemplate.is_default.desc(), AgreementTemplate.id
            )
        ).scalars()
        templates = [[t.name, t.subject, t.body, bool(t.is_default)] for t in rows]
    yield from templates


def _tags(db: Database) -> list[list[object]]:
    with db.reader() as session:
        rows = session.execute(
            select(Tag.name, Tag.colour).where(Tag.colour.is_not(None)).order_by(Tag.name)
        ).all()
    return [[name, colour] for name, colour in rows]


def tag_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Tag colours sheet has (the tags that have a colour)."""
    return len(_tags(db))


def tag_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (TAG_KEYS order) per tag with a colour, by name."""
    yield from _tags(db)


__all__ = [
    "SETTING_KEYS",
    "STAGE_KEYS",
    "TAG_KEYS",
    "TEMPLATE_KEYS",
    "setting_count",
    "setting_values",
    "stage_count",
    "stage_values",
    "tag_count",
    "tag_values",
    "template_count",
    "template_values",
]
