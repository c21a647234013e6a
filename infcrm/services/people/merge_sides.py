"""Who each of two people about to be merged is: two records of one name told apart by their
accounts, emails, where they came from and when they were added."""

from __future__ import annotations

from sqlalchemy import select

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.accounts import shown_account
from infcrm.domain.enums import FoundVia, Platform, label_of
from infcrm.domain.validation import split_list
from infcrm.services.errors import MergeRefused, PersonGone
from infcrm.services.people.duplicate_types import MergeSide
from infcrm.services.people.merge import holdings


def side(db: Database, influencer_id: int) -> MergeSide:
    """What the merge comparison shows of one person; refused when they are gone."""
    with db.reader() as session:
        person = session.execute(
            select(
                Influencer.display_name,
                Influencer.email,
                Influencer.other_emails,
                Influencer.found_via,
                Influencer.found_detail,
                Influencer.created_at,
                Influencer.created_by,
            ).where(Influencer.id == influencer_id)
        ).first()
        if person is None:
            # Refused like the merge itself: the dialog then looks for duplicates again.
            raise MergeRefused(PersonGone.named("One of the two people"))
        accounts = session.execute(
            select(SocialAccount.platform, SocialAccount.handle, SocialAccount.label)
            .where(SocialAccount.influencer_id == influencer_id)
            .order_by(SocialAccount.is_primary.desc(), SocialAccount.id)
        ).all()
    emails = [person.email or "", *split_list(person.other_emails or "")]
    return MergeSide(
        id=influencer_id,
        display_name=person.display_name,
        accounts=tuple(
            f"{label_of(Platform, platform)} {shown_account(platform, handle, label)}"
            for platform, handle, label in accounts
        ),
        emails=tuple(dict.fromkeys(e.strip() for e in emails if e.strip())),
        source=_source(person.found_via, person.found_detail),
        added_at=person.created_at,
        added_by=person.created_by if db.names_tell else None,
        holdings=holdings(db, influencer_id),
    )


def _source(found_via: str | None, found_detail: str | None) -> str:
    """Where a person came from: an import names its file (kept in “found via detail”)."""
    if found_via == FoundVia.IMPORTED.value:
        return f"Imported from {found_detail}" if found_detail else "Imported from a file"
    return "Added by hand"


__all__ = ["side"]
