"""Deleting a payment or a post the user saw: if a teammate changed it since, say what it holds
now and delete it only if the user still wants to (services/campaigns/result_edits.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from infcrm.db.engine import Database
from infcrm.domain.dates import day_text
from infcrm.services.campaigns.campaign_types import ContentItem, PaymentItem
from infcrm.services.errors import EditConflict
from infcrm.services.restore_points import Undoable
from infcrm.ui import operations, undo_commands
from infcrm.ui.question_box import ask_yes


def holds(item: PaymentItem | ContentItem) -> str:
    """What a payment or post holds, in a few words."""
    if isinstance(item, PaymentItem):
        text = f"{item.amount}, paid on {day_text(item.paid_on)}"
        return text + (f", {item.method}" if item.method else "")
    return f"posted on {day_text(item.posted_on)}, {item.engagements:,} engagements"


def changed_question(conflict: EditConflict, me: str | None) -> str:
    """“Ana changed this since you opened it; it now reads: …. Delete it anyway?”"""
    who = conflict.changed_by or "Someone"
    if conflict.changed_by and conflict.changed_by == me:
        who = "You (in another window)"
    return (
        f"{who} changed this since you opened it; it now reads: {holds(conflict.theirs)}. "
        "Delete it anyway?"
    )


def delete_seen(
    parent: QWidget,
    title: str,
    seen: int,
    delete: Callable[[int], Undoable],
    me: str | None,
    reload: Callable[[], None],
) -> Undoable | None:
    """Delete the version `seen` of a payment or post (`delete(seen)`); the step, or None
    when nothing was deleted. `reload` shows the rows as they are now, before a question."""
    while True:
        # A changed row is asked about below; anything else is said in a message box.
        deleted = operations.run(
            parent, title, lambda seen=seen: delete(seen), general=lambda _message: None
        )
        if not isinstance(deleted.error, EditConflict):
            if deleted.error is not None:
                QMessageBox.warning(parent, title, str(deleted.error))
            break
        reload()
        if not ask_yes(parent, title, changed_question(deleted.error, me), cancel=False):
            return None
        seen = deleted.error.current
    reload()
    return deleted.value if deleted.ok else None


def ask_and_delete(
    parent: QWidget,
    db: Database,
    title: str,
    question: str,
    seen: int,
    delete: Callable[[int], Undoable],
    reload: Callable[[], None],
    undo_title: str,
) -> None:
    """Ask `question`; on Yes delete the version `seen` as `delete_seen` does and make the
    deletion one step of Edit › Undo, “Undo `undo_title`”."""
    if not ask_yes(parent, title, question, cancel=False):
        return
    deleted = delete_seen(parent, title, seen, delete, db.author, reload)
    if deleted is not None:
        undo_commands.remember(db, undo_title, deleted, parent)


__all__ = ["ask_and_delete", "changed_question", "delete_seen", "holds"]
