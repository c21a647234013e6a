"""Every error a service raises for the user to read, in one place.

The UI turns these into messages in one place (`ui/operations.py`); the command line prints
them. Each carries a sentence that says what happened and what to do.

- `InvalidInput`: a form or import field was refused; `errors` maps each field to a sentence.
  It lives in the domain (the field checks raise it) and is re-exported here.
- `NotFound`: the record does not exist (any more), e.g. deleted in another window meanwhile.
  `CampaignNotFound` (a campaign or a deal) narrows it.
- `Refused`: the action does not fit the data as it stands (merging a person with themselves,
  editing a sent agreement, undoing an import edited since).
- Storage problems (`StorageError`, `DiskFull`, `DatabaseBusy`…) come from `db/engine.py` and
  are re-exported here, so callers import every error from this module.
"""

from __future__ import annotations

from infcrm.db.engine import DatabaseBusy, DiskFull, ReadOnlyDatabase, StorageError
from infcrm.domain.validation import InvalidInput

__all__ = [
    "AgreementStateError",
    "CampaignNotFound",
    "DatabaseBusy",
    "DiskFull",
    "EditedSinceImport",
    "InvalidInput",
    "MergeRefused",
    "NotFound",
    "NothingToUndo",
    "ReadOnlyDatabase",
    "Refused",
    "StorageError",
]


class NotFound(LookupError):
    """The record does not exist (any more); the message names it."""


class CampaignNotFound(NotFound):
    """The campaign or deal does not exist (any more)."""


class Refused(Exception):
    """The action does not fit the data as it stands; the message says why and what to do."""


class MergeRefused(Refused, ValueError):
    """The two records cannot be merged (one is gone, in the trash, or they are the same)."""


class AgreementStateError(Refused, ValueError):
    """The action does not fit where the agreement stands (e.g. editing a sent version)."""


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
