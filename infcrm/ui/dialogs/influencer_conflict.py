"""The person form's side of an edit conflict: which fields the user's version and the newer
saved one disagree on, told in the words the form shows (see edit_conflict_dialog)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from infcrm.domain.enums import FoundVia, Platform
from infcrm.services.people.influencer_types import (
    AccountInput,
    InfluencerDetail,
    InfluencerInput,
)
from infcrm.ui.dialogs.edit_conflict_dialog import (
    Difference,
    heading,
    taken_from_theirs,
    their_version,
)
from infcrm.ui.widgets.account_editor import AccountEditor

# Every field the form saves, in the form's order, with its label there.
FIELDS = (
    ("display_name", "Name"),
    ("real_name", "Real name"),
    ("other_names", "Other names"),
    ("email", "Email"),
    ("other_emails", "Other emails"),
    ("phone", "Phone"),
    ("country", "Country"),
    ("city", "City"),
    ("language", "Language"),
    ("stage_id", "Stage"),
    ("owner", "Owner"),
    ("found_via", "Found via"),
    ("found_detail", "Found via detail"),
    ("niches", "Niches"),
    ("tags", "Tags"),
    ("rating", "Rating"),
    ("do_not_contact", "Do not contact"),
    ("notes", "Notes"),
    ("brand_fit", "Brand fit"),
    ("accounts", "Accounts"),
)


def _same(value: object) -> object:
    """A value as compared: an empty text is no value (the form gives None, a record "")."""
    return None if value == "" else value


def differences(
    mine: InfluencerInput,
    loaded: InfluencerInput,
    theirs: InfluencerInput,
    stage_name: Callable[[int | None], str],
) -> Iterator[Difference]:
    """The fields where `mine` (the form now) and `theirs` (the record now) disagree; each
    says whether the user changed it from `loaded` (what the form was opened with)."""
    for key, label in FIELDS:
        mine_value, theirs_value = getattr(mine, key), getattr(theirs, key)
        if _same(mine_value) == _same(theirs_value):
            continue
        yield Difference(
            key,
            label,
            describe(key, mine_value, stage_name),
            describe(key, theirs_value, stage_name),
            you_changed=_same(mine_value) != _same(getattr(loaded, key)),
        )


def describe(key: str, value: object, stage_name: Callable[[int | None], str]) -> str:
    """A field's value as the form shows it."""
    if key == "stage_id":
        return stage_name(value if isinstance(value, int) else None)
    if key == "found_via":
        return FoundVia(value).label if value else ""
    if key == "rating":
        return "Not rated" if value is None else "★" * int(value) + "☆" * (5 - int(value))
    if key == "do_not_contact":
        return "Yes" if value else "No"
    if key == "accounts":
        return "; ".join(_account(a) for a in value) if value else ""
    return str(value or "")


def _account(account: AccountInput) -> str:
    """“Instagram @lena.bakes · 12,000 followers”."""
    try:
        network = Platform(account.platform).label
    except ValueError:
        network = account.platform or "?"
    name = f"@{account.handle}" if account.handle else (account.label or "")
    figures = f" · {account.followers} followers" if account.followers else ""
    return f"{network} {name}{figures}".strip()


def choose(
    form: QWidget,
    me: str | None,
    theirs: InfluencerDetail,
    cards: Sequence[AccountEditor],
    mine: InfluencerInput,
    loaded: InfluencerInput,
    stages: QComboBox,
    *,
    theirs_only: bool = False,
) -> list[str] | None:
    """Compare the form (`mine`, opened as `loaded`; `me` signs its saves) with the newer
    `theirs` (its accounts
    as the form's `cards` would hold them, so figures compare as typed); the keys of the
    fields to take from theirs, or None when the comparison was closed unsaved.
    `theirs_only`: leave out the fields the other version still holds as loaded (after
    bringing a person back from the Trash, only what the teammate changed is a question)."""

    def stage_name(stage_id: int | None) -> str:
        index = stages.findData(stage_id)
        return stages.itemText(index) if index >= 0 else "(a stage no longer in use)"

    shown = dataclasses.replace(theirs.to_input(), accounts=tuple(c.to_input() for c in cards))
    found = [
        difference
        for difference in differences(mine, loaded, shown, stage_name)
        if not theirs_only
        or _same(getattr(shown, difference.key)) != _same(getattr(loaded, difference.key))
    ]
    who = theirs.changed_by
    return taken_from_theirs(
        form,
        heading(theirs.display_name, who, me),
        their_version(who, me),
        found,
    )


RESTORE, DISCARD = "restore", "discard"


def trashed_meanwhile(form: QWidget, me: str | None, theirs: InfluencerDetail) -> str | None:
    """“Ana moved Lena to the Trash while you were editing”: RESTORE (bring them back and
    save the form), DISCARD (close the form unsaved) or None (back to the form as typed)."""
    who = theirs.changed_by
    if who and who == me:
        opening = f"{theirs.display_name} was moved to the Trash in another window"
    else:
        opening = f"{who or 'Someone'} moved {theirs.display_name} to the Trash"
    box = QMessageBox(form)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Moved to the Trash while you were editing")
    box.setText(f"{opening} while you were editing. Nothing was saved yet.")
    box.setInformativeText(
        "Restore them from the Trash and save your changes, or discard your changes and "
        "leave them in the Trash. Cancel takes you back to your form."
    )
    restore = box.addButton("Restore and save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard my changes", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore)
    box.exec()
    chosen = box.clickedButton()
    return RESTORE if chosen is restore else DISCARD if chosen is discard else None


__all__ = ["DISCARD", "FIELDS", "RESTORE", "choose", "describe", "differences", "trashed_meanwhile"]
