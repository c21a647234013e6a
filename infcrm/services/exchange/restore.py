"""Restoring an all-sheets export into an empty database: everything, in one transaction.

A restore is not a people import: it matches nobody and merges nothing, it keeps every record's
ID (so the sheets' references hold and a second export gives the same IDs), each person's
"Found via", "Added" and "Updated", and it writes campaigns, outreach, deals and all that hangs
off them. So it only goes into a database that holds nobody and no campaign yet (a new file);
anything else is refused with a sentence. Rows go in with Core inserts of lists of dicts, a
batch at a time as they are read: a backup of a million rows is never held whole.

It is recorded as an import: Edit › Undo last import removes the people it added (their
accounts, outreach, follow-ups and deals go with them) and the campaigns it added.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from infcrm.db import search_index
from infcrm.db.base import utcnow
from infcrm.db.campaign_models import (
    Agreement,
    Campaign,
    Content,
    Deal,
    Deliverable,
    Incentive,
    Payment,
)
from infcrm.db.duplicate_models import NotDuplicate
from infcrm.db.engine import Database
from infcrm.db.import_models import ImportBatch, ImportBatchItem
from infcrm.db.models import (
    Influencer,
    InfluencerTag,
    MetricSnapshot,
    SocialAccount,
    Tag,
)
from infcrm.db.order_models import ShopOrder
from infcrm.db.outreach_models import FollowUp, Interaction
from infcrm.db.sequences import follow_written_ids, next_id
from infcrm.db.write_lock import begin_immediate
from infcrm.domain.tracking import code_key
from infcrm.services.exchange import restore_setup as setup
from infcrm.services.exchange.import_history import RESTORED
from infcrm.services.exchange.import_items import record_created
from infcrm.services.exchange.import_since import record_after
from infcrm.services.exchange.people_import import BUSY, LOCK_WAIT_SECONDS, waiting_for_the_lock
from infcrm.services.exchange.restore_checks import (
    BackupChecker,
    RestoreRefused,
    account_key,
    check_backup,
)
from infcrm.services.exchange.restore_types import (
    NOUNS,
    Backup,
    BackupPart,
    BackupRow,
    RestoreResult,
)
from infcrm.services.maintenance import settings
from infcrm.services.progress import Progress

RESTORED_SHEET = "All sheets"  # the import record's "sheet": what Undo says was imported
CHUNK = 1000
_METRICS = ("followers", "avg_likes", "avg_comments", "avg_views")
_PERSON = (
    "id", "display_name", "real_name", "other_names", "email", "other_emails", "phone",
    "country", "city", "language", "niches", "notes", "found_via", "found_detail", "owner",
    "brand_fit", "rating", "do_not_contact", "created_at", "updated_at",
)  # fmt: skip
_ACCOUNT = (
    "influencer_id", "platform", "handle", "label", "url", "is_primary", "followers", "avg_likes",
    "avg_comments", "avg_views", "posts_per_week", "authenticity", "audience_countries",
    "audience_gender", "audience_age", "audience_notes",
)  # fmt: skip
_INTERACTION = (
    "id", "influencer_id", "occurred_at", "kind", "channel", "direction", "subject", "summary",
    "outcome", "campaign_id",
)  # fmt: skip
_COLUMNS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "campaigns": (Campaign, (
        "id", "name", "brand", "status", "starts_on", "ends_on", "budget_minor", "currency",
        "goal", "brief", "hashtags", "mentions", "created_at",
    )),
    "follow_ups": (FollowUp, (
        "influencer_id", "due_date", "due_time", "note", "status", "done_at", "snoozed_from",
        "interaction_id",
    )),
    "deals": (Deal, (
        "id", "campaign_id", "influencer_id", "usage_rights", "disclosure", "notes", "promo_code",
        "landing_url",
    )),
    "incentives": (Incentive, (
        "deal_id", "kind", "description", "quantity", "value_minor", "currency", "promo_code",
        "commission_bp", "shipping_status", "carrier", "tracking_number", "shipped_on",
        "delivered_on",
    )),
    "deliverables": (Deliverable, ("id", "deal_id", "platform", "format", "count", "due_date")),
    "content": (Content, (
        "deal_id", "deliverable_id", "url", "platform", "format", "posted_on", "likes",
        "comments", "shares", "saves", "views", "reach", "clicks", "conversions",
        "revenue_minor", "currency", "created_at",
    )),
    "payments": (Payment, (
        "deal_id", "paid_on", "amount_minor", "currency", "method", "reference", "created_at",
    )),
    "agreements": (Agreement, (
        "deal_id", "version", "status", "subject", "body", "created_at", "sent_at",
        "text_sha256", "confirmed_at", "reply_sender", "reply_date", "reply_subject",
        "reply_body",
    )),
    "orders": (ShopOrder, (
        "shop", "order_number", "placed_at", "currency", "revenue_minor", "discount_minor",
        "refunded_minor", "counted", "code", "utm_campaign", "utm_content", "deal_id",
        "store_places", "store_mark", "store_revenue", "store_discount", "store_refunded",
    )),
}  # fmt: skip
_POSITIONED = ("incentives", "deliverables")  # their order within a deal is kept as `position`
# Columns kept for comparing, made from another column as the services make them.
_DERIVED: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
    "deals": {"promo_key": lambda values: code_key(values["promo_code"]) or None},
    # An order with no currency yet shows no amounts; they are the store's own until matched.
    "orders": {
        f"{name}_minor": lambda values, name=name: (
            values[f"{name}_minor"]
            if values[f"{name}_minor"] is not None
            else values[f"store_{name}"] or 0
        )
        for name in ("revenue", "discount", "refunded")
    },
}


def refusal(db: Database) -> str | None:
    """Why this database cannot take a restore (it holds people or campaigns), or None."""
    with db.reader() as session:
        return _refusal(session.connection())


def _refusal(conn: Connection) -> str | None:
    people = conn.execute(select(func.count()).select_from(Influencer)).scalar_one()
    campaigns = conn.execute(select(func.count()).select_from(Campaign)).scalar_one()
    if not people and not campaigns:
        return None
    held = f"{people:,} {'person' if people == 1 else 'people'}" + (
        f" and {campaigns:,} campaign{'s' if campaigns != 1 else ''}" if campaigns else ""
    )
    return (
        f"This file is a full infcrm export, which restores into an empty database only, and "
        f"this one already holds {held} (the trash counts too)."
    )


def restore(
    db: Database,
    backup: Backup,
    *,
    progress: Progress | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> RestoreResult:
    """Write every part of `backup` into this (empty) database in one transaction.

    `lock_wait`: how long to wait for another writer to finish, as an import does.

    Each part is read, checked and written a batch at a time, so a backup read from a file is
    never held whole. Raises RestoreRefused naming the sheet, row and column of the first row
    that cannot be restored, or saying why the database cannot take it; nothing is written then.
    """
    if backup.stages_used is None:  # not checked yet: the stages are written before the rows
        backup = check_backup(backup)
    checker = BackupChecker()  # again as it is written: a file may change after its check

    def batches(name: str) -> Iterator[BackupPart]:
        for batch in backup.batches(name):
            checker.check(name, batch)
            yield batch

    def rows(name: str) -> Iterator[BackupRow]:
        for batch in batches(name):
            yield from batch.rows

    with db.transaction() as session:
        conn = session.connection()
        begin_immediate(conn, lock_wait, BUSY, waiting_for_the_lock(progress))
        why = _refusal(conn)
        if why:
            raise RestoreRefused(why)
        now = utcnow()
        _report(progress, "Restoring stages and settings…")
        kept = setup.kept_setup(session)  # undoing the restore puts it back
        stage_ids = setup.write_stages(conn, list(rows("stages")), backup.stages_used or ())
        setup.write_settings(conn, _whole(batches("settings")))
        setup.write_agreement_templates(conn, _whole(batches("templates")), now)
        setup.write_outreach_templates(conn, _whole(batches("outreach_templates")), now)
        tags = [{"name": r.values["name"], "colour": r.values.get("colour")} for r in rows("tags")]
        setup.write_saved_views(conn, _whole(batches("saved_views")), stage_ids, now)
        _insert(conn, Tag, tags)
        _report(progress, "Restoring people…")
        people = _write_people(conn, batches("people"), stage_ids, now)
        pairs = [
            {
                "influencer_id": min(r.values["influencer_id"], r.values["other_id"]),
                "other_id": max(r.values["influencer_id"], r.values["other_id"]),
                "marked_at": r.values.get("marked_at") or now,
            }
            for r in rows("not_duplicates")
        ]  # the lower id first, as the table keeps them
        _insert(conn, NotDuplicate, pairs)
        _write_accounts(conn, batches, backup.has("history"), now)
        _report(progress, "Restoring campaigns and outreach…")
        campaigns = _write_part(conn, batches("campaigns"), "campaigns", {"updated_at": now})
        _write_interactions(conn, batches("interactions"), stage_ids, now)
        _write_part(conn, batches("follow_ups"), "follow_ups", {"created_at": now})
        _write_part(conn, batches("deals"), "deals", {"created_at": now, "updated_at": now})
        for name in ("incentives", "deliverables", "content", "payments", "agreements"):
            _write_part(conn, batches(name), name, {"created_at": now})
        _report(progress, "Indexing for search…")
        for start in range(0, len(people), CHUNK):
            search_index.reindex(conn, people[start : start + CHUNK])
        batch_id = _record(conn, backup.file_name, people, campaigns, kept, now)
        # The shop's orders belong to the restore's record, so undoing it takes them too.
        _write_part(conn, batches("orders"), "orders", {"batch_id": batch_id})
        # Rows went in with the ids they had: what is saved next must not take one again.
        follow_written_ids(conn)
        record_after(conn, batch_id)  # ids from here on are added since the restore
    settings.forget_cached(db)
    counts = {name: checker.rows.get(name, 0) for name in NOUNS}
    return RestoreResult(backup.file_name, counts, batch_id)


def _whole(batches: Iterable[BackupPart]) -> BackupPart:
    """One small part (settings, templates…) as a single batch, as the setup writers take it."""
    parts = list(batches)
    if not parts:
        return BackupPart("", {})
    rows = tuple(row for part in parts for row in part.rows)
    return BackupPart(parts[0].sheet, parts[0].headers, rows)


def _report(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress.report(0, 0, text)


def _write_people(
    conn: Connection, batches: Iterable[BackupPart], stage_ids: dict[str, int], now: Any
) -> list[int]:
    ids: list[int] = []
    for part in batches:
        people, tags = [], []
        for row in part.rows:
            values = {key: row.values.get(key) for key in _PERSON}
            stage = row.values.get("stage")
            values["stage_id"] = stage_ids.get(stage.casefold()) if stage else None  # type: ignore[union-attr]
            values["do_not_contact"] = bool(values["do_not_contact"])
            values["found_via"] = values["found_via"] or "other"
            values["created_at"] = values["created_at"] or now
            values["updated_at"] = values["updated_at"] or values["created_at"]
            people.append(values)
            seen: set[str] = set()
            for tag in row.values.get("tags") or ():
                if tag.casefold() not in seen:
                    seen.add(tag.casefold())
                    tags.append({"influencer_id": values["id"], "name": tag})
        _insert(conn, Influencer, people)
        _insert(conn, InfluencerTag, tags)
        ids.extend(p["id"] for p in people)
    return ids


def _write_accounts(
    conn: Connection,
    batches: Callable[[str], Iterator[BackupPart]],
    has_history: bool,
    now: Any,
) -> None:
    """The accounts, then each one's recorded figures (its growth chart) as the Follower
    history sheet has them. A workbook written before that sheet existed starts each chart
    from the account's figures, recorded today."""
    ids: dict[tuple[object, ...], int] = {}
    for part in batches("accounts"):
        first = next_id(conn, SocialAccount.__table__.c.id, len(part.rows))
        accounts, snapshots = [], []
        for number, row in enumerate(part.rows):
            values = {key: row.values.get(key) for key in _ACCOUNT}
            values["handle"] = values["handle"] or None  # known only by its label
            values["is_primary"] = bool(values["is_primary"])
            accounts.append(values | {"id": first + number, "created_at": now, "updated_at": now})
            ids.setdefault(account_key(values), first + number)
            if not has_history and any(values[m] is not None for m in _METRICS):
                figures = {m: values[m] for m in _METRICS}
                snapshots.append({"account_id": first + number, "taken_at": now, **figures})
        _insert(conn, SocialAccount, accounts)
        _insert(conn, MetricSnapshot, snapshots)
    for part in batches("history"):
        snapshots = []
        for row in part.rows:
            figures = {m: row.values.get(m) for m in _METRICS}
            taken = {"account_id": ids[account_key(row.values)], "taken_at": row.values["taken_at"]}
            snapshots.append(taken | figures)
        _insert(conn, MetricSnapshot, snapshots)


