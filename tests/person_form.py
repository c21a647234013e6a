"""A person found by a search, and saved through their form as they are: what the limit tests
of imports check a stored person against (the form refuses a field over its limit)."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import (
    AccountInput,
    InfluencerDetail,
    InfluencerInput,
    ListQuery,
)


def found(db: Database, search: str) -> InfluencerDetail:
    """The one person `search` finds."""
    (person,) = influencer_list.list_ids(db, ListQuery(search=search))
    return influencers.get(db, person)


def saves_as_it_is(db: Database, person: InfluencerDetail) -> None:
    """Save `person`'s text fields and accounts unchanged through the form's checks."""
    influencers.update(
        db,
        person.id,
        InfluencerInput(
            display_name=person.display_name,
            other_names=person.other_names,
            email=person.email,
            other_emails=person.other_emails,
            niches=person.niches,
            notes=person.notes,
            accounts=tuple(
                AccountInput(a.platform, a.handle, id=a.id, is_primary=a.is_primary)
                for a in person.accounts
            ),
        ),
    )
