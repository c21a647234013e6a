"""Adding, editing, trashing, restoring and forgetting influencers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from infcrm.db import search_index
from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag, MetricSnapshot, SocialAccount, Stage
from infcrm.domain.accounts import account_key
from infcrm.domain.countries import country_name
from infcrm.domain.enums import FoundVia, Platform
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.metrics import EngagementBands, TierThresholds, engagement_rate
from infcrm.domain.other_names import merged_names
from infcrm.domain.validation import FieldChecker, InvalidInput, split_list
from infcrm.services.changes import Changes
from infcrm.services.errors import EditConflict, NotFound, PersonGone
from infcrm.services.maintenance import settings
from infcrm.services.people.account_input import clean_account
from infcrm.services.people.influencer_types import (
    Account,
    InfluencerDetail,
    InfluencerInput,
    Snapshot,
    StageInfo,
)
from infcrm.services.people.person_points import person_parts
from infcrm.services.people.trash import Forgotten, forget, forget_people, restore, trash
from infcrm.services.restore_points import Undoable, capture, guarded, nothing_before

# Limits come from the field catalogue, which the importer reads too.
NAME_MAX = max_length("display_name")
TEXT_MAX = max_length("notes")
ALSO = max_length("other_names")  # other names, in one cell
_METRICS = ("followers", "avg_likes", "avg_comments", "avg_views")


def _clean_influencer(session: Session, data: InfluencerInput, own_id: int | None) -> dict:
    """Check every field of the form; raise InvalidInput naming each field at fault."""
    check = FieldChecker()
    values = {
        "display_name": check.text(
            "display_name", data.display_name, label="Name", required=True, max_length=NAME_MAX
        ),
        "real_name": check.text("real_name", data.real_name, label="Real name"),
        "other_names": merged_names(
            data.display_name,
            [check.text("other_names", data.other_names, label="Other names", max_length=ALSO)],
        ),
        "email": check.email("email", data.email),
        "other_emails": check.within(
            "other_emails",
            ", ".join(check.emails("other_emails", data.other_emails)) or None,
            label="Other emails",
            max_length=max_length("other_emails"),
        ),
        "phone": check.text("phone", data.phone, label="Phone", max_length=max_length("phone")),
        "country": country_name(
            check.text("country", data.country, label="Country", max_length=max_length("country"))
        ),
        "city": check.text("city", data.city, label="City", max_length=max_length("city")),
        "language": check.text(
            "language", data.language, label="Language", max_length=max_length("language")
        ),
        "niches": check.within(
            "niches",
            ", ".join(split_list(data.niches or "")) or None,
            label="Niches",
            max_length=max_length("niches"),
        ),
        "notes": check.text(
            "notes", data.notes, label="Notes", max_length=TEXT_MAX, multiline=True
        ),
        "found_detail": check.text("found_detail", data.found_detail, label="Found via detail"),
        "owner": check.text("owner", data.owner, label="Owner", max_length=max_length("owner")),
        "brand_fit": check.text(
            "brand_fit", data.brand_fit, label="Brand fit", max_length=TEXT_MAX, multiline=True
        ),
        "rating": check.int_range("rating", data.rating, label="Rating", minimum=0, maximum=5),
        "do_not_contact": bool(data.do_not_contact),
    }
    found = check.choice("found_via", data.found_via or "other", FoundVia, label="Found via")
    values["found_via"] = (found or FoundVia.OTHER).value
    if data.stage_id is not None and session.get(Stage, data.stage_id) is None:
        check.errors["stage_id"] = "That stage no longer exists; choose another."
    values["stage_id"] = data.stage_id
    tags = split_list(data.tags or "")
    for tag in tags:
        if len(tag) > 60:
            check.errors["tags"] = (
                f"The tag “{tag[:20]}…” is too long; keep tags under 60 characters."
            )
    accounts = [clean_account(session, check, i, a, own_id) for i, a in enumerate(data.accounts)]
    handles_seen: dict[tuple[str, str], int] = {}
    for i, account in enumerate(accounts):
        if account is None:
            continue
        key = account_key(account["platform"], account["handle"], account["label"], account["url"])
        if key in handles_seen:
            check.errors[f"accounts.{i}.handle"] = "This account is listed twice."
        handles_seen[key] = i
    check.raise_if_errors()
    return {"fields": values, "tags": tags, "accounts": accounts}


def _save_accounts(session: Session, person: Influencer, accounts: list[dict]) -> None:
    """Replace the person's accounts with `accounts`, snapshotting changed figures."""
    if accounts and not any(a["is_primary"] for a in accounts):
        accounts[0]["is_primary"] = True
    seen_primary = False
    for account in accounts:  # exactly one main account
        account["is_primary"] = account["is_primary"] and not seen_primary
        seen_primary = seen_primary or account["is_primary"]
    existing = {a.id: a for a in person.accounts}
    keep = {a["id"] for a in accounts if a["id"] in existing}
    for account_id, account in existing.items():
        if account_id not in keep:
            person.accounts.remove(account)
    # Clear the main flag first: the unique index on the main account is checked per row.
    for account in existing.values():
        account.is_primary = False
    session.flush()
    for values in accounts:
        fields = {k: v for k, v in values.items() if k != "id"}
        row = existing.get(values["id"])
        changed = row is None or any(getattr(row, m) != fields[m] for m in _METRICS)
        if row is None:
            row = SocialAccount(**fields)
            person.accounts.append(row)
        else:
            for key, value in fields.items():
                setattr(row, key, value)
        session.flush()
        if changed and any(fields[m] is not None for m in _METRICS):
            session.add(MetricSnapshot(account_id=row.id, **{m: fields[m] for m in _METRICS}))


