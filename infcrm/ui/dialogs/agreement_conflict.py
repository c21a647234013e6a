"""The agreement draft's side of an edit conflict: where the user's subject and text and the
newer saved ones disagree (see edit_conflict_dialog)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QWidget

from infcrm.services.campaigns.agreement_types import AgreementVersion
from infcrm.ui.dialogs.edit_conflict_dialog import (
    Difference,
    heading,
    taken_from_theirs,
    their_version,
)

FIELDS = (("subject", "Subject"), ("body", "Text"))


def differences(
    mine: dict[str, str], loaded: AgreementVersion, theirs: AgreementVersion
) -> Iterator[Difference]:
    """The parts where the draft as typed (`mine`, opened as `loaded`) and the saved draft
    disagree; each says whether the user changed it."""
    for key, label in FIELDS:
        now, saved = mine[key], getattr(theirs, key)
        if now != saved:
            yield Difference(key, label, now, saved, now != getattr(loaded, key))


def choose(
    form: QWidget,
    mine: dict[str, str],
    loaded: AgreementVersion,
    theirs: AgreementVersion,
    me: str | None,
    put_back: str | None = None,
) -> list[str] | None:
    """Compare the draft as typed with the newer saved one, named after whoever saved it
    (“Ana's version”; `me` is the user at the form; `put_back` the user's own Undo or Redo
    that wrote it); the keys to take from the saved draft, or None when the comparison was
    closed unsaved."""
    who = theirs.changed_by
    title = heading(f"the draft of agreement version {theirs.version}", who, me, put_back)
    found = list(differences(mine, loaded, theirs))
    return taken_from_theirs(form, title, their_version(who, me, put_back), found)


__all__ = ["FIELDS", "choose", "differences"]
