"""Plain values the duplicate finder and the merge return (no ORM objects leave them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MatchKind(StrEnum):
    """Why two people look like one: the first four are near certain, the last two only
    possible (a name, or one handle on two networks under two names, is shared by chance)."""

    EMAIL = "email"
    HANDLE = "handle"
    PROFILE_LINK = "profile_link"
    NAME_AND_HANDLE = "name_and_handle"
    SHARED_HANDLE = "shared_handle"
    NAME = "name"

    @property
    def certain(self) -> bool:
        """True when this evidence alone identifies a person."""
        return self not in (MatchKind.NAME, MatchKind.SHARED_HANDLE)


@dataclass(frozen=True)
class DuplicateReason:
    """One piece of evidence shared by some members of a group, as a sentence."""

    kind: MatchKind
    text: str
    influencer_ids: tuple[int, ...]

    @property
    def certain(self) -> bool:
        """True unless this is only a matching name or a handle shared across networks."""
        return self.kind.certain


@dataclass(frozen=True)
class DuplicateMember:
    """One person in a group, with what the user needs to recognise them."""

    id: int
    display_name: str
    email: str | None
    main_platform: str | None
    main_handle: str | None
    main_followers: int | None
    country: str | None


@dataclass(frozen=True)
class DuplicateGroup:
    """People who are probably (or possibly) one person, and why."""

    members: tuple[DuplicateMember, ...]
    reasons: tuple[DuplicateReason, ...]

    @property
    def certain(self) -> bool:
        """True when some evidence is more than a matching name."""
        return any(r.certain for r in self.reasons)

    @property
    def label(self) -> str:
        """“Likely the same person” or “Possibly the same person”."""
        return "Likely the same person" if self.certain else "Possibly the same person"

    @property
    def ids(self) -> tuple[int, ...]:
        """The members' ids, in the group's order."""
        return tuple(m.id for m in self.members)


@dataclass(frozen=True)
class MergeSide:
    """One of two people about to be merged, with what tells two records of one name apart."""

    id: int
    display_name: str
    accounts: tuple[str, ...]  # “Instagram @lenabakes”, the main account first
    emails: tuple[str, ...]  # the main email first
    source: str  # “Imported from instagram-list.csv” or “Added by hand”
    added_at: datetime  # stored UTC, naive
    added_by: str | None  # None for people added before names were kept
    holdings: dict[str, int]  # {"accounts": 1, "interactions": 0, …}


@dataclass(frozen=True)
class FieldChoice:
    """One single-value field where two people differ, for the side-by-side comparison."""

    field: str
    label: str
    keep_value: str
    other_value: str


@dataclass(frozen=True)
class MergeUndo:
    """Everything needed to take a merge back: the rows it changed and deleted, in order."""

    keep_id: int
    other_id: int
    # (operation, table, primary key as ((column, value), ...), values as ((column, value), ...))
    steps: tuple[tuple[str, str, tuple, tuple], ...]


@dataclass(frozen=True)
class MergeResult:
    """What a merge did, in words, and how to undo it."""

    keep_id: int
    other_id: int
    moved: dict[str, int]
    combined_accounts: int
    undo: MergeUndo
