"""Rows of the Outreach templates and Saved views sheets of an all-sheets export.

A full export is a backup anyone can read: each outreach template as its kind and its texts,
and each saved view by name, with what it shows in words beside the search and filters it
keeps. The filters are the view's stored JSON with the stage named instead of numbered
("stage": "Contacted"), since a restore gives the stages new numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.models import Stage
from infcrm.db.outreach_template_models import OutreachTemplate
from infcrm.db.view_models import SavedView
from infcrm.domain.outreach_template import KINDS
from infcrm.services.people import saved_views

OUTREACH_TEMPLATE_KEYS: tuple[str, ...] = ("name", "kind", "subject", "body")
SAVED_VIEW_KEYS: tuple[str, ...] = ("name", "shows", "filters", "columns")
STAGE_BY_NAME = "stage"  # the exported filters' key naming the stage (stored: "stage_id")


def _count(db: Database, model: type) -> int:
    with db.reader() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def outreach_template_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Outreach templates sheet has."""
    return _count(db, OutreachTemplate)


def outreach_template_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (OUTREACH_TEMPLATE_KEYS order) per outreach template, oldest first."""
    with db.reader() as session:
        rows = session.execute(select(OutreachTemplate).order_by(OutreachTemplate.id)).scalars()
        templates = [[t.name, KINDS.get(t.kind, t.kind), t.subject, t.body] for t in rows]
    yield from templates


def saved_view_count(db: Database, ids: Sequence[int]) -> int:
    """How many rows the Saved views sheet has."""
    return _count(db, SavedView)


def portable_filters(stored: str, stage_names: dict[int, str]) -> str:
    """A view's stored query with its stage by name ({"stage": "Contacted"})."""
    data = saved_views.stored_fields(stored)
    stage_id = data.pop("stage_id", None)
    data[STAGE_BY_NAME] = stage_names.get(stage_id) if isinstance(stage_id, int) else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def stored_filters(portable: str, stage_ids: dict[str, int]) -> str:
    """The other way: the stage named again by its number in this database (`stage_ids` by
    folded name); a stage it lacks leaves the view unfiltered by stage."""
    data = json.loads(portable)
    name = data.pop(STAGE_BY_NAME, None)
    data["stage_id"] = stage_ids.get(name.casefold()) if isinstance(name, str) else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def saved_view_values(db: Database, ids: Sequence[int]) -> Iterator[list[object]]:
    """One list (SAVED_VIEW_KEYS order) per saved view, in the sidebar's order."""
    with db.reader() as session:
        stage_names = {i: n for i, n in session.execute(select(Stage.id, Stage.name))}
        stored = {
            row.id: row.query
            for row in session.execute(select(SavedView.id, SavedView.query)).all()
        }
    for view in saved_views.views(db):
        yield [
            view.name,
            saved_views.describe(db, view.query, view.columns),
            portable_filters(stored[view.id], stage_names),
            ", ".join(view.columns) or None,
        ]


__all__ = [
    "OUTREACH_TEMPLATE_KEYS",
    "SAVED_VIEW_KEYS",
    "outreach_template_count",
    "outreach_template_values",
    "portable_filters",
    "saved_view_count",
    "saved_view_values",
    "stored_filters",
]