def _write_interactions(
    conn: Connection, batches: Iterable[BackupPart], stage_ids: dict[str, int], now: Any
) -> None:
    for part in batches:
        rows = []
        for row in part.rows:
            values = {key: row.values.get(key) for key in _INTERACTION}
            for end in ("from", "to"):
                stage = row.values.get(f"{end}_stage")
                values[f"{end}_stage_id"] = stage_ids.get(str(stage).casefold()) if stage else None
            rows.append(values | {"created_at": now})
        # A person's part in a bulk move has no id of its own: the database gives it one.
        _insert(conn, Interaction, [r for r in rows if r.get("id") is not None])
        _insert(conn, Interaction, [_without_id(r) for r in rows if r.get("id") is None])


def _without_id(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key != "id"}


def _write_part(
    conn: Connection, batches: Iterable[BackupPart], name: str, defaults: dict[str, Any]
) -> list[int]:
    """Insert one part's rows as they are (the defaults fill what the sheet does not hold)."""
    model, columns = _COLUMNS[name]
    ids: list[int] = []
    positions: dict[object, int] = defaultdict(int)
    for part in batches:
        rows = []
        for row in part.rows:
            values = {key: row.values.get(key) for key in columns}
            for key, default in defaults.items():
                if key in model.__table__.c and values.get(key) is None:
                    values[key] = default
            for key, derive in _DERIVED.get(name, {}).items():
                values[key] = derive(values)
            if name in _POSITIONED:
                values["position"] = positions[values["deal_id"]]
                positions[values["deal_id"]] += 1
            rows.append(values)
        _insert(conn, model, rows)
        ids.extend(r["id"] for r in rows if "id" in r)
    return ids


def _insert(conn: Connection, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(model), list(rows[start : start + CHUNK]))


def _record(
    conn: Connection,
    file_name: str,
    people: list[int],
    campaigns: list[int],
    kept: list,
    now: Any,
) -> int:
    """The import record that lets Undo take the restore back."""
    batch_id = conn.execute(
        insert(ImportBatch)
        .values(
            file_name=file_name[:260],
            sheet=RESTORED_SHEET,
            imported_at=now,
            created_count=len(people),
            updated_count=0,
            skipped_count=0,
        )
        .returning(ImportBatch.id)
    ).scalar_one()
    record_created(conn, batch_id, people)
    conn.execute(
        insert(ImportBatchItem).values(
            batch_id=batch_id,
            influencer_id=0,
            action=RESTORED,
            previous=json.dumps({"campaigns": campaigns, "setup": kept}),
        )
    )
    return batch_id


__all__ = ["RESTORED", "RESTORED_SHEET", "RestoreRefused", "refusal", "restore"]
