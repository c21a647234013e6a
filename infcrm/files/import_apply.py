"""Writing a checked import plan in one transaction, and `import_file` from file to database.

People and accounts go in with Core `insert()` of lists of dicts, a thousand at a time; a
`progress` that raises (Cancel) or any error rolls the whole import back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from infcrm.db import search
from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.import_models import ImportBatch, ImportBatchItem
from infcrm.db.models import Influencer, InfluencerTag, MetricSnapshot, SocialAccount, Stage
from infcrm.domain.enums import FoundVia
from infcrm.domain.validation import InvalidInput
from infcrm.files.import_mapping import IGNORE, resolve_column, suggest_mapping
from infcrm.files.import_plan import ImportPlan, PlannedRow, ProgressReporter, build_plan
from infcrm.files.spreadsheet_reader import MAX_BYTES, read_table
from infcrm.services import maintenance

CHUNK = 1000
PERSON_COLUMNS = (
    "display_name", "real_name", "email", "other_emails", "phone", "country", "city",
    "language", "niches", "notes", "stage_id", "owner", "brand_fit", "rating",
    "do_not_contact", "created_at",
)  # fmt: skip
ACCOUNT_COLUMNS = (
    "platform", "handle", "url", "is_primary", "followers", "avg_likes", "avg_comments",
    "avg_views", "posts_per_week", "authenticity", "audience_countries", "audience_gender",
    "audience_age", "audience_notes",
)  # fmt: skip
_METRICS = ("followers", "avg_likes", "avg_comments", "avg_views")


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, for a dry run or a refusal, would do)."""

    file_name: str
    created: int
    updated: int
    skipped: int
    rejected: int
    problems: tuple[str, ...] = ()
    skipped_reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    batch_id: int | None = None
    dry_run: bool = False
    refused: str | None = None

    @property
    def written(self) -> bool:
        """Whether anything was saved."""
        return self.batch_id is not None

    def headline(self) -> str:
        """“Would create 120, update 3, skip 5, reject 2” or “Created 120, updated 3, …”."""
        words = ("Created", "updated", "skipped", "rejected")
        if not self.written:
            words = ("Would create", "update", "skip", "reject")
        counts = (self.created, self.updated, self.skipped, self.rejected)
        return ", ".join(f"{w} {n:,}" for w, n in zip(words, counts, strict=True)) + "."


def refusal_message(plan: ImportPlan) -> str | None:
    """Why the plan cannot be imported as it stands, or None when it can."""
    rejected = plan.count("reject")
    if rejected:
        rows = "1 row has a problem" if rejected == 1 else f"{rejected:,} rows have problems"
        return (
            f"Nothing was imported: {rows}. Fix {'it' if rejected == 1 else 'them'} in the "
            "file, or set the column at fault to Ignore, and import again. infcrm imports a "
            "file completely or not at all, so your list never holds half an import."
        )
    if not plan.count("create") and not plan.count("update"):
        return "Nothing to import: every row is already in infcrm or repeats an earlier row."
    return None


def summarise(
    plan: ImportPlan, batch_id: int | None = None, dry_run: bool = False
) -> ImportSummary:
    """The summary of a plan, before or after it was applied."""
    return ImportSummary(
        file_name=plan.file_name,
        created=plan.count("create"),
        updated=plan.count("update"),
        skipped=plan.count("skip"),
        rejected=plan.count("reject"),
        problems=tuple(str(p) for p in plan.problems),
        skipped_reasons=tuple(
            f"Row {r.number}: {r.reason}" for r in plan.rows if r.action == "skip"
        ),
        notes=tuple(plan.notes),
        batch_id=batch_id,
        dry_run=dry_run,
        refused=None if batch_id is not None or dry_run else refusal_message(plan),
    )


