"""Plain values that go in and out of the influencer services (no ORM objects leave them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class AccountInput:
    """A social account as a form or an import gives it: raw text is fine, the service checks it."""

    platform: str
    handle: str | None
    id: int | None = None  # an existing account being edited
    # The account's name when its handle is not known (“Like Nastya”): its figures are kept.
    label: str | None = None
    is_primary: bool = False
    followers: object = None
    avg_likes: object = None
    avg_comments: object = None
    avg_views: object = None
    posts_per_week: object = None
    audience_countries: str | None = None
    audience_gender: str | None = None
    audience_age: str | None = None
    audience_notes: str | None = None
    authenticity: object = None


@dataclass(frozen=True)
class InfluencerInput:
    """An influencer as a form or an import gives it; `accounts` replaces the current list."""

    display_name: str
    real_name: str | None = None
    email: str | None = None
    other_emails: str | None = None
    phone: str | None = None
    country: str | None = None
    city: str | None = None
    language: str | None = None
    niches: str | None = None  # comma-separated
    tags: str | None = None  # comma-separated
    notes: str | None = None
    found_via: str = "other"
    found_detail: str | None = None
    stage_id: int | None = None
    owner: str | None = None
    brand_fit: str | None = None
    rating: object = None
    do_not_contact: bool = False
    accounts: tuple[AccountInput, ...] = ()
    # The version the form was made from (InfluencerDetail.version): a save over a newer one
    # is refused as an EditConflict. None saves whatever the record holds now (scripts).
    version: int | None = None
    other_names: str | None = None  # “; ”-separated (domain/other_names.py)


@dataclass(frozen=True)
class Account:
    """A saved social account with its derived tier and engagement."""

    id: int
    platform: str
    handle: str | None  # None for an account known only by its label
    label: str | None
    url: str | None
    is_primary: bool
    followers: int | None
    avg_likes: int | None
    avg_comments: int | None
    avg_views: int | None
    posts_per_week: float | None
    audience_countries: str | None
    audience_gender: str | None
    audience_age: str | None
    audience_notes: str | None
    authenticity: int | None
    tier: str | None
    engagement_rate: float | None
    band: str | None


@dataclass(frozen=True)
class Snapshot:
    """An account's figures on one day."""

    taken_at: datetime
    followers: int | None
    avg_likes: int | None
    avg_comments: int | None
    avg_views: int | None


@dataclass(frozen=True)
class InfluencerDetail:
    """Everything about one influencer, for the edit form and the detail pane."""

    id: int
    display_name: str
    real_name: str | None
    email: str | None
    other_emails: str | None
    phone: str | None
    country: str | None
    city: str | None
    language: str | None
    niches: str | None
    tags: tuple[str, ...]
    notes: str | None
    found_via: str
    found_detail: str | None
    stage_id: int | None
    stage_name: str | None
    owner: str | None
    brand_fit: str | None
    rating: int | None
    do_not_contact: bool
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    accounts: tuple[Account, ...] = field(default=())
    # Who added the person and who changed them last (None before names were kept).
    created_by: str | None = None
    changed_by: str | None = None
    version: int = 1  # raised by every change (db/record_versions.py)
    # The names of the records merged into this one, “; ”-separated (domain/other_names.py).
    other_names: str | None = None

    def to_input(self) -> InfluencerInput:
        """The same influencer as an input, to edit a copy of it."""
        return InfluencerInput(
            display_name=self.display_name,
            real_name=self.real_name,
            email=self.email,
            other_emails=self.other_emails,
            other_names=self.other_names,
            phone=self.phone,
            country=self.country,
            city=self.city,
            language=self.language,
            niches=self.niches,
            tags=", ".join(self.tags),
            notes=self.notes,
            found_via=self.found_via,
            found_detail=self.found_detail,
            stage_id=self.stage_id,
            owner=self.owner,
            brand_fit=self.brand_fit,
            rating=self.rating,
            do_not_contact=self.do_not_contact,
            accounts=tuple(
                AccountInput(
                    id=a.id,
                    platform=a.platform,
                    handle=a.handle,
                    label=a.label,
                    is_primary=a.is_primary,
                    followers=a.followers,
                    avg_likes=a.avg_likes,
                    avg_comments=a.avg_comments,
                    avg_views=a.avg_views,
                    posts_per_week=a.posts_per_week,
                    audience_countries=a.audience_countries,
                    audience_gender=a.audience_gender,
                    audience_age=a.audience_age,
                    audience_notes=a.audience_notes,
                    authenticity=a.authenticity,
                )
                for a in self.accounts
            ),
            version=self.version,
        )


@dataclass(frozen=True)
class InfluencerRow:
    """One line of the influencer list: the person and their main account's figures."""

    id: int
    display_name: str
    real_name: str | None
    email: str | None
    phone: str | None
    country: str | None
    city: str | None
    language: str | None
    niches: str | None
    tags: str | None
    stage: str | None
    owner: str | None
    rating: int | None
    do_not_contact: bool
    found_via: str
    platform: str | None
    handle: str | None
    label: str | None  # the main account's name when it has no handle
    url: str | None
    followers: int | None
    avg_likes: int | None
    avg_comments: int | None
    avg_views: int | None
    engagement_rate: float | None
    tier: str | None
    band: str | None
    account_count: int
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


@dataclass(frozen=True)
class ListQuery:
    """What the influencer list shows: search, filters and sort, all applied in SQL."""

    search: str = ""
    platform: str | None = None
    tier: str | None = None
    stage_id: int | None = None
    tag: str | None = None
    country: str | None = None
    min_followers: int | None = None
    max_followers: int | None = None
    band: str | None = None
    found_via: str | None = None
    # People whose owner is the name this computer signs with (db.author): "me" is whoever
    # opens the list, so a saved view "My people" shows each teammate their own.
    owned_by_me: bool = False
    sort: str = "name"
    descending: bool = False
    trash: bool = False  # True: the Trash view (deleted influencers only)


@dataclass(frozen=True)
class ListStart:
    """The first ids a list query shows, in order, and how many it shows in all; `places`:
    the rows of people asked about who are not among the first (None: not shown), `near`:
    the ids of the rows around them (row: id)."""

    ids: list[int]
    total: int
    places: dict[int, int | None] = field(default_factory=dict)
    near: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FilterChoices:
    """The values the list's filter menus offer, read from the data."""

    countries: tuple[str, ...]
    tags: tuple[str, ...]
    owners: tuple[str, ...]


@dataclass(frozen=True)
class StageInfo:
    """A pipeline stage as the UI shows it."""

    id: int
    name: str
    position: int
    is_closed: bool
    archived: bool
