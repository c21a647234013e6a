"""Merging two records of one person: everything of both is kept, in one transaction, undoable."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db import search_index
from infcrm.db.base import Base, utcnow
from infcrm.db.engine import BUSY_TIMEOUT_MS, Database, busy_message
from infcrm.db.models import Influencer
from infcrm.db.write_lock import begin_immediate
from infcrm.domain.accounts import account_key
from infcrm.domain.enums import FoundVia
from infcrm.domain.names import fold_email, fold_name
from infcrm.domain.other_names import merged_names
from infcrm.domain.validation import InvalidInput, split_list
from infcrm.services.errors import ChangedSinceCompared, MergeRefused, PersonGone
from infcrm.services.outreach import bulk_moves
from infcrm.services.people.bulk_common import versions_of
from infcrm.services.people.change_log import ChangeLog, take_back
from infcrm.services.people.duplicate_types import FieldChoice, MergeResult, MergeUndo
from infcrm.services.people.merge_limits import check_deal_notes, check_person

KEEP, OTHER = "keep", "other"
# The fields that hold one value each: where both people have one, the user picks.
SINGLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("display_name", "Name"),
    ("real_name", "Real name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("country", "Country"),
    ("city", "City"),
    ("language", "Language"),
    ("stage_id", "Stage"),
    ("owner", "Owner"),
    ("rating", "Rating"),
    ("found_via", "Found via"),
    ("found_detail", "Found via detail"),
    ("brand_fit", "Brand fit"),
    ("do_not_contact", "Do not contact"),
)
_ACCOUNT_FIGURES = ("followers", "avg_likes", "avg_comments", "avg_views", "posts_per_week")
# Free text a choice would drop for good: the value not chosen goes into the notes. (Not
# the found-via detail: for people imported, a file's name, which merging two lists would
# add to almost every merge.)
_KEPT_IN_NOTES = frozenset({"display_name", "real_name", "phone", "brand_fit"})
# Tables handled one by one below; any other table pointing at a person simply moves over.
_HANDLED = {"influencer", "social_account", "influencer_tag", "deal", "not_duplicate"}


def _person(log: ChangeLog, influencer_id: int) -> dict[str, object]:
    rows = log.rows("influencer", id=influencer_id)
    if not rows:
        # Refused (not NotFound): the merge dialog then looks for duplicates again.
        raise MergeRefused(PersonGone.named("One of the two people"))
    if rows[0]["deleted_at"] is not None:
        raise MergeRefused(f"{rows[0]['display_name']} is in the trash; restore them first.")
    return rows[0]


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(session: Session, field: str, value: object) -> str:
    """A field's value as the comparison shows it."""
    if value is None:
        return ""
    if field == "stage_id":
        stage = ChangeLog(session).rows("stage", id=value)
        return str(stage[0]["name"]) if stage else ""
    if field == "found_via":
        try:
            return FoundVia(value).label
        except ValueError:
            return str(value)
    if field == "do_not_contact":
        return "Yes" if value else "No"
    return str(value)


def differences(db: Database, keep_id: int, other_id: int) -> list[FieldChoice]:
    """The single-value fields where both people have a value and the values differ."""
    with db.reader() as session:
        log = ChangeLog(session)
        keep, other = _person(log, keep_id), _person(log, other_id)
        return [
            FieldChoice(
                field,
                label,
                _shown(session, field, keep[field]),
                _shown(session, field, other[field]),
            )
            for field, label in SINGLE_FIELDS
            if not _empty(keep[field]) and not _empty(other[field]) and keep[field] != other[field]
        ]


def holdings(db: Database, influencer_id: int) -> dict[str, int]:
    """How many accounts, interactions, follow-ups, deals and tags a person has (all are kept)."""
    with db.reader() as session:
        log = ChangeLog(session)
        return {
            label: len(log.rows(table, influencer_id=influencer_id))
            for table, label in (
                ("social_account", "accounts"),
                ("interaction", "interactions"),
                ("follow_up", "follow-ups"),
                ("deal", "deals"),
                ("influencer_tag", "tags"),
            )
        }


