"""Checking a backup before a restore writes it: every row's references, ids and required values.

Each refusal names the sheet, the row and the column, says what is wrong and what to do, and
nothing is written: a workbook edited by hand (a deal pointing at a campaign that is not on the
Campaigns sheet, a sent agreement whose text was changed) is caught here, not by the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns.agreements import text_hash
from infcrm.services.exchange.restore_types import Backup, BackupPart, BackupRow

# Fields that must hold a value, per part.
REQUIRED: dict[str, tuple[str, ...]] = {
    "stages": ("name",),
    "settings": ("key", "value"),
    "templates": ("name", "subject", "body"),
    "outreach_templates": ("name", "kind", "body"),
    "saved_views": ("name", "query"),
    "tags": ("name",),
    "people": ("id", "display_name"),
    "not_duplicates": ("influencer_id", "other_id"),
    "accounts": ("influencer_id", "platform"),
    "history": ("influencer_id", "platform", "taken_at"),
    "campaigns": ("id", "name", "currency"),
    "interactions": ("id", "influencer_id", "occurred_at"),
    "follow_ups": ("influencer_id", "due_date"),
    "deals": ("id", "campaign_id", "influencer_id"),
    "incentives": ("deal_id", "kind"),
    "deliverables": ("id", "deal_id", "platform", "format"),
    "content": ("deal_id", "platform", "posted_on"),
    "payments": ("deal_id", "paid_on", "amount_minor", "currency"),
    "agreements": ("deal_id", "version", "subject", "body"),
    # An order's currency may be empty: WooCommerce names none until a deal takes the order.
    "orders": ("shop", "order_number", "placed_at"),
}
# Whole-number limits the database also keeps (the message here names the cell).
LIMITS: dict[str, dict[str, tuple[int, int | None]]] = {
    "people": {"rating": (0, 5)},
    "accounts": {
        "followers": (0, None),
        "avg_likes": (0, None),
        "avg_comments": (0, None),
        "avg_views": (0, None),
        "authenticity": (0, 100),
    },
    "history": dict.fromkeys(("followers", "avg_likes", "avg_comments", "avg_views"), (0, None)),
    "campaigns": {"budget_minor": (0, None)},
    "incentives": {"quantity": (1, None), "value_minor": (0, None)},
    "deliverables": {"count": (1, None)},
    "content": {"revenue_minor": (0, None)},
    "payments": {"amount_minor": (1, None)},
    "orders": {
        "revenue_minor": (0, None),
        "discount_minor": (0, None),
        "refunded_minor": (0, None),
    },
}
# (part, field) → the part whose "id" it must name.
REFERENCES: dict[tuple[str, str], str] = {
    ("not_duplicates", "influencer_id"): "people",
    ("not_duplicates", "other_id"): "people",
    ("accounts", "influencer_id"): "people",
    ("history", "influencer_id"): "people",
    ("interactions", "influencer_id"): "people",
    ("interactions", "campaign_id"): "campaigns",
    ("follow_ups", "influencer_id"): "people",
    ("follow_ups", "interaction_id"): "interactions",
    ("deals", "campaign_id"): "campaigns",
    ("deals", "influencer_id"): "people",
    ("incentives", "deal_id"): "deals",
    ("deliverables", "deal_id"): "deals",
    ("content", "deal_id"): "deals",
    ("content", "deliverable_id"): "deliverables",
    ("payments", "deal_id"): "deals",
    ("agreements", "deal_id"): "deals",
    ("orders", "deal_id"): "deals",
}
_WHAT = {
    "people": "person",
    "campaigns": "campaign",
    "interactions": "outreach entry",
    "deals": "deal",
    "deliverables": "promised piece of content",
}


class RestoreRefused(InvalidInput):
    """The backup cannot be restored as it stands; the message says where and why."""

    def __init__(self, message: str) -> None:
        """Keep one sentence (InvalidInput's form: one error)."""
        super().__init__({"restore": message})


def _refuse(part: BackupPart, row: BackupRow, field_name: str, problem: str) -> RestoreRefused:
    return RestoreRefused(f"{part.where(row, field_name)}: {problem} Nothing was restored.")


def check_backup(backup: Backup) -> None:
    """Refuse (RestoreRefused) the first row that cannot be restored as it stands."""
    for name, fields in REQUIRED.items():
        part = backup.part(name)
        for row in part.rows:
            for field_name in fields:
                if row.values.get(field_name) in (None, ""):
                    raise _refuse(part, row, field_name, "it is empty, and it needs a value.")
            _check_limits(part, row, LIMITS.get(name, {}))
    accounts = backup.part("accounts")
    for row in accounts.rows:
        if row.values.get("handle") in (None, "") and row.values.get("label") in (None, ""):
            raise _refuse(
                accounts, row, "handle", "it is empty, and so is the account name; fill in one."
            )
    ids = {name: _unique_ids(backup.part(name)) for name in _WHAT}
    for (name, field_name), target in REFERENCES.items():
        part = backup.part(name)
        sheet = backup.part(target).sheet
        for row in part.rows:
            value = row.values.get(field_name)
            if value is not None and value not in ids[target]:
                raise _refuse(
                    part,
                    row,
                    field_name,
                    f"there is no {_WHAT[target]} with ID {value} on the sheet “{sheet}”. "
                    "Correct the ID, or put back the row it named.",
                )
    _check_pairs(backup)
    _check_history(backup)
    _check_not_duplicates(backup.part("not_duplicates"))
    _check_agreements(backup.part("agreements"))


def _check_not_duplicates(part: BackupPart) -> None:
    """A pair is two people, and is kept once whichever way round it is written."""
    seen: set[frozenset[object]] = set()
    for row in part.rows:
        pair = frozenset((row.values.get("influencer_id"), row.values.get("other_id")))
        if len(pair) == 1:
            raise _refuse(part, row, "other_id", "a person cannot be a duplicate of themselves.")
        if pair in seen:
            raise _refuse(part, row, "other_id", "this pair is on an earlier row too.")
        seen.add(pair)


def account_key(values: Mapping[str, object]) -> tuple[object, ...]:
    """What names an account on the Social accounts and Follower history sheets alike: the
    person, the platform, and the handle (or the account's name when it has none)."""
    handle = values.get("handle")
    if handle not in (None, ""):
        return (values.get("influencer_id"), values.get("platform"), "handle", handle)
    return (values.get("influencer_id"), values.get("platform"), "label", values.get("label"))


def _check_history(backup: Backup) -> None:
    """Each recorded figure must belong to an account on the Social accounts sheet."""
    accounts = backup.part("accounts")
    known = {account_key(row.values) for row in accounts.rows}
    history = backup.part("history")
    for row in history.rows:
        if account_key(row.values) not in known:
            has_handle = row.values.get("handle") not in (None, "")
            raise _refuse(
                history,
                row,
                "handle" if has_handle else "label",
                f"this person has no such account on the sheet “{accounts.sheet}”. "
                "Correct the platform, handle or account name, or put back the account's row.",
            )


def _check_limits(
    part: BackupPart, row: BackupRow, limits: dict[str, tuple[int, int | None]]
) -> None:
    for field_name, (low, high) in limits.items():
        value = row.values.get(field_name)
        if value is None:
            continue
        if value < low or (high is not None and value > high):  # type: ignore[operator]
            span = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise _refuse(part, row, field_name, f"{value} is out of range; use {span}.")


def _unique_ids(part: BackupPart) -> set[object]:
    seen: set[object] = set()
    for row in part.rows:
        value = row.values.get("id")
        if value in seen:
            raise _refuse(part, row, "id", f"ID {value} is on an earlier row too; IDs are unique.")
        seen.add(value)
    return seen


def _first_repeat(part: BackupPart, key: Iterable[str], problem: str) -> None:
    fields = tuple(key)
    seen: set[tuple[object, ...]] = set()
    for row in part.rows:
        value = tuple(row.values.get(f) for f in fields)
        if None in value:
            continue
        if value in seen:
            raise _refuse(part, row, fields[-1], problem)
        seen.add(value)


def _check_pairs(backup: Backup) -> None:
    """What the database keeps unique, refused here with the row that repeats it."""
    _first_repeat(
        backup.part("accounts"),
        ("platform", "handle"),
        "this account is on an earlier row too; an account belongs to one person.",
    )
    _first_repeat(
        backup.part("tags"),
        ("name",),
        "this tag is on an earlier row too; give each tag one colour.",
    )
    _first_repeat(
        backup.part("templates"),
        ("name",),
        "a template of this name is on an earlier row too; template names are unique.",
    )
    _first_repeat(
        backup.part("outreach_templates"),
        ("name",),
        "an outreach template of this name is on an earlier row too; template names are unique.",
    )
    _first_repeat(
        backup.part("saved_views"),
        ("name",),
        "a view of this name is on an earlier row too; view names are unique.",
    )
    _first_repeat(
        backup.part("deals"),
        ("campaign_id", "influencer_id"),
        "this person is in this campaign on an earlier row too; keep one deal.",
    )
    _first_repeat(
        backup.part("orders"),
        ("shop", "order_number"),
        "this shop's order is on an earlier row too; an order is kept once.",
    )
    _first_repeat(
        backup.part("agreements"),
        ("deal_id", "version"),
        "this deal has this agreement version on an earlier row too.",
    )
    mains: set[object] = set()
    accounts = backup.part("accounts")
    for row in accounts.rows:
        if row.values.get("is_primary"):
            person = row.values.get("influencer_id")
            if person in mains:
                raise _refuse(
                    accounts, row, "is_primary", "this person has another main account already."
                )
            mains.add(person)
    deals_of = {
        r.values.get("id"): r.values.get("deal_id") for r in backup.part("deliverables").rows
    }
    content = backup.part("content")
    for row in content.rows:
        promised = row.values.get("deliverable_id")
        if promised is not None and deals_of.get(promised) != row.values.get("deal_id"):
            raise _refuse(
                content, row, "deliverable_id", "that promised content belongs to another deal."
            )


def _check_agreements(part: BackupPart) -> None:
    """A sent agreement's text must be the text that was sent (its SHA-256 says so)."""
    for row in part.rows:
        values = row.values
        if values.get("sent_at") is None:
            continue
        digest = values.get("text_sha256")
        if digest != text_hash(str(values.get("subject")), str(values.get("body"))):
            raise _refuse(
                part,
                row,
                "body",
                "this agreement was sent, and its subject or text is not the one that was sent "
                "(the SHA-256 differs). Put back the text as it was sent.",
            )


__all__ = ["REFERENCES", "REQUIRED", "RestoreRefused", "account_key", "check_backup"]
