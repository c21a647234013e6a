"""An open form follows what others save on its record, without touching what the user typed.

A teammate's save reaches this app as the app-wide events (ui/server_refresh.py on a server;
another window of this app announces its own). A form listening here reads its record again
(`catch_up`) once the events have been handled — never in the middle of one of its own saves —
and not while a question of its own (a comparison, “Delete this payment?”) is open over it:
its code is waiting for the answer. A form of its own record opened over it (a payment, a
post, the agreement over the deal window; `a_form_of_its_own`) does not hold it back: the
window behind stays current while the user works in the one on top. The form then
takes the saved value of each field the user left as loaded (`take_saved`), and keeps the
others, and the field the user is typing in even when it reads as loaded (`with_cursor`): its
text may be on its way back to what it was. A field that only holds the cursor (the payment,
post and campaign forms put it in their first field when they open) follows like any other.
A save over the newer version still goes through the comparison.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from infcrm.services.errors import EditConflict
from infcrm.ui.dialogs.edit_conflict_dialog import Difference, refused
from infcrm.ui.events import concerns
from infcrm.ui.screen_fit import screen_of
from infcrm.ui.undo_commands import putting_back
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.widgets.field_error import FieldError

WAIT_MS = 300  # how often a form under one of its own questions looks again
_OWN_RECORD = "infcrm_form_of_its_own"  # the property `a_form_of_its_own` sets


def a_form_of_its_own(dialog: QWidget) -> None:
    """Mark `dialog` as a form that saves its own record: the forms under it keep following
    what others save while it is open (every form that follows saves is one)."""
    dialog.setProperty(_OWN_RECORD, True)


def _holds_back(on_top: QWidget | None, form: QWidget) -> bool:
    """Whether `form` waits for the modal dialog `on_top` to close before catching up: one
    of its questions does, a form of its own record does not."""
    return on_top is not None and on_top is not form and not on_top.property(_OWN_RECORD)


class FollowSaved(QObject):
    """Calls `catch_up` on `form` after `signal` names `record_id` (or "some")."""

    def __init__(
        self,
        form: QWidget,
        signal: SignalInstance,
        record_id: int,
        catch_up: Callable[[], None],
    ) -> None:
        super().__init__(form)
        a_form_of_its_own(form)
        self._form = form
        self._record_id = record_id
        self._fresh = KeepFresh(form, self._when_free, stale=False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fresh.data_changed)
        self._catch_up = catch_up
        # "Undo" or "Redo" when the change heard is the user's own step put back: the rows
        # then carry the name of whoever wrote them before, which is not who changed them now.
        self._put_back: str | None = None
        self._put_back_at: dict[object, str] = {}  # the versions such a step wrote
        signal.connect(self._heard)

    def _heard(self, ids: list[int]) -> None:
        if concerns(ids, self._record_id):
            # A teammate's notice heard before the catch-up runs leaves the user's own step
            # named: on a server a notice of an earlier save can come in just after an Undo,
            # and the form then said the Undo's result was that teammate's save.
            self._put_back = putting_back() or self._put_back
            self._timer.start(0)  # after the event's own handling: a save finishes first

    def _when_free(self) -> None:
        if _holds_back(QApplication.activeModalWidget(), self._form):
            self._timer.start(WAIT_MS)  # a question of the form's own is open over it
            return
        self._catch_up()
        self._put_back = None

    def said(
        self, name: str, changed_by: str | None, me: str | None, kept: bool, version: object
    ) -> str:
        """`followed` for the change being caught up with, which wrote `version` (the user's
        own undo or redo is named as such, and remembered for `put_back_at`)."""
        if self._put_back:
            self._put_back_at[version] = self._put_back
        return followed(name, changed_by, me, kept, self._put_back)

    def put_back_at(self, version: object) -> str | None:
        """The user's own step ("Undo", "Redo") that wrote `version` of the record, as caught
        up with, for the comparison to name rather than the rows' signer; else None."""
        return self._put_back_at.get(version)


def own_step_at(form: QWidget, version: object) -> str | None:
    """`FollowSaved.put_back_at` of `form` (None when it follows nothing: a record gone
    before it opened)."""
    following = form.findChild(FollowSaved)
    return following.put_back_at(version) if following is not None else None


def explain_refusal(
    form: QWidget, line: FieldError, conflict: EditConflict, me: str | None, version: object
) -> str | None:
    """Say on the form's `line` why its save wrote nothing, as the comparison will: who
    changed the record, another window of the user's, or the user's own Undo or Redo
    (`own_step_at`: its rows carry the name of whoever wrote them before, which the
    service's message would name). Returns that step ("Undo", "Redo"), else None."""
    put_back = own_step_at(form, version)
    line.show_error(refused(conflict.name, conflict.changed_by, me, put_back))
    return put_back


class FollowingForm(Protocol):
    """A form that follows saves: its state now and the state it counts as unsaved from."""

    _clean_state: object
    _version: int | None  # the version a save is checked against

    def form_state(self) -> object: ...

    def mark_clean(self) -> None: ...


# A form's widgets per compared key (several when a key spans widgets: an amount and currency).
Fields = Mapping[str, QWidget | tuple[QWidget, ...]]


def typed_into(widget: QWidget) -> bool:
    """Whether the user typed in `widget` since the form last put a value in it (setting a
    value, as loading and following do, clears the mark; the cursor alone does not set it)."""
    if isinstance(widget, (QAbstractSpinBox, QComboBox)):  # typed in their own line edit
        widget = widget.findChild(QLineEdit) or widget
    if isinstance(widget, QLineEdit):
        return widget.isModified()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.document().isModified()
    return False