def _merged_fields(
    keep: Mapping[str, object], other: Mapping[str, object], choices: Mapping[str, str]
) -> dict[str, object]:
    values: dict[str, object] = {}
    for field, _label in SINGLE_FIELDS:
        choice = choices.get(field)
        if choice not in (None, KEEP, OTHER):
            raise InvalidInput({field: f"Choose “{KEEP}” or “{OTHER}” for {field}."})
        take_other = choice == OTHER or (choice is None and _empty(keep[field]))
        values[field] = other[field] if take_other else keep[field]
    if keep["found_via"] == FoundVia.IMPORTED.value and choices.get("found_via") is None:
        values["found_via"] = other["found_via"]  # how they were really found beats “imported”
    # Both people's email addresses stay: the one not chosen becomes another email.
    addresses = [
        keep["email"],
        other["email"],
        *split_list(str(keep["other_emails"] or "")),
        *split_list(str(other["other_emails"] or "")),
    ]
    seen = {fold_email(str(values["email"] or ""))} - {""}
    kept_others = []
    for address in addresses:
        if address and fold_email(str(address)) not in seen:
            seen.add(fold_email(str(address)))
            kept_others.append(str(address))
    values["other_emails"] = ", ".join(kept_others) or None
    # Likewise the name not chosen becomes another name: a re-import finds the person by it.
    names = (keep["display_name"], other["display_name"], keep["other_names"], other["other_names"])
    values["other_names"] = merged_names(values["display_name"], names)
    niches = split_list(f"{keep['niches'] or ''}, {other['niches'] or ''}")
    values["niches"] = ", ".join(niches) or None
    notes = [str(n).strip() for n in (keep["notes"], other["notes"]) if not _empty(n)]
    if aside := _set_aside(keep, other, values):
        notes.append(aside)
    values["notes"] = "\n\n".join(dict.fromkeys(notes)) or None
    check_person(keep, other, values)  # refused rather than stored longer than the form holds
    if choices.get("do_not_contact") is None:  # never lose a “do not contact”
        values["do_not_contact"] = bool(keep["do_not_contact"] or other["do_not_contact"])
    values["created_at"] = min(keep["created_at"], other["created_at"])  # type: ignore[type-var]
    values["updated_at"] = utcnow()
    return values


def _set_aside(
    keep: Mapping[str, object], other: Mapping[str, object], values: Mapping[str, object]
) -> str:
    """The names, phone and brand fit not chosen, as a paragraph of the notes ("" when none):
    nothing else would keep them once the merge can no longer be undone (an email not chosen
    becomes another email; the other fields are choices among a few values)."""
    lines = []
    for field, label in SINGLE_FIELDS:
        if field not in _KEPT_IN_NOTES:
            continue
        chosen = values[field]
        dropped = keep[field] if chosen == other[field] else other[field]
        if not _empty(dropped) and not _empty(chosen) and not _alike(field, dropped, chosen):
            lines.append(f"{label}: {str(dropped).strip()}")
    if not lines:
        return ""
    said = f"Not chosen when merging “{other['display_name']}” into “{keep['display_name']}”:"
    return "\n".join((said, *lines))


def _alike(field: str, one: object, other: object) -> bool:
    """Whether two values say the same (names but for accents, case and spacing; phones but
    for spaces and punctuation)."""
    if field in ("display_name", "real_name"):
        return fold_name(str(one)) == fold_name(str(other))
    if field == "phone":
        return re.sub(r"[^\d+]", "", str(one)) == re.sub(r"[^\d+]", "", str(other))
    return " ".join(str(one).split()) == " ".join(str(other).split())


def _merge_accounts(log: ChangeLog, keep_id: int, other_id: int) -> int:
    """Move the other's accounts over; the same account twice becomes one. Returns combined."""
    mine = log.rows("social_account", influencer_id=keep_id)
    by_key = {_same_account(a): a for a in mine}
    has_main = any(a["is_primary"] for a in mine)
    combined = 0
    for account in log.rows("social_account", influencer_id=other_id):
        twin = by_key.get(_same_account(account))
        if twin is None:
            log.update(
                "social_account",
                account,
                {"influencer_id": keep_id, "is_primary": account["is_primary"] and not has_main},
            )
            has_main = has_main or bool(account["is_primary"])
            continue
        combined += 1
        for snapshot in log.rows("metric_snapshot", account_id=account["id"]):
            log.update("metric_snapshot", snapshot, {"account_id": twin["id"]})
        newer = account["updated_at"] > twin["updated_at"]  # type: ignore[operator]
        filled = {
            k: v
            for k, v in account.items()
            if k not in ("id", "influencer_id", "is_primary", "platform", "handle", "created_at")
            and (_empty(twin[k]) or (newer and k in (*_ACCOUNT_FIGURES, "updated_at")))
            and not _empty(v)
        }
        log.delete("social_account", account)
        log.update("social_account", twin, filled)
    return combined


