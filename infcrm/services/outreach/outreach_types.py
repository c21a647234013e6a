"""Plain values that go in and out of the outreach services: interactions, follow-ups, board.

Instants (`occurred_at`, `when`, `done_at`…) are timezone-aware datetimes in UTC; show them with
`.astimezone()`. Due dates are calendar dates in the user's own time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from infcrm.services.people.influencer_types import StageInfo

# Kinds of timeline entries.
ENTRY_MESSAGE = "message"
ENTRY_STAGE_CHANGE = "stage_change"
ENTRY_FOLLOW_UP_SET = "follow_up_set"
ENTRY_FOLLOW_UP_DONE = "follow_up_done"
ENTRY_DEAL = "deal"  # an agreement sent/confirmed/re-issued, a post or a payment

# Settings (services/settings.py get/put) this feature reads.
AUTO_ADVANCE_SETTING = "auto_advance_on_outreach"  # bool, default True
STALE_AFTER_SETTING = "stale_after_days"  # int, default 7
DEFAULT_STALE_AFTER_DAYS = 7


def stale_days_of(stored: object) -> int:
    """The “waiting” delay a stored value means (the default when never set or unusable)."""
    return stored if isinstance(stored, int) and stored > 0 else DEFAULT_STALE_AFTER_DAYS


@dataclass(frozen=True)
class InteractionInput:
    """An interaction as the log dialog gives it; raw text is fine, the service checks it.

    `occurred_at`: an aware datetime, or a naive one meaning the computer's local time, or None
    for now. `channel`/`direction` accept a Channel/Direction member, its value or its label.
    `follow_up_due` sets a follow-up in the same transaction, with `follow_up_note`.
    """

    influencer_id: int
    channel: object
    direction: object
    occurred_at: datetime | None = None
    subject: str | None = None
    summary: str | None = None
    outcome: str | None = None
    campaign_id: int | None = None
    follow_up_due: date | None = None
    follow_up_time: time | None = None
    follow_up_note: str | None = None


@dataclass(frozen=True)
class EmailFields:
    """What a saved email says, already decoded (by the .eml reader): the services log it.

    Addresses are lower-case; `when` is an aware datetime or None when the mail has no date.
    """

    sender: str | None
    recipients: tuple[str, ...] = ()
    when: datetime | None = None
    subject: str | None = None
    body: str = ""
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class InteractionDetail:
    """One saved interaction with everything it holds (for the “full text” view)."""

    id: int
    influencer_id: int
    influencer_name: str
    kind: str  # "message" or "stage_change"
    occurred_at: datetime
    channel: str | None  # a Channel value
    direction: str | None  # a Direction value
    subject: str | None
    summary: str | None
    outcome: str | None
    campaign_id: int | None
    from_stage: str | None
    to_stage: str | None
    has_email: bool  # the original .eml file is kept
    created_at: datetime
    created_by: str | None = None  # who logged it (None before names were kept)


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an influencer's timeline.

    `kind` is one of ENTRY_MESSAGE, ENTRY_STAGE_CHANGE, ENTRY_FOLLOW_UP_SET,
    ENTRY_FOLLOW_UP_DONE; `text` is a one-line preview, `full_text` everything.
    """

    kind: str
    when: datetime
    title: str
    text: str
    full_text: str
    interaction_id: int | None = None
    follow_up_id: int | None = None
    channel: str | None = None
    direction: str | None = None
    has_email: bool = False
    campaign_id: int | None = None
    # Who logged it, moved the person, set or ticked off the follow-up (None: not known).
    author: str | None = None


@dataclass(frozen=True)
class FollowUpRow:
    """An open or done follow-up with who it is about, for the follow-ups screen."""

    id: int
    influencer_id: int
    influencer_name: str
    handle: str | None  # the main account's handle
    platform: str | None  # a Platform value
    due_date: date
    due_time: time | None
    note: str | None
    status: str  # "open" or "done"
    done_at: datetime | None
    snoozed_from: date | None
    waiting: bool  # we wrote last and have had no reply for the stale period
    do_not_contact: bool = False  # the person asked not to be contacted
    set_by: str | None = None  # who set it (None before names were kept)


@dataclass(frozen=True)
class FollowUpBucket:
    """The first rows of one section of the follow-ups screen and how many it holds in all."""

    rows: tuple[FollowUpRow, ...]
    total: int


@dataclass(frozen=True)
class FollowUpBuckets:
    """The follow-ups screen's sections; see follow_up_lists.buckets for what each holds."""

    overdue: FollowUpBucket
    today: FollowUpBucket
    this_week: FollowUpBucket
    later: FollowUpBucket
    done_recent: FollowUpBucket


@dataclass(frozen=True)
class BoardQuery:
    """What the pipeline board shows: the same search and filters as the list, applied in SQL."""

    search: str = ""
    tag: str | None = None
    owner: str | None = None
    platform: str | None = None  # a Platform value; anyone with an account there


@dataclass(frozen=True)
class BoardCard:
    """One influencer on the board."""

    id: int
    name: str
    handle: str | None
    platform: str | None
    followers: int | None
    tier: str | None  # a Tier value
    next_follow_up: date | None  # earliest open follow-up
    waiting: bool
    do_not_contact: bool = False  # the person asked not to be contacted


@dataclass(frozen=True)
class BoardColumn:
    """A stage on the board: how many people it holds (after filters) and the first cards."""

    stage: StageInfo
    total: int
    cards: tuple[BoardCard, ...]


@dataclass(frozen=True)
class StageCount:
    """How many influencers (not in the trash) stand in a stage."""

    stage: StageInfo
    count: int


@dataclass(frozen=True)
class ActivityEntry:
    """Something that happened recently, for the dashboard; opens the influencer it names."""

    influencer_id: int
    influencer_name: str
    interaction_id: int  # 0 for a bulk move (one line for everyone it moved)
    kind: str  # ENTRY_MESSAGE or ENTRY_STAGE_CHANGE
    when: datetime
    title: str
    author: str | None = None  # who logged it or moved the person (None: not known)


@dataclass(frozen=True)
class WeekActivity:
    """Messages of one week (Monday to Sunday, the user's time): sent and received."""

    week_start: date  # the Monday
    outreach: int  # messages we sent
    replies: int  # messages they sent


@dataclass(frozen=True)
class DashboardSummary:
    """The dashboard at a glance."""

    due_today: int
    overdue: int
    stage_counts: tuple[StageCount, ...]
    interactions_last_7_days: int  # a rolling week: a Monday morning is not an empty week
    recent: tuple[ActivityEntry, ...]
    weeks: tuple[WeekActivity, ...] = ()  # oldest first, this week last