def apply_plan(db: Database, plan: ImportPlan, progress: ProgressReporter | None = None) -> int:
    """Write the plan in one transaction; returns the import's batch id (to undo it)."""
    refusal = refusal_message(plan)
    if refusal:
        raise InvalidInput({"import": refusal})
    now = utcnow()
    creates = [r for r in plan.rows if r.action == "create"]
    updates = [r for r in plan.rows if r.action == "update"]
    total = len(creates) + len(updates)
    with db.transaction() as session:
        conn = session.connection()
        batch_id = conn.execute(
            insert(ImportBatch)
            .values(
                file_name=plan.file_name,
                sheet=plan.sheet,
                imported_at=now,
                created_count=len(creates),
                updated_count=len(updates),
                skipped_count=plan.count("skip"),
            )
            .returning(ImportBatch.id)
        ).scalar_one()
        first_stage = conn.execute(
            select(Stage.id).where(~Stage.archived).order_by(Stage.position).limit(1)
        ).scalar_one_or_none()
        done = 0
        for start in range(0, len(creates), CHUNK):
            if progress is not None:
                progress.report(done, total, f"Adding people {done + 1:,} of {total:,}…")
            chunk = creates[start : start + CHUNK]
            _create_chunk(conn, chunk, batch_id, now, plan.file_name, first_stage)
            done += len(chunk)
        for row in updates:
            if progress is not None and done % 100 == 0:
                progress.report(done, total, f"Updating people {done + 1:,} of {total:,}…")
            _update_person(conn, row, batch_id, now, "display_name" in plan.mapping)
            done += 1
        if progress is not None:
            progress.report(total, total, "Saving…")
    return batch_id


def _person_values(row: PlannedRow, now: datetime, file_name: str, stage: int | None) -> dict:
    values = {key: row.person.get(key) for key in PERSON_COLUMNS}
    values["stage_id"] = values["stage_id"] or stage
    values["do_not_contact"] = bool(values["do_not_contact"])
    values["created_at"] = values["created_at"] or now
    values.update(found_via=FoundVia.IMPORTED.value, found_detail=file_name[:200], updated_at=now)
    return values


def _create_chunk(
    conn: Connection,
    rows: list[PlannedRow],
    batch_id: int,
    now: datetime,
    file_name: str,
    stage: int | None,
) -> None:
    """Insert a chunk of new people with their accounts, tags, snapshots and history."""
    # Ids are given, not returned: this transaction already holds SQLite's write lock (the batch
    # row went first), so nobody else can take them, and plain executemany is many times faster
    # than RETURNING, which SQLite can only match to its rows one insert at a time.
    first_id = _next_id(conn, Influencer.id)
    ids = list(range(first_id, first_id + len(rows)))
    conn.execute(
        insert(Influencer),
        [
            _person_values(r, now, file_name, stage) | {"id": i}
            for i, r in zip(ids, rows, strict=True)
        ],
    )
    accounts, tags = [], []
    for person_id, row in zip(ids, rows, strict=True):
        if row.accounts and not any(a["is_primary"] for a in row.accounts):
            row.accounts[0]["is_primary"] = True
        for account in row.accounts:
            values = {key: account.get(key) for key in ACCOUNT_COLUMNS}
            accounts.append(
                values | {"influencer_id": person_id, "created_at": now, "updated_at": now}
            )
        tags.extend({"influencer_id": person_id, "name": tag} for tag in row.tags)
    if accounts:
        first_account = _next_id(conn, SocialAccount.id)
        account_ids = range(first_account, first_account + len(accounts))
        conn.execute(
            insert(SocialAccount),
            [a | {"id": i} for i, a in zip(account_ids, accounts, strict=True)],
        )
        snapshots = [
            {"account_id": account_id, "taken_at": now, **{m: a[m] for m in _METRICS}}
            for account_id, a in zip(account_ids, accounts, strict=True)
            if any(a[m] is not None for m in _METRICS)
        ]
        if snapshots:
            conn.execute(insert(MetricSnapshot), snapshots)
    if tags:
        conn.execute(insert(InfluencerTag), tags)
    conn.execute(
        insert(ImportBatchItem),
        [
            {"batch_id": batch_id, "influencer_id": i, "action": "created", "previous": None}
            for i in ids
        ],
    )
    search.reindex(conn, ids)


