"""The one way to run a user action: call the service, show what went wrong, tell the screens.

Every button or menu entry that changes data runs its service call through `run` (quick
writes, on the window's thread) or `run_in_background` (long ones, behind a progress dialog
with Cancel). Both

- turn the errors a user can meet into a message in one place: `InvalidInput` beside the
  form's fields when the dialog has them, `NotFound` (someone deleted the record meanwhile)
  and `Refused` in the form's general line or a message box, `StorageError` (a full disk, a
  busy or read-only file) in a message box, a server that does not answer (`ServerUnreachable`)
  where `Refused` goes — the service has already rolled everything back;
- announce what the service reports it changed (`services/changes.Changes`) as the app-wide
  signals of `ui/events.py`, so no dialog emits them by hand and none can forget one.

Anything else is a bug and goes on to the excepthook (`ui/error_report.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from infcrm.services.changes import Changes
from infcrm.services.errors import (
    InvalidInput,
    NotFound,
    Refused,
    ServerUnreachable,
    StorageError,
)
from infcrm.services.progress import Cancelled
from infcrm.ui.events import events
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.workers import Progress, run_with_progress

T = TypeVar("T")

# Where a refused form's messages go: a field's FieldError by key, or a function of its own.
FormErrors = Mapping[str, FieldError] | Callable[[Mapping[str, str]], None]
# Where a message that belongs to no field goes: an error line, or a function of its own.
GeneralError = FieldError | Callable[[str], None]
# What the action changed: given, read from its result, or left to the result itself.
ChangesFrom = Changes | Callable[[T], Changes] | None


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """How a user action ended: its result, or the message the user was shown."""

    value: T | None = None
    message: str | None = None  # the sentence shown when it did not happen
    cancelled: bool = False
    error: Exception | None = None  # the refusal itself, for a form that acts on it

    @property
    def ok(self) -> bool:
        """Whether the action happened."""
        return self.message is None and not self.cancelled


def announce(changes: Changes) -> None:
    """Emit the app-wide signals for what changed (the one place they are emitted from)."""
    if changes.people is not None:
        events.influencers_changed.emit(list(changes.people))
    if changes.pipeline is not None:
        events.pipeline_changed.emit(list(changes.pipeline))
    if changes.outreach is not None:
        events.interactions_changed.emit(list(changes.outreach))
    if changes.follow_ups:
        events.follow_ups_changed.emit()
    if changes.campaigns is not None:
        events.campaigns_changed.emit(list(changes.campaigns))
    if changes.deals is not None:
        events.deals_changed.emit(list(changes.deals))
    if changes.duplicates:
        events.duplicates_changed.emit()
    if changes.stages:
        events.stages_changed.emit()
    if changes.settings:
        events.settings_changed.emit()
    if changes.views:
        events.saved_views_changed.emit()


def run(
    parent: QWidget | None,
    title: str,
    action: Callable[[], T],
    *,
    changes: ChangesFrom = None,
    form: FormErrors | None = None,
    general: GeneralError | None = None,
    also_expected: tuple[type[Exception], ...] = (),
) -> Outcome[T]:
    """Run `action` now (a quick write); see the module's text for what it takes care of.

    `form` receives a refused form's field messages; `general` shows messages that belong to
    no field (else a message box titled `title`). `also_expected` names further errors whose
    message is for the user (a file that is not an email, say).
    """
    try:
        value = action()
    except Exception as error:  # sorted below; anything unexpected is re-raised
        return _failed(parent, title, error, form, general, also_expected)
    _announce_result(value, changes)
    return Outcome(value)


def run_in_background(
    parent: QWidget | None,
    title: str,
    job: Callable[[Progress], T],
    *,
    label: str = "Working…",
    cancellable: bool = True,
    changes: ChangesFrom = None,
    form: FormErrors | None = None,
    general: GeneralError | None = None,
    also_expected: tuple[type[Exception], ...] = (),
) -> Outcome[T]:
    """Run `job(progress)` on a worker thread behind a progress dialog, then as `run` does.

    Cancel ends it quietly (`Outcome.cancelled`): the job undid what it had started.
    """
    try:
        value = run_with_progress(parent, title, job, label=label, cancellable=cancellable)
    except Cancelled:
        return Outcome(cancelled=True)
    except Exception as error:
        return _failed(parent, title, error, form, general, also_expected)
    _announce_result(value, changes)
    return Outcome(value)


def _announce_result(value: object, changes: ChangesFrom) -> None:
    if callable(changes):
        found = changes(value)
    elif changes is not None:
        found = changes
    elif isinstance(value, Changes):
        found = value
    else:
        found = getattr(value, "changes", None)
    if isinstance(found, Changes):
        announce(found)


def _failed(
    parent: QWidget | None,
    title: str,
    error: Exception,
    form: FormErrors | None,
    general: GeneralError | None,
    also_expected: tuple[type[Exception], ...],
) -> Outcome:
    if isinstance(error, InvalidInput):
        left = _show_field_errors(error.errors, form)
        if left:
            _tell(parent, title, " ".join(left.values()), general)
        return Outcome(message=str(error))
    if isinstance(error, (NotFound, Refused, *also_expected)):
        _tell(parent, title, str(error), general)
        return Outcome(message=str(error), error=error)
    if isinstance(error, ServerUnreachable):
        # In the form's own line when it has one: the edit stays open beside the sentence
        # that says it is kept; the window goes offline until the server answers.
        events.server_unreachable.emit(error.host)
        _tell(parent, title, str(error), general)
        return Outcome(message=str(error), error=error)
    if isinstance(error, StorageError):
        # Never beside a field: the form's input was fine, the file or server was not.
        QMessageBox.warning(parent, title, str(error))
        return Outcome(message=str(error))
    raise error


def _show_field_errors(errors: Mapping[str, str], form: FormErrors | None) -> dict[str, str]:
    """Put each message beside its field; returns the messages that found no field."""
    if form is None:
        return dict(errors)
    if callable(form):
        form(errors)
        return {}
    left: dict[str, str] = {}
    for key, message in errors.items():
        target = form.get(key)
        if target is None:
            left[key] = message
        else:
            target.show_error(message)
    return left


def _tell(parent: QWidget | None, title: str, message: str, general: GeneralError | None) -> None:
    if isinstance(general, FieldError):
        general.show_error(message)
    elif general is not None:
        general(message)
    else:
        QMessageBox.warning(parent, title, message)
