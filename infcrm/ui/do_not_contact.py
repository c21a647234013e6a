"""The one question asked before contacting, or adding to a campaign, a do-not-contact person."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list
from infcrm.ui import question_box

_NAMED = 5  # names listed in the question; more are counted


def confirm_contact(
    parent: QWidget, db: Database, influencer_ids: Sequence[int], doing: str
) -> bool:
    """True when no one among the ids is marked do not contact, or the user chose to go on.

    `doing` completes “You are about to …”, e.g. “log outreach to” or “add to a campaign”.
    """
    names = influencer_list.do_not_contact_among(db, influencer_ids)
    if not names:
        return True
    listed = ", ".join(names[:_NAMED])
    if len(names) > _NAMED:
        listed += f" and {len(names) - _NAMED:,} more"
    if len(set(influencer_ids)) == 1:
        who = "This person is"
    else:
        who = "1 of them is" if len(names) == 1 else f"{len(names):,} of them are"
    return question_box.ask(
        parent,
        title="Do not contact",
        text=f"{who} marked “Do not contact”: {listed}.",
        informative=f"You are about to {doing} them. Go on anyway?",
        go="Go on anyway",
        icon=QMessageBox.Icon.Warning,
        go_is_default=False,
    )
