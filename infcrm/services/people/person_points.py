"""The rows that make up a person — their own row, accounts, figures and tags — as the parts
of a restore point, so a form's save or a new person can be taken back exactly."""

from __future__ import annotations

from collections.abc import Sequence

from infcrm.db.models import Influencer
from infcrm.services.restore_points import Columns, Part, Rows

# The person's own columns a save may change (the id and the creation time stay; the version
# only ever goes up, so an undo counts as one more change instead of putting it back).
OWN_COLUMNS = tuple(
    c.name for c in Influencer.__table__.columns if c.name not in ("id", "created_at", "version")
)


def person_parts(ids: Sequence[int], *, new: bool = False) -> list[Part]:
    """The parts holding these people, parents first. A `new` person's own row is a part of
    its own (undo removes it); an existing one's columns are put back in place, since removing
    the row would take their history with it."""
    ids = tuple(ids)
    own: Part = Rows("influencer", "id", ids) if new else Columns("influencer", OWN_COLUMNS, ids)
    return [
        own,
        Rows("social_account", "influencer_id", ids),
        Rows("metric_snapshot", "account_id", ids, via=("social_account", "id", "influencer_id")),
        Rows("influencer_tag", "influencer_id", ids),
    ]


__all__ = ["OWN_COLUMNS", "person_parts"]