def _next_id(conn: Connection, column: object) -> int:
    """The id after the highest one in use in `column`'s table."""
    return (conn.execute(select(func.max(column))).scalar() or 0) + 1


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def _update_person(
    conn: Connection, row: PlannedRow, batch_id: int, now: datetime, name_mapped: bool
) -> None:
    """Fill an existing person with the row's non-blank values, keeping what it replaced."""
    person_id = row.existing_id
    current = conn.execute(select(Influencer).where(Influencer.id == person_id)).mappings().one()
    changes = {
        key: value
        for key, value in row.person.items()
        if key in PERSON_COLUMNS
        and value is not None
        and value != current[key]
        and (key != "display_name" or name_mapped)
    }
    previous: dict[str, object] = {
        "person": {k: _jsonable(current[k]) for k in changes}
        | {"updated_at": _jsonable(current["updated_at"])},
        "tags_added": [],
        "accounts": {},
        "accounts_created": [],
    }
    conn.execute(
        update(Influencer).where(Influencer.id == person_id).values(**changes, updated_at=now)
    )
    have = {
        t.casefold()
        for t in conn.execute(
            select(InfluencerTag.name).where(InfluencerTag.influencer_id == person_id)
        ).scalars()
    }
    new_tags = [t for t in row.tags if t.casefold() not in have]
    if new_tags:
        conn.execute(
            insert(InfluencerTag), [{"influencer_id": person_id, "name": t} for t in new_tags]
        )
        previous["tags_added"] = new_tags
    existing = {
        (a["platform"], a["handle"]): a
        for a in conn.execute(
            select(SocialAccount).where(SocialAccount.influencer_id == person_id)
        ).mappings()
    }
    has_primary = any(a["is_primary"] for a in existing.values())
    for account in row.accounts:
        old = existing.get((account["platform"], account["handle"]))
        if old is None:
            values = {key: account.get(key) for key in ACCOUNT_COLUMNS}
            values["is_primary"] = not has_primary
            has_primary = True
            new_id = conn.execute(
                insert(SocialAccount)
                .values(**values, influencer_id=person_id, created_at=now, updated_at=now)
                .returning(SocialAccount.id)
            ).scalar_one()
            previous["accounts_created"].append(new_id)
            _snapshot(conn, new_id, account, now)
            continue
        fields = {
            k: account[k]
            for k in ACCOUNT_COLUMNS
            if k not in ("platform", "handle", "url", "is_primary")
            and account.get(k) is not None
            and account[k] != old[k]
        }
        if not fields:
            continue
        previous["accounts"][str(old["id"])] = {k: old[k] for k in fields} | {
            "updated_at": _jsonable(old["updated_at"])
        }
        conn.execute(
            update(SocialAccount)
            .where(SocialAccount.id == old["id"])
            .values(**fields, updated_at=now)
        )
        if any(m in fields for m in _METRICS):
            merged = {m: fields.get(m, old[m]) for m in _METRICS}
            _snapshot(conn, old["id"], merged, now)
    conn.execute(
        insert(ImportBatchItem).values(
            batch_id=batch_id,
            influencer_id=person_id,
            action="updated",
            previous=json.dumps(previous),
        )
    )
    search.reindex(conn, [person_id])


def _snapshot(conn: Connection, account_id: int, figures: Mapping, now: datetime) -> None:
    if any(figures.get(m) is not None for m in _METRICS):
        conn.execute(
            insert(MetricSnapshot).values(
                account_id=account_id, taken_at=now, **{m: figures.get(m) for m in _METRICS}
            )
        )


def full_mapping(
    headers: Sequence[str], mapping: Mapping[str, str] | Sequence[str] | None
) -> list[str]:
    """Each column's field: suggestions overridden by `mapping` (column name or letter → field)."""
    if mapping is not None and not isinstance(mapping, Mapping):
        return list(mapping)
    fields = suggest_mapping(headers)
    errors = {}
    for column, key in (mapping or {}).items():
        index = resolve_column(headers, column)
        if index is None:
            errors[f"map.{column}"] = (
                f"The file has no column “{column}”. Its columns: {', '.join(headers)}."
            )
            continue
        key = key.strip() or IGNORE
        # A field moved to this column is no longer suggested for another one.
        fields = [IGNORE if f == key and key != IGNORE else f for f in fields]
        fields[index] = key
    if errors:
        raise InvalidInput(errors)
    return fields


def import_file(
    db: Database,
    path: Path | str,
    *,
    platform: str | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | Sequence[str] | None = None,
    on_duplicate: str = "skip",
    dry_run: bool = False,
    progress: ProgressReporter | None = None,
    max_bytes: int = MAX_BYTES,
) -> ImportSummary:
    """Read, check and (unless `dry_run` or a row is rejected) import a spreadsheet.

    Raises SpreadsheetError for a file that cannot be read and InvalidInput for a mapping
    that cannot work; a refused import comes back as a summary whose `refused` says why.
    """
    table = read_table(path, sheet=sheet, max_bytes=max_bytes)
    fields = full_mapping(table.headers, mapping)
    plan = build_plan(
        db, table, fields, platform=platform, on_duplicate=on_duplicate, progress=progress
    )
    if dry_run or refusal_message(plan):
        return summarise(plan, dry_run=dry_run)
    # A copy first, so even an import the user regrets after closing the app can be undone.
    maintenance.back_up_before(db, "import")
    return summarise(plan, apply_plan(db, plan, progress))


__all__ = [
    "ImportSummary",
    "apply_plan",
    "full_mapping",
    "import_file",
    "refusal_message",
    "summarise",
]