def _save(session: Session, person: Influencer, cleaned: dict) -> None:
    for key, value in cleaned["fields"].items():
        setattr(person, key, value)
    person.updated_at = utcnow()
    person.tags = [InfluencerTag(name=t) for t in cleaned["tags"]]
    session.flush()
    _save_accounts(session, person, cleaned["accounts"])
    session.flush()
    search_index.reindex(session, [person.id])


def create(db: Database, data: InfluencerInput) -> int:
    """Add an influencer with their accounts; returns the new id."""
    return int(create_undoable(db, data).value)


def create_undoable(db: Database, data: InfluencerInput) -> Undoable:
    """Add an influencer; their id (`value`), what changed and the restore point that takes
    the addition back."""
    with db.transaction() as session:
        cleaned = _clean_influencer(session, data, None)
        if cleaned["fields"]["stage_id"] is None:
            cleaned["fields"]["stage_id"] = _first_stage_id(session)
        person = Influencer()
        session.add(person)
        _save(session, person, cleaned)
        parts = person_parts([person.id], new=True)
        point = guarded(session, nothing_before(parts, [person.id], words_only=False))
        return Undoable(person.id, Changes(people=(person.id,)), point)


def update(db: Database, influencer_id: int, data: InfluencerInput) -> Undoable:
    """Save an edited influencer (accounts not in `data.accounts` are removed); returns what
    changed and the restore point that puts the person back as they were.

    When `data.version` is given and the person was saved since (by someone else, another
    window or a command), nothing is written and EditConflict carries both versions."""
    try:
        with db.transaction() as session:
            person = _load(session, influencer_id)
            if data.version is not None and person.version != data.version:
                raise _MovedOn
            cleaned = _clean_influencer(session, data, influencer_id)
            parts = person_parts([influencer_id])
            point = capture(session, parts, [influencer_id], words_only=False)
            _save(session, person, cleaned)
            point = guarded(session, point)  # an undo must not write over a later save
            return Undoable(influencer_id, Changes(people=(influencer_id,)), point)
    except (_MovedOn, StaleDataError):
        # StaleDataError: on a server another save committed between our read and our write
        # (the ORM's UPDATE … WHERE version = <read> then finds no row). Either way the
        # transaction is rolled back; the person is read again as they stand now.
        theirs = get(db, influencer_id)
        raise EditConflict(
            theirs.display_name,
            data.version if data.version is not None else theirs.version - 1,
            theirs.version,
            theirs.changed_by,
            theirs,
        ) from None


class _MovedOn(Exception):
    """The person's version is not the one the form was made from (caught in `update`)."""


def validate(db: Database, data: InfluencerInput, influencer_id: int | None = None) -> None:
    """Raise InvalidInput if saving `data` would be refused; writes nothing."""
    with db.reader() as session:
        _clean_influencer(session, data, influencer_id)