def _same_account(account: dict) -> tuple[str, str]:
    """The same account in other capitals; one known only by its name, by that name."""
    platform, key = account_key(
        account["platform"], account["handle"], account["label"], account["url"]
    )
    return platform, key.lower()


def _merge_tags(log: ChangeLog, keep_id: int, other_id: int) -> None:
    mine = {str(t["name"]).casefold() for t in log.rows("influencer_tag", influencer_id=keep_id)}
    for tag in log.rows("influencer_tag", influencer_id=other_id):
        if str(tag["name"]).casefold() in mine:
            log.delete("influencer_tag", tag)
        else:
            log.update("influencer_tag", tag, {"influencer_id": keep_id})


def _fold_deal_into(log: ChangeLog, deal: dict, target: dict, people: tuple[str, str]) -> None:
    """Both `people` were in one campaign: `deal`'s terms, posts and drafts join `target`."""
    for table, order in (("incentive", "position"), ("deliverable", "position")):
        offset = 1 + max((r[order] for r in log.rows(table, deal_id=target["id"])), default=-1)
        for row in log.rows(table, deal_id=deal["id"]):
            log.update(table, row, {"deal_id": target["id"], order: row[order] + offset})
    versions = [r["version"] for r in log.rows("agreement", deal_id=target["id"])]
    # Move the newest first so renumbered versions never collide on the way.
    agreements = sorted(log.rows("agreement", deal_id=deal["id"]), key=lambda r: -r["version"])
    top = max(versions, default=0) + len(agreements)
    for n, row in enumerate(agreements):
        log.update("agreement", row, {"deal_id": target["id"], "version": top - n})
    for table in ("content", "payment"):
        for row in log.rows(table, deal_id=deal["id"]):
            log.update(table, row, {"deal_id": target["id"]})
    notes = [str(n) for n in (target["notes"], deal["notes"]) if not _empty(n)]
    joined = {"notes": "\n\n".join(dict.fromkeys(notes)) or None}
    campaign = log.rows("campaign", id=deal["campaign_id"])[0]["name"]
    check_deal_notes(people, str(campaign), joined["notes"])
    for field in ("usage_rights", "disclosure"):
        if _empty(target[field]) and not _empty(deal[field]):
            joined[field] = deal[field]
    log.delete("deal", deal)
    log.update("deal", target, joined)


def _has_sent_agreement(log: ChangeLog, deal: dict) -> bool:
    return any(a["sent_at"] is not None for a in log.rows("agreement", deal_id=deal["id"]))


def _merge_deals(log: ChangeLog, keep: dict, other: dict) -> None:
    people = (str(keep["display_name"]), str(other["display_name"]))
    mine = {d["campaign_id"]: d for d in log.rows("deal", influencer_id=keep["id"])}
    for deal in log.rows("deal", influencer_id=other["id"]):
        twin = mine.get(deal["campaign_id"])
        if twin is None:
            log.update("deal", deal, {"influencer_id": keep["id"]})
            continue
        # A sent agreement never leaves its deal: the deal holding one is the one that stays.
        if _has_sent_agreement(log, deal):
            if _has_sent_agreement(log, twin):
                campaign = log.rows("campaign", id=deal["campaign_id"])[0]["name"]
                raise MergeRefused(
                    f"{keep['display_name']} and {other['display_name']} each have a sent "
                    f"agreement in the campaign “{campaign}”. A sent agreement always stays "
                    "with its own deal, so these two records cannot be merged."
                )
            _fold_deal_into(log, twin, deal, people)
            log.update("deal", deal, {"influencer_id": keep["id"]})
        else:
            _fold_deal_into(log, deal, twin, people)


