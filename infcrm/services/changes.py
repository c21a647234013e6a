"""What a user action changed, as the service reports it, so every screen can catch up.

A service that writes returns a `Changes` (or a result carrying one); the UI turns it into
the app-wide signals in one place (`ui/operations.py`) instead of each dialog guessing.

Each kind that carries ids is `None` when untouched and a tuple of the ids touched otherwise;
an empty tuple means "some, not listed" (screens reload all of that kind).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

Ids = tuple[int, ...] | None


def ids(values: Iterable[int] | None) -> Ids:
    """Ids as stored in Changes: a tuple without repeats, in order; None stays None."""
    return None if values is None else tuple(dict.fromkeys(int(v) for v in values))


@dataclass(frozen=True)
class Changes:
    """The kinds of data one action touched (people, outreach, follow-ups, campaigns…)."""

    people: Ids = None  # influencers added, edited, trashed, restored or forgotten
    pipeline: Ids = None  # people whose pipeline stage moved
    outreach: Ids = None  # people whose interactions (timeline) changed
    follow_ups: bool = False  # follow-ups set, done, snoozed or removed
    campaigns: Ids = None  # campaigns created, edited, deleted, or whose people changed
    deals: Ids = None  # deals whose terms, agreement, posts or payments changed
    duplicates: bool = False  # people merged, or pairs marked "not a duplicate"
    stages: bool = False  # pipeline stages renamed, reordered, added or archived
    settings: bool = False  # tier thresholds, bands or another setting
    views: bool = False  # saved views of the list added, renamed, reordered or deleted

    def __or__(self, other: Changes) -> Changes:
        """Both changes together (ids merged, flags or-ed)."""
        merged: dict[str, object] = {}
        for field in fields(self):
            mine, theirs = getattr(self, field.name), getattr(other, field.name)
            if isinstance(mine, bool):
                merged[field.name] = mine or theirs
            elif mine is None or theirs is None:
                merged[field.name] = theirs if mine is None else mine
            elif not mine or not theirs:
                merged[field.name] = ()  # one side says "some, not listed": reload all
            else:
                merged[field.name] = ids((*mine, *theirs))
        return Changes(**merged)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        """Whether anything changed at all."""
        return any(getattr(self, f.name) not in (None, False) for f in fields(self))

    @classmethod
    def of(
        cls,
        *,
        people: Iterable[int] | None = None,
        pipeline: Iterable[int] | None = None,
        outreach: Iterable[int] | None = None,
        follow_ups: bool = False,
        campaigns: Iterable[int] | None = None,
        deals: Iterable[int] | None = None,
        duplicates: bool = False,
        stages: bool = False,
        settings: bool = False,
        views: bool = False,
    ) -> Changes:
        """Changes from any iterables of ids (lists, sets), stored as tuples."""
        return cls(
            people=ids(people),
            pipeline=ids(pipeline),
            outreach=ids(outreach),
            follow_ups=follow_ups,
            campaigns=ids(campaigns),
            deals=ids(deals),
            duplicates=duplicates,
            stages=stages,
            settings=settings,
            views=views,
        )


NOTHING = Changes()
# After something broad (an undo of an import, restoring a backup): every screen reloads.
EVERYTHING = Changes(
    people=(),
    pipeline=(),
    outreach=(),
    follow_ups=True,
    campaigns=(),
    deals=(),
    duplicates=True,
    stages=True,
    settings=True,
    views=True,
)

# What a write to each table means for the screens, for changes known only by the tables
# they wrote (another user's, heard from the server: db/change_notices.py). Tables no screen
# shows (import history, templates) are left out.
_PEOPLE = Changes(people=())
_DEALS = Changes(campaigns=(), deals=())
_BY_TABLE = {
    "influencer": Changes(people=(), pipeline=()),  # the stage is a column of the person
    "social_account": _PEOPLE,
    "metric_snapshot": _PEOPLE,
    "tag": _PEOPLE,
    "influencer_tag": _PEOPLE,
    "influencer_photo": _PEOPLE,
    "interaction": Changes(outreach=(), pipeline=()),  # the board shows the last activity
    "follow_up": Changes(follow_ups=True),
    "campaign": Changes(campaigns=()),
    "deal": _DEALS,
    "incentive": _DEALS,
    "deliverable": _DEALS,
    "content": _DEALS,
    "payment": _DEALS,
    "agreement": _DEALS,
    "shop_order": _DEALS,
    "not_duplicate": Changes(duplicates=True),
    "stage": Changes(stages=True),
    "setting": Changes(settings=True),
    "saved_view": Changes(views=True),
}


def from_tables(tables: Iterable[str]) -> Changes:
    """The changes of an action that wrote `tables`, ids unknown ("some": screens reload)."""
    found = NOTHING
    for table in tables:
        found |= _BY_TABLE.get(table, NOTHING)
    return found
