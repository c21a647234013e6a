"""Restoring what surrounds the people: settings, agreement and outreach templates, saved views.

Part of a restore (`restore.py`), inside its one transaction, into a database that holds no
people or campaigns yet. Each writer takes the part as read from its sheet.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.engine import Connection

from infcrm.db.campaign_models import AgreementTemplate
from infcrm.db.models import Setting
from infcrm.db.outreach_template_models import OutreachTemplate
from infcrm.db.view_models import SavedView
from infcrm.services.exchange.restore_types import BackupPart
from infcrm.services.exchange.view_export_rows import stored_filters


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
    "write_agreement_templates",
    "write_outreach_templates",
    "write_saved_views",
    "write_settings",
]