def _move_the_rest(log: ChangeLog, keep_id: int, other_id: int) -> dict[str, int]:
    """Rows of every other table pointing at the other person now point at the kept one."""
    moved: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in _HANDLED:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name != "influencer":
                continue
            rows = log.rows(table.name, **{fk.parent.name: other_id})
            for row in rows:
                log.update(table.name, row, {fk.parent.name: keep_id})
            moved[table.name] = moved.get(table.name, 0) + len(rows)
    return moved


def versions(db: Database, keep_id: int, other_id: int) -> dict[int, int]:
    """Both people's versions now: read before their comparison, they are the merge's `seen`."""
    return versions_of(db, [keep_id, other_id])


def _unchanged_since(people: tuple[Mapping[str, object], ...], seen: Mapping[int, int]) -> None:
    """Refuse when either person was saved after their comparison was read (by a teammate,
    another window): the choices were made on values no longer there."""
    for person in people:
        version = seen.get(int(person["id"]))  # type: ignore[call-overload]
        if version is not None and person["version"] != version:
            who = f" by {person['changed_by']}" if person["changed_by"] else ""
            raise ChangedSinceCompared(
                f"{person['display_name']} was changed{who} after you opened this comparison, "
                "so nothing was merged. The comparison now shows the values as they are: "
                "check your choices, then merge again."
            )


def _hold(db: Database, session: Session, ids: tuple[int, int]) -> None:
    """Keep both people as the merge reads them until it commits: a save in flight finishes
    first, and the version check below then sees it (else the merge would write values read
    before that save over it). A file: its write lock; a server: the two rows."""
    begin_immediate(session.connection(), BUSY_TIMEOUT_MS / 1000, busy_message(Path(db.name)))
    session.execute(select(Influencer.id).where(Influencer.id.in_(ids)).with_for_update())


def merge(
    db: Database,
    keep_id: int,
    other_id: int,
    choices: Mapping[str, str] | None = None,
    seen: Mapping[int, int] | None = None,
) -> MergeResult:
    """Merge `other_id` into `keep_id`; `choices` maps a field to "keep" or "other". `seen`:
    each person's version when the comparison was read (`versions`); when either has moved
    on, ChangedSinceCompared and nothing is written."""
    if keep_id == other_id:
        raise MergeRefused("Choose two different people to merge.")
    with db.transaction() as session:
        _hold(db, session, (keep_id, other_id))
        log = ChangeLog(session)
        keep, other = _person(log, keep_id), _person(log, other_id)
        _unchanged_since((keep, other), seen or {})
        values = _merged_fields(keep, other, choices or {})
        counts = {
            "accounts": len(log.rows("social_account", influencer_id=other_id)),
            "deals": len(log.rows("deal", influencer_id=other_id)),
        }
        combined = _merge_accounts(log, keep_id, other_id)
        _merge_tags(log, keep_id, other_id)
        _merge_deals(log, keep, other)
        counts.update(_move_the_rest(log, keep_id, other_id))
        for move in bulk_moves.rows_holding(session, other_id):  # lists of ids, not references
            log.update("bulk_move", move, bulk_moves.handed_over(move, keep_id, other_id))
        for pair in [
            *log.rows("not_duplicate", influencer_id=other_id),
            *log.rows("not_duplicate", other_id=other_id),
        ]:
            log.delete("not_duplicate", pair)
        session.flush()
        log.delete("influencer", _person(log, other_id))
        log.update("influencer", _person(log, keep_id), values)
        search_index.forget(session, [other_id])
        search_index.reindex(session, [keep_id])
        return MergeResult(
            keep_id=keep_id,
            other_id=other_id,
            moved=counts,
            combined_accounts=combined,
            undo=MergeUndo(keep_id, other_id, tuple(log.steps)),
        )


def undo_merge(db: Database, undo: MergeUndo) -> None:
    """Take a merge back: both people exactly as they were, with everything of each."""
    with db.transaction() as session:
        take_back(session, undo.steps)
        search_index.reindex(session, [undo.keep_id, undo.other_id])


__all__ = [
    "KEEP",
    "OTHER",
    "SINGLE_FIELDS",
    "ChangedSinceCompared",
    "MergeRefused",
    "differences",
    "holdings",
    "merge",
    "undo_merge",
    "versions",
]
