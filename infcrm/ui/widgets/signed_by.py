"""Who added a person and who changed them last, as the detail panel says it under the name."""

from __future__ import annotations

from datetime import date

from infcrm.domain.authorship import record_sentence
from infcrm.services.people.influencer_types import InfluencerDetail
from infcrm.ui.widgets.sparkline import local_date

# A record saved within this many seconds of being added counts as never changed since
# (adding a person writes the row, then its accounts' figures, in the same moment).
_SAME_MOMENT_SECONDS = 2


def record_line(person: InfluencerDetail, named: bool, today: date | None = None) -> str:
    """ "Added by Ana on 3 Nov, last changed by Ben on 5 Nov"; "" when no name is known or
    names say nothing (`named`: `Database.names_tell`, false in a file one person keeps)."""
    if not named:
        return ""
    changed_since = person.changed_by != person.created_by or (
        (person.updated_at - person.created_at).total_seconds() > _SAME_MOMENT_SECONDS
    )
    return record_sentence(
        person.created_by,
        local_date(person.created_at),
        person.changed_by,
        local_date(person.updated_at),
        changed_since=changed_since,
        today=today or date.today(),
    )


__all__ = ["record_line"]