def forget_typing(form: QWidget) -> None:
    """What the user typed in `form` is saved: no field counts as typed into any more
    (`typed_into`), so the one the cursor stayed in follows the next save of a teammate's."""
    for edit in form.findChildren(QLineEdit):
        edit.setModified(False)
    for text in (*form.findChildren(QPlainTextEdit), *form.findChildren(QTextEdit)):
        text.document().setModified(False)


def with_cursor(form: QWidget, fields: Fields) -> set[str]:
    """The keys whose widget holds the form's focus and was typed into (also while the
    window is in the background: the cursor returns there). A field the cursor only rests
    in, as it does in a form's first field when it opens, is not one of them."""
    focus = form.focusWidget()
    if focus is None or not typed_into(focus):
        return set()
    found = set()
    for key, widgets in fields.items():
        for widget in widgets if isinstance(widgets, tuple) else (widgets,):
            if widget is focus or widget.isAncestorOf(focus):
                found.add(key)
    return found


def take_saved(
    form: FollowingForm,
    found: Iterable[Difference],
    take: Callable[[list[str]], None],
    cursor: set[str],
    version: int,
) -> bool:
    """Show the saved value of each differing field the user left as loaded and is not
    typing in (`cursor`, see `with_cursor`; `take` puts them in the form). Returns whether
    the form kept something that differs from the saved version (an edit, or the field
    being typed in): then it keeps the version it was loaded at, its clean state moves to
    the taken values (`refreshed`) so edits still count as unsaved, and saving compares
    both versions. Otherwise the form takes the saved `version` and is clean."""
    found = list(found)
    kept = {d.key for d in found if d.you_changed or d.key in cursor}
    loaded, before = form._clean_state, form.form_state()
    with cursor_kept(form.focusWidget()):  # type: ignore[attr-defined]
        take([d.key for d in found if d.key not in kept])
    if kept or before != loaded:
        form._clean_state = refreshed(loaded, before, form.form_state())
        return True
    form._version = version
    form.mark_clean()
    return False


@contextmanager
def cursor_kept(focus: QWidget | None) -> Iterator[None]:
    """The field with the cursor, when it takes a saved value, keeps the cursor where it
    was (a field whose whole text was selected, as one the form opened in is, selects the
    new text from its start): replacing the text would put it at the end, and a long name
    would show only its last words."""
    if isinstance(focus, QLineEdit):
        text, at = focus.text(), focus.cursorPosition()
        whole = bool(text) and focus.selectedText() == text
        yield
        if focus.text() != text:
            length = len(focus.text())
            if whole:
                focus.setSelection(length, -length)
            else:
                focus.setCursorPosition(length if at == len(text) else min(at, length))
    elif isinstance(focus, QPlainTextEdit):
        text, at = focus.toPlainText(), focus.textCursor().position()
        yield
        if focus.toPlainText() != text:  # else its cursor and selection are as they were
            cursor = focus.textCursor()
            cursor.setPosition(min(at, len(focus.toPlainText())))
            focus.setTextCursor(cursor)
    else:
        yield


def refreshed(loaded: object, before: object, after: object) -> object:
    """The form's clean state once it took saved values: each value the user had left as
    `loaded` (`before` the take) is now what the form holds (`after`); an edited one keeps
    its loaded value, so it still counts as unsaved. Dataclasses and tuples field by field."""
    if loaded == before:
        return after
    if dataclasses.is_dataclass(loaded) and not isinstance(loaded, type):
        return dataclasses.replace(
            loaded,
            **{
                field.name: refreshed(*(getattr(s, field.name) for s in (loaded, before, after)))
                for field in dataclasses.fields(loaded)
            },
        )
    same_shape = all(isinstance(s, tuple) and len(s) == len(loaded) for s in (before, after))
    if isinstance(loaded, tuple) and same_shape:
        return tuple(refreshed(*parts) for parts in zip(loaded, before, after, strict=True))
    return loaded


def followed_note() -> QLabel:
    """The line a form shows `followed` on, hidden until it first catches up."""
    note = QLabel()
    note.setWordWrap(True)
    note.hide()
    return note


def show_followed(note: QLabel, text: str) -> None:
    """Say `text` on a form's `followed_note`, the form growing to show it whole: a dialog
    does not grow for a wrapped line by itself, and squashed its fields to make room."""
    note.setText(text)
    note.show()
    form = note.window()
    need = form.heightForWidth(form.width())
    screen = screen_of(form)
    if screen is not None:  # never past the bottom of a small screen (its title bar aside)
        need = min(need, screen.availableGeometry().height() - 40)
    if need > form.height():
        form.resize(form.width(), need)


def followed(
    name: str, changed_by: str | None, me: str | None, kept: bool, put_back: str | None = None
) -> str:
    """What the form says after catching up: whose save it shows (or that the user's own
    `put_back`, "Undo" or "Redo", changed it), and that edits stay."""
    who = "another window" if changed_by and changed_by == me else changed_by or "someone"
    if not kept:
        if put_back:
            return f"Updated with what {put_back} put back just now."
        return f"Updated with what {who} saved just now."
    done = f"changed by {put_back}" if put_back else f"saved by {who}"
    return (
        f"{name} was {done} while you were editing: the rest is updated, what you typed "
        "stays; saving shows both versions where they differ."
    )


__all__ = [
    "FollowSaved",
    "a_form_of_its_own",
    "cursor_kept",
    "explain_refusal",
    "followed",
    "followed_note",
    "forget_typing",
    "own_step_at",
    "refreshed",
    "show_followed",
    "take_saved",
    "typed_into",
    "with_cursor",
]