def _load(session: Session, influencer_id: int) -> Influencer:
    person = session.execute(
        select(Influencer)
        .where(Influencer.id == influencer_id)
        .options(selectinload(Influencer.accounts), selectinload(Influencer.tags))
    ).scalar_one_or_none()
    if person is None:
        raise PersonGone(influencer_id)
    return person


def existing_person(session: Session, influencer_id: int) -> Influencer:
    """The influencer `influencer_id`; PersonGone (a NotFound) when they were erased meanwhile."""
    person = session.get(Influencer, influencer_id)
    if person is None:
        raise PersonGone(influencer_id)
    return person


def _first_stage_id(session: Session) -> int | None:
    return session.execute(
        select(Stage.id).where(~Stage.archived).order_by(Stage.position).limit(1)
    ).scalar_one_or_none()


def get(db: Database, influencer_id: int) -> InfluencerDetail:
    """Everything about one influencer."""
    thresholds = settings.tier_thresholds(db)
    bands = settings.engagement_bands(db)
    with db.reader() as session:
        person = _load(session, influencer_id)
        stage = session.get(Stage, person.stage_id) if person.stage_id else None
        accounts = sorted(person.accounts, key=lambda a: (not a.is_primary, a.id))
        return InfluencerDetail(
            id=person.id,
            display_name=person.display_name,
            real_name=person.real_name,
            email=person.email,
            other_emails=person.other_emails,
            phone=person.phone,
            country=person.country,
            city=person.city,
            language=person.language,
            niches=person.niches,
            tags=tuple(sorted((t.name for t in person.tags), key=str.casefold)),
            notes=person.notes,
            found_via=person.found_via,
            found_detail=person.found_detail,
            stage_id=person.stage_id,
            stage_name=stage.name if stage else None,
            owner=person.owner,
            brand_fit=person.brand_fit,
            rating=person.rating,
            do_not_contact=person.do_not_contact,
            created_at=person.created_at,
            updated_at=person.updated_at,
            deleted_at=person.deleted_at,
            accounts=tuple(_account(a, thresholds, bands) for a in accounts),
            created_by=person.created_by,
            version=person.version,
            changed_by=person.changed_by,
            other_names=person.other_names,
        )


def _account(row: SocialAccount, thresholds: TierThresholds, bands: EngagementBands) -> Account:
    tier = thresholds.tier_for(row.followers)
    rate = engagement_rate(row.followers, row.avg_likes, row.avg_comments)
    band = bands.band_for(rate, Platform(row.platform), tier) if tier and rate is not None else None
    return Account(
        id=row.id,
        platform=row.platform,
        handle=row.handle,
        label=row.label,
        url=row.url,
        is_primary=row.is_primary,
        followers=row.followers,
        avg_likes=row.avg_likes,
        avg_comments=row.avg_comments,
        avg_views=row.avg_views,
        posts_per_week=row.posts_per_week,
        audience_countries=row.audience_countries,
        audience_gender=row.audience_gender,
        audience_age=row.audience_age,
        audience_notes=row.audience_notes,
        authenticity=row.authenticity,
        tier=tier.value if tier else None,
        engagement_rate=rate,
        band=band.value if band else None,
    )


def snapshots(db: Database, account_id: int) -> list[Snapshot]:
    """An account's recorded figures, oldest first."""
    with db.reader() as session:
        rows = session.execute(
            select(MetricSnapshot)
            .where(MetricSnapshot.account_id == account_id)
            .order_by(MetricSnapshot.taken_at, MetricSnapshot.id)
        ).scalars()
        return [
            Snapshot(r.taken_at, r.followers, r.avg_likes, r.avg_comments, r.avg_views)
            for r in rows
        ]


def stages(db: Database, *, include_archived: bool = False) -> list[StageInfo]:
    """The pipeline stages in board order."""
    with db.reader() as session:
        query = select(Stage).order_by(Stage.position)
        if not include_archived:
            query = query.where(~Stage.archived)
        return [
            StageInfo(s.id, s.name, s.position, s.is_closed, s.archived)
            for s in session.execute(query).scalars()
        ]


__all__ = [
    "EditConflict",
    "Forgotten",
    "InvalidInput",
    "NotFound",
    "create",
    "create_undoable",
    "existing_person",
    "forget",
    "forget_people",
    "get",
    "restore",
    "snapshots",
    "stages",
    "trash",
    "update",
    "validate",
]
