"""Every error a service raises for the user to read, in one place.

The UI turns these into messages in one place (`ui/operations.py`); the command line prints
them. Each carries a sentence that says what happened and what to do.

- `InvalidInput`: a form or import field was refused; `errors` maps each field to a sentence.
  It lives in the domain (the field checks raise it) and is re-exported here.
- `NotFound`: the record does not exist (any more), e.g. deleted in another window meanwhile.
  `CampaignNotFound` (a campaign or a deal) narrows it.
- `Refused`: the action does not fit the data as it stands (merging a person with themselves,
  editing a sent agreement, undoing an import edited since, undoing a step a teammate has
  built on since: `ChangedSinceStep`). `EditConflict` narrows it: the
  record was saved by someone else after the form was opened (nothing was written).
- Storage problems (`StorageError`, `DiskFull`, `DatabaseBusy`…) come from `db/engine.py`
  (`ServerUnreachable`, a server that stopped answering, from `db/connection_loss.py`) and
  are re-exported here, so callers import every error from this module.
"""

from __future__ import annotations

from infcrm.db.connection_loss import ServerUnreachable
from infcrm.db.engine import DatabaseBusy, DiskFull, ReadOnlyDatabase, StorageError
from infcrm.domain.validation import InvalidInput

__all__ = [
    "AgreementStateError",
    "CampaignNotFound",
    "ChangedSinceCompared",
    "ChangedSinceStep",
    "DatabaseBusy",
    "DealGone",
    "DiskFull",
    "EditConflict",
    "EditedSinceImport",
    "InvalidInput",
    "MergeRefused",
    "NotFound",
    "NothingToUndo",
    "PaymentsRecordedMeanwhile",
    "PersonGone",
    "ReadOnlyDatabase",
    "Refused",
    "ServerUnreachable",
    "StorageError",
]


class NotFound(LookupError):
    """The record does not exist (any more); the message names it."""


class PersonGone(NotFound):
    """The person was merged into another or forgotten (erased for good) meanwhile, perhaps
    by a teammate — nothing is left to tell which: only their id is left, so the message
    says "This person"; a screen that showed them names them with `named`."""

    def __init__(self, influencer_id: int) -> None:
        self.influencer_id = influencer_id
        super().__init__(self.named("This person"))

    @staticmethod
    def named(name: str) -> str:
        """The message naming the person as the screen showed them."""
        return (
            f"{name} no longer exists: they were merged into another person or forgotten "
            "(erased for good) meanwhile, perhaps by a teammate, so nothing was changed. "
            "A merge keeps them under the other person's name: search the list for them, and "
            "add what you wrote there."
        )


class CampaignNotFound(NotFound):
    """The campaign or deal does not exist (any more)."""


class DealGone(CampaignNotFound):
    """The deal was removed meanwhile (perhaps by a teammate, or with its campaign); a screen
    that showed it names it with `named`."""

    def __init__(self, deal_id: int) -> None:
        self.deal_id = deal_id
        super().__init__(self.named("This deal"))

    @staticmethod
    def named(deal: str) -> str:
        """The message naming the deal as the screen showed it."""
        return (
            f"{deal} no longer exists: it was removed meanwhile, perhaps by a teammate, "
            "so nothing was changed."
        )


class Refused(Exception):
    """The action does not fit the data as it stands; the message says why and what to do."""


class MergeRefused(Refused, ValueError):
    """The two records cannot be merged (one is gone, in the trash, or they are the same)."""


class ChangedSinceCompared(MergeRefused):
    """One of the two people was saved by someone else after the merge's comparison was
    read; nothing was merged (the comparison should be read again)."""


class AgreementStateError(Refused, ValueError):
    """The action does not fit where the agreement stands (e.g. editing a sent version)."""


class PaymentsRecordedMeanwhile(Refused):
    """Someone recorded a payment on the deal after the user's list of its payments was read:
    a second payment might pay the same fee twice, so this one was not recorded yet.

    `recorded` holds the payments the user has not seen (the services' PaymentItem); the
    message names them ("Ana recorded €200.00 on this deal at 14:02")."""

    def __init__(self, message: str, recorded: tuple) -> None:
        """Keep the unseen payments; `message` says who recorded what, and when."""
        self.recorded = recorded
        super().__init__(message)


class ChangedSinceStep(Refused):
    """An undo or redo would write over (or delete) what someone else saved after the step:
    nothing was put back, and the step stays where it was. The message says who did what."""


class NothingToUndo(Refused):
    """No import is left to undo."""


class EditedSinceImport(Refused):
    """People of the import were changed afterwards; undoing would lose those changes."""

    def __init__(self, names: list[str], total: int) -> None:
        """Keep the names (the first few) and how many there are."""
        self.names = names
        self.total = total
        shown = ", ".join(names[:5]) + (f" and {total - 5:,} more" if total > 5 else "")
        super().__init__(
            f"{total:,} of the people this import added or changed were edited since ({shown}). "
            "Undo the rest and keep them as they are now, or leave the import in place."
        )


class EditConflict(Refused):
    """Someone saved the record after the form read it; this save wrote nothing.

    Carries both versions: `seen` (what the form was made from) and `current` (the record as
    it stands now, `theirs`: the same kind of value the form loads, e.g. `InfluencerDetail`),
    with who saved it last, so the user can compare the two and choose field by field.
    """

    def __init__(
        self, name: str, seen: int, current: int, changed_by: str | None, theirs: object
    ) -> None:
        """Say who changed what, in words."""
        self.name = name
        self.seen = seen
        self.current = current
        self.changed_by = changed_by
        self.theirs = theirs
        who = changed_by or "Someone"
        super().__init__(
            f"{who} changed {name} while you were editing, so nothing was saved yet. "
            "Save again to compare the two versions and choose what to keep."
        )
