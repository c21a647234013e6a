"""A person found by a search, and saved through their form as they are: what the limit tests
of imports check a stored person against (the form refuses a field over its limit)."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerDetail, ListQuery


def found(db: Database, search: str) -> InfluencerDetail:
    """The one person `search` finds."""
    (person,) = influencer_list.list_ids(db, ListQuery(search=search))
    return influencers.get(db, person)


def saves_as_it_is(db: Database, person: InfluencerDetail) -> None:
    """Save `person` unchanged through the form's checks."""
    influencers.update(db, person.id, person.to_input())
