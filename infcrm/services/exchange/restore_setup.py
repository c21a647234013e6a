"""Restoring what surrounds the people: stages, settings, templates of both kinds, saved views.

Part of a restore (`restore.py`), inside its one transaction, into a database that holds no
people or campaigns yet. Each writer takes the part as read from its sheet.

What these tables held before (the starter templates, the pipeline a new file starts with,
views and settings the user made) is kept with the restore's record (`kept_setup`), so undoing
the restore puts it back exactly and removes what the restore added (`put_back_setup`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import AgreementTemplate
from infcrm.db.models import Influencer, Setting, Stage
from infcrm.db.outreach_template_models import OutreachTemplate
from infcrm.db.view_models import SavedView
from infcrm.services.exchange.restore_types import BackupPart, BackupRow
from infcrm.services.exchange.view_export_rows import stored_filters
from infcrm.services.restore_points import RestorePoint, Rows, WholeTable, capture, swap

# Parents first: a person restored points at a stage (put back before them, removed after).
SETUP_TABLES = ("stage", "setting", "agreement_template", "outreach_template", "saved_view", "tag")


def setup_parts(tables: tuple[str, ...] = SETUP_TABLES) -> list[Rows]:
    """Each setup table whole, on a file or a server."""
    return [WholeTable(table) for table in tables]


def write_stages(
    conn: Connection, listed_rows: list[BackupRow], used: Iterable[str]
) -> dict[str, int]:
    """The pipeline as the backup had it; returns stage ids by folded name.

    The database is empty, so no person or message points at a stage yet: stages the backup
    does not list go, those it lists take its order, and names used but not listed are added.
    """
    existing = {
        name.casefold(): stage_id
        for stage_id, name in conn.execute(select(Stage.id, Stage.name)).all()
    }
    listed = [dict(r.values) for r in listed_rows]
    names = {str(v["name"]).casefold() for v in listed}
    for name in used:
        if name and name.casefold() not in names:
            names.add(name.casefold())
            listed.append({"name": name, "is_closed": False, "archived": False})
    if not listed:
        return existing
    unlisted = [i for name, i in existing.items() if name not in names]
    if unlisted:
        conn.execute(delete(Stage).where(Stage.id.in_(unlisted)))
    # Positions past every current one first, so no two stages share one on the way.
    offset = len(existing) + len(listed) + 1
    ids: dict[str, int] = {}
    for position, values in enumerate(listed):
        key = str(values["name"]).casefold()
        fields = {
            "name": values["name"],
            "position": position + offset,
            "is_closed": bool(values.get("is_closed")),
            "archived": bool(values.get("archived")),
        }
        if key in existing:
            conn.execute(update(Stage).where(Stage.id == existing[key]).values(**fields))
            ids[key] = existing[key]
        else:
            ids[key] = conn.execute(insert(Stage).values(**fields).returning(Stage.id)).scalar_one()
    conn.execute(update(Stage).values(position=Stage.position - offset))
    return ids


def kept_setup(session: Session) -> list:
    """What the setup tables hold now, as JSON-ready lists (read before a restore writes)."""
    point = capture(session, setup_parts())
    return [
        [list(names), [list(map(_json_ready, row)) for row in rows]] for names, rows in point.saved
    ]


def _json_ready(value: Any) -> Any:
    """A stored value as JSON keeps it: a server hands times over as datetime objects (a
    file as text already); their ISO text goes back into the same column unchanged."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def put_back_setup(session: Session, kept: list) -> None:
    """Put the setup tables back as `kept_setup` read them (after the restore's people are
    gone). The pipeline stays as it is while someone kept since still stands in a stage."""
    saved = [(tuple(names), tuple(tuple(row) for row in rows)) for names, rows in kept]
    tables = SETUP_TABLES
    if session.execute(select(Influencer.id).where(Influencer.stage_id.is_not(None))).first():
        tables, saved = tables[1:], saved[1:]
    swap(session, RestorePoint(tuple(setup_parts(tables)), tuple(saved)))


def write_settings(conn: Connection, part: BackupPart) -> None:
    """The stored settings the backup lists (each replacing the one of its name)."""
    if not part.rows:
        return
    keys = [str(r.values["key"]) for r in part.rows]
    conn.execute(delete(Setting).where(Setting.key.in_(keys)))
    conn.execute(
        insert(Setting),
        [{"key": k, "value": r.values["value"]} for k, r in zip(keys, part.rows, strict=True)],
    )


def write_agreement_templates(conn: Connection, part: BackupPart, now: Any) -> None:
    """The agreement templates as the backup had them (none yet in an empty database but the
    shipped default, which the backup's own default replaces)."""
    if not part.rows:
        return
    conn.execute(delete(AgreementTemplate))
    rows = [
        {key: r.values.get(key) for key in ("name", "subject", "body")}
        | {"is_default": bool(r.values.get("is_default")), "created_at": now}
        for r in part.rows
    ]
    conn.execute(insert(AgreementTemplate), rows)


def write_outreach_templates(conn: Connection, part: BackupPart, now: Any) -> None:
    """The outreach templates, in the sheet's order (the oldest first, as exported), instead
    of those a new file starts with; a file without the sheet leaves them."""
    if not part.headers:
        return
    conn.execute(delete(OutreachTemplate))
    rows = [
        {key: r.values.get(key) for key in ("name", "kind", "subject", "body")}
        | {"created_at": now, "updated_at": now}
        for r in part.rows
    ]
    if rows:
        conn.execute(insert(OutreachTemplate), rows)


def write_saved_views(
    conn: Connection, part: BackupPart, stage_ids: dict[str, int], now: Any
) -> None:
    """The saved views in the sidebar's order, their stage found again by name."""
    if not part.headers:
        return
    conn.execute(delete(SavedView))
    rows = [
        {
            "name": r.values["name"],
            "position": position,
            "query": stored_filters(str(r.values["query"]), stage_ids),
            "columns": json.dumps(list(r.values.get("columns") or ())),
            "created_at": now,
            "updated_at": now,
        }
        for position, r in enumerate(part.rows)
    ]
    if rows:
        conn.execute(insert(SavedView), rows)


__all__ = [
    "SETUP_TABLES",
    "kept_setup",
    "put_back_setup",
    "setup_parts",
    "write_agreement_templates",
    "write_outreach_templates",
    "write_saved_views",
    "write_settings",
    "write_stages",
]
