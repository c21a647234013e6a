"""One row of an import as plain values, and what the import does with it
(`import_matching` decides it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(slots=True)
class ImportRow:
    """One row of a file as plain values, and what the import does with it."""

    number: int  # as the spreadsheet numbers it
    action: str = "create"  # create | update | skip | reject
    person: dict[str, object] = field(default_factory=dict)
    tags: Sequence[str] = ()  # shared while empty: one list less per row of a big file
    # platform, handle, url, is_primary, the figures; the audience notes only when given
    accounts: list[dict[str, object]] = field(default_factory=list)
    existing_id: int | None = None
    reason: str = ""
    name_given: bool = True  # False when the name was made up from a handle or an email
    reason_field: str = "email"  # the column a created row's reason is about
    # Matched by one of the person's other emails: an update leaves their name and main email
    # as the user chose them when merging.
    by_other_email: bool = False
    # Matched by one of the person's other names: an update leaves the name chosen then.
    by_other_name: bool = False
    # What this row shares with the earlier row of its person, read before the later rows
    # of each person were folded into the first (`files.repeated_rows`): the first may then
    # hold an account only this row gives.
    repeat_by: str = ""
    # The earlier row of the file this one repeats (0: none): skipped, its values already
    # folded into that row's (`files.repeated_rows`), so not counted among the rows skipped.
    repeat_of: int = 0
    # With “skip”: an update that only adds the row's accounts on networks the person has
    # none on (adding is not overwriting); their values and figures stay as they are.
    adds_accounts: bool = False
    # With “skip”, the person already in infcrm the row leaves as they are: their name there
    # (a preview shows it, and of the row only the accounts it adds, below).
    kept_as: str = ""
    # With “skip”: the row's accounts on networks the person has none on, which it adds.
    accounts_added: tuple[dict[str, object], ...] = ()
    # The later rows of the file folded into this one (`files.repeated_rows`) that gave it an
    # account or the email it lacked: (platform, handle) or "email" → that row's number.
    given_by: dict[object, int] | None = None
    # With “update”: the person's name in infcrm, and what of the row's other names and other
    # emails theirs no longer hold (the field is full), by field, which the summary lists on
    # the row's cell.
    existing_name: str = ""
    left_out: dict[str, tuple[str, ...]] | None = None
    # With “update”: the row would change nothing about the person (no field, tag, account
    # figure or new account), so it is not written nor counted as updated.
    up_to_date: bool = False


__all__ = ["ImportRow"]
