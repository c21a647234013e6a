"""Checking a backup before a restore writes it: every row's references, ids and required values.

Each refusal names the sheet, the row and the column, says what is wrong and what to do, and
nothing is written: a workbook edited by hand (a deal pointing at a campaign that is not on the
Campaigns sheet, a sent agreement whose text was changed) is caught here, not by the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from infcrm.domain.agreement_seal import text_hash
from infcrm.domain.validation import InvalidInput
from infcrm.services.exchange.restore_types import PARTS, Backup, BackupPart, BackupRow

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


def check_backup(backup: Backup) -> Backup:
    """Refuse (RestoreRefused) the first row that cannot be restored as it stands; returns
    the backup with what checking it found (its counts, the stage names its rows use)."""
    checker = BackupChecker()
    for name in PARTS:
        for batch in backup.batches(name):
            checker.check(name, batch)
    return replace(backup, tally=dict(checker.rows), stages_used=tuple(checker.stages.values()))


# What the database keeps unique within a part, refused with the row that repeats it.
_REPEATS: dict[str, tuple[tuple[str, ...], str]] = {
    "accounts": (
        ("platform", "handle"),
        "this account is on an earlier row too; an account belongs to one person.",
    ),
    "tags": (("name",), "this tag is on an earlier row too; give each tag one colour."),
    "templates": (
        ("name",),
        "a template of this name is on an earlier row too; template names are unique.",
    ),
    "outreach_templates": (
        ("name",),
        "an outreach template of this name is on an earlier row too; template names are unique.",
    ),
    "saved_views": (
        ("name",),
        "a view of this name is on an earlier row too; view names are unique.",
    ),
    "deals": (
        ("campaign_id", "influencer_id"),
        "this person is in this campaign on an earlier row too; keep one deal.",
    ),
    "orders": (
        ("shop", "order_number"),
        "this shop's order is on an earlier row too; an order is kept once.",
    ),
    "agreements": (
        ("deal_id", "version"),
        "this deal has this agreement version on an earlier row too.",
    ),
}


class BackupChecker:
    """Checks a backup a batch of rows at a time, the parts in the order of PARTS (each
    refers only to earlier ones), keeping only the keys later rows are checked against:
    IDs, account names, pairs. So a backup of a million rows is checked without holding it."""

    def __init__(self) -> None:
        """Nothing seen yet."""
        self.ids: dict[str, set[object]] = {name: set() for name in _WHAT}
        self.sheets: dict[str, str] = {}
        self.repeats: dict[str, set[tuple[object, ...]]] = {name: set() for name in _REPEATS}
        self.accounts: set[tuple[object, ...]] = set()
        self.mains: set[object] = set()
        self.deals_of: dict[object, object] = {}
        self.pairs: set[frozenset[object]] = set()
        self.rows: Counter[str] = Counter()
        self.stages: dict[str, str] = {}  # folded name → the name as first written
        self.row_checks = {
            "people": self._stage_names,
            "accounts": self._accounts,
            "history": self._history,
            "interactions": self._stage_names,
            "not_duplicates": self._not_duplicates,
            "deliverables": self._deliverables,
            "content": self._content,
            "agreements": self._agreements,
        }

    def check(self, name: str, part: BackupPart) -> None:
        """Refuse (RestoreRefused) the first row of `part` that cannot be restored."""
        self.sheets.setdefault(name, part.sheet)
        self.rows[name] += len(part.rows)
        required, limits = REQUIRED.get(name, ()), LIMITS.get(name, {})
        references = [(f, target) for (n, f), target in REFERENCES.items() if n == name]
        for row in part.rows:
            for field_name in required:
                if row.values.get(field_name) in (None, ""):
                    raise _refuse(part, row, field_name, "it is empty, and it needs a value.")
            _check_limits(part, row, limits)
            if name in self.ids:
                self._unique_id(name, part, row)
            for field_name, target in references:
                self._reference(part, row, field_name, target)
            if name in _REPEATS:
                self._repeat(name, part, row)
            check = self.row_checks.get(name)
            if check is not None:
                check(part, row)

    def _stage_names(self, _part: BackupPart, row: BackupRow) -> None:
        """The stages a person is at or a message moved between, listed or not."""
        for key in ("stage", "to_stage", "from_stage"):
            name = row.values.get(key)
            if name:
                self.stages.setdefault(str(name).casefold(), str(name))

    def _unique_id(self, name: str, part: BackupPart, row: BackupRow) -> None:
        value = row.values.get("id")
        if value in self.ids[name]:
            raise _refuse(part, row, "id", f"ID {value} is on an earlier row too; IDs are unique.")
        self.ids[name].add(value)

    def _reference(self, part: BackupPart, row: BackupRow, field_name: str, target: str) -> None:
        value = row.values.get(field_name)
        if value is not None and value not in self.ids[target]:
            raise _refuse(
                part,
                row,
                field_name,
                f"there is no {_WHAT[target]} with ID {value} on the sheet "
                f"“{self.sheets.get(target, target)}”. Correct the ID, or put back the row it "
                "named.",
            )

    def _repeat(self, name: str, part: BackupPart, row: BackupRow) -> None:
        fields, problem = _REPEATS[name]
        value = tuple(row.values.get(f) for f in fields)
        if None in value:
            return
        if value in self.repeats[name]:
            raise _refuse(part, row, fields[-1], problem)
        self.repeats[name].add(value)

    def _accounts(self, part: BackupPart, row: BackupRow) -> None:
        values = row.values
        if values.get("handle") in (None, "") and values.get("label") in (None, ""):
            raise _refuse(
                part, row, "handle", "it is empty, and so is the account name; fill in one."
            )
        if values.get("is_primary"):
            person = values.get("influencer_id")
            if person in self.mains:
                raise _refuse(
                    part, row, "is_primary", "this person has another main account already."
                )
            self.mains.add(person)
        self.accounts.add(account_key(values))

    def _history(self, part: BackupPart, row: BackupRow) -> None:
        """Each recorded figure must belong to an account on the Social accounts sheet."""
        if account_key(row.values) not in self.accounts:
            has_handle = row.values.get("handle") not in (None, "")
            raise _refuse(
                part,
                row,
                "handle" if has_handle else "label",
                f"this person has no such account on the sheet "
                f"“{self.sheets.get('accounts', 'accounts')}”. "
                "Correct the platform, handle or account name, or put back the account's row.",
            )

    def _not_duplicates(self, part: BackupPart, row: BackupRow) -> None:
        """A pair is two people, and is kept once whichever way round it is written."""
        pair = frozenset((row.values.get("influencer_id"), row.values.get("other_id")))
        if len(pair) == 1:
            raise _refuse(part, row, "other_id", "a person cannot be a duplicate of themselves.")
        if pair in self.pairs:
            raise _refuse(part, row, "other_id", "this pair is on an earlier row too.")
        self.pairs.add(pair)

    def _deliverables(self, _part: BackupPart, row: BackupRow) -> None:
        self.deals_of[row.values.get("id")] = row.values.get("deal_id")

    def _content(self, part: BackupPart, row: BackupRow) -> None:
        promised = row.values.get("deliverable_id")
        if promised is not None and self.deals_of.get(promised) != row.values.get("deal_id"):
            raise _refuse(
                part, row, "deliverable_id", "that promised content belongs to another deal."
            )

    def _agreements(self, part: BackupPart, row: BackupRow) -> None:
        """A sent agreement's text must be the text that was sent (its SHA-256 says so)."""
        values = row.values
        if values.get("sent_at") is None:
            return
        digest = values.get("text_sha256")
        if digest != text_hash(str(values.get("subject")), str(values.get("body"))):
            raise _refuse(
                part,
                row,
                "body",
                "this agreement was sent, and its subject or text is not the one that was sent "
                "(the SHA-256 differs). Put back the text as it was sent.",
            )


def account_key(values: Mapping[str, object]) -> tuple[object, ...]:
    """What names an account on the Social accounts and Follower history sheets alike: the
    person, the platform, and the handle (or the account's name when it has none)."""
    handle = values.get("handle")
    if handle not in (None, ""):
        return (values.get("influencer_id"), values.get("platform"), "handle", handle)
    return (values.get("influencer_id"), values.get("platform"), "label", values.get("label"))


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


__all__ = [
    "REFERENCES",
    "REQUIRED",
    "BackupChecker",
    "RestoreRefused",
    "account_key",
    "check_backup",
]
